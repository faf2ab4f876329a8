import { create } from 'zustand';
import { api } from '../api';
import { noteFailure, useSessionStore } from './session-store';

// docs/CASH.md "Training mode": whether this terminal is in training, and the manager's switch. Main
// decides (staff.manage); after a switch the session is read again, as it says whether its sales are
// training and the banner follows it.

interface TrainingState {
  terminal: boolean | null;
  /** The back office's switch for this terminal, as the last pull said; this screen cannot change it. */
  server: boolean;
  error: string | null;
  busy: boolean;
  load: () => Promise<void>;
  set: (on: boolean) => Promise<void>;
}

export const useTrainingStore = create<TrainingState>()((set) => ({
  terminal: null,
  server: false,
  error: null,
  busy: false,
  async load() {
    const result = await api.training.get({});
    if (!result.ok) {
      noteFailure(result);
      return set({ error: result.message });
    }
    set({ terminal: result.value.terminal, server: result.value.server, error: null });
  },
  async set(on) {
    set({ busy: true });
    const result = await api.training.set({ on });
    if (!result.ok) {
      noteFailure(result);
      return set({ busy: false, error: result.message });
    }
    set({ busy: false, terminal: result.value.terminal, server: result.value.server, error: null });
    await useSessionStore.getState().load();
  },
}));
