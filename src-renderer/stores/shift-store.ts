import { create } from 'zustand';
import type { CashMovementInput } from '../../shared/cash/movements';
import type { CashMovementView } from '../../shared/ipc/domains/shift';
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
  /** Records a cash movement (docs/CASH.md); the figures follow. Returns the refusal, or what was done. */
  moveCash: (input: CashMovementInput) => Promise<Failure | CashMovementView>;
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
  async moveCash(input) {
    const result = await api.cash.move(input);
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ current: result.value.report, error: null });
    void useTerminalStore.getState().refresh();
    return result.value;
  },
  dismissReport() {
    set({ closed: null });
  },
  reset() {
    set({ current: null, loaded: false, closed: null, error: null });
  },
}));
