import { z } from 'zod';
import { text } from '../text';

// docs/TICKETS.md "At the door": what a door check answers, and the check-in wire shapes. A terminal in
// Door mode, the server's POST /v1/checkins and a third-party scanner all speak these; the check itself
// is shared/node/tickets/door-check.ts.

export const DOOR_OUTCOMES = [
  'valid',
  'already_entered',
  'voided',
  'reissued',
  'wrong_performance',
  'too_early',
  'clock_off',
  'unknown_key',
  'key_revoked',
  'forged',
  'malformed',
] as const;
export type DoorOutcomeKind = (typeof DOOR_OUTCOMES)[number];

export interface DoorEntry {
  at: string;
  door: string;
}

export type DoorOutcome =
  | { kind: 'valid'; ticketId: string; performanceId: string }
  | { kind: 'already_entered'; ticketId: string; entry: DoorEntry }
  | { kind: 'voided'; ticketId: string }
  | { kind: 'reissued'; ticketId: string }
  | { kind: 'wrong_performance'; ticketId: string; other: { id: string; startsAt: string } | null }
  | { kind: 'too_early'; ticketId: string; opensAt: string }
  | { kind: 'clock_off'; ticketId: string; issuedAt: string }
  | { kind: 'unknown_key'; keyId: string }
  | { kind: 'key_revoked'; ticketId: string }
  | { kind: 'forged' }
  | { kind: 'malformed' };

/**
 * Doors admit from this long before a performance starts; before it a valid ticket is "too early".
 * One rule for every door until venues can set their own.
 */
export const DOORS_OPEN_BEFORE_MS = 2 * 60 * 60_000;

export function doorsOpenAt(startsAt: string): string {
  return new Date(Date.parse(startsAt) - DOORS_OPEN_BEFORE_MS).toISOString();
}

export const doorNameSchema = text()
  .trim()
  .min(1, 'name the door, e.g. "North"')
  .max(60, 'a door name has at most 60 characters');

/** POST /v1/checkins: one scan, checked and (when valid) recorded; the first entry of a ticket wins. */
export const checkinRequestSchema = z.strictObject({
  /** Idempotency key: a retry with the same id gets the first answer again, never "already entered". */
  id: z.uuid(),
  /** The scanned text as the scanner read it. */
  secret: text().max(400),
  /** The performances this door admits. */
  performanceIds: z.array(text().min(1).max(100)).min(1).max(50),
  door: doorNameSchema,
});
export type CheckinRequest = z.infer<typeof checkinRequestSchema>;

export interface CheckinResponse {
  outcome: DoorOutcome;
}

/** GET /v1/checkins/counts?performanceId=: live counts for door staff. */
export interface DoorCounts {
  performanceId: string;
  /** Valid tickets sold for the performance, as far as the server knows (offline sales arrive later). */
  expected: number;
  entered: number;
  byDoor: { door: string; entered: number }[];
}
