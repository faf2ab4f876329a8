import { z } from 'zod';
import { MAX_VOUCHER_SHARE_PERCENT } from '../vouchers/rules';
import type { CounterKind, LeaseView, ReviewItem } from './protocol';

// The back office's view of terminals, their leases and the review queue (issue 15): the rows the
// server's list routes answer and the schemas its routes and the screens' forms share.

/** active: its device token works. revoked: a manager stopped it (POST /v1/terminals/:id/revoke). */
export const TERMINAL_STATUSES = ['active', 'revoked'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export interface TerminalRow {
  id: string;
  venueId: string;
  venueName: string;
  /** The venue's currency: what the offline sale limit is in. */
  currency: string;
  name: string;
  status: TerminalStatus;
  /** restore_detected: the server stopped taking its sales until a manager re-enrols it. */
  state: 'active' | 'restore_detected';
  epoch: number;
  createdAt: string;
  revokedAt: string | null;
  /**
   * What the server holds of the terminal's outbox: every mutation up to this seq (of this epoch).
   * Sales the terminal made and has not pushed yet are invisible to the server.
   */
  lastSeq: number;
  /** The end of its latest push batch; null: none since the server began recording it. */
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Sales the terminal held unsent at its last pull (its own count); null: it has not said. */
  pendingSales: number | null;
  /** The manager's per-terminal lease cap; null: the default, which `effectiveLeaseCapPercent` says. */
  leaseCapPercent: number | null;
  effectiveLeaseCapPercent: number;
  /** docs/CASH.md "Offline limits": the largest sale offline and the minutes offline; null: no limit. */
  offlineMaxSale: number | null;
  offlineMaxMinutes: number | null;
  /** docs/CASH.md "Overuse caps": the overuses all supervisors may grant here per business day; null: no cap. */
  overuseCap: number | null;
  /**
   * docs/CASH.md "Training mode": the back office put the whole terminal in training. The terminal's own
   * switch (its Manage screen) is the terminal's to say; this is only the server's.
   */
  training: boolean;
  /** docs/CASH.md "Offline": the share of each open voucher's balance it holds ahead (0–50). */
  voucherSharePercent: number;
  /** Leases of the current epoch still active and not past their expiry, and their unused units. */
  leasesHeld: number;
  unitsHeld: number;
  /** The soonest expiry among those leases. */
  nextLeaseExpiry: string | null;
  openReviewItems: number;
}

/** A lease as the back office lists it: with what its counter limits, named for people. */
export interface TerminalLeaseRow extends LeaseView {
  kind: CounterKind | null;
  /** The code (for a code's counter) or the event (for a performance's seats); null if gone. */
  label: string | null;
  /** The performance's start, for a performance's seats. */
  startsAt: string | null;
  /** Units still unused on an active lease before its expiry; 0 otherwise. */
  held: number;
}

/** A review item with its terminal's name, as the queue lists it. */
export type ReviewRow = ReviewItem & { terminalName: string | null };

/** PUT /v1/terminals/:id/training: the back office's training switch for the terminal. */
export const terminalTrainingSchema = z.strictObject({
  training: z.boolean({ error: 'training must be true (in training) or false (selling for real)' }),
});

/** PUT /v1/terminals/:id/voucher-share: the share of each open voucher this terminal holds ahead. */
export const voucherShareSchema = z.strictObject({
  percent: z
    .number({ error: `percent must be a whole number from 0 to ${MAX_VOUCHER_SHARE_PERCENT}` })
    .int('percent must be a whole number')
    .min(0, 'percent must be at least 0')
    .max(
      MAX_VOUCHER_SHARE_PERCENT,
      `percent must be at most ${MAX_VOUCHER_SHARE_PERCENT}: a window holds at most half of a voucher ahead`,
    ),
});

/** PUT /v1/terminals/:id/lease-cap: a share of each counter's limit, or null for the default. */
export const leaseCapSchema = z.strictObject({
  percent: z
    .number()
    .int('percent must be a whole number')
    .min(1, 'percent must be at least 1')
    .max(100, 'percent must be at most 100')
    .nullable(),
});
