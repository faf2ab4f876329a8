import { create } from 'zustand';
import type { CartView } from '../../shared/ipc/domains/sell';
import type { BestAvailableView, SeatMapView } from '../../shared/ipc/seating-schemas';
import type { Result } from '../../shared/result';
import { api } from '../api';
import { useSellStore } from './sell-store';
import { noteFailure } from './session-store';

// The seats of the performance open at the window (docs/SEATING.md "At the window"): its map and states
// from the terminal core (pos:seats:map), picking and giving back seats, and best available. The core
// decides everything (prices, holds on the server, leases offline); this store only asks and shows.

const seats = api.seats;

/** How often the open map asks again, so seats taken at other windows show as taken. */
export const SEAT_REFRESH_MS = 4000;

export interface TicketTypeChoice {
  id: string;
  name: string;
}

interface SeatState {
  /** The performance asked about; `view` is its map once the core answered. */
  performanceId: string | null;
  /** 'none': the performance sells without seats. */
  status: 'idle' | 'loading' | 'seated' | 'none';
  view: SeatMapView | null;
  ticketTypeId: string | null;
  /** The last best-available answer, shown until taken or dismissed. */
  best: BestAvailableView | null;
  error: string | null;
  busy: boolean;
  open: (performanceId: string) => Promise<void>;
  refresh: () => Promise<void>;
  close: () => void;
  setTicketType: (ticketTypeId: string) => void;
  /** A click or Enter on a seat: take it, or give it back when it is already in this cart. */
  toggle: (seatId: string) => Promise<void>;
  pick: (seatIds: string[]) => Promise<void>;
  findBest: (n: number, band: string | null) => Promise<void>;
  takeBest: (which: 'together' | 'split') => Promise<void>;
  dismissBest: () => void;
}

/** The ticket types the map's bands are priced in, in the core's order: the first is the default. */
export function ticketTypes(view: SeatMapView | null): TicketTypeChoice[] {
  const seen = new Map<string, string>();
  for (const band of view?.bands ?? [])
    for (const p of band.prices) if (!seen.has(p.ticketTypeId)) seen.set(p.ticketTypeId, p.ticketTypeName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export const useSeatStore = create<SeatState>()((set, get) => {
  // Answers for a performance no longer open are dropped.
  let asked = 0;

  const takeCart = async (result: Result<CartView>): Promise<void> => {
    if (!result.ok) {
      noteFailure(result);
      set({ error: result.message, busy: false });
      await get().refresh();
      return;
    }
    useSellStore.getState().takeCart(result);
    set({ error: null });
    await get().refresh();
    set({ busy: false });
  };

  return {
    performanceId: null,
    status: 'idle',
    view: null,
    ticketTypeId: null,
    best: null,
    error: null,
    busy: false,

    async open(performanceId) {
      const ticket = ++asked;
      set({ performanceId, status: 'loading', view: null, best: null, error: null });
      const result = await seats.map({ performanceId });
      if (ticket !== asked) return;
      if (!result.ok) {
        // An unseated performance sells from its ticket buttons; anything else is said as well.
        if (result.reason !== 'SEAT_NOT_SEATED') noteFailure(result);
        return set({ status: 'none' });
      }
      const first = ticketTypes(result.value)[0]?.id ?? null;
      const keep = get().ticketTypeId;
      const types = ticketTypes(result.value);
      set({
        status: 'seated',
        view: result.value,
        ticketTypeId: keep && types.some((t) => t.id === keep) ? keep : first,
      });
    },

    async refresh() {
      const { performanceId, status } = get();
      if (!performanceId || status !== 'seated') return;
      const ticket = asked;
      // The states alone; the map (and its prices) again only when a new version of it arrived, so the
      // drawn map keeps its zoom and focus meanwhile.
      const result = await seats.states({ performanceId });
      if (ticket !== asked || !result.ok) return;
      const view = get().view;
      if (view && view.map.id === result.value.mapId && view.map.version === result.value.mapVersion)
        return set({ view: { ...view, ...result.value } });
      const full = await seats.map({ performanceId });
      if (ticket === asked && full.ok) set({ view: full.value });
    },

    close() {
      asked++;
      set({ performanceId: null, status: 'idle', view: null, best: null, error: null, busy: false });
    },

    setTicketType: (ticketTypeId) => set({ ticketTypeId }),

    async toggle(seatId) {
      const view = get().view;
      if (!view || get().busy) return;
      if (view.mine.cart.includes(seatId)) {
        set({ busy: true });
        return takeCart(await seats.unpick({ seatIds: [seatId] }));
      }
      return get().pick([seatId]);
    },

    async pick(seatIds) {
      const { view, ticketTypeId, busy } = get();
      if (!view || !ticketTypeId || busy || seatIds.length === 0) return;
      set({ busy: true });
      useSellStore.getState().newSale();
      await takeCart(await seats.pick({ performanceId: view.performanceId, seatIds, ticketTypeId }));
    },

    async findBest(n, band) {
      const view = get().view;
      if (!view) return;
      const result = await seats.best({ performanceId: view.performanceId, n, ...(band ? { band } : {}) });
      if (!result.ok) {
        noteFailure(result);
        return set({ error: result.message, best: null });
      }
      set({ best: result.value, error: null });
    },

    async takeBest(which) {
      const best = get().best;
      if (!best) return;
      const ids = which === 'together' ? best.seatIds : best.split?.flat();
      if (!ids || ids.length === 0) return;
      set({ best: null });
      await get().pick(ids);
    },

    dismissBest: () => set({ best: null }),
  };
});
