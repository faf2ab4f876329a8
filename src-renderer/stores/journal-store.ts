import { create } from 'zustand';
import type { JournalOrderView, JournalScope } from '../../shared/ipc/domains/journal';
import type { OrderRow } from '../../shared/reports/orders';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';

// The sales journal screen (docs/ORDERS.md): one search, its filters, the rows found and the order
// open. Main decides what is searched (the server's journal or this terminal's) and says which.

export interface JournalFilters {
  /** Dates (YYYY-MM-DD) in the terminal's local time; empty for none. */
  from: string;
  to: string;
  performanceId: string;
  cashierId: string;
}

export const NO_FILTERS: JournalFilters = { from: '', to: '', performanceId: '', cashierId: '' };

interface JournalState {
  q: string;
  filters: JournalFilters;
  rows: OrderRow[];
  scope: JournalScope | null;
  notice: string | null;
  nextCursor: string | null;
  searched: boolean;
  error: string | null;
  order: JournalOrderView | null;
  /** The outcome of the last reprint, as a sentence. */
  printed: { ok: boolean; message: string } | null;
  search: (q: string, filters: JournalFilters) => Promise<void>;
  more: () => Promise<void>;
  open: (ref: string) => Promise<boolean>;
  close: () => void;
  reprintReceipt: () => Promise<Failure | null>;
  reprintTickets: () => Promise<Failure | null>;
  reset: () => void;
}

const EMPTY = {
  q: '',
  filters: NO_FILTERS,
  rows: [],
  scope: null,
  notice: null,
  nextCursor: null,
  searched: false,
  error: null,
  order: null,
  printed: null,
};

/** A local date's start, or its end, as an instant with its offset. */
const dayStart = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : undefined);
const dayEnd = (date: string) => (date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined);

function request(q: string, f: JournalFilters, cursor?: string) {
  const optional = (value: string | undefined) => (value ? value : undefined);
  return Object.fromEntries(
    Object.entries({
      q: optional(q),
      from: dayStart(f.from),
      to: dayEnd(f.to),
      performanceId: optional(f.performanceId),
      cashierId: optional(f.cashierId),
      cursor,
    }).filter(([, v]) => v !== undefined),
  );
}

export const useJournalStore = create<JournalState>()((set, get) => ({
  ...EMPTY,
  async search(q, filters) {
    const result = await api.journal.search(request(q, filters));
    if (!result.ok) {
      noteFailure(result);
      set({ q, filters, error: result.message, rows: [], nextCursor: null, searched: true });
      return;
    }
    const { rows, scope, notice, nextCursor } = result.value;
    set({ q, filters, rows, scope, notice, nextCursor, searched: true, error: null });
  },
  async more() {
    const { q, filters, nextCursor } = get();
    if (!nextCursor) return;
    const result = await api.journal.search(request(q, filters, nextCursor));
    if (!result.ok) {
      noteFailure(result);
      set({ error: result.message });
      return;
    }
    set((s) => ({ rows: [...s.rows, ...result.value.rows], nextCursor: result.value.nextCursor }));
  },
  async open(ref) {
    const result = await api.journal.open({ ref });
    if (!result.ok) {
      noteFailure(result);
      set({ error: result.message });
      return false;
    }
    set({ order: result.value, error: null, printed: null });
    return true;
  },
  close: () => set({ order: null, printed: null }),
  async reprintReceipt() {
    const order = get().order;
    if (!order) return null;
    const result = await api.print.receipt({ saleId: order.order.orderId, duplicate: true });
    return afterPrint(result, order.order.orderId);
  },
  async reprintTickets() {
    const order = get().order;
    if (!order) return null;
    const result = await api.tickets.reprint({ saleId: order.order.orderId, mode: 'same_barcode' });
    return afterPrint(result, order.order.orderId);
  },
  reset: () => set(EMPTY),
}));

/** After a reprint: the sentence, and the order again so its history shows the reprint. */
async function afterPrint(
  result: { ok: true } | ({ ok: false } & Failure),
  orderId: string,
): Promise<Failure | null> {
  if (!result.ok) {
    noteFailure(result);
    useJournalStore.setState({ printed: { ok: false, message: result.message } });
    return result;
  }
  await useJournalStore.getState().open(orderId);
  useJournalStore.setState({ printed: { ok: true, message: '' } });
  return null;
}
