import { z } from 'zod';
import { MAX_MONEY_MINOR } from '../money/limits';

// Offline risk limits per terminal (docs/CASH.md "Offline limits"): how much one sale may be worth while
// the server does not answer, and how long the terminal may go without hearing from it before each sale
// needs a supervisor. A manager sets them on the server (PUT /v1/terminals/:id/offline-limits); every
// pull carries them, so the terminal enforces them exactly when it cannot ask.

/** A week: longer than any box office stays open without its server on purpose. */
export const MAX_OFFLINE_MINUTES = 7 * 24 * 60;

export const offlineLimitsSchema = z.strictObject({
  /** The largest sale total allowed offline, in the venue's minor units; null: no limit. */
  maxSale: z
    .number()
    .int('maxSale must be a whole number of minor units')
    .min(1, 'maxSale must be at least 1 minor unit, or null for no limit')
    .max(MAX_MONEY_MINOR)
    .nullable(),
  /** After this many minutes without the server, each sale needs a supervisor; null: no limit. */
  maxMinutes: z
    .number()
    .int('maxMinutes must be a whole number')
    .min(1, 'maxMinutes must be at least 1, or null for no limit')
    .max(MAX_OFFLINE_MINUTES, `maxMinutes must be at most ${MAX_OFFLINE_MINUTES} (a week)`)
    .nullable(),
});
export type OfflineLimits = z.infer<typeof offlineLimitsSchema>;

export const NO_OFFLINE_LIMITS: OfflineLimits = { maxSale: null, maxMinutes: null };

export const hasOfflineLimits = (limits: OfflineLimits): boolean =>
  limits.maxSale !== null || limits.maxMinutes !== null;

/** Why an offline sale may not go ahead as asked; null when it may. */
export type OfflineRefusal =
  | { reason: 'OFFLINE_SALE_TOO_LARGE'; maxSale: number }
  | { reason: 'OFFLINE_TOO_LONG'; minutes: number; maxMinutes: number };

/**
 * The one rule: a sale over `maxSale` never goes offline; past `maxMinutes` without the server it goes
 * only when a supervisor takes it. `offlineMinutes` is null when the terminal never heard from the server.
 */
export function offlineRefusal(
  limits: OfflineLimits,
  sale: { total: number; offlineMinutes: number | null; bySupervisor: boolean },
): OfflineRefusal | null {
  if (limits.maxSale !== null && sale.total > limits.maxSale)
    return { reason: 'OFFLINE_SALE_TOO_LARGE', maxSale: limits.maxSale };
  const minutes = sale.offlineMinutes ?? Number.POSITIVE_INFINITY;
  if (limits.maxMinutes !== null && minutes > limits.maxMinutes && !sale.bySupervisor)
    return {
      reason: 'OFFLINE_TOO_LONG',
      minutes: Number.isFinite(minutes) ? Math.floor(minutes) : limits.maxMinutes,
      maxMinutes: limits.maxMinutes,
    };
  return null;
}

/**
 * Minutes since the latest of the terminal's contacts with the server (a health check, a push, a pull),
 * or null when it never had one.
 */
export function minutesWithoutServer(
  nowMs: number,
  contacts: readonly (string | null | undefined)[],
): number | null {
  const last = Math.max(...contacts.map((c) => (c ? Date.parse(c) : Number.NaN)).filter(Number.isFinite));
  return Number.isFinite(last) ? Math.max(0, (nowMs - last) / 60_000) : null;
}
