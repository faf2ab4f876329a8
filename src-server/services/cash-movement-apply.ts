import { v7 as uuid } from 'uuid';
import { cashMovementPayloadSchema, drawerDelta, movementPermission } from '../../shared/cash/movements';
import { formatMinor } from '../../shared/money';
import type { Permission } from '../../shared/auth/permissions';
import type { Mutation } from '../../shared/sync/protocol';
import { isStorableInstant } from '../db/instant';
import { insertCashMovement } from '../db/repos/cash-movement-repo';
import { isUuid } from '../db/uuid';
import { insertReviewItem } from '../db/repos/review-item-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Applying a pushed `cash.movement` (docs/CASH.md): stored once, as the terminal recorded it, for the
// shift report. The amount must move the drawer the way its kind does (drawerDelta, the rule the
// terminal's expected cash follows), or the shift's sums would not match its close. The reason is not
// checked against the organisation's list: the list may have changed since an offline terminal used it.
// The permission is checked again here, as for every approval: a movement by someone whose role lacks
// it is kept (the drawer did move, and the shift must add up) and a review item tells a manager.

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
  if (stored === 'same') return 'The cash movement was stored already; nothing changed.';
  const why = await unpermitted(scope, p.staffId, movementPermission(p.kind));
  if (!why) return undefined;
  await scope.run((tx) =>
    insertReviewItem(tx, {
      id: uuid(),
      orgId: scope.terminal.orgId,
      kind: 'cash_unpermitted',
      terminalId: scope.terminal.id,
      mutationId: mutation.mutationId,
      summary:
        `A ${p.kind.replace('_', ' ')} of ${formatMinor(p.amount, p.currency, 'en')} ${p.currency} ("${p.reason}") was recorded at this terminal by ` +
        `staff ${p.staffId}, who ${why}. It is kept, because the drawer moved and the shift must add up. ` +
        'Ask who opened the drawer, then accept it or flag it for follow-up; check the role if it should have the permission.',
      payload: { movementId: p.id, staffId: p.staffId, permission: movementPermission(p.kind) },
      createdAt: scope.ctx.now().toISOString(),
    }),
  );
  return 'The cash movement was stored; its staff member lacks the permission, so it went to review.';
}

/** Why `staffId` may not have made the movement, or undefined when their role holds `permission`. */
async function unpermitted(
  scope: MutationScope,
  staffId: string,
  permission: Permission,
): Promise<string | undefined> {
  const staff = isUuid(staffId) ? await scope.grantor(staffId) : undefined;
  if (!staff) return 'is no staff member of the organisation';
  if (!staff.permissions.includes(permission)) return `holds a role without ${permission}`;
  return undefined;
}
