import { v7 as uuid } from 'uuid';
import { GENESIS_HASH } from '../../shared/sync/chain';
import type {
  Mutation,
  PushConflict,
  PushConflictBody,
  PushRequest,
  PushResponse,
  PushResult,
} from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { retryingDeadlocks, type Queryable } from '../db/database';
import * as escrow from '../db/repos/escrow-repo';
import * as log from '../db/repos/mutation-log-repo';
import { insertReviewItem } from '../db/repos/review-item-repo';
import * as terminals from '../db/repos/terminal-repo';
import { Rejection, reject } from '../errors';
import { applyOrQuarantine } from './mutation-apply';
import { BatchScope } from './mutation-scope';
import { endSeatLeasesOf } from './seat-lease-return-apply';

// POST /v1/sync/push (docs/SYNC.md "Push"): the protocol around applying mutations — the terminal's
// state and epoch, the chain, duplicates, gaps and restores, the log and the answer. Each mutation is
// applied or quarantined in mutation-apply.ts.

export type PushOutcome = { status: 200; body: PushResponse } | { status: 409; body: PushConflictBody };

function conflict(
  reason: PushConflict,
  message: string,
  terminal: terminals.TerminalSyncRow,
): { kind: 'conflict'; body: PushConflictBody } {
  return {
    kind: 'conflict',
    body: { ok: false, reason, message, lastSeq: terminal.lastSeq, epoch: terminal.epoch },
  };
}

const RESTORED_MESSAGE =
  'This terminal re-sent history the server holds differently: it looks restored from a backup. Its leases are void; ' +
  'ask a manager for an enrolment code and re-enrol it (same terminal id), then push again from seq 1.';

/**
 * The server holds other content for this terminal's history: stop the terminal, give its unused lease
 * units back to the pools and its leased seats back to free (a restored copy may not spend them) and
 * tell a manager which seq clashed.
 */
async function restoreDetected(
  tx: Queryable,
  ctx: ServerContext,
  terminal: terminals.TerminalSyncRow,
  mutation: Mutation,
  held: log.LoggedMutation | undefined,
): Promise<void> {
  await terminals.markRestoreDetected(tx, terminal.id);
  // Seat leases end first: it takes the organisation's lock, which the selling side takes before any shared row.
  await endSeatLeasesOf(tx, terminal, ctx.now().toISOString());
  for (const lease of await escrow.activeLeasesOf(tx, terminal.id)) {
    await escrow.closeLease(tx, lease, 'void');
  }
  const chainBroken = mutation.seq === terminal.lastSeq + 1;
  await insertReviewItem(tx, {
    id: uuid(),
    orgId: terminal.orgId,
    kind: 'restore_detected',
    terminalId: terminal.id,
    mutationId: mutation.mutationId,
    summary:
      `Terminal pushed seq ${mutation.seq} ${chainBroken ? 'with a chain that does not continue' : 'with other content than'} ` +
      `the server's (epoch ${terminal.epoch}, server at seq ${terminal.lastSeq}): it was probably restored from a backup. ` +
      'Its leases are void and it is stopped until re-enrolled; accept once you have checked the sales it lost.',
    payload: {
      epoch: terminal.epoch,
      serverLastSeq: terminal.lastSeq,
      conflictingSeqs: [mutation.seq],
      serverMutationId: held?.mutationId ?? null,
      terminalMutationId: mutation.mutationId,
      cause: chainBroken ? 'chain_broken' : 'seq_reused',
    },
    createdAt: ctx.now().toISOString(),
  });
}

/**
 * One batch, one transaction: in seq order, each mutation applied or quarantined on its own; the
 * effects, the log rows and last_seq commit together. A conflict stops the batch: what came before it
 * commits (with the restore's marks, for a restore) and the answer is 409.
 */
async function pushBatch(
  ctx: ServerContext,
  orgId: string,
  request: PushRequest,
  mutations: readonly Mutation[],
): Promise<PushOutcome> {
  return ctx.db.transaction(async (tx): Promise<PushOutcome> => {
    const locked = await terminals.lockTerminal(tx, request.terminalId);
    if (locked?.orgId !== orgId) reject('UNAUTHENTICATED', 'This terminal is not enrolled.');
    const stop = (c: { kind: 'conflict'; body: PushConflictBody }): PushOutcome => ({
      status: 409,
      body: c.body,
    });
    if (locked.state === 'restore_detected')
      return stop(conflict('RESTORED_FROM_BACKUP', RESTORED_MESSAGE, locked));
    if (request.epoch !== locked.epoch) {
      return stop(
        conflict(
          'EPOCH_STALE',
          `This terminal was re-enrolled since (epoch ${locked.epoch}): push with the new epoch and device token.`,
          locked,
        ),
      );
    }
    const startSeq = locked.lastSeq;
    // One read for the whole batch: what the server holds at the seqs it resends, and the hash at lastSeq.
    const logged = await log.loggedAtSeqs(tx, locked.id, locked.epoch, [
      ...mutations.filter((m) => m.seq <= startSeq).map((m) => m.seq),
      ...(startSeq > 0 ? [startSeq] : []),
    ]);
    const known = await log.knownMutations(
      tx,
      orgId,
      mutations.filter((m) => m.seq > startSeq).map((m) => m.mutationId),
    );
    const terminal: terminals.TerminalSyncRow = { ...locked };
    const scope = new BatchScope(tx, ctx, terminal, mutations);
    let previous = startSeq === 0 ? GENESIS_HASH : logged.get(startSeq)?.hash;
    const results: PushResult[] = [];
    const logRows: log.MutationLogRow[] = [];
    let restore: { mutation: Mutation; held: log.LoggedMutation | undefined } | undefined;
    let gap = false;

    for (const mutation of mutations) {
      if (mutation.seq <= terminal.lastSeq) {
        const held = logged.get(mutation.seq);
        if (held?.mutationId === mutation.mutationId) {
          results.push({ seq: mutation.seq, mutationId: mutation.mutationId, status: 'duplicate' });
          continue;
        }
        restore = { mutation, held };
        break;
      }
      if (mutation.seq > terminal.lastSeq + 1) {
        gap = true;
        break;
      }
      if (mutation.prevHash !== previous) {
        restore = { mutation, held: undefined };
        break;
      }
      let result: PushResult;
      if (known.has(mutation.mutationId.toLowerCase())) {
        // Applied before under an earlier epoch (a re-push after re-enrolment): acknowledged only.
        result = { seq: mutation.seq, mutationId: mutation.mutationId, status: 'duplicate' };
      } else {
        result = await applyOrQuarantine(scope, mutation);
        known.add(mutation.mutationId.toLowerCase());
      }
      logRows.push({
        orgId,
        terminalId: terminal.id,
        epoch: terminal.epoch,
        seq: mutation.seq,
        mutationId: mutation.mutationId,
        type: mutation.type,
        prevHash: mutation.prevHash,
        hash: mutation.hash,
        status: result.status,
      });
      logged.set(mutation.seq, {
        mutationId: mutation.mutationId,
        hash: mutation.hash,
        status: result.status,
      });
      previous = mutation.hash;
      terminal.lastSeq = mutation.seq;
      results.push(result);
    }

    // The deferred rows are storable by construction (mutation-scope.ts): this fails only in ways a
    // resend cures, answered 503.
    await scope.flush();
    await log.logMutations(tx, logRows);
    await terminals.recordPush(tx, terminal.id, terminal.lastSeq, ctx.now().toISOString());
    if (restore) {
      await restoreDetected(tx, ctx, terminal, restore.mutation, restore.held);
      return stop(conflict('RESTORED_FROM_BACKUP', RESTORED_MESSAGE, terminal));
    }
    if (gap) {
      return stop(
        conflict(
          'SEQ_GAP',
          `The server has every mutation up to seq ${terminal.lastSeq}: push again from seq ${terminal.lastSeq + 1}.`,
          terminal,
        ),
      );
    }
    return { status: 200, body: { lastSeq: terminal.lastSeq, results } };
  });
}

/**
 * POST /v1/sync/push: strictly in seq order, the whole batch in one transaction (DECISIONS.md "Push").
 * A conflict answers 409 after the mutations before it were committed; a database failure answers 503
 * and the terminal resends the same batch (what an earlier batch committed comes back as duplicates).
 */
export async function push(
  ctx: ServerContext,
  principal: Principal,
  request: PushRequest,
): Promise<PushOutcome> {
  if (principal.kind !== 'terminal' || principal.terminalId !== request.terminalId) {
    reject('FORBIDDEN', 'A terminal pushes only its own outbox: send its own device token.');
  }
  const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
  if (mutations.length === 0) return { status: 200, body: { lastSeq: 0, results: [] } };
  try {
    // A batch PostgreSQL rolled back to break a deadlock left nothing behind: it runs again whole.
    return await retryingDeadlocks(() => pushBatch(ctx, principal.orgId, request, mutations));
  } catch (error) {
    if (error instanceof Rejection) throw error;
    reject(
      'SERVICE_UNAVAILABLE',
      'The server could not store this batch just now (database unavailable). Nothing is lost: send the same batch again shortly.',
    );
  }
}
