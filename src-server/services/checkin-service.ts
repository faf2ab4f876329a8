import { v7 as uuid } from 'uuid';
import { checkScan, type DoorPerformance } from '../../shared/node/tickets/door-check';
import { readTicketSecret, tagOf, ticketKeyring } from '../../shared/node/tickets/secret';
import type { CheckinPayload } from '../../shared/sync/payloads';
import { MAX_TICKET_KEYS } from '../../shared/sync/protocol';
import {
  doorsOpenAt,
  type CheckinRequest,
  type CheckinResponse,
  type DoorCounts,
} from '../../shared/tickets/checkins';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import * as repo from '../db/repos/checkin-repo';
import { insertReviewItem } from '../db/repos/review-item-repo';
import { revocationOf, ticketKeys } from '../db/repos/ticket-repo';
import { reject } from '../errors';

// docs/TICKETS.md "At the door", the server's half: POST /v1/checkins checks a scan with the same rule
// a terminal's Door mode uses (shared/node/tickets/door-check.ts) and lets the first entry of a ticket
// win atomically; a terminal's offline entries arrive as `checkin` mutations, where a second admission
// of one ticket is kept only as a duplicate-entry review item.

export async function checkIn(
  ctx: ServerContext,
  principal: Principal,
  input: CheckinRequest,
): Promise<CheckinResponse> {
  const { orgId } = principal;
  const retried = await repo.getCheckin(ctx.db, orgId, input.id);
  if (retried) {
    // The same scan sent again (a lost answer): the first answer, never "already entered" by itself.
    if (retried.admitted)
      return { outcome: { kind: 'valid', ticketId: retried.ticketId, performanceId: retried.performanceId } };
    reject(
      'DUPLICATE_ID',
      `Check-in ${input.id} was already used for another entry: send a new id per scan.`,
    );
  }
  const performances = await repo.performancesOf(ctx.db, orgId, input.performanceIds);
  const unknown = input.performanceIds.filter((id) => !performances.some((p) => p.id === id));
  if (unknown.length > 0)
    reject(
      'REFERENCE_NOT_FOUND',
      `No performance ${unknown.join(', ')} in your organisation: pick the door's performances again.`,
    );
  const read = readTicketSecret(input.secret);
  const ticketId = read?.ticketId;
  const [keys, revocation, entry] = await Promise.all([
    ticketKeys(ctx.db, orgId, MAX_TICKET_KEYS),
    ticketId ? revocationOf(ctx.db, orgId, ticketId) : undefined,
    ticketId ? repo.admittedEntry(ctx.db, orgId, ticketId) : undefined,
  ]);
  const door = new Map<string, DoorPerformance>(
    performances.map((p) => [tagOf(p.id), { ...p, tag: tagOf(p.id), opensAt: doorsOpenAt(p.startsAt) }]),
  );
  const now = ctx.now();
  const outcome = checkScan(input.secret, {
    keyring: ticketKeyring(keys),
    performances: door,
    revocation: () => revocation,
    entry: () => entry,
    now,
  });
  if (outcome.kind !== 'valid') return { outcome };
  const admitted = await repo.admitFirst(ctx.db, {
    id: input.id,
    orgId,
    ticketId: outcome.ticketId,
    performanceId: outcome.performanceId,
    door: input.door,
    terminalId: principal.kind === 'terminal' ? principal.terminalId : null,
    staffId: principal.kind === 'staff' ? principal.staffId : null,
    at: now.toISOString(),
  });
  if (admitted) return { outcome };
  // Another door won the race between our read and our insert.
  const winner = await repo.admittedEntry(ctx.db, orgId, outcome.ticketId);
  if (!winner) reject('CONFLICT', 'The entry could not be recorded: scan the ticket again.');
  return {
    outcome: {
      kind: 'already_entered',
      ticketId: outcome.ticketId,
      entry: { at: winner.at, door: winner.door },
    },
  };
}

export async function countsAtDoor(
  ctx: ServerContext,
  principal: Principal,
  performanceId: string,
): Promise<DoorCounts> {
  const [known] = await repo.performancesOf(ctx.db, principal.orgId, [performanceId]);
  if (!known) reject('REFERENCE_NOT_FOUND', `No performance ${performanceId} in your organisation.`);
  return repo.doorCounts(ctx.db, principal.orgId, performanceId);
}

/**
 * A terminal's entry, made at its door (often offline) and pushed. The door already checked the
 * ticket; here only "first entry wins" is left to decide. Returns a note for the mutation log when the
 * entry lost: it is kept as not admitted, beside a duplicate-entry review item.
 */
export async function applyCheckin(
  tx: Queryable,
  terminal: { id: string; orgId: string },
  p: CheckinPayload,
  now: string,
): Promise<string | undefined> {
  if (await repo.getCheckin(tx, terminal.orgId, p.id)) return undefined;
  const entry = {
    id: p.id,
    orgId: terminal.orgId,
    ticketId: p.ticketId,
    performanceId: p.performanceId,
    door: p.door,
    terminalId: terminal.id,
    staffId: p.staffId,
    at: p.at,
  };
  if (await repo.admitFirst(tx, entry)) return undefined;
  const first = await repo.admittedEntry(tx, terminal.orgId, p.ticketId);
  await repo.recordRefusedEntry(tx, entry);
  const summary =
    `Ticket ${p.ticketId} was admitted twice: at ${first?.door ?? 'another door'} (${first?.at ?? 'earlier'}) ` +
    `and at ${p.door} (${p.at}) while a door was offline. Check who came in on it; the second entry does not count.`;
  await insertReviewItem(tx, {
    id: uuid(),
    orgId: terminal.orgId,
    kind: 'duplicate_entry',
    terminalId: terminal.id,
    mutationId: null,
    summary,
    payload: { ticketId: p.ticketId, first: first ?? null, second: { id: p.id, door: p.door, at: p.at } },
    createdAt: now,
  });
  return `Ticket ${p.ticketId} was already in: kept as a duplicate entry for review.`;
}
