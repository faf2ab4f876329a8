import type { JournalOrderDetail } from '../../reports/journal';
import type { OrderRow } from '../../reports/orders';

// The sales journal at the terminal (docs/ORDERS.md): search answers and the order view. Online the
// server's journal answers (every terminal's sales and the online orders); offline, or when the server
// does not answer, this terminal's own store does, and says so.

/** 'all': the server's journal; 'this-terminal': this terminal's own sales only. */
export type JournalScope = 'all' | 'this-terminal';

export interface JournalSearchView {
  scope: JournalScope;
  /** Why only this terminal's sales are shown; null when the server answered. */
  notice: string | null;
  rows: OrderRow[];
  nextCursor: string | null;
}

export type JournalHistoryKind =
  | 'sale'
  | 'refund'
  | 'void'
  | 'reprint_receipt'
  | 'reprint_tickets'
  | 'ticket_reissue'
  | 'exchange_of'
  | 'exchanged_for';

/** One thing that happened to the order, oldest first. */
export interface JournalHistoryEntry {
  kind: JournalHistoryKind;
  at: string;
  /** Who did it, where known. */
  staffName: string | null;
  /** Which terminal, where known. */
  terminalName: string | null;
  /** A refund's or void's amount in minor units of the order's currency; null for the rest. */
  amount: number | null;
  /** A refund's or void's reason, its note in brackets after it (docs/CASH.md "Reasons"). */
  reason: string | null;
  /** The other order's receipt number, for an exchange (docs/ORDERS.md "Exchanges"). */
  receiptNo?: number;
}

export interface JournalOrderView extends JournalOrderDetail {
  scope: JournalScope;
  notice: string | null;
  history: JournalHistoryEntry[];
  /** Whether this terminal may refund the order now. */
  canRefund: boolean;
  /**
   * The order is another terminal's, opened from the server: a refund here goes through the server
   * (pos:sales:order, pos:sales:refundElsewhere; docs/ORDERS.md "Refunds at another window").
   */
  refundsThroughServer: boolean;
  /** Whether this terminal can reprint its receipt and tickets (it holds the sale). */
  canReprint: boolean;
  /** Why not, when it may not (another terminal's order, an online order, nothing left to refund). */
  refundNote: string | null;
}
