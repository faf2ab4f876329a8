import { ok, type Result } from '../../../shared/result';
import {
  MAX_PUSH_BATCH,
  MAX_PUSH_BYTES,
  pushConflictSchema,
  pushResponseSchema,
  type Mutation,
  type MutationType,
} from '../../../shared/sync/protocol';
import { readOutbox, type OutboxEntry } from '../../db/repos/outbox-repo';
import { lastOutboxSeq, markPushedThrough } from '../../db/repos/sync-repo';
import { exchangeFailed, requireEnrolled, type SyncContext } from './context';

export interface PushOutcome {
  /** Mutations sent in this batch. */
  sent: number;
  /** The server's last seq for this terminal after the batch. */
  lastSeq: number;
  /** Mutations still waiting after this batch. */
  remaining: number;
}

/**
 * Sends the oldest unacknowledged batch (at most 500) once. The server applies in seq order and
 * acknowledges duplicates, so resending after a lost answer is safe.
 */
export async function pushOnce(ctx: SyncContext): Promise<Result<PushOutcome>> {
  const enrolled = requireEnrolled(ctx);
  if (!enrolled.ok) return enrolled;
  const { db } = ctx;
  const { terminalId, epoch, deviceToken, pushedThrough } = enrolled.value;
  const mutations = pushBatch(readOutbox(db, pushedThrough, MAX_PUSH_BATCH));
  const tail = lastOutboxSeq(db);
  if (mutations.length === 0) return ok({ sent: 0, lastSeq: pushedThrough, remaining: 0 });
  const answer = await ctx.send({
    method: 'POST',
    path: '/v1/sync/push',
    token: deviceToken,
    body: { terminalId, epoch, mutations },
  });
  const at = new Date(ctx.clock.now()).toISOString();

  if (answer.status === 200) {
    const parsed = pushResponseSchema.safeParse(answer.body);
    if (!parsed.success) return exchangeFailed(ctx, { status: 200, body: null }, ctx.t('ACTION_PUSH'));
    // Never beyond our own tail: a server ahead of us is a restore it reports itself.
    const lastSeq = Math.min(parsed.data.lastSeq, tail);
    markPushedThrough(db, lastSeq, at);
    ctx.changed();
    return ok({ sent: mutations.length, lastSeq, remaining: tail - lastSeq });
  }

  if (answer.status === 409) {
    const conflict = pushConflictSchema.safeParse(answer.body);
    if (conflict.success && conflict.data.reason === 'SEQ_GAP') {
      // The server holds up to lastSeq: the next batch starts right after it.
      const lastSeq = Math.min(conflict.data.lastSeq ?? 0, tail);
      markPushedThrough(db, lastSeq, at);
      ctx.changed();
      return ok({ sent: 0, lastSeq, remaining: tail - lastSeq });
    }
  }
  return exchangeFailed(ctx, answer, ctx.t('ACTION_PUSH'));
}

/**
 * The mutations one push request carries: the oldest unacknowledged rows, at most MAX_PUSH_BATCH of them
 * and MAX_PUSH_BYTES of JSON (a single larger row still goes alone).
 */
export function pushBatch(rows: readonly OutboxEntry[]): Mutation[] {
  const mutations: Mutation[] = [];
  let bytes = 0;
  for (const m of rows.slice(0, MAX_PUSH_BATCH)) {
    const mutation: Mutation = {
      seq: m.seq,
      mutationId: m.mutationId,
      type: m.type as MutationType,
      payload: m.payload as Record<string, unknown>,
      prevHash: m.prevHash,
      hash: m.hash,
      createdAt: m.createdAt,
    };
    bytes += JSON.stringify(mutation).length;
    if (mutations.length > 0 && bytes > MAX_PUSH_BYTES) break;
    mutations.push(mutation);
  }
  return mutations;
}

/** Pushes batch after batch until the outbox is drained or a batch fails. */
export async function pushAll(ctx: SyncContext, maxBatches = 100): Promise<Result<PushOutcome>> {
  let last: Result<PushOutcome> = ok({ sent: 0, lastSeq: 0, remaining: 0 });
  for (let i = 0; i < maxBatches; i++) {
    last = await pushOnce(ctx);
    if (!last.ok || last.value.remaining === 0) return last;
  }
  return last;
}
