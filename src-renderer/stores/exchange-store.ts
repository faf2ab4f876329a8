import { create } from 'zustand';
import type { CatalogueEvent, TicketOffer } from '../../shared/ipc/domains/catalogue';
import type { ExchangePreview, ExchangeView, PaymentRow } from '../../shared/ipc/domains/sales';
import type { TenderInput } from '../../shared/ipc/contract';
import { api } from '../api';
import type { UnitRef } from './refund-store';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

// Exchanging units of an order from the journal (docs/ORDERS.md "Exchanges"): the order's units (of
// this terminal's sale, or of another terminal's as the server holds it, online), the performances and
// prices to exchange for, main's preview and the exchange itself.

/** The order as the form shows it, whichever terminal sold it. */
export interface ExchangeOrder {
  saleId: string;
  currency: string;
  /** The units still charged, to tick. */
  open: { lineId: string; unitIndex: number; name: string; total: number }[];
  /** Its payments and payouts, for the tender the difference goes back in. */
  payments: { tender: PaymentRow['tender']; amount: number; refundId?: string | null }[];
}

/** What the cashier asks for; the form keeps it, the store sends it. */
export interface ExchangeAsk {
  units: UnitRef[];
  performanceId: string;
  ticketPriceId: string;
  qty: number;
  /** A `refund` reason from the organisation's list, and the note when one was typed. */
  reason: string;
  note?: string;
  fullPrice: boolean;
}

interface ExchangeState {
  sale: ExchangeOrder | null;
  events: CatalogueEvent[];
  /** The ticket prices of the performance picked, by performance id. */
  offers: Record<string, TicketOffer[]>;
  preview: ExchangePreview | null;
  done: ExchangeView | null;
  error: string | null;
  /** `elsewhere`: another terminal's order, read from the server. */
  load: (saleId: string, elsewhere: boolean) => Promise<void>;
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
  ...(ask.note ? { note: ask.note } : {}),
  ...(ask.fullPrice ? { fullPrice: true } : {}),
});

async function localOrder(saleId: string) {
  const found = await api.sales.find({ saleId });
  if (!found.ok) return found;
  const { sale, lines, units, payments } = found.value;
  const order: ExchangeOrder = {
    saleId: sale.id,
    currency: sale.currency,
    open: units
      .filter((u) => u.refundId === null && u.refundedElsewhereId === null)
      .map((u) => ({ ...u, name: lines.find((l) => l.id === u.lineId)?.name ?? '' })),
    payments,
  };
  return { ok: true as const, value: order };
}

async function remoteOrder(saleId: string) {
  const found = await api.sales.order({ saleId });
  if (!found.ok) return found;
  const { currency, units, payments } = found.value;
  const order: ExchangeOrder = {
    saleId,
    currency,
    open: units.filter((u) => !u.refunded),
    payments,
  };
  return { ok: true as const, value: order };
}

export const useExchangeStore = create<ExchangeState>()((set, get) => ({
  sale: null,
  events: [],
  offers: {},
  preview: null,
  done: null,
  error: null,
  async load(saleId, elsewhere) {
    set({ sale: null, preview: null, done: null, error: null });
    const [sale, events] = await Promise.all([
      elsewhere ? remoteOrder(saleId) : localOrder(saleId),
      api.catalogue.events({}),
    ]);
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
    const result = await api.sales.exchangePreview(request(sale.saleId, ask));
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
    const result = await api.sales.exchange({ ...request(sale.saleId, ask), tenders });
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
