import { cashMovementPayloadSchema, drawerDelta } from '../../shared/cash/movements';
import type { Mutation } from '../../shared/sync/protocol';
import { isStorableInstant } from '../db/instant';
import { insertCashMovement } from '../db/repos/cash-movement-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Applying a pushed `cash.movement` (docs/CASH.md): stored once, as the terminal recorded it, for the
// shift report. The amount must move the drawer the way its kind does (drawerDelta, the rule the
// terminal's expected cash follows), or the shift's sums would not match its close. The reason is not
// checked against the organisation's list: the list may have changed since an offline terminal used it.

export async function applyCashMovement(
  scope: MutationScope,
  mutation: Mutation,
): Promise<string | undefined> {
  const p = parsePayload(cashMovementPayloadSchema, mutation.payload, 'cash.movement');
  const direction = p.amount < 0 ? 'out' : 'in';
  const expected = drawerDelta({ kind: p.kind, amount: Math.abs(p.amount), direction });
  if (!expected.ok || expected.delta !== p.amount) {
    reject(
      'INVALID_PAYLOAD',
      `A ${p.kind} cannot move the drawer by ${p.amount}: paid_in takes a positive amount, paid_out and ` +
        'drop a negative one, float_change any but 0, and no_sale 0.',
    );
  }
  if (!isStorableInstant(p.at)) reject('INVALID_PAYLOAD', `The movement's time ${p.at} cannot be stored.`);
  const stored = await scope.run((tx) =>
    insertCashMovement(tx, {
      orgId: scope.terminal.orgId,
      mutationId: mutation.mutationId,
      movement: p,
      payload: mutation.payload,
    }),
  );
  if (stored === 'other') {
    reject('DUPLICATE_CASH_MOVEMENT', `Cash movement ${p.id} reached the server already with other content.`);
  }
  return stored === 'same' ? 'The cash movement was stored already; nothing changed.' : undefined;
}
