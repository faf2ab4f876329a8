import { z } from 'zod';
import { HOLD_KINDS, SEAT_STATES } from '../seating/types';
import { text } from '../text';
import { instant, uuid } from './fields';

// The seat calls between a terminal and the server (docs/SEATING.md): seat states of a performance,
// cart holds while online, seat leases for offline selling and their return through the outbox. Both
// sides parse with these schemas, the server its requests, the terminal the server's answers.

const changePos = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** One seat's state in one performance (shared/seating/types.ts SeatStatus). */
export const seatStatusSchema = z.object({
  seatId: uuid,
  state: z.enum(SEAT_STATES),
  /** The terminal id (leased, cart) or the staff id (held); null otherwise. */
  holder: text().max(100).nullable(),
  holdKind: z.enum(HOLD_KINDS).nullable(),
  /** When a held, leased or cart claim lapses; null = until released. */
  expiresAt: instant.nullable(),
});

// ---------------------------------------------------------------------------------------------------
// GET /v1/sync/seats/:performanceId?since=<changePos>

export const seatStatesParamsSchema = z.strictObject({ performanceId: uuid });
export const seatStatesQuerySchema = z.strictObject({
  /** The changePos of the last answer; missing or 0: every seat. */
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type SeatStatesQuery = z.infer<typeof seatStatesQuerySchema>;

export const seatStatesResponseSchema = z.object({
  performanceId: uuid,
  mapId: uuid,
  mapVersion: z.number().int().min(1),
  /** The newest change among the performance's seats: ask with it as `since` next time. */
  changePos,
  /** true: `statuses` holds every seat; false: only those changed since `since`. */
  full: z.boolean(),
  statuses: z.array(seatStatusSchema),
});
export type SeatStatesResponse = z.infer<typeof seatStatesResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// POST /v1/sync/seats/cart: seats into (take) and out of (release) one window's cart on the server.

/** How long a seat stays in a cart on the server without being renewed. */
export const SEAT_CART_MINUTES = 15;

/**
 * At checkout the cart's seats are held until the sale's push can arrive: up to this long, and never
 * past the performance's start. A sale committed after its hold lapsed could find the seat gone to
 * another window when it is pushed (docs/SEATING.md "Online: a seat in a cart").
 */
export const SEAT_CHECKOUT_HOURS = 24;

/** When a cart's hold taken at `now` ends: 15 minutes, or at checkout until the push can arrive. */
export function seatHoldUntil(now: number, checkout: boolean, performanceStartsAt: string): string {
  const cart = now + SEAT_CART_MINUTES * 60_000;
  if (!checkout) return new Date(cart).toISOString();
  const push = Math.min(now + SEAT_CHECKOUT_HOURS * 3_600_000, Date.parse(performanceStartsAt));
  return new Date(Math.max(cart, push)).toISOString();
}

export const seatCartRequestSchema = z.strictObject({
  performanceId: uuid,
  /** The terminal's cart id. */
  cartId: text().min(1).max(100),
  take: z.array(uuid).max(50),
  release: z.array(uuid).max(500),
  /** The window is about to commit a sale of the cart: its seats are held until the push arrives. */
  checkout: z.boolean().optional(),
});
export type SeatCartRequest = z.infer<typeof seatCartRequestSchema>;

export const seatRefusalSchema = z.object({
  seatId: uuid,
  state: z.enum(SEAT_STATES),
  /** Names the seat by its label, for the cashier. */
  message: text(),
});
export type SeatRefusal = z.infer<typeof seatRefusalSchema>;

/** All or nothing: when any seat is refused, nothing was taken or released. */
export const seatCartResponseSchema = z.object({
  taken: z.array(uuid),
  refused: z.array(seatRefusalSchema),
  /** When the cart's seats on the server lapse unless renewed. */
  expiresAt: instant,
});
export type SeatCartResponse = z.infer<typeof seatCartResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Lease plans (staff, terminals.enrol): how many seats a terminal holds for a performance, and where.

export const seatLeasePlanInputSchema = z.strictObject({
  performanceId: uuid,
  seats: z.number().int().min(1).max(10_000),
  /** Only this seated section of the performance's map; null or missing: anywhere. */
  sectionId: uuid.nullable().optional(),
  /** Only this band of the map (any case); null or missing: any band. */
  band: text().trim().min(1).max(200).nullable().optional(),
});
export type SeatLeasePlanInput = z.infer<typeof seatLeasePlanInputSchema>;

export const seatLeasePlanSchema = z.object({
  terminalId: uuid,
  performanceId: uuid,
  seats: z.number().int().min(1),
  sectionId: uuid.nullable(),
  band: text().nullable(),
  updatedAt: instant,
});
export type SeatLeasePlan = z.infer<typeof seatLeasePlanSchema>;

export const seatLeasePlansResponseSchema = z.object({ plans: z.array(seatLeasePlanSchema) });

// ---------------------------------------------------------------------------------------------------
// POST /v1/sync/seats/leases/acquire: at shift open, every plan of this terminal topped up.

export const seatLeaseAcquireRequestSchema = z.strictObject({
  /** Idempotency key made by the terminal and stored before the request is sent. */
  requestId: uuid,
});
export type SeatLeaseAcquireRequest = z.infer<typeof seatLeaseAcquireRequestSchema>;

/** A seat lease as a terminal holds it: the seats still leased under it (sold ones are not listed). */
export const seatLeaseViewSchema = z.object({
  id: uuid,
  performanceId: uuid,
  seatIds: z.array(uuid),
  /** The performance's start. */
  expiresAt: instant,
});
export type SeatLeaseView = z.infer<typeof seatLeaseViewSchema>;

export const seatLeaseAcquireResponseSchema = z.object({
  /** Every seat lease this terminal holds now (not returned, not expired), this request's and earlier ones. */
  leases: z.array(seatLeaseViewSchema),
  /** Plans this request could not fill, each with a sentence saying why. */
  refusals: z.array(z.object({ performanceId: uuid, message: text() })),
});
export type SeatLeaseAcquireResponse = z.infer<typeof seatLeaseAcquireResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Outbox mutation `seat_lease.return`: the terminal has stopped using these seats of a lease.

export const seatLeaseReturnPayloadSchema = z.strictObject({
  leaseId: uuid,
  /** Leased seats go free; any of them sold meanwhile stay sold. */
  seatIds: z.array(uuid).max(10_000),
});
export type SeatLeaseReturnPayload = z.infer<typeof seatLeaseReturnPayloadSchema>;
