import { create } from 'zustand';
import type { CatalogueEvent, TicketOffer } from '../../shared/ipc/domains/catalogue';
import type { ExchangePreview, ExchangeView } from '../../shared/ipc/domains/sales';
import type { TenderInput } from '../../shared/ipc/contract';
import type { SaleView } from '../../shared/ipc/types';
import { api } from '../api';
import type { UnitRef } from './refund-store';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

// Exchanging units of this terminal's order from the journal (docs/ORDERS.md "Exchanges"): the sale's
// units, the performances and prices to exchange for, main's preview and the exchange itself.

/** What the cashier asks for; the form keeps it, the store sends it. */
export interface ExchangeAsk {
  units: UnitRef[];
  performanceId: string;
  ticketPriceId: string;
  qty: number;
  reason: string;
  fullPrice: boolean;
}

interface ExchangeState {
  sale: SaleView | null;
  events: CatalogueEvent[];
  /** The ticket prices of the performance picked, by performance id. */
  offers: Record<string, TicketOffer[]>;
  preview: ExchangePreview | null;
  done: ExchangeView | null;
  error: string | null;
  load: (saleId: string) => Promise<void>;
  loadOffers: (performanceId: string) => Promise<void>;
  showPreview: (ask: ExchangeAsk) => Promise<Failure | null>;
  exchange: (ask: ExchangeAsk, tenders: TenderInput[]) => Promise<Failure | null>;
  clear: () => void;
}

const request = (saleId: string, ask: ExchangeAsk) => ({
  saleId,
  units: ask.units,
  lines: [{ performanceId: ask.performanceId, ticketPriceId: ask.ticketPriceId, qty: ask.qty }],
  reason: ask.reason,
  ...(ask.fullPrice ? { fullPrice: true } : {}),
});

export const useExchangeStore = create<ExchangeState>()((set, get) => ({
  sale: null,
  events: [],
  offers: {},
  preview: null,
  done: null,
  error: null,
  async load(saleId) {
    set({ sale: null, preview: null, done: null, error: null });
    const [sale, events] = await Promise.all([api.sales.find({ saleId }), api.catalogue.events({})]);
    if (!sale.ok) {
      noteFailure(sale);
      set({ error: sale.message });
      return;
    }
    set({ sale: sale.value, events: events.ok ? events.value : [] });
  },
  async loadOffers(performanceId) {
    if (get().offers[performanceId]) return;
    const result = await api.catalogue.performance({ performanceId });
    if (result.ok) set({ offers: { ...get().offers, [performanceId]: result.value.tickets } });
  },
  async showPreview(ask) {
    const sale = get().sale;
    if (!sale) return null;
    const result = await api.sales.exchangePreview(request(sale.sale.id, ask));
    if (!result.ok) {
      noteFailure(result);
      set({ preview: null });
      return result;
    }
    set({ preview: result.value });
    return null;
  },
  async exchange(ask, tenders) {
    const sale = get().sale;
    if (!sale) return null;
    const result = await api.sales.exchange({ ...request(sale.sale.id, ask), tenders });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ done: result.value, preview: null });
    void useTerminalStore.getState().refresh();
    return null;
  },
  clear() {
    set({ sale: null, preview: null, done: null, error: null });
  },
}));
