import { ok, type Result } from '../../../shared/result';
import { pullResponseSchema, type PullResponse } from '../../../shared/sync/protocol';
import { countPendingSales, getSyncState } from '../../db/repos/sync-repo';
import { applyPullPage } from './apply-changes';
import { exchangeFailed, requireEnrolled, type SyncContext } from './context';

export interface PullOutcome {
  pages: number;
  changes: number;
}

const MAX_PAGES = 10_000;

/** Pulls page after page until the server says there is no more; each page is its own transaction. */
export async function pullOnce(ctx: SyncContext): Promise<Result<PullOutcome>> {
  const enrolled = requireEnrolled(ctx);
  if (!enrolled.ok) return enrolled;
  const { terminalId, deviceToken } = enrolled.value;
  // Every sale acknowledged before the snapshot is taken is in the server's usage counts.
  const usageThrough = enrolled.value.pushedThrough;
  // What the Terminals screen shows; pulling does not change it, so it is counted once per pull.
  const pendingSales = countPendingSales(ctx.db, usageThrough);
  let pages = 0;
  let changes = 0;
  for (; pages < MAX_PAGES;) {
    const cursor = getSyncState(ctx.db)?.cursor ?? null;
    const answer = await ctx.send({
      method: 'POST',
      path: '/v1/sync/pull',
      token: deviceToken,
      // seatMaps: this terminal applies seat maps (docs/SEATING.md "Seat maps at the terminal").
      body: { terminalId, cursor, limit: ctx.pullPageLimit, pendingSales, seatMaps: true },
    });
    if (answer.status !== 200) return exchangeFailed(ctx, answer, ctx.t('ACTION_PULL'));
    const parsed = pullResponseSchema.safeParse(answer.body);
    if (!parsed.success) return exchangeFailed(ctx, { status: 200, body: null }, ctx.t('ACTION_PULL'));
    const page = parsed.data as PullResponse;
    pages += 1;
    changes += applyPullPage(ctx.db, page, {
      requestCursor: cursor,
      usageThrough,
      at: new Date(ctx.clock.now()).toISOString(),
    });
    if (!page.more) break;
  }
  ctx.changed();
  return ok({ pages, changes });
}
