import { checkScan, type DoorPerformance } from '../../../shared/node/tickets/door-check';
import { tagOf, ticketKeyring, type TicketKeyring } from '../../../shared/node/tickets/secret';
import type { CheckinPayload } from '../../../shared/sync/payloads';
import { doorsOpenAt, type DoorOutcome } from '../../../shared/tickets/checkins';
import type { Db } from '../../db/connection';
import {
  doorEntryOf,
  insertDoorEntry,
  namedPerformances,
  ownTicketRevocation,
  type NamedPerformance,
} from '../../db/repos/door-repo';
import { appendOutbox } from '../../db/repos/outbox-repo';
import { revocationOf, trustedTicketKeys } from '../../db/repos/ticket-trust-repo';
import { newId } from '../../ids';

// docs/TICKETS.md "Door mode", offline: the terminal decides alone with the shared door check, from the
// keys and revocations it pulled, its own tickets' status and its own entry log.

export interface OpenDoor {
  door: string;
  performances: NamedPerformance[];
}

/** The pulled keys as a keyring, parsed again only when a pull changed them. */
export function createKeyringCache(db: Db): () => TicketKeyring {
  let held: { fingerprint: string; keyring: TicketKeyring } | undefined;
  return () => {
    const keys = trustedTicketKeys(db);
    const fingerprint = keys.map((k) => `${k.publicKey}:${k.revokedAt ?? ''}`).join('|');
    if (held?.fingerprint !== fingerprint) held = { fingerprint, keyring: ticketKeyring(keys) };
    return held.keyring;
  };
}

/** What this terminal alone says of a scan at the open door. Reads only. */
export function checkLocally(
  db: Db,
  keyring: TicketKeyring,
  open: OpenDoor,
  text: string,
  now: Date,
): DoorOutcome {
  const performances = new Map<string, DoorPerformance>(
    open.performances.map((p) => [
      tagOf(p.id),
      { id: p.id, tag: tagOf(p.id), startsAt: p.startsAt, opensAt: doorsOpenAt(p.startsAt) },
    ]),
  );
  return checkScan(text, {
    keyring,
    performances,
    otherPerformance: (tag) => namedPerformances(db).find((p) => tagOf(p.id) === tag),
    // The server's word (pulled) first; a sale refunded here but not yet pushed is void all the same.
    revocation: (ticketId) => revocationOf(db, ticketId)?.status ?? ownTicketRevocation(db, ticketId),
    entry: (ticketId) => doorEntryOf(db, ticketId),
    now,
  });
}

/**
 * Checks a scan offline and, when it is valid, records the entry and its `checkin` mutation in one
 * SQLite transaction: the entry is never kept without the mutation that tells the server, nor the other
 * way round. Nothing is written for any other outcome.
 */
export function admitOffline(
  db: Db,
  keyring: TicketKeyring,
  open: OpenDoor,
  text: string,
  who: { terminalId: string; staffId: string },
  now: Date,
): DoorOutcome {
  return db.transaction((): DoorOutcome => {
    const outcome = checkLocally(db, keyring, open, text, now);
    if (outcome.kind !== 'valid') return outcome;
    const at = now.toISOString();
    const entry = {
      id: newId(),
      ticketId: outcome.ticketId,
      performanceId: outcome.performanceId,
      door: open.door,
      staffId: who.staffId,
      at,
    };
    // checkLocally read the log in this same transaction, so the ticket has no entry yet.
    insertDoorEntry(db, { ...entry, source: 'offline' });
    const payload: CheckinPayload = { terminalId: who.terminalId, ...entry };
    appendOutbox(db, { mutationId: newId(), type: 'checkin', payload, createdAt: at });
    return outcome;
  })();
}
