import type { Err } from '../shared/result';

// Service failures carry a reason; the HTTP status follows from it. Unlisted reasons are a plain 400.
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OVERUSE_CAP_REACHED: 403,
  PERFORMANCE_OVERUSE_CAP: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  DUPLICATE_CODE: 409,
  DUPLICATE_EMAIL: 409,
  DUPLICATE_ROLE: 409,
  DUPLICATE: 409,
  IN_USE: 409,
  LAST_STAFF_MANAGER: 409,
  SELF_DEACTIVATION: 409,
  CODE_ACTIVE: 409,
  CODE_DELETED: 409,
  LIMIT_BELOW_USE: 409,
  ORDER_ALREADY_REDEEMED: 409,
  ALREADY_SET_UP: 409,
  MAX_USES: 409,
  MAX_ITEM_USES: 409,
  BUDGET_EXHAUSTED: 409,
  CUSTOMER_MAX_USES: 409,
  CUSTOMER_MAX_ITEM_USES: 409,
  LOCKED: 429,
  ORGANISATION_REQUIRED: 409,
  VERSION_CONFLICT: 409,
  // offline sync (shared/sync/protocol.ts)
  SEQ_GAP: 409,
  RESTORED_FROM_BACKUP: 409,
  EPOCH_STALE: 409,
  NOT_RESTORED: 409,
  ALREADY_RESOLVED: 409,
  NOT_RETRYABLE: 409,
  REQUEST_ID_REUSED: 409,
  PERFORMANCE_STARTED: 409,
  NO_TICKETS: 409,
  // refunds at another window (docs/ORDERS.md)
  UNKNOWN_SALE: 404,
  ALREADY_VOIDED: 409,
  UNIT_NOT_REFUNDABLE: 409,
  UNIT_CLAIMED: 409,
  // reserved seating (docs/SEATING.md)
  SEATS_NOT_FREE: 409,
  SEATS_IN_USE: 409,
  SEAT_MAP_IN_USE: 409,
  NOT_SEATED: 409,
  NOT_ON_SALE: 409,
  SERVICE_UNAVAILABLE: 503,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
};

export function statusFor(failure: Err): number {
  return STATUS[failure.reason] ?? 400;
}

/** Aborts a transaction with a typed failure; the route turns it back into a 4xx body. */
export class Rejection extends Error {
  constructor(readonly failure: Err) {
    super(failure.message);
    this.name = 'Rejection';
  }
}

export function reject(reason: string, message: string): never {
  throw new Rejection({ ok: false, reason, message });
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23503';
}
