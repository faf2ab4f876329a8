import { seatLeaseReturnPayloadSchema } from '../../shared/sync/seat-protocol';
import type { Queryable } from '../db/database';
import { lockOrganisationForSales } from '../db/repos/change-pos';
import { lockLease, lockOpenLeasesOf, markReturned, type SeatLeaseRow } from '../db/repos/seat-lease-repo';
import * as seats from '../db/repos/seat-state-repo';
import type { TerminalSyncRow } from '../db/repos/terminal-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// A pushed `seat_lease.return` (docs/SEATING.md "Offline: seat leases"): the terminal has stopped
// using these seats. Those still leased under the lease go free; any sold meanwhile stay sold. Once
// none is left leased the lease is over, so a later refund of a seat sold from it frees the seat.
// A terminal found restored from a backup has all its leases ended the same way.

const seatLeaseReturnSchema = seatLeaseReturnPayloadSchema.extend({
  // Every outbox payload may carry the terminal id (DECISIONS.md); the protocol schema leaves it out.
  terminalId: seatLeaseReturnPayloadSchema.shape.leaseId.optional(),
});

/**
 * Frees those of `seatIds` still leased under the (locked) lease and marks the lease returned once
 * none is left under it; how many of them went free. The caller holds the organisation's lock.
 */
async function returnLeaseSeats(
  tx: Queryable,
  orgId: string,
  lease: SeatLeaseRow,
  seatIds: readonly string[],
  at: string,
): Promise<number> {
  const rows = seatIds.length > 0 ? await seats.lockSeats(tx, lease.performanceId, seatIds) : [];
  const back = rows.filter((r) => r.state === 'leased' && r.leaseId === lease.id).map((r) => r.seatId);
  await seats.freeSeats(tx, { orgId, performanceId: lease.performanceId }, back);
  if ((await seats.seatsOfLease(tx, lease.id)).length === 0) await markReturned(tx, lease.id, at);
  return back.length;
}

export async function applySeatLeaseReturn(
  scope: MutationScope,
  payload: unknown,
): Promise<string | undefined> {
  const { terminal } = scope;
  const p = parsePayload(seatLeaseReturnSchema, payload, 'seat_lease.return');
  return scope.run(async (tx) => {
    const lease = await lockLease(tx, terminal.orgId, p.leaseId);
    if (lease?.terminalId !== terminal.id) {
      reject('UNKNOWN_LEASE', `Seat lease ${p.leaseId} is not one of this terminal's seat leases.`);
    }
    const back = await returnLeaseSeats(tx, terminal.orgId, lease, p.seatIds, scope.ctx.now().toISOString());
    const kept = p.seatIds.length - back;
    return kept > 0
      ? `${kept} of the ${p.seatIds.length} seats were no longer leased under this lease (sold or taken back); they stay as they are.`
      : undefined;
  });
}

/**
 * The terminal was restored from a backup (push-service.ts): its store no longer knows what it sold
 * from its seat leases, so every lease ends. Or a manager revoked it (terminal-service.ts): it will
 * never push again, and its seats must not stay leased to it forever. Seats still leased go free (each
 * at a new change position), sold ones stay sold, and each lease is marked returned, so a later refund
 * of a seat sold from it frees the seat. A re-sale of a freed seat by a restored copy then goes to
 * review as `seat_not_held` (seat-sale.ts).
 */
export async function endSeatLeasesOf(
  tx: Queryable,
  terminal: Pick<TerminalSyncRow, 'id' | 'orgId'>,
  at: string,
): Promise<void> {
  // The organisation's lock first, then leases and seat rows: the lock order of the selling side.
  await lockOrganisationForSales(tx, terminal.orgId);
  for (const lease of await lockOpenLeasesOf(tx, terminal.id)) {
    await returnLeaseSeats(tx, terminal.orgId, lease, await seats.seatsOfLease(tx, lease.id), at);
  }
}
