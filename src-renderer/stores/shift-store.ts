import { create } from 'zustand';
import type { ZReportView } from '../../shared/ipc/types';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

interface ShiftState {
  /** The open shift with its figures so far; null when none is open. */
  current: ZReportView | null;
  loaded: boolean;
  /** The Z report of the shift just closed, shown until a new shift opens. */
  closed: ZReportView | null;
  error: string | null;
  load: () => Promise<void>;
  open: (openingFloat: number) => Promise<Failure | null>;
  close: (countedCash: number) => Promise<Failure | null>;
  dismissReport: () => void;
  /** Forgets everything when staff sign out: the next person reads the shift afresh. */
  reset: () => void;
}

export const useShiftStore = create<ShiftState>()((set) => ({
  current: null,
  loaded: false,
  closed: null,
  error: null,
  async load() {
    const result = await api.shift.current({});
    if (!result.ok) {
      noteFailure(result);
      return set({ error: result.message, loaded: true });
    }
    set({ current: result.value, loaded: true, error: null });
  },
  async open(openingFloat) {
    const result = await api.shift.open({ openingFloat });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ current: result.value, closed: null, error: null });
    void useTerminalStore.getState().refresh();
    return null;
  },
  async close(countedCash) {
    const result = await api.shift.close({ countedCash });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ current: null, closed: result.value, error: null });
    void useTerminalStore.getState().refresh();
    return null;
  },
  dismissReport() {
    set({ closed: null });
  },
  reset() {
    set({ current: null, loaded: false, closed: null, error: null });
  },
}));
