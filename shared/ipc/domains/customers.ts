import type { CustomerCode } from '../../customers/history';

// The customer picker at the sell screen (docs/CUSTOMERS.md "At the terminal").

/** A customer found by a search, as the picker lists them. */
export interface CustomerHit {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  emailConsent: boolean;
}

/** Where an answer came from: the server's store, or the subset this terminal holds. */
export type CustomerSource = 'server' | 'local';

export interface CustomerSearchView {
  source: CustomerSource;
  items: CustomerHit[];
  /** Why the terminal answered alone (offline, not enrolled); null when the server answered. */
  notice: string | null;
}

/** One of the customer's latest orders (the server's history). */
export interface CustomerOrderLine {
  orderId: string;
  at: string;
  total: number;
  currency: string;
  status: string;
}

/** What the picker shows beside an attached customer: history and personal codes, online only. */
export interface CustomerDetailView {
  customerId: string;
  source: CustomerSource;
  completedOrders: number;
  /** Newest first, up to five; null offline. */
  orders: CustomerOrderLine[] | null;
  /** Their codes with the uses left (server `/codes`); null offline. */
  codes: CustomerCode[] | null;
  notice: string | null;
}
