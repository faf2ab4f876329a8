import { z } from 'zod';
import { text } from '../text';
import type { TicketRow } from '../sync/sale-record';
import { dateRange, keysetPage } from './filters';
import type { OrderDetail, OrderPage } from './orders';

// The sales journal (docs/ORDERS.md): one search field over every order, at every terminal and in the
// back office. The server answers it from the orders report's keyset pages (GET /v1/journal); the
// terminal answers it from its own store when the server cannot. Both read the search text the same
// way, here.

export const journalFilters = {
  /**
   * A receipt number, an order id, a scanned receipt or ticket QR, or part of a customer. Not trimmed
   * here: a ticket's base45 secret may begin or end with a space, and `journalMatch` trims the rest.
   */
  q: text().max(400).optional(),
  ...dateRange,
  performanceId: z.uuid().optional(),
  cashierId: z.uuid().optional(),
  terminalId: z.uuid().optional(),
};

export const journalQuerySchema = z.strictObject({ ...journalFilters, ...keysetPage });
export type JournalQuery = z.infer<typeof journalQuerySchema>;
export type JournalPage = OrderPage;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Digits with the separators people type in receipt and phone numbers. */
const NUMBER = /^\+?[0-9 ()/.-]+$/;
/** A ticket's secret is base45 (docs/TICKETS.md), always this long; reading it is node code. */
export const TICKET_QR_LENGTH = 164;
/** Fewer digits than this are a receipt number only, never a phone number. */
export const MIN_PHONE_DIGITS = 5;

/**
 * What the search text asks for. `digits` may be a receipt number and the end of a phone number at
 * once (receipt numbers are per terminal, so several sales may answer); `customer` is the start of a
 * name (or of its last word) or of an e-mail address.
 */
export type JournalMatch =
  | { kind: 'order'; orderId: string }
  | { kind: 'ticket'; secret: string }
  | { kind: 'digits'; receiptNo: number | null; phone: string | null }
  | { kind: 'customer'; text: string };

export function journalMatch(q: string | undefined): JournalMatch | undefined {
  // A wedge scanner ends a scan with Enter or Tab.
  const raw = (q ?? '').replace(/^[\r\n\t]+|[\r\n\t]+$/g, '');
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  if (UUID.test(trimmed)) return { kind: 'order', orderId: trimmed.toLowerCase() };
  // A space is part of base45, so the secret is taken as scanned, not trimmed.
  if (raw.length === TICKET_QR_LENGTH && /^[0-9A-Z $%*+\-./:]+$/.test(raw))
    return { kind: 'ticket', secret: raw };
  if (NUMBER.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    const receiptNo = /^[0-9]{1,15}$/.test(trimmed) && Number(trimmed) >= 1 ? Number(trimmed) : null;
    const phone = digits.length >= MIN_PHONE_DIGITS ? digits : null;
    if (receiptNo !== null || phone !== null) return { kind: 'digits', receiptNo, phone };
  }
  return { kind: 'customer', text: trimmed.toLowerCase() };
}

/** The search keys of a customer as picked at the till (the sale's `customer` JSON). */
export interface CustomerKeys {
  /** Lower case. */
  name: string | null;
  /** Lower case. */
  email: string | null;
  /** Digits only. */
  phone: string | null;
}

export function customerKeys(customerJson: string | null | undefined): CustomerKeys {
  const none = { name: null, email: null, phone: null };
  if (!customerJson) return none;
  let c: unknown;
  try {
    c = JSON.parse(customerJson);
  } catch {
    return none;
  }
  if (typeof c !== 'object' || c === null) return none;
  const field = (k: string) => {
    const v = (c as Record<string, unknown>)[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const digits = field('phone')?.replace(/\D/g, '') ?? '';
  return {
    name: field('name')?.toLowerCase() ?? null,
    email: field('email')?.toLowerCase() ?? null,
    phone: digits === '' ? null : digits,
  };
}

/** A ticket in the order view, with its status now. */
export type JournalTicket = Pick<
  TicketRow,
  'id' | 'lineId' | 'unitIndex' | 'performanceId' | 'ticketTypeId' | 'status' | 'issuedAt' | 'replaces'
>;

/**
 * An exchange linking this order to another (docs/ORDERS.md "Exchanges"): 'of' when this order is the
 * new sale of an exchange of `orderId`, 'for' when units of this order were exchanged for `orderId`.
 */
export interface JournalExchange {
  direction: 'of' | 'for';
  orderId: string;
  receiptNo: number;
  at: string;
}

/** One order as the server's journal shows it: the orders report's drill-down plus its tickets. */
export interface JournalOrderDetail extends OrderDetail {
  tickets: JournalTicket[];
  /** Its exchanges, oldest first; missing from a server older than exchanges. */
  exchanges?: JournalExchange[];
}
