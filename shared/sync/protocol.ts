import { z } from 'zod';
import { terminalOveruseCapSchema, type TerminalOveruseCap } from '../auth/overuse-cap';
import { offlineLimitsSchema, type OfflineLimits } from './offline-limits';
import { text } from '../text';
import { signingKeySchema } from './approval-proof';
import type {
  EventRecord,
  Performance,
  PriceBand,
  Product,
  TicketPrice,
  TicketType,
  Venue,
} from '../catalogue/types';
import type { CodeRecord } from '../codes/types';
import type { TicketLayout } from '../tickets/layout';
import type { SeatMap } from '../seating/types';
import { offlineCustomerSchema, type OfflineCustomer } from '../customers/offline';
import { MAX_VOUCHER_SHARE_PERCENT, type VoucherBalance } from '../vouchers/rules';

// The wire contract between a terminal's sync client and the central server (docs/SYNC.md). Both sides
// parse with these schemas: the server its requests, the terminal the server's answers. Design notes
// and the reasons behind them: DECISIONS.md beside this file.

const uuid = z.uuid();
const hash = text().regex(/^[0-9a-f]{64}$/, 'a sha256 hash as 64 lower-case hex digits');
const instant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------------------
// Capped counters. Every limit a terminal must respect offline is one counter on the server with
// limit = unallocated + Σ(granted − returned) + absorbed; terminals hold escrow leases on it.

export const COUNTER_KINDS = [
  'code_uses',
  'code_item_uses',
  'code_budget',
  'capacity',
  'voucher_balance',
] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

/**
 * A counter is named by what it limits: a code's uses, item uses or budget, a performance's seats, or a
 * gift voucher's balance in minor units (docs/CASH.md "Gift vouchers").
 */
export interface CounterRef {
  kind: CounterKind;
  /** The code id (a child code has its own counters), the performance id or the voucher id. */
  id: string;
}

export function counterKey(ref: CounterRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseCounterKey(key: string): CounterRef | undefined {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  if (at < 0 || id.length === 0 || !(COUNTER_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as CounterKind, id };
}

export const counterKeySchema = text()
  .max(120)
  .refine((key) => parseCounterKey(key) !== undefined, 'a counter key such as "code_uses:<code id>"');

// ---------------------------------------------------------------------------------------------------
// Enrolment: POST /v1/terminals/register (no bearer; the enrolment code is the credential).

export const registerRequestSchema = z.strictObject({
  enrolmentCode: text().min(1).max(40),
  name: text().trim().min(1).max(100),
  /** Re-registration after the server detected a restore: the same terminal id gets a new epoch. */
  terminalId: uuid.optional(),
  /**
   * The public half of the device signing key this terminal made for this enrolment; it signs the
   * approvals it records (approval-proof.ts). Missing (an older terminal): its approvals are not honoured.
   */
  signingKey: signingKeySchema.optional(),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const registerResponseSchema = z.object({
  terminalId: uuid,
  epoch: z.number().int().min(1),
  deviceToken: text().min(20),
  venueId: uuid,
});
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Push: POST /v1/sync/push with the device token as bearer.

export const MUTATION_TYPES = [
  'sale',
  'refund',
  'void',
  'shift.open',
  'shift.close',
  'lease.return',
  'seat_lease.return',
  'pin.attempt',
  'checkin',
  'ticket.reissue',
  'customer.create',
  'reservation.create',
  'reservation.release',
  'reservation.pickup',
  'cash.movement',
] as const;
export type MutationType = (typeof MUTATION_TYPES)[number];

/** One outbox row exactly as the terminal's chain holds it. */
export const mutationSchema = z.strictObject({
  seq: z.number().int().min(1),
  mutationId: uuid,
  type: z.enum(MUTATION_TYPES),
  // Keys are left unchecked on purpose: a payload the database cannot store is quarantined on its own by
  // the server, whereas refusing it here would refuse the whole batch on every resend.
  // eslint-disable-next-line no-restricted-syntax
  payload: z.record(z.string(), z.unknown()),
  prevHash: hash,
  hash,
  createdAt: instant,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const MAX_PUSH_BATCH = 500;
/**
 * A batch also stops growing at this many bytes of JSON (a sale is 2–5 KB), so a long offline backlog
 * never makes a request the server's body limit refuses. A single larger mutation still goes alone.
 */
export const MAX_PUSH_BYTES = 512 * 1024;
/** The push route's body limit: room for one batch of MAX_PUSH_BYTES plus one oversized mutation. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

export const pushRequestSchema = z.strictObject({
  terminalId: uuid,
  epoch: z.number().int().min(1),
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.object({
  seq: z.number().int().min(1),
  mutationId: uuid,
  /** applied: effects committed; duplicate: seen before, nothing done; quarantined: kept for review. */
  status: z.enum(['applied', 'duplicate', 'quarantined']),
  reason: text().optional(),
  message: text().optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  lastSeq: count,
  results: z.array(pushResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * The 409 answers of push. SEQ_GAP: resend from lastSeq + 1. RESTORED_FROM_BACKUP: the terminal
 * re-sent a seq the server holds with other content (or a chain that does not continue the server's):
 * its leases are void and a manager must re-enrol it. EPOCH_STALE: the terminal was re-registered
 * since; it must use the new epoch and token.
 */
export const PUSH_CONFLICTS = ['SEQ_GAP', 'RESTORED_FROM_BACKUP', 'EPOCH_STALE'] as const;
export type PushConflict = (typeof PUSH_CONFLICTS)[number];

export const pushConflictSchema = z.object({
  ok: z.literal(false),
  reason: z.enum(PUSH_CONFLICTS),
  message: text(),
  lastSeq: count.optional(),
  epoch: z.number().int().min(1).optional(),
});
export type PushConflictBody = z.infer<typeof pushConflictSchema>;

// ---------------------------------------------------------------------------------------------------
// Payload parts the server reads from sale, refund and void mutations to keep the counters right.

/** Units of one counter a sale took from one of the terminal's leases. */
export const leaseUseSchema = z.strictObject({
  leaseId: uuid,
  counter: counterKeySchema,
  units: count,
});
export type LeaseUse = z.infer<typeof leaseUseSchema>;

/** Units a sale used with no lease behind them: only with a supervisor's overuse grant on the sale. */
export const unbackedUseSchema = z.strictObject({
  counter: counterKeySchema,
  units: count,
});
export type UnbackedUse = z.infer<typeof unbackedUseSchema>;

/**
 * Carried in a sale payload as `escrow`, and in a refund or void payload as `escrow` for what it gives
 * back (a void gives the code's uses back; a refunded seat gives its seat back) to the same leases.
 */
export const escrowSchema = z.strictObject({
  leaseUses: z.array(leaseUseSchema).max(100),
  unbacked: z.array(unbackedUseSchema).max(100),
});
export type Escrow = z.infer<typeof escrowSchema>;

/** lease.return payload: the terminal has stopped using the lease and gives back what it did not use. */
export const leaseReturnPayloadSchema = z.strictObject({
  leaseId: uuid,
  counter: counterKeySchema,
  units: count,
  why: z.enum(['expired', 'surplus', 'clock_moved_back']),
});
export type LeaseReturnPayload = z.infer<typeof leaseReturnPayloadSchema>;

// ---------------------------------------------------------------------------------------------------
// Leases: POST /v1/leases/acquire with the device token as bearer.

export const acquireRequestSchema = z.strictObject({
  terminalId: uuid,
  epoch: z.number().int().min(1),
  /** Idempotency key made by the terminal and stored before the request is sent. */
  requestId: uuid,
  counter: counterKeySchema,
  want: z.number().int().min(1).max(1_000_000_000),
});
export type AcquireRequest = z.infer<typeof acquireRequestSchema>;

export const leaseViewSchema = z.object({
  id: uuid,
  counter: text(),
  requestId: uuid,
  epoch: z.number().int().min(1),
  granted: count,
  /** Units the server has seen used (from pushed sales) and returned. */
  used: count,
  returned: count,
  expiresAt: instant,
  status: z.enum(['active', 'returned', 'expired', 'void']),
});
export type LeaseView = z.infer<typeof leaseViewSchema>;

/** Why nothing was granted: the pool is empty, or this terminal holds its cap (docs/SYNC.md). */
export const acquireRefusalSchema = z.object({
  /**
   * VOUCHER_EXPIRED, VOUCHER_VOID: a gift voucher's counter grants nothing once it cannot pay; VOUCHER_UNKNOWN:
   * nor before the sale that issued it is pushed (docs/CASH.md).
   */
  reason: z.enum(['POOL_EMPTY', 'TERMINAL_CAP', 'VOUCHER_EXPIRED', 'VOUCHER_VOID', 'VOUCHER_UNKNOWN']),
  message: text(),
});
export type AcquireRefusal = z.infer<typeof acquireRefusalSchema>;

/** Nothing may be granted (an empty pool, a terminal at its cap): the answer says so rather than failing. */
export const acquireResponseSchema = z.object({
  lease: leaseViewSchema.nullable(),
  /** What is left unallocated on the server after this grant. */
  unallocated: count,
  limit: count,
  /** Present when lease is null on a first answer. */
  refusal: acquireRefusalSchema.optional(),
});
export type AcquireResponse = z.infer<typeof acquireResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Pull: POST /v1/sync/pull with the device token as bearer.

/** The most rows one pull page may carry, changes and revocations together. */
export const MAX_PULL_LIMIT = 20_000;

export const pullRequestSchema = z.strictObject({
  terminalId: uuid,
  /** Opaque; null (or one the server does not recognise) gets a full snapshot with reset: true. */
  cursor: text().max(200).nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
  /**
   * Sales the terminal holds that the server has not acknowledged yet, counted as it pulls: the back
   * office shows them, since the server cannot see a sale before it is pushed. Absent from older terminals.
   */
  pendingSales: z.number().int().min(0).max(100_000_000).optional(),
  /**
   * The terminal understands seat maps (docs/SEATING.md "Seat maps at the terminal"): only then does
   * the pull carry `seatMap` changes and each performance's `seatMapId`. Absent from older terminals,
   * whose change schema lists its entities and would refuse a whole page holding a `seatMap` change.
   */
  seatMaps: z.boolean().optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export interface StaffRecord {
  id: string;
  name: string;
  roleId: string;
  /** The scrypt hash of the PIN (terminals verify PINs offline); null: cannot sign in at a terminal. */
  pinHash: string | null;
  active: boolean;
  /**
   * Wrong PINs counted for this person across terminals, and the lock they set (null: not locked).
   * Absent from an older server: the terminal keeps its own count.
   */
  pinFailures?: number;
  pinLockedUntil?: string | null;
  /** In training (docs/CASH.md "Training mode"). Absent from an older server: not in training. */
  training?: boolean;
  /** Their own overuse grants per business day, in place of their role's; null or absent: the role's. */
  overuseCap?: number | null;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: string[];
  ceilingPercent: number;
  ceilingAmount: number;
  /** Overuse grants per business day; null: no cap. Absent from an older server: no cap. */
  overuseCap?: number | null;
}

/** A generated child code: its terms (and version) are its parent's. */
export interface ChildCodeRecord {
  id: string;
  code: string;
  parentId: string;
  status: 'active' | 'disabled' | 'deleted';
}

/** The server's counted usage of one code, at the snapshot. */
export interface CodeUsageRecord {
  codeId: string;
  uses: number;
  itemUses: number;
  discountGiven: number;
}

/**
 * An event as pull sends it: with the layout its tickets print in (docs/TICKETS.md "Printing tickets"),
 * null for the default. Absent from an older server: the terminal keeps the layout it holds.
 */
export type EventChange = EventRecord & { ticketLayout?: TicketLayout | null };

/**
 * A performance as pull sends it: with the seat map it uses (docs/SEATING.md), null when unseated.
 * Absent from an older server: unseated.
 */
export type PerformanceChange = Performance & { seatMapId?: string | null };

export type Change =
  | { entity: 'venue'; id: string; data: Venue }
  | { entity: 'event'; id: string; data: EventChange }
  | { entity: 'performance'; id: string; data: PerformanceChange }
  | { entity: 'price_band'; id: string; data: PriceBand }
  | { entity: 'ticket_type'; id: string; data: TicketType }
  | { entity: 'ticket_price'; id: string; data: TicketPrice }
  | { entity: 'product'; id: string; data: Product }
  | { entity: 'role'; id: string; data: RoleRecord }
  | { entity: 'staff'; id: string; data: StaffRecord }
  | { entity: 'code'; id: string; data: CodeRecord }
  | { entity: 'code_child'; id: string; data: ChildCodeRecord }
  | { entity: 'code_usage'; id: string; data: CodeUsageRecord }
  /**
   * A seat map some performance uses, whole (docs/SEATING.md "Seat maps"): sent again whenever it or a
   * performance using it changes; in a snapshot after the performances. Deleted maps arrive as deletes.
   */
  | { entity: 'seatMap'; id: string; data: SeatMap }
  /** The row is gone on the server (a hard delete); the terminal drops it where nothing refers to it. */
  | { entity: ChangeEntity; id: string; deleted: true };

export const CHANGE_ENTITIES = [
  'venue',
  'event',
  'performance',
  'price_band',
  'ticket_type',
  'ticket_price',
  'product',
  'role',
  'staff',
  'code',
  'code_child',
  'code_usage',
  // A terminal older than reserved seating would refuse a page holding this entity: the server sends
  // it only to terminals whose pull request says `seatMaps: true` (docs/SEATING.md "Seat maps at the terminal").
  'seatMap',
] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

// The data objects are the server's own types; the terminal checks the envelope and the fields it
// indexes on, and trusts the rest as it trusts the server's TLS identity.
const changeSchema = z.union([
  z.object({
    entity: z.enum(CHANGE_ENTITIES),
    id: text().min(1),
    data: z.record(text(), z.unknown()),
  }),
  z.object({ entity: z.enum(CHANGE_ENTITIES), id: text().min(1), deleted: z.literal(true) }),
]);

/** A ticket signing key of one of the organisation's terminals (docs/TICKETS.md "Trust"). */
export const ticketKeySchema = z.object({
  /** keyIdOf(publicKey): 16 hex digits, as a ticket's secret names its key. */
  keyId: text().regex(/^[0-9a-f]{16}$/),
  /** base64url of the 32 raw Ed25519 bytes (a JWK's "x"). */
  publicKey: text().regex(/^[A-Za-z0-9_-]{43}$/),
  terminalId: uuid,
  /** The terminal's revocation: tickets signed after it are not trusted. null: active. */
  revokedAt: instant.nullable(),
});
export type TicketKey = z.infer<typeof ticketKeySchema>;
/** More keys than any organisation enrols (one per terminal and enrolment); the server sends its oldest. */
export const MAX_TICKET_KEYS = 10_000;

/** A ticket that stopped being valid: a door refuses it. */
export const ticketRevocationSchema = z.object({
  ticketId: uuid,
  status: z.enum(['void', 'reissued']),
  changedAt: instant,
});
export type TicketRevocation = z.infer<typeof ticketRevocationSchema>;

/**
 * A refund or void of one of the pulling terminal's sales, made at another terminal (docs/ORDERS.md
 * "Refunds at another window"): the units it gave back are no longer this terminal's to refund.
 */
export const refundElsewhereSchema = z.object({
  id: uuid,
  saleId: uuid,
  /** The terminal that made the refund. */
  terminalId: uuid,
  kind: z.enum(['refund', 'void']),
  staffId: uuid,
  amount: count,
  units: z
    .array(z.object({ lineId: text().min(1).max(100), unitIndex: z.number().int().min(0) }))
    .min(1)
    .max(100_000),
  createdAt: instant,
});
export type RefundElsewhere = z.infer<typeof refundElsewhereSchema>;

/** How long a claim on units holds (docs/ORDERS.md "Refunds at another window"). */
export const REFUND_CLAIM_MINUTES = 15;

/**
 * POST /v1/refund-claims: the terminal is about to refund these units of another terminal's sale.
 * Idempotent by claimId.
 */
export const refundClaimRequestSchema = z.strictObject({
  terminalId: uuid,
  claimId: uuid,
  saleId: uuid,
  units: z
    .array(
      z.strictObject({ lineId: text().min(1).max(100), unitIndex: z.number().int().min(0).max(100_000) }),
    )
    .min(1)
    .max(1000),
});
export type RefundClaimRequest = z.infer<typeof refundClaimRequestSchema>;

export const refundClaimSchema = z.object({ claimId: uuid, saleId: uuid, expiresAt: instant });
export type RefundClaim = z.infer<typeof refundClaimSchema>;

/**
 * A gift voucher as pull carries it (docs/CASH.md "Offline"): its balance as the server knew it at the
 * page, the VoucherBalance of GET /v1/vouchers/:id.
 */
export const pulledVoucherSchema = z.object({
  voucherId: uuid,
  currency: text().regex(/^[A-Z]{3}$/),
  amount: count.min(1),
  balance: count,
  expiresAt: instant,
  status: z.enum(['active', 'void']),
}) satisfies z.ZodType<VoucherBalance>;

export const pullResponseSchema = z.object({
  /** Pass back on the next pull. */
  cursor: text(),
  /** More changes wait beyond this page: pull again at once. */
  more: z.boolean(),
  /** The changes are a full snapshot: drop catalogue rows not in it (nothing a sale refers to). */
  reset: z.boolean(),
  changes: z.array(changeSchema),
  /** Every lease this terminal holds in its current epoch, in full, on every pull. */
  leases: z.array(leaseViewSchema),
  epoch: z.number().int().min(1),
  /**
   * Every ticket signing key of the organisation, in full, on every pull. Absent from an older server:
   * the terminal keeps the keys it holds. An older terminal drops the field unread.
   */
  ticketKeys: z.array(ticketKeySchema).max(MAX_TICKET_KEYS).optional(),
  /**
   * Tickets voided or reissued, paged with the changes by the same cursor (they count toward the page's
   * limit): a full snapshot sends every one, a changes page those since the cursor. Absent from an older
   * server.
   */
  revocations: z.array(ticketRevocationSchema).max(MAX_PULL_LIMIT).optional(),
  /**
   * This terminal's sales refunded or voided at another terminal, paged like the revocations. Absent
   * from an older server.
   */
  refundsElsewhere: z.array(refundElsewhereSchema).max(MAX_PULL_LIMIT).optional(),
  /**
   * Customers of the offline subset created or changed since the cursor (docs/CUSTOMERS.md "At the
   * terminal"), paged like the revocations. Absent from an older server.
   */
  customers: z.array(offlineCustomerSchema).max(MAX_PULL_LIMIT).optional(),
  /** This terminal's offline limits (docs/CASH.md), on every pull. Absent from an older server. */
  offlineLimits: offlineLimitsSchema.optional(),
  /**
   * This terminal's cap on overuse grants per business day (docs/CASH.md "Overuse caps"), on every pull.
   * Absent from an older server: the terminal keeps what it holds.
   */
  overuseCap: terminalOveruseCapSchema.optional(),
  /**
   * The back office's training switch for this terminal (docs/CASH.md "Training mode"), on every pull.
   * Absent from an older server: the terminal keeps what it holds.
   */
  training: z.boolean().optional(),
  /**
   * The organisation's gift vouchers issued or whose balance or status changed since the cursor, paged
   * like the revocations (docs/CASH.md "Offline"). Absent from an older server.
   */
  vouchers: z.array(pulledVoucherSchema).max(MAX_PULL_LIMIT).optional(),
  /**
   * The share of each open voucher's balance this terminal holds ahead for offline sales (0–50, docs/CASH.md
   * "Offline"), on every pull. Absent from an older server: 0.
   */
  voucherSharePercent: z.number().int().min(0).max(MAX_VOUCHER_SHARE_PERCENT).optional(),
});
export interface PullResponse {
  cursor: string;
  more: boolean;
  reset: boolean;
  changes: Change[];
  leases: LeaseView[];
  epoch: number;
  ticketKeys?: TicketKey[];
  revocations?: TicketRevocation[];
  refundsElsewhere?: RefundElsewhere[];
  customers?: OfflineCustomer[];
  offlineLimits?: OfflineLimits;
  overuseCap?: TerminalOveruseCap;
  training?: boolean;
  vouchers?: VoucherBalance[];
  voucherSharePercent?: number;
}

// ---------------------------------------------------------------------------------------------------
// Review queue (admin API, staff bearer): GET /v1/review-items, POST /v1/review-items/:id/accept,
// /flag and (a quarantined mutation, once its cause is fixed) /retry, each with {note}.

export const REVIEW_KINDS = [
  'overuse_excess',
  'quarantined',
  'restore_detected',
  'customer_overuse',
  'approval_unproven',
  'overuse_cap_exceeded',
  'duplicate_entry',
  'seat_not_held',
  'cash_unpermitted',
  /** docs/CASH.md "Paying with one": a voucher payment beyond its leases and the pool; the balance stays at 0. */
  'voucher_overspent',
  /** A voucher payment naming a voucher the organisation does not know; the sale is kept. */
  'voucher_unknown',
  /** docs/CASH.md "Refunding a sold voucher": a voucher taken back with less than its face value left. */
  'voucher_refunded_spent',
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/**
 * open: waits for a manager. accepted, flagged: a manager's decision. voided: closed by the server, the
 * terminal's void or refund gave the whole overuse excess back. applied: a manager's retry applied the
 * quarantined mutation.
 */
export const REVIEW_STATUSES = ['open', 'accepted', 'flagged', 'voided', 'applied'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const reviewActionSchema = z.strictObject({
  note: text().trim().min(3, 'say in a few words why').max(500),
});

export interface ReviewItem {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  terminalId: string | null;
  mutationId: string | null;
  counter: string | null;
  /** overuse_excess: the units that went over the limit (payload.remainingUnits: what refunds left). */
  units: number | null;
  /** One sentence for the manager: what happened and what the actions do. */
  summary: string;
  payload: unknown;
  createdAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}
