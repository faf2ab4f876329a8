import { create } from 'zustand';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

interface SyncState {
  busy: boolean;
  /** The core's sentence for the last failed "Sync now". */
  error: string | null;
  /** When the last "Sync now" went through (ISO instant), to confirm it on screen. */
  syncedAt: string | null;
  /** Enrols this terminal; on success main has signed the user out. Nothing typed is cleared on a failure. */
  enrol: (enrolmentCode: string, name: string) => Promise<Failure | null>;
  syncNow: () => Promise<void>;
  reset: () => void;
}

export const useSyncStore = create<SyncState>()((set) => ({
  busy: false,
  error: null,
  syncedAt: null,
  async enrol(enrolmentCode, name) {
    set({ busy: true });
    const result = await api.sync.enrol({ enrolmentCode, name });
    set({ busy: false });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    useTerminalStore.getState().takeSync(result.value);
    await useTerminalStore.getState().refresh();
    set({ error: null, syncedAt: null });
    return null;
  },
  async syncNow() {
    set({ busy: true, error: null });
    const result = await api.sync.now({});
    if (!result.ok) {
      noteFailure(result);
      set({ busy: false, error: result.message, syncedAt: null });
      await useTerminalStore.getState().refresh();
      return;
    }
    useTerminalStore.getState().takeSync(result.value);
    set({ busy: false, error: null, syncedAt: new Date().toISOString() });
  },
  reset() {
    set({ busy: false, error: null, syncedAt: null });
  },
}));
