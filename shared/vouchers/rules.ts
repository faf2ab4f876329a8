// docs/CASH.md "Gift vouchers": the rules both the terminal and the server apply to a voucher, once.

/** What a voucher's code carries, signed (shared/node/vouchers/secret.ts). */
export interface VoucherClaims {
  /** A UUID: the voucher's id, and the id of its balance counter `voucher_balance:<id>`. */
  voucherId: string;
  /** The face value in minor units. */
  amount: number;
  currency: string;
  /** ISO instants, kept to the second. */
  issuedAt: string;
  expiresAt: string;
}

/** How long a voucher is valid when its product says nothing, and at most. */
export const DEFAULT_VOUCHER_DAYS = 1095;
export const MAX_VOUCHER_DAYS = 3650;
/** The most vouchers one sale issues. */
export const MAX_VOUCHERS_PER_SALE = 100;
/** The largest share of each voucher's balance a terminal may hold ahead for offline sales. */
export const MAX_VOUCHER_SHARE_PERCENT = 50;

const DAY_MS = 86_400_000;

/** When a voucher issued at `issuedAt` for `days` days stops being accepted, to the second. */
export function voucherExpiry(issuedAt: string, days: number): string {
  const at = Math.floor(Date.parse(issuedAt) / 1000) * 1000 + days * DAY_MS;
  return new Date(at).toISOString();
}

/** Whether a voucher is past its expiry at `now` (ms): the expiry instant itself is already too late. */
export function voucherExpired(expiresAt: string, now: number): boolean {
  return now >= Date.parse(expiresAt);
}

/**
 * Why a voucher cannot pay, both sides' reason codes. The sentences are each side's own (the terminal's
 * messages in English and German, the server's API errors).
 */
export const VOUCHER_REFUSALS = [
  /** Not a voucher code at all, or a voucher no server or window knows. */
  'VOUCHER_UNKNOWN',
  /** The signature fails under the key it names: the code was changed or made up. */
  'VOUCHER_FORGED',
  /**
   * Signed by a key this window does not hold (yet): a terminal enrolled since its last pull, or none
   * of the organisation's (the ticket keyring's UNKNOWN_KEY).
   */
  'VOUCHER_KEY_UNKNOWN',
  /** Signed by a revoked terminal after its revocation (the ticket keyring's KEY_REVOKED). */
  'VOUCHER_KEY_REVOKED',
  'VOUCHER_EXPIRED',
  /** Another currency than the sale's. */
  'VOUCHER_CURRENCY',
  /** Nothing left on it. */
  'VOUCHER_EXHAUSTED',
  /** The amount asked is more than its balance (or than this window can spend of it offline). */
  'VOUCHER_OVER_BALANCE',
  /** Sold at a window that has not synced it yet: no window can spend it before the server knows it. */
  'VOUCHER_NOT_SYNCED',
  /** Voided: its sale was voided or refunded. */
  'VOUCHER_VOID',
] as const;
export type VoucherRefusal = (typeof VOUCHER_REFUSALS)[number];

/**
 * A voucher's balance as the server keeps it: the face value less every pushed spend, plus what refunds
 * of those spends gave back. Never below 0 (invariant "voucher balances never go below zero").
 */
export interface VoucherBalance {
  voucherId: string;
  currency: string;
  amount: number;
  balance: number;
  expiresAt: string;
  status: 'active' | 'void';
}
