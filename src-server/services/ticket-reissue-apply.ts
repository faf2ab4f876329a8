import type { Mutation } from '../../shared/sync/protocol';
import { ticketReissuePayloadSchema, type TicketReissuePayload } from '../../shared/sync/payloads';
import { isStorableInstant } from '../db/instant';
import { lockTickets, markReissued, storedTicket, type HeldTicket } from '../db/repos/ticket-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Applying a pushed `ticket.reissue` (docs/TICKETS.md "Reprints"): the tickets a terminal reprinted with
// new barcodes. Each old ticket becomes reissued under a new change position, so every door's next pull
// refuses it, and its replacement is stored valid. A reprint never changes what a ticket admits to or
// what was paid for it: the new ticket must name the old one's sale, unit, performance, type, band and
// price. Its push is idempotent by mutation id like every other (push-service.ts).

type Reissued = TicketReissuePayload['tickets'][number];

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What in `fresh` differs from the ticket it replaces, or undefined when nothing does. */
function differs(fresh: Reissued, held: HeldTicket): string | undefined {
  if (!same(fresh.saleId, held.saleId)) return `sale ${fresh.saleId}`;
  if (fresh.lineId !== held.lineId || fresh.unitIndex !== held.unitIndex)
    return `unit ${fresh.lineId}:${fresh.unitIndex}`;
  if (fresh.performanceId !== held.performanceId) return `performance ${fresh.performanceId}`;
  if (fresh.ticketTypeId !== held.ticketTypeId) return `ticket type ${fresh.ticketTypeId}`;
  if (fresh.priceBandId !== held.priceBandId) return `price band ${String(fresh.priceBandId)}`;
  if (fresh.pricePaid !== held.pricePaid) return `a price paid of ${fresh.pricePaid}`;
  return undefined;
}

/** The payload's own rules, before anything is read: one sale, each ticket and each replaced one once. */
function checkPayload(p: TicketReissuePayload): void {
  if (!isStorableInstant(p.at)) reject('INVALID_PAYLOAD', `The reprint's time ${p.at} cannot be stored.`);
  const ids = new Set<string>();
  const replaced = new Set<string>();
  for (const t of p.tickets) {
    const what = `Reprinted ticket ${t.id}`;
    if (!same(t.saleId, p.saleId))
      reject('INVALID_PAYLOAD', `${what} names sale ${t.saleId}, not ${p.saleId}.`);
    if (!isStorableInstant(t.issuedAt))
      reject('INVALID_PAYLOAD', `${what} has an issue time ${t.issuedAt} the server cannot store.`);
    const id = t.id.toLowerCase();
    const old = t.replaces.toLowerCase();
    if (ids.has(id) || replaced.has(old) || id === old || ids.has(old) || replaced.has(id))
      reject('INVALID_PAYLOAD', `${what} is listed twice, or replaces a ticket twice or itself.`);
    ids.add(id);
    replaced.add(old);
  }
}

export async function applyTicketReissue(scope: MutationScope, mutation: Mutation): Promise<undefined> {
  const p = parsePayload(ticketReissuePayloadSchema, mutation.payload, 'ticket.reissue');
  checkPayload(p);
  const { orgId } = scope.terminal;
  const olds = p.tickets.map((t) => t.replaces);
  const held = await scope.run((tx) => lockTickets(tx, orgId, olds));
  for (const t of p.tickets) {
    const old = held.get(t.replaces.toLowerCase());
    if (!old) {
      reject(
        'UNKNOWN_TICKET',
        `Ticket ${t.replaces} is not on the server, so its reprint cannot replace it: retry once its sale is applied.`,
      );
    }
    if (old.status !== 'valid') {
      reject(
        'TICKET_NOT_VALID',
        `Ticket ${t.replaces} is ${old.status} on the server; only a valid ticket is reprinted with a new barcode.`,
      );
    }
    const other = differs(t, old);
    if (other) reject('INVALID_PAYLOAD', `Reprinted ticket ${t.id} names ${other}, unlike ticket ${old.id}.`);
  }
  await scope.run((tx) => markReissued(tx, { orgId, ids: olds, at: p.at }));
  const fresh = p.tickets.map((t) => storedTicket(t, { orgId, terminalId: scope.terminal.id }));
  if (!(await scope.deferTickets(fresh))) {
    reject('DUPLICATE_TICKET', `A reprinted ticket of sale ${p.saleId} reached the server already.`);
  }
  return undefined;
}
