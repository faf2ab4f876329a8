import type { DoorEntry, DoorOutcome } from '../../tickets/checkins';
import { readTicketSecret, type TicketKeyring } from './secret';

// docs/TICKETS.md "At the door": what a scan means, decided the same way by a terminal in Door mode
// (offline, from its pulled keys and revocations and its own entry log) and by the server's check-in
// route. The checks run from what the scan itself proves to what only this door knows, so the answer
// names the first thing wrong, and nothing but a valid ticket is ever recorded as an entry.

/** A secret issued further ahead of this door's clock than this: one of the two clocks is wrong. */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;

export interface DoorPerformance {
  id: string;
  /** tagOf(id): what a secret carries. */
  tag: string;
  startsAt: string;
  /** From when this door admits: before it, a valid ticket is "too early". */
  opensAt: string;
}

export interface DoorContext {
  keyring: TicketKeyring;
  /** The performances this door admits, by tag. */
  performances: ReadonlyMap<string, DoorPerformance>;
  /** Other performances this door knows, by tag: names the one a wrong ticket is for. */
  otherPerformance?: (tag: string) => { id: string; startsAt: string } | undefined;
  /** A void or reissued ticket, from the pulled revocations (and this store's own sales). */
  revocation(ticketId: string): 'void' | 'reissued' | undefined;
  /** The first entry already recorded for the ticket, at any door this store knows of. */
  entry(ticketId: string): DoorEntry | undefined;
  now: Date;
}

/** What a scan (or typed text) means at this door. Records nothing: the caller records a valid entry. */
export function checkScan(text: string, ctx: DoorContext): DoorOutcome {
  const secret = readTicketSecret(text);
  if (!secret) return { kind: 'malformed' };
  const verdict = ctx.keyring.check(secret);
  if (!verdict.ok) {
    if (verdict.reason === 'UNKNOWN_KEY') return { kind: 'unknown_key', keyId: secret.keyId };
    if (verdict.reason === 'FORGED') return { kind: 'forged' };
    return { kind: 'key_revoked', ticketId: secret.ticketId };
  }
  const ticketId = secret.ticketId;
  if (Date.parse(secret.issuedAt) - ctx.now.getTime() > CLOCK_TOLERANCE_MS)
    return { kind: 'clock_off', ticketId, issuedAt: secret.issuedAt };
  const revoked = ctx.revocation(ticketId);
  if (revoked === 'void') return { kind: 'voided', ticketId };
  if (revoked === 'reissued') return { kind: 'reissued', ticketId };
  const performance = ctx.performances.get(secret.performanceTag);
  if (!performance)
    return {
      kind: 'wrong_performance',
      ticketId,
      other: ctx.otherPerformance?.(secret.performanceTag) ?? null,
    };
  if (ctx.now.getTime() < Date.parse(performance.opensAt))
    return { kind: 'too_early', ticketId, opensAt: performance.opensAt };
  const entry = ctx.entry(ticketId);
  if (entry) return { kind: 'already_entered', ticketId, entry };
  return { kind: 'valid', ticketId, performanceId: performance.id };
}
