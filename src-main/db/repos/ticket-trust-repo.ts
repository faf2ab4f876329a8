import type { TrustedKey } from '../../../shared/node/tickets/secret';
import type { TicketKey, TicketRevocation } from '../../../shared/sync/protocol';
import { prepared, type Db } from '../connection';

// What a door checks a ticket against offline (migration 0014, docs/TICKETS.md "Trust"): the
// organisation's ticket signing keys and the tickets the server voided or reissued, both as pulled.

/** The server's full list replaces the one held: a key it no longer lists is no longer trusted. */
export function replaceTicketKeys(db: Db, keys: readonly TicketKey[]): void {
  prepared(db, 'DELETE FROM ticket_keys').run();
  const insert = prepared(
    db,
    `INSERT INTO ticket_keys (key_id, public_key, terminal_id, revoked_at)
     VALUES (@keyId, @publicKey, @terminalId, @revokedAt)
     ON CONFLICT (key_id) DO UPDATE SET public_key = excluded.public_key, terminal_id = excluded.terminal_id,
       revoked_at = excluded.revoked_at`,
  );
  for (const k of keys) {
    insert.run({ ...k, revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString() });
  }
}

/** The keys for ticketKeyring(). */
export function trustedTicketKeys(db: Db): TrustedKey[] {
  return prepared(
    db,
    'SELECT public_key AS publicKey, revoked_at AS revokedAt FROM ticket_keys ORDER BY key_id',
  ).all() as TrustedKey[];
}

export interface HeldTicketKey extends TrustedKey {
  keyId: string;
  terminalId: string;
}

export function listTicketKeys(db: Db): HeldTicketKey[] {
  return prepared(
    db,
    `SELECT key_id AS keyId, public_key AS publicKey, terminal_id AS terminalId, revoked_at AS revokedAt
     FROM ticket_keys ORDER BY key_id`,
  ).all() as HeldTicketKey[];
}

/** A later word on a ticket replaces an earlier one; none ever makes it valid again. */
export function upsertRevocations(db: Db, revocations: readonly TicketRevocation[]): void {
  const upsert = prepared(
    db,
    `INSERT INTO ticket_revocations (ticket_id, status, changed_at) VALUES (@ticketId, @status, @changedAt)
     ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, changed_at = excluded.changed_at`,
  );
  for (const r of revocations) {
    upsert.run({
      ticketId: r.ticketId.toLowerCase(),
      status: r.status,
      changedAt: new Date(r.changedAt).toISOString(),
    });
  }
}

export interface Revocation {
  status: TicketRevocation['status'];
  changedAt: string;
}

/** The server's word on a ticket that stopped being valid; undefined: none (as far as the last pull knew). */
export function revocationOf(db: Db, ticketId: string): Revocation | undefined {
  return prepared(
    db,
    'SELECT status, changed_at AS changedAt FROM ticket_revocations WHERE ticket_id = ?',
  ).get(ticketId.toLowerCase()) as Revocation | undefined;
}

/** One primary-key lookup: the door's check on every scan. */
export function isRevoked(db: Db, ticketId: string): boolean {
  return (
    prepared(db, 'SELECT 1 FROM ticket_revocations WHERE ticket_id = ?').get(ticketId.toLowerCase()) !==
    undefined
  );
}
