import type { ReviewItem, ReviewKind } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { markOveruse } from '../db/repos/redemption-repo';
import * as repo from '../db/repos/sync-repo';
import { reject } from '../errors';

export async function listReviewItems(
  ctx: ServerContext,
  principal: Principal,
  filter: { status?: ReviewItem['status']; kind?: ReviewKind; limit: number; offset: number },
): Promise<ReviewItem[]> {
  return repo.listReviewItems(ctx.db, principal.orgId, filter);
}

/**
 * A manager's decision on one item, recorded with who and when. Accepting an overuse excess makes the
 * sale's redemption an overuse with the manager's note as its reason, so the overuse report shows it.
 */
export async function resolveReviewItem(
  ctx: ServerContext,
  principal: Principal & { kind: 'staff' },
  id: string,
  action: 'accepted' | 'flagged',
  note: string,
): Promise<ReviewItem> {
  return ctx.db.transaction(async (tx) => {
    const item = await repo.lockReviewItem(tx, principal.orgId, id);
    if (!item) reject('NOT_FOUND', 'There is no such review item.');
    if (item.status !== 'open') {
      reject(
        'ALREADY_RESOLVED',
        `This item was ${item.status} already${item.resolvedAt ? ` at ${item.resolvedAt}` : ''}: nothing changed.`,
      );
    }
    if (action === 'accepted' && item.kind === 'overuse_excess' && item.redemptionId) {
      await markOveruse(tx, {
        id: item.redemptionId,
        reason: note,
        grantedBy: principal.staffId,
        limits: null,
      });
    }
    return repo.resolveReviewItem(tx, {
      id,
      status: action,
      staffId: principal.staffId,
      note,
      at: ctx.now().toISOString(),
    });
  });
}
