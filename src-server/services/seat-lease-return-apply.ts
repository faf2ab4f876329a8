import { seatLeaseReturnPayloadSchema } from '../../shared/sync/seat-protocol';
import { lockLease, markReturned } from '../db/repos/seat-lease-repo';
import * as seats from '../db/repos/seat-state-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// A pushed `seat_lease.return` (docs/SEATING.md "Offline: seat leases"): the terminal has stopped
// using these seats. Those still leased under the lease go free; any sold meanwhile stay sold. Once
// none is left leased the lease is over, so a later refund of a seat sold from it frees the seat.

const seatLeaseReturnSchema = seatLeaseReturnPayloadSchema.extend({
  // Every outbox payload may carry the terminal id (DECISIONS.md); the protocol schema leaves it out.
  terminalId: seatLeaseReturnPayloadSchema.shape.leaseId.optional(),
});

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
    const rows = p.seatIds.length > 0 ? await seats.lockSeats(tx, lease.performanceId, p.seatIds) : [];
    const back = rows.filter((r) => r.state === 'leased' && r.leaseId === lease.id).map((r) => r.seatId);
    await seats.freeSeats(tx, { orgId: terminal.orgId, performanceId: lease.performanceId }, back);
    if ((await seats.seatsOfLease(tx, lease.id)).length === 0) {
      await markReturned(tx, lease.id, scope.ctx.now().toISOString());
    }
    const kept = p.seatIds.length - back.length;
    return kept > 0
      ? `${kept} of the ${p.seatIds.length} seats were no longer leased under this lease (sold or taken back); they stay as they are.`
      : undefined;
  });
}
