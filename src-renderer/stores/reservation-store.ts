import { create } from 'zustand';
import type { ReservationListView, ReservationView } from '../../shared/ipc/reservation-schemas';
import { api } from '../api';
import { useSellStore, type Failure } from './sell-store';
import { noteFailure, useSessionStore } from './session-store';

// Reservations (docs/RESERVATIONS.md): reserving the sell screen's cart, and the will-call list with
// its pickup (the lines go into the cart, then the sell screen takes payment) and cancel.

interface ReservationState {
  performanceId: string | null;
  query: string;
  list: ReservationListView | null;
  error: string | null;
  /** The reservation just made, shown with its reference until closed. */
  made: ReservationView | null;
  reserve: (expiresAt: string | undefined) => Promise<Failure | null>;
  closeMade: () => void;
  setPerformance: (performanceId: string) => Promise<void>;
  setQuery: (query: string) => void;
  load: () => Promise<void>;
  pickup: (ref: string) => Promise<Failure | null>;
  cancel: (ref: string, reason: string) => Promise<Failure | null>;
  reset: () => void;
}

const initial = { performanceId: null, query: '', list: null, error: null, made: null };

export const useReservationStore = create<ReservationState>()((set, get) => {
  const failed = (failure: Failure): Failure => {
    noteFailure(failure);
    set({ error: failure.message });
    return failure;
  };
  return {
    ...initial,
    async reserve(expiresAt) {
      const cart = useSellStore.getState().cart;
      if (!cart) return null;
      const result = await api.reservations.reserve({ cartId: cart.id, ...(expiresAt ? { expiresAt } : {}) });
      if (!result.ok) return failed(result);
      set({ made: result.value, error: null });
      // The cart was emptied by the reservation, and its seats are now held.
      await useSellStore.getState().loadCatalogue();
      await useSellStore.getState().refreshAvailability();
      return null;
    },
    closeMade: () => set({ made: null }),
    async setPerformance(performanceId) {
      set({ performanceId, query: '' });
      await get().load();
    },
    setQuery: (query) => set({ query }),
    async load() {
      const { performanceId, query } = get();
      const result = await api.reservations.list({
        ...(performanceId ? { performanceId } : {}),
        ...(query.trim() ? { query: query.trim() } : {}),
      });
      if (!result.ok) return void failed(result);
      set({ list: result.value, error: null });
    },
    async pickup(ref) {
      const result = await api.reservations.pickup({ ref });
      if (!result.ok) return failed(result);
      set({ error: null });
      useSellStore.setState({ cart: result.value, error: null, lastSale: null });
      useSessionStore.getState().setView('sell');
      return null;
    },
    async cancel(ref, reason) {
      const result = await api.reservations.cancel({ ref, reason });
      if (!result.ok) return failed(result);
      await get().load();
      return null;
    },
    reset: () => set(initial),
  };
});
