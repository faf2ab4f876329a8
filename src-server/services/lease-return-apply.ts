import { leaseReturnPayloadSchema } from '../../shared/sync/protocol';
import * as escrow from '../db/repos/escrow-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// A pushed `lease.return` (docs/SYNC.md "Escrow leases", "Return").

const leaseReturnSchema = leaseReturnPayloadSchema.extend({
  // Every outbox payload may carry the terminal id (DECISIONS.md); the protocol schema leaves it out.
  terminalId: leaseReturnPayloadSchema.shape.leaseId.optional(),
});

export async function applyLeaseReturn(scope: MutationScope, payload: unknown): Promise<string | undefined> {
  const { terminal } = scope;
  const p = parsePayload(leaseReturnSchema, payload, 'lease.return');
  const lease = await scope.run((tx) => escrow.lockLease(tx, terminal.orgId, p.leaseId));
  if (!lease || lease.terminalId !== terminal.id) {
    reject('UNKNOWN_LEASE', `Lease ${p.leaseId} is not one of this terminal's leases.`);
  }
  if (lease.counter !== p.counter) {
    reject('LEASE_COUNTER_MISMATCH', `Lease ${p.leaseId} is on ${lease.counter}, not ${p.counter}.`);
  }
  if (lease.status !== 'active') return `The lease was ${lease.status} already; nothing changed.`;
  // The terminal has stopped using the lease, so everything it still holds goes back, whatever the
  // terminal counted: the server's used is what its pushed sales backed.
  const back = await scope.run((tx) =>
    escrow.closeLease(tx, { orgId: terminal.orgId, id: lease.id, counter: lease.counter }, 'returned'),
  );
  return back === p.units
    ? undefined
    : `The server returned ${back} units to the pool (the terminal counted ${p.units}).`;
}
