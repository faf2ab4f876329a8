import { create } from 'zustand';
import type {
  Language,
  PosEvent,
  SyncStatus,
  TerminalSettings,
  TerminalStatus,
} from '../../shared/ipc/types';
import { api, posEvents } from '../api';

interface TerminalState {
  status: TerminalStatus | null;
  settings: TerminalSettings;
  /** The core's own sentence when a call failed; shown as is. */
  error: string | null;
  load: () => Promise<void>;
  /** Re-reads the status after something changed it (a sale adds an unsynced event). */
  refresh: () => Promise<void>;
  setLanguage: (language: Language) => Promise<void>;
  /** Takes a sync status main answered with (after enrolment or "Sync now"). */
  takeSync: (sync: SyncStatus) => void;
}

export const useTerminalStore = create<TerminalState>()((set) => ({
  status: null,
  settings: { language: 'en' },
  error: null,
  async load() {
    const [status, settings] = await Promise.all([api.system.status({}), api.settings.get({})]);
    if (!status.ok) return set({ error: status.message });
    if (!settings.ok) return set({ error: settings.message });
    set({ status: status.value, settings: settings.value, error: null });
  },
  async refresh() {
    const status = await api.system.status({});
    if (status.ok) set({ status: status.value });
  },
  async setLanguage(language) {
    const result = await api.settings.update({ language });
    set(result.ok ? { settings: result.value, error: null } : { error: result.message });
  },
  takeSync(sync) {
    set((state) => (state.status ? { status: { ...state.status, sync } } : {}));
  },
}));

function isPosEvent(event: unknown): event is PosEvent {
  return typeof event === 'object' && event !== null && 'type' in event;
}

/** Keeps the store in step with pushes from main; returns the unsubscribe function. */
export function followTerminalEvents(): () => void {
  return posEvents.subscribe((event) => {
    if (!isPosEvent(event)) return;
    if (event.type === 'server-status') {
      useTerminalStore.setState((state) =>
        state.status ? { status: { ...state.status, server: event.server } } : {},
      );
    } else if (event.type === 'sync-status') {
      useTerminalStore.getState().takeSync(event.sync);
      // The event carries the sync side only; the outbox count and terminal id follow from main.
      void useTerminalStore.getState().refresh();
    }
  });
}
