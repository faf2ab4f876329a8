import { create } from 'zustand';
import type { channels } from '../../shared/ipc/channels';
import type { RequestOf, TenderInput } from '../../shared/ipc/contract';
import type { CartView, CodeOption, CustomerInput, VoucherCheckView } from '../../shared/ipc/domains/sell';
import type { CatalogueEvent, PerformanceOffer, SaleView } from '../../shared/ipc/types';
import type { Result } from '../../shared/result';
import { api } from '../api';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

/** A failure as the core said it: the machine reason and the sentence for staff. */
export interface Failure {
  reason: string;
  message: string;
}

interface CodeSearch {
  /** What is in the code field now. */
  query: string;
  /** The query the shown options answer; equal to `query` once the list caught up. */
  answered: string | null;
  options: CodeOption[];
  error: string | null;
}

interface SellState {
  events: CatalogueEvent[];
  eventId: string | null;
  offer: PerformanceOffer | null;
  cart: CartView | null;
  /** The core's sentence for the last failed cart action (capacity, unknown item…). */
  error: string | null;
  /** The core's sentence for the last code that could not be applied, shown beside the code field. */
  codeError: string | null;
  search: CodeSearch;
  lastSale: SaleView | null;
  receiptSvg: string | null;
  /** Customers of this terminal's latest sales, to pick again. */
  /** Puts a customer on the cart (per-customer limits need one); a failure leaves the cart as it was. */
  setCustomer: (customer: CustomerInput | null) => Promise<Failure | null>;
  /** Attaches a customer of the store by id; the main process reads their figures (docs/CUSTOMERS.md). */
  attachCustomer: (customerId: string) => Promise<Failure | null>;
  /** Creates a customer inline (on the server, or offline here) and attaches them. */
  createCustomer: (input: {
    name: string;
    email?: string;
    phone?: string;
    emailConsent?: boolean;
  }) => Promise<Failure | null>;
  /** Takes the customer off the cart; a failure shows under the cart. */
  clearCustomer: () => Promise<void>;
  loadCatalogue: () => Promise<void>;
  selectEvent: (eventId: string) => void;
  selectPerformance: (performanceId: string) => Promise<void>;
  addTicket: (ticketPriceId: string) => Promise<void>;
  addProduct: (productId: string) => Promise<void>;
  /**
   * docs/CASH.md "Selling one": a voucher product's vouchers, `amount` only for an open-amount one. A
   * refusal stays with the dialog that asked (its sentence); without a dialog it shows under the cart.
   */
  addVoucher: (
    request: { productId: string; qty: number; amount?: number },
    fromDialog: boolean,
  ) => Promise<Failure | null>;
  /** docs/CASH.md "The balance at the window": what a scanned code is worth and can pay here. */
  checkVoucher: (code: string) => Promise<Result<VoucherCheckView>>;
  setQty: (lineId: string, qty: number) => Promise<void>;
  clearCart: () => Promise<void>;
  applyCode: (input: string) => Promise<boolean>;
  removeCode: () => Promise<void>;
  searchCodes: (query: string) => void;
  /** The dropdown closed: drop its options (and any answer still on its way), keep the typed text. */
  closeSearch: () => void;
  /** Text too long to search (a scanned link): kept for applying, no list shown. */
  setLongInput: (text: string) => void;
  /** Empties the code field after a code was applied. */
  clearCode: () => void;
  grantOveruse: (
    approverId: string,
    pin: string,
    picked: { reason: string; note?: string },
  ) => Promise<Failure | null>;
  setCustom: (request: {
    kind: 'percentage' | 'fixed';
    value: number;
    reason: string;
    note?: string;
    approver?: { staffId: string; pin: string };
  }) => Promise<Failure | null>;
  removeCustom: () => Promise<void>;
  /** docs/CASH.md "Comps": a line, some of its units, or (no line) the whole order given away. */
  comp: (request: RequestOf<typeof channels.cart.comp>) => Promise<Failure | null>;
  removeComp: (lineId?: string) => Promise<void>;
  /** With `offlineApproval`, a supervisor's PIN lets the sale past the minutes offline (docs/CASH.md). */
  checkout: (
    tenders: TenderInput[],
    offlineApproval?: { approverId: string; pin: string },
  ) => Promise<Failure | null>;
  newSale: () => void;
  /** Takes a cart another store's call answered with (seats picked on the map): as any cart action's. */
  takeCart: (result: { ok: true; value: CartView } | { ok: false; reason: string; message: string }) => void;
  /** Seats left change without a sale here too (a reservation): reads them again. */
  refreshAvailability: () => Promise<void>;
  reset: () => void;
}

const emptySearch: CodeSearch = { query: '', answered: null, options: [], error: null };

type SellData = Pick<
  SellState,
  'events' | 'eventId' | 'offer' | 'cart' | 'error' | 'codeError' | 'search' | 'lastSale' | 'receiptSvg'
>;

/** What the sell screen holds before anyone used it, and again after `reset` (staff signed out). */
const initial: SellData = {
  events: [],
  eventId: null,
  offer: null,
  cart: null,
  error: null,
  codeError: null,
  search: emptySearch,
  lastSale: null,
  receiptSvg: null,
};

// The dropdown's requests: at most one in flight, the newest query waiting behind it, so typing fast
// never queues stale searches and an older answer never replaces a newer one.
let searchSeq = 0;
let shownSeq = 0;
let searching = false;
let waiting: string | null = null;
let epoch = 0;

export const useSellStore = create<SellState>()((set, get) => {
  /** Takes a cart answer; a failure keeps the cart as it was and shows the sentence. */
  const takeCart = (
    result: { ok: true; value: CartView } | { ok: false; reason: string; message: string },
  ): Failure | null => {
    if (!result.ok) {
      noteFailure(result);
      set({ error: result.message });
      return result;
    }
    set({ cart: result.value, error: null });
    if (get().search.answered !== null) get().searchCodes(get().search.query);
    return null;
  };

  /** A dialog's cart change: a refusal stays with the dialog (its sentence), not under the cart. */
  const dialogCart = (
    result: { ok: true; value: CartView } | { ok: false; reason: string; message: string },
  ): Failure | null => {
    if (result.ok) return takeCart(result);
    noteFailure(result);
    return result;
  };

  const runSearch = async (): Promise<void> => {
    while (waiting !== null) {
      const query = waiting;
      waiting = null;
      searching = true;
      const seq = ++searchSeq;
      const sentIn = epoch;
      const result = await api.codes.search({ query, limit: 200 });
      searching = false;
      if (seq <= shownSeq || sentIn !== epoch) continue;
      shownSeq = seq;
      if (result.ok) {
        set((s) => ({ search: { ...s.search, answered: query, options: result.value, error: null } }));
      } else {
        noteFailure(result);
        set((s) => ({ search: { ...s.search, answered: query, options: [], error: result.message } }));
      }
    }
  };

  return {
    ...initial,
    async setCustomer(customer) {
      return dialogCart(await api.cart.setCustomer({ customer }));
    },
    async attachCustomer(customerId) {
      return dialogCart(await api.customers.attach({ customerId }));
    },
    async createCustomer(input) {
      return dialogCart(await api.customers.create(input));
    },
    async clearCustomer() {
      takeCart(await api.cart.setCustomer({ customer: null }));
    },
    async loadCatalogue() {
      const [events, cart] = await Promise.all([api.catalogue.events({}), api.cart.get({})]);
      if (!events.ok) {
        noteFailure(events);
        return set({ error: events.message });
      }
      set((s) => ({
        events: events.value,
        eventId: s.eventId ?? events.value[0]?.id ?? null,
      }));
      takeCart(cart);
    },
    selectEvent(eventId) {
      set({ eventId, offer: null });
    },
    async selectPerformance(performanceId) {
      const result = await api.catalogue.performance({ performanceId });
      if (!result.ok) {
        noteFailure(result);
        return set({ error: result.message });
      }
      set({ offer: result.value, error: null });
    },
    async addTicket(ticketPriceId) {
      const offer = get().offer;
      if (!offer) return;
      set({ lastSale: null, receiptSvg: null });
      takeCart(await api.cart.addTicket({ performanceId: offer.performance.id, ticketPriceId, qty: 1 }));
      await refreshAvailability();
    },
    async addProduct(productId) {
      set({ lastSale: null, receiptSvg: null });
      takeCart(await api.cart.addProduct({ productId, qty: 1 }));
    },
    async addVoucher(request, fromDialog) {
      set({ lastSale: null, receiptSvg: null });
      const result = await api.cart.addVoucher(request);
      return fromDialog ? dialogCart(result) : takeCart(result);
    },
    async checkVoucher(code) {
      const result = await api.vouchers.check({ code });
      if (!result.ok) noteFailure(result);
      return result;
    },
    async setQty(lineId, qty) {
      takeCart(await api.cart.setQty({ lineId, qty }));
      await refreshAvailability();
    },
    async clearCart() {
      takeCart(await api.cart.clear({}));
    },
    async applyCode(input) {
      const result = await api.cart.applyCode({ input });
      if (!result.ok) {
        noteFailure(result);
        set({ codeError: result.message });
        return false;
      }
      set({ codeError: null });
      takeCart(result);
      return true;
    },
    async removeCode() {
      takeCart(await api.cart.removeCode({}));
    },
    searchCodes(query) {
      set((s) => ({ search: { ...s.search, query }, codeError: null }));
      waiting = query;
      if (!searching) void runSearch();
    },
    closeSearch() {
      epoch++;
      waiting = null;
      set((s) => ({ search: { ...s.search, answered: null, options: [], error: null } }));
    },
    setLongInput(text) {
      epoch++;
      waiting = null;
      set({ search: { ...emptySearch, query: text }, codeError: null });
    },
    clearCode() {
      epoch++;
      waiting = null;
      set({ search: emptySearch });
    },
    async grantOveruse(approverId, pin, picked) {
      return dialogCart(await api.cart.grantOveruse({ approverId, pin, ...picked }));
    },
    async setCustom(request) {
      return dialogCart(await api.cart.setCustomDiscount(request));
    },
    async removeCustom() {
      takeCart(await api.cart.removeCustomDiscount({}));
    },
    async comp(request) {
      return dialogCart(await api.cart.comp(request));
    },
    async removeComp(lineId) {
      takeCart(await api.cart.removeComp(lineId === undefined ? {} : { lineId }));
    },
    async checkout(tenders, offlineApproval) {
      const cart = get().cart;
      if (!cart) return { reason: 'EMPTY_CART', message: '' };
      const result = await api.checkout.complete({
        cartId: cart.id,
        tenders,
        ...(offlineApproval ? { offlineApproval } : {}),
      });
      if (!result.ok) {
        noteFailure(result);
        return result;
      }
      epoch++;
      waiting = null;
      set({ lastSale: result.value, receiptSvg: null, search: emptySearch, codeError: null });
      takeCart(await api.cart.get({}));
      void refreshAvailability();
      void useTerminalStore.getState().refresh();
      const preview = await api.print.preview({ saleId: result.value.sale.id });
      if (preview.ok && get().lastSale?.sale.id === result.value.sale.id) set({ receiptSvg: preview.value });
      return null;
    },
    newSale() {
      set({ lastSale: null, receiptSvg: null });
    },
    takeCart(result) {
      takeCart(result);
    },
    refreshAvailability: () => refreshAvailability(),
    reset() {
      // A search still on its way belongs to the person who signed out: its answer is dropped too.
      epoch++;
      waiting = null;
      set(initial);
    },
  };

  async function refreshAvailability(): Promise<void> {
    const offer = get().offer;
    const events = await api.catalogue.events({});
    if (events.ok) set({ events: events.value });
    if (offer) {
      const fresh = await api.catalogue.performance({ performanceId: offer.performance.id });
      if (fresh.ok && get().offer?.performance.id === offer.performance.id) set({ offer: fresh.value });
    }
  }
});
