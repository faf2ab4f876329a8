import type { ReservationLine } from '../sync/reservation-payloads';

// Reservation rules both processes need (docs/RESERVATIONS.md): the terminal decides with them when it
// reserves and sweeps, the server when it counts held seats and sweeps.

export const RESERVATION_STATUSES = ['held', 'picked_up', 'expired', 'cancelled'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Without a chosen expiry a hold ends this long before the (earliest) performance starts. */
export const DEFAULT_EXPIRY_BEFORE_START_MS = 30 * 60_000;

/** The expiry a reservation gets when the cashier chooses none: 30 minutes before the earliest start. */
export function defaultExpiry(startsAt: readonly string[]): string {
  const earliest = Math.min(...startsAt.map((s) => Date.parse(s)));
  return new Date(earliest - DEFAULT_EXPIRY_BEFORE_START_MS).toISOString();
}

export type ExpiryProblem = 'RESERVE_EXPIRY_PAST' | 'RESERVE_EXPIRY_AFTER_START';

/** An expiry must lie ahead and never after the earliest performance of the reservation starts. */
export function expiryProblem(
  expiresAt: string,
  now: number,
  startsAt: readonly string[],
): ExpiryProblem | null {
  const at = Date.parse(expiresAt);
  if (!(at > now)) return 'RESERVE_EXPIRY_PAST';
  if (startsAt.some((s) => at > Date.parse(s))) return 'RESERVE_EXPIRY_AFTER_START';
  return null;
}

/** A held reservation counts until its expiry, whether or not a sweep has recorded the end yet. */
export function stillHeld(r: { status: ReservationStatus; expiresAt: string }, now: number): boolean {
  return r.status === 'held' && Date.parse(r.expiresAt) > now;
}

/** What the will-call list shows: a hold past its expiry is expired even before a sweep records it. */
export function shownStatus(
  r: { status: ReservationStatus; expiresAt: string },
  now: number,
): ReservationStatus {
  return r.status === 'held' && !stillHeld(r, now) ? 'expired' : r.status;
}

// No 0/O or 1/I: the reference is read out over the phone.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** "R-" and 7 characters from random bytes: the reference printed for the customer. */
export function reservationReference(random: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 7; i++) out += ALPHABET[(random[i] ?? 0) % ALPHABET.length];
  return `R-${out}`;
}

/** A reservation as the will-call list shows it, from the local store or from the server. */
export interface ReservationView {
  id: string;
  reference: string;
  terminalId: string;
  /** The window that holds it, when known (the server's terminal name). */
  terminalName: string | null;
  customerName: string;
  customerPhone: string | null;
  customerEmail: string | null;
  currency: string;
  total: number;
  units: number;
  lines: ReservationLine[];
  expiresAt: string;
  createdAt: string;
  status: ReservationStatus;
  closedAt: string | null;
  closedReason: string | null;
}

export function unitsOf(lines: readonly Pick<ReservationLine, 'qty'>[]): number {
  return lines.reduce((n, l) => n + l.qty, 0);
}
