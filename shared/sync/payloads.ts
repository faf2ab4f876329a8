import { z } from 'zod';
import type { CashMovementPayload } from '../cash/movements';
import type { CustomerCreatePayload } from '../customers/offline';
import { id, instant, minor, signedMinor, uuid } from './fields';
import { escrowSchema, type LeaseReturnPayload, type MutationType } from './protocol';
import { doorNameSchema } from '../tickets/checkins';
import { MAX_REPRINT_TICKETS } from '../tickets/issue';
import type {
  ReservationCreatePayload,
  ReservationPickupPayload,
  ReservationReleasePayload,
} from './reservation-payloads';
import type { SeatLeaseReturnPayload } from './seat-protocol';
import {
  MAX_CREDIT_VOUCHERS,
  pushedSaleParts,
  refundRowSchema,
  saleRecordParts,
  storedSaleParts,
  voucherRowSchema,
} from './sale-record';

// The payloads of pushed mutations as the terminal's services write them (src-main/services/
// checkout-service.ts, sale-service.ts, shift-service.ts). The server parses each with these before
// applying it; a payload that does not parse is quarantined whole, never dropped. Objects are loose
// where the terminal may add fields later; money and counts are strict integers.

/** `sale` as the terminal writes it: the stored record (without its refunds) and what it took from its leases. */
export const terminalSalePayloadSchema = z.object({
  terminalId: uuid,
  ...saleRecordParts(storedSaleParts),
  /** Missing (an older or a standalone terminal): the server counts every capped use of the sale as unbacked. */
  escrow: escrowSchema.optional(),
});
export type TerminalSalePayload = z.infer<typeof terminalSalePayloadSchema>;

/** `sale` as the server parses it: the same record with the terminal's own fields left out (sale-record.ts). */
export const salePayloadSchema = z.object({
  terminalId: uuid,
  ...saleRecordParts(pushedSaleParts),
  escrow: escrowSchema.optional(),
});
export type SalePayload = z.infer<typeof salePayloadSchema>;

const refundParts = <Payment extends z.ZodType>(payment: Payment) => ({
  terminalId: uuid,
  refund: refundRowSchema,
  units: z
    .array(z.object({ lineId: id, unitIndex: z.number().int().min(0) }))
    .min(1)
    .max(100_000),
  payments: z.array(payment).max(100),
  escrow: escrowSchema.optional(),
  /**
   * The credit vouchers the refund paid out onto (docs/CASH.md "Refunds onto a voucher"), each named by
   * a voucher payment of the refund. Missing from a terminal older than them: it issued none.
   */
  vouchers: z.array(voucherRowSchema).max(MAX_CREDIT_VOUCHERS).default([]),
});

/**
 * `refund` and `void`. The server gives back what it recorded when it applied the sale (lease units
 * to the same leases, absorbed units to the pool); `escrow` here is the terminal's own view of that.
 */
export const refundPayloadSchema = z.object(refundParts(pushedSaleParts.payment));
export type RefundPayload = z.infer<typeof refundPayloadSchema>;
/** `refund` and `void` as the terminal writes them: its payment rows whole. */
export const terminalRefundPayloadSchema = z.object(refundParts(storedSaleParts.payment));
export type TerminalRefundPayload = z.infer<typeof terminalRefundPayloadSchema>;

export const shiftOpenPayloadSchema = z.object({
  terminalId: uuid,
  id: uuid,
  openedBy: uuid,
  openedAt: instant,
  openingFloat: minor,
});
export type ShiftOpenPayload = z.infer<typeof shiftOpenPayloadSchema>;

export const shiftClosePayloadSchema = z.object({
  terminalId: uuid,
  shiftId: uuid,
  closedBy: uuid,
  closedAt: instant,
  countedCash: minor,
  expectedCash: signedMinor,
});
export type ShiftClosePayload = z.infer<typeof shiftClosePayloadSchema>;

/**
 * `pin.attempt`: a PIN checked at a terminal, wrong (counts towards the person's lock on every
 * terminal) or right after failures (clears the failures that came before it). Never the PIN itself.
 */
export const pinAttemptPayloadSchema = z.object({
  terminalId: uuid,
  /** A demo terminal's own staff have ids the server does not know: applied as a no-op. */
  staffId: id,
  ok: z.boolean(),
  at: instant,
});
export type PinAttemptPayload = z.infer<typeof pinAttemptPayloadSchema>;

/**
 * `checkin`: an entry a terminal in Door mode admitted, offline or before it could ask the server
 * (docs/TICKETS.md "At the door"). The server keeps the first entry of a ticket; a later one from
 * another door becomes a duplicate-entry review item, never a second admission.
 */
export const checkinPayloadSchema = z.object({
  terminalId: uuid,
  /** The entry's id, as the door recorded it and as it would have sent it to POST /v1/checkins. */
  id: uuid,
  ticketId: uuid,
  performanceId: id,
  door: doorNameSchema,
  /** Who was signed in at the door; a demo terminal's own staff ids are kept as text. */
  staffId: id,
  at: instant,
});
export type CheckinPayload = z.infer<typeof checkinPayloadSchema>;

/**
 * `ticket.reissue`: tickets reprinted with a new barcode (docs/TICKETS.md "Reprints"). Each new ticket
 * names the one it replaces; the server marks that one reissued (a revocation every door pulls) and
 * stores the new one valid. A same-barcode reprint (DUPLICATE) changes no ticket and sends nothing.
 * The status is the server's to keep, as with a sale's tickets.
 */
export const ticketReissuePayloadSchema = z.object({
  terminalId: uuid,
  saleId: uuid,
  /** Who reprinted them; a demo terminal's own staff ids are kept as text. */
  staffId: id,
  at: instant,
  tickets: z
    .array(pushedSaleParts.ticket.extend({ replaces: uuid }))
    .min(1)
    .max(MAX_REPRINT_TICKETS),
});
export type TicketReissuePayload = z.infer<typeof ticketReissuePayloadSchema>;

/**
 * What the terminal's outbox takes for each mutation type (src-main/db/repos/outbox-repo.ts
 * appendOutbox): a payload that does not match its type does not compile.
 */
export type MutationPayloads = {
  sale: TerminalSalePayload;
  refund: TerminalRefundPayload;
  void: TerminalRefundPayload;
  'shift.open': ShiftOpenPayload;
  'shift.close': ShiftClosePayload;
  'lease.return': LeaseReturnPayload;
  'seat_lease.return': SeatLeaseReturnPayload;
  'pin.attempt': PinAttemptPayload;
  checkin: CheckinPayload;
  'ticket.reissue': TicketReissuePayload;
  'customer.create': CustomerCreatePayload;
  'reservation.create': ReservationCreatePayload;
  'reservation.release': ReservationReleasePayload;
  'reservation.pickup': ReservationPickupPayload;
  'cash.movement': CashMovementPayload;
};

// Compile-time links: every type has its payload, and what the terminal writes is what the server parses.
type Assert<T extends true> = T;
type _PayloadChecks = [
  Assert<MutationType extends keyof MutationPayloads ? true : false>,
  Assert<keyof MutationPayloads extends MutationType ? true : false>,
  Assert<TerminalSalePayload extends SalePayload ? true : false>,
  Assert<TerminalRefundPayload extends RefundPayload ? true : false>,
];
