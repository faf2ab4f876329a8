import type { Mutation } from '../../shared/sync/protocol';
import { shiftClosePayloadSchema, shiftOpenPayloadSchema } from '../../shared/sync/payloads';
import { insertShiftEvent } from '../db/repos/pos-ledger-repo';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Pushed shift events go to the ledger as they are; a clash on the mutation id changes nothing.

async function recordShiftEvent(
  scope: MutationScope,
  mutation: Mutation,
  event: { shiftId: string; kind: 'open' | 'close'; staffId: string; at: string },
): Promise<undefined> {
  const { terminal } = scope;
  await scope.run((tx) =>
    insertShiftEvent(tx, {
      mutationId: mutation.mutationId,
      orgId: terminal.orgId,
      terminalId: terminal.id,
      payload: mutation.payload,
      ...event,
    }),
  );
  return undefined;
}

export async function applyShiftOpen(scope: MutationScope, mutation: Mutation): Promise<undefined> {
  const p = parsePayload(shiftOpenPayloadSchema, mutation.payload, 'shift.open');
  return recordShiftEvent(scope, mutation, {
    shiftId: p.id,
    kind: 'open',
    staffId: p.openedBy,
    at: p.openedAt,
  });
}

export async function applyShiftClose(scope: MutationScope, mutation: Mutation): Promise<undefined> {
  const p = parsePayload(shiftClosePayloadSchema, mutation.payload, 'shift.close');
  return recordShiftEvent(scope, mutation, {
    shiftId: p.shiftId,
    kind: 'close',
    staffId: p.closedBy,
    at: p.closedAt,
  });
}
