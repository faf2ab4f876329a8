import type { Err } from '../../shared/result';
import type { Page } from '../../shared/server-api/page';
import type { ReviewItem } from '../../shared/sync/protocol';
import type { ReviewRow } from '../../shared/sync/terminal-admin';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { markOveruse } from '../db/repos/redemption-repo';
import * as log from '../db/repos/mutation-log-repo';
import * as repo from '../db/repos/review-item-repo';
import { lockTerminal } from '../db/repos/terminal-repo';
import { reject } from '../errors';
import { pick, recordAudit } from './audit';
import { reapplyMutation } from './mutation-apply';

export async function listReviewItems(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.ReviewFilter,
): Promise<Page<ReviewRow>> {
  const page = await repo.listReviewItems(ctx.db, principal.orgId, filter);
  return { ...page, limit: filter.limit, offset: filter.offset };
}

async function lockItem(
  tx: Queryable,
  principal: Principal,
  id: string,
): Promise<NonNullable<Awaited<ReturnType<typeof repo.lockReviewItem>>>> {
  const item = await repo.lockReviewItem(tx, principal.orgId, id);
  if (!item) reject('NOT_FOUND', 'There is no such review item.');
  return item;
}

function alreadyResolved(item: ReviewItem): never {
  reject(
    'ALREADY_RESOLVED',
    `This item was ${item.status} already${item.resolvedAt ? ` at ${item.resolvedAt}` : ''}: nothing changed.`,
  );
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
    const item = await lockItem(tx, principal, id);
    if (item.status !== 'open') alreadyResolved(item);
    if (action === 'accepted' && item.kind === 'overuse_excess' && item.redemptionId) {
      await markOveruse(tx, {
        orgId: principal.orgId,
        id: item.redemptionId,
        reason: note,
        grantedBy: principal.staffId,
        limits: null,
      });
    }
    const resolved = await repo.resolveReviewItem(tx, {
      id,
      status: action,
      staffId: principal.staffId,
      note,
      at: ctx.now().toISOString(),
    });
    await recordAudit(tx, ctx, principal, {
      action: action === 'accepted' ? 'review.accept' : 'review.flag',
      entityKind: 'review_item',
      entityId: id,
      before: pick(item, AUDITED_REVIEW),
      after: pick(resolved, AUDITED_REVIEW),
      summary: note,
    });
    return resolved;
  });
}

// What the audit log records of a review item: its decision, not the sale payload it carries.
const AUDITED_REVIEW = ['id', 'kind', 'status', 'terminalId', 'mutationId', 'resolvedBy', 'note'] as const;

export type RetryOutcome = { status: 200; body: ReviewItem } | { status: 409; body: Err };

/**
 * Retries a quarantined mutation once its cause is fixed (a performance, code or staff member the
 * terminal knew is on the server now): the kept payload goes through push's own checks and apply path
 * (mutation-apply.ts reapplyMutation), under the terminal's row lock as a push holds it. Applied: the sale's
 * money reaches the ledger and reports, the item is `applied` and the mutation is logged as applied,
 * so it is never applied twice. Rejected again: nothing changes, the answer is 409 with the reason.
 * A closed item may be retried too: accepting a quarantined mutation never applied it.
 */
export async function retryQuarantined(
  ctx: ServerContext,
  principal: Principal & { kind: 'staff' },
  id: string,
  note: string,
): Promise<RetryOutcome> {
  return ctx.db.transaction(async (tx): Promise<RetryOutcome> => {
    const item = await lockItem(tx, principal, id);
    if (item.kind !== 'quarantined' || !item.mutationId) {
      reject(
        'NOT_RETRYABLE',
        'Only a quarantined mutation can be retried; accept or flag this item instead.',
      );
    }
    if (item.status === 'applied') alreadyResolved(item);
    const kept = await log.lockQuarantined(tx, principal.orgId, item.mutationId);
    if (!kept) throw new Error(`review item ${id} names no quarantined mutation`);
    if (kept.appliedAt) alreadyResolved(item);
    const terminal = await lockTerminal(tx, kept.terminalId);
    if (!terminal) throw new Error(`quarantined mutation ${kept.mutationId} names no terminal`);
    const result = await reapplyMutation(tx, ctx, terminal, {
      seq: kept.seq,
      mutationId: kept.mutationId,
      type: kept.type,
      payload: kept.payload,
      prevHash: kept.prevHash,
      hash: kept.hash,
      createdAt: kept.createdAt,
    });
    if (!result.ok) {
      const next =
        result.reason === 'HASH_MISMATCH' || result.reason === 'UNSTORABLE_PAYLOAD'
          ? 'Such a payload is never applied: accept or flag the item.'
          : `The ${kept.type} stays quarantined: fix that and retry, or accept or flag the item.`;
      // A refused retry changes nothing but is still a manager's action on the queue.
      await recordAudit(tx, ctx, principal, {
        action: 'review.retry',
        entityKind: 'review_item',
        entityId: id,
        before: pick(item, AUDITED_REVIEW),
        after: pick(item, AUDITED_REVIEW),
        summary: `${note} (refused: ${result.reason})`,
      });
      return {
        status: 409,
        body: { ok: false, reason: result.reason, message: `${result.message} ${next}` },
      };
    }
    const at = ctx.now().toISOString();
    await log.markQuarantineApplied(tx, {
      orgId: principal.orgId,
      mutationId: kept.mutationId,
      staffId: principal.staffId,
      at,
    });
    const resolved = await repo.resolveReviewItem(tx, {
      id,
      status: 'applied',
      staffId: principal.staffId,
      note: result.message ? `${note} (${result.message})` : note,
      at,
    });
    await recordAudit(tx, ctx, principal, {
      action: 'review.retry',
      entityKind: 'review_item',
      entityId: id,
      before: pick(item, AUDITED_REVIEW),
      after: pick(resolved, AUDITED_REVIEW),
      summary: note,
    });
    return { status: 200, body: resolved };
  });
}
