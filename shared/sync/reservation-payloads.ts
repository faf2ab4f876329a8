import { z } from 'zod';
import { text } from '../text';
import { id, instant, minor, uuid } from './fields';
import { escrowSchema } from './protocol';

// The reservation mutations (docs/RESERVATIONS.md). `reservation.create` carries the hold whole and the
// lease units it took; `reservation.release` (expired or cancelled) and `reservation.pickup` end it. The
// server applies each once and a release of a hold it already ended (its own sweep) changes nothing.

export const reservationLineSchema = z.object({
  performanceId: uuid,
  priceId: id,
  ticketTypeId: id.nullable(),
  name: text().max(300),
  detail: text().max(300),
  qty: z.number().int().min(1).max(10_000),
  unitPrice: minor,
});
export type ReservationLine = z.infer<typeof reservationLineSchema>;

export const reservationCreatePayloadSchema = z.object({
  terminalId: uuid,
  id: uuid,
  reference: text().min(1).max(20),
  staffId: id,
  customerName: text().min(1).max(200),
  customerPhone: text().max(60).nullable(),
  customerEmail: text().max(200).nullable(),
  currency: text().regex(/^[A-Z]{3}$/),
  total: minor,
  lines: z.array(reservationLineSchema).min(1).max(200),
  expiresAt: instant,
  createdAt: instant,
  escrow: escrowSchema,
});
export type ReservationCreatePayload = z.infer<typeof reservationCreatePayloadSchema>;

export const RELEASE_REASONS = ['expired', 'cancelled'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

export const reservationReleasePayloadSchema = z.object({
  terminalId: uuid,
  id: uuid,
  reason: z.enum(RELEASE_REASONS),
  /** The cashier's words on a cancel; null for an expiry. */
  note: text().max(500).nullable(),
  at: instant,
});
export type ReservationReleasePayload = z.infer<typeof reservationReleasePayloadSchema>;

/** Sent just before the sale it became, in the same outbox: the server frees the hold, the sale takes the seats. */
export const reservationPickupPayloadSchema = z.object({
  terminalId: uuid,
  id: uuid,
  saleId: uuid,
  at: instant,
});
export type ReservationPickupPayload = z.infer<typeof reservationPickupPayloadSchema>;
