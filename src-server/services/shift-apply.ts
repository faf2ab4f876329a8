import type { Mutation } from '../../shared/sync/protocol';
import { shiftClosePayloadSchema, shiftOpenPayloadSchema } from '../../shared/sync/payloads';
import { insertShiftEvent } from '../db/repos/pos-ledger-repo';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Pushed shift events go to the ledger as they are; a clash on the mutation id changes nothing.

export async function applyShiftOpen(scope: MutationScope, mutation: Mutation): Promise<undefined> {
  const p = parsePayload(shiftOpenPayloadSchema, mutation.payload, 'shift.open');
  const { terminal } = scope;
  await scope.run((tx) =>
    insertShiftEvent(tx, {
      mutationId: mutation.mutationId,
      orgId: terminal.orgId,
      terminalId: terminal.id,
      shiftId: p.id,
      kind: 'open',
      staffId: p.openedBy,
      payload: mutation.payload,
      at: p.openedAt,
    }),
  );
  return undefined;
}

export async function applyShiftClose(scope: MutationScope, mutation: Mutation): Promise<undefined> {
  const p = parsePayload(shiftClosePayloadSchema, mutation.payload, 'shift.close');
  const { terminal } = scope;
  await scope.run((tx) =>
    insertShiftEvent(tx, {
      mutationId: mutation.mutationId,
      orgId: terminal.orgId,
      terminalId: terminal.id,
      shiftId: p.shiftId,
      kind: 'close',
      staffId: p.closedBy,
      payload: mutation.payload,
      at: p.closedAt,
    }),
  );
  return undefined;
}
