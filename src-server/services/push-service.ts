import { createHash } from 'node:crypto';
import { v7 as uuid } from 'uuid';
import { chainHash, GENESIS_HASH } from '../../shared/sync/chain';
import type { Err } from '../../shared/result';
import {
  leaseReturnPayloadSchema,
  type Mutation,
  type PushConflict,
  type PushConflictBody,
  type PushRequest,
  type PushResponse,
  type PushResult,
} from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockPositions } from '../db/repos/change-pos';
import * as escrow from '../db/repos/escrow-repo';
import * as sync from '../db/repos/sync-repo';
import { Rejection, reject } from '../errors';
import { parsePayload } from './payload-parse';
import { applyPinAttempt } from './pin-lockout-service';
import { keptBytesFailure, poisonIn } from './poison';
import { PushBatch } from './push-batch';
import { applyRefund, applySale, applyShiftClose, applyShiftOpen } from './sale-apply';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export type PushOutcome = { status: 200; body: PushResponse } | { status: 409; body: PushConflictBody };

function conflict(
  reason: PushConflict,
  message: string,
  terminal: sync.TerminalSyncRow,
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
 * units back to the pools (a restored copy may not spend them) and tell a manager which seq clashed.
 */
async function restoreDetected(
  tx: Queryable,
  ctx: ServerContext,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
  held: sync.LoggedMutation | undefined,
): Promise<void> {
  await sync.markRestoreDetected(tx, terminal.id);
  for (const lease of await escrow.activeLeasesOf(tx, terminal.id)) {
    await escrow.closeLease(tx, lease, 'void');
  }
  const chainBroken = mutation.seq === terminal.lastSeq + 1;
  await sync.insertReviewItem(tx, {
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

const leaseReturnSchema = leaseReturnPayloadSchema.extend({
  // Every outbox payload may carry the terminal id (DECISIONS.md); the protocol schema leaves it out.
  terminalId: leaseReturnPayloadSchema.shape.leaseId.optional(),
});

async function applyLeaseReturn(
  tx: Queryable,
  terminal: sync.TerminalSyncRow,
  payload: unknown,
): Promise<string | undefined> {
  const p = parsePayload(leaseReturnSchema, payload, 'lease.return');
  const lease = await escrow.lockLease(tx, terminal.orgId, p.leaseId);
  if (!lease || lease.terminalId !== terminal.id) {
    reject('UNKNOWN_LEASE', `Lease ${p.leaseId} is not one of this terminal's leases.`);
  }
  if (lease.counter !== p.counter) {
    reject('LEASE_COUNTER_MISMATCH', `Lease ${p.leaseId} is on ${lease.counter}, not ${p.counter}.`);
  }
  if (lease.status !== 'active') return `The lease was ${lease.status} already; nothing changed.`;
  // The terminal has stopped using the lease, so everything it still holds goes back, whatever the
  // terminal counted: the server's used is what its pushed sales backed.
  const back = await escrow.closeLease(
    tx,
    { orgId: terminal.orgId, id: lease.id, counter: lease.counter },
    'returned',
  );
  return back === p.units
    ? undefined
    : `The server returned ${back} units to the pool (the terminal counted ${p.units}).`;
}

async function apply(tx: Queryable, batch: PushBatch, mutation: Mutation): Promise<string | undefined> {
  const { ctx, terminal } = batch;
  const payloadTerminal = mutation.payload.terminalId;
  if (payloadTerminal !== undefined && payloadTerminal !== terminal.id) {
    reject(
      'WRONG_TERMINAL',
      `The payload names terminal ${JSON.stringify(payloadTerminal)}, not the one pushing it.`,
    );
  }
  switch (mutation.type) {
    case 'sale':
      return applySale(tx, batch, ctx, terminal, mutation);
    case 'refund':
    case 'void':
      return applyRefund(tx, ctx, terminal, mutation);
    case 'shift.open':
      return applyShiftOpen(tx, terminal, mutation);
    case 'shift.close':
      return applyShiftClose(tx, terminal, mutation);
    case 'lease.return':
      return applyLeaseReturn(tx, terminal, mutation.payload);
    case 'pin.attempt':
      return applyPinAttempt(tx, ctx, terminal, mutation.payload);
  }
}

/** Refunds, voids and lease returns change leases and read pos_sale_escrow in the database itself. */
const USES_STORED_ESCROW: ReadonlySet<Mutation['type']> = new Set(['refund', 'void', 'lease.return']);

/**
 * Thrown inside a fast batch when a mutation must be undone but has no savepoint of its own (it failed
 * after writing, or a statement failed and aborted the transaction): the batch is rolled back and run
 * again with a savepoint per mutation, which quarantines just that one.
 */
class RetryWithSavepoints extends Error {}

/** Marks the tracker as soon as a statement other than a read goes through. */
function tracking(tx: Queryable, wrote: () => void): Queryable {
  return {
    query(sql, params) {
      if (!/^\s*SELECT\b/i.test(sql)) wrote();
      return tx.query(sql, params);
    },
    exec(sql) {
      wrote();
      return tx.exec(sql);
    },
  };
}

/**
 * A constraint or data error would fail the same way on every resend and block the outbox for good:
 * such a mutation is quarantined instead. Returns a short description, or undefined for other errors.
 */
function deterministicDatabaseError(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^2[23]/.test(code)) return undefined;
  return `database rule ${code}: ${(error as { constraint?: string }).constraint ?? 'invalid data'}`;
}

/**
 * Writes what the batch kept in memory. Without savepoints a row the database refuses cannot be pinned on
 * its mutation here: the batch runs again with savepoints, which flush per mutation.
 */
async function flushBatch(run: BatchRun, flush: () => Promise<void>): Promise<void> {
  try {
    await flush();
  } catch (error) {
    if (!run.savepoints && deterministicDatabaseError(error)) throw new RetryWithSavepoints();
    throw error;
  }
}

interface BatchRun {
  batch: PushBatch;
  /** true: a SAVEPOINT per mutation. false: none; a mutation that must be undone restarts the batch. */
  savepoints: boolean;
  positionsLocked: boolean;
}

/**
 * The chain still continues with the terminal's hash (the next prevHash names it), but content that does
 * not match its own hash is not trusted with money: kept whole for a manager instead.
 */
function hashFailure(mutation: Mutation): Err | undefined {
  if (chainHash(sha256Hex, mutation.prevHash, mutation.payload) === mutation.hash) return undefined;
  return {
    ok: false,
    reason: 'HASH_MISMATCH',
    message: `The payload of seq ${mutation.seq} does not match its hash: it was changed after it was recorded.`,
  };
}

/** What quarantines a mutation: a business rejection, or a row the database refuses on every try. */
function applyFailure(error: unknown, mutation: Mutation): Err | undefined {
  if (error instanceof Rejection) return error.failure;
  const deterministic = deterministicDatabaseError(error);
  if (!deterministic) return undefined;
  return {
    ok: false,
    reason: 'NOT_STORABLE',
    message: `The server cannot store this ${mutation.type} as it is (${deterministic}).`,
  };
}

async function applyOrQuarantine(run: BatchRun, mutation: Mutation): Promise<PushResult> {
  const { batch, savepoints } = run;
  const { tx, ctx, terminal } = batch;
  const base = { seq: mutation.seq, mutationId: mutation.mutationId };
  // Before anything reads the payload: one the database cannot store is quarantined as bytes.
  const poison = poisonIn(mutation.type, mutation.payload);
  const kept = poison?.kept ?? mutation.payload;
  let failure: Err | undefined = poison?.failure ?? hashFailure(mutation);
  if (!failure) {
    // Positions first, always: the same lock order as every other writer (change-pos.ts). Held to the
    // end of the batch, which is what keeps the batch's caches of synced rows true (push-batch.ts).
    if (!run.positionsLocked) {
      await lockPositions(tx, terminal.orgId);
      run.positionsLocked = true;
    }
    if (USES_STORED_ESCROW.has(mutation.type)) await flushBatch(run, () => batch.flushAndForgetLeases());
    const mark = batch.mark();
    let wrote = false;
    if (savepoints) await tx.query('SAVEPOINT apply_mutation');
    try {
      const message = await apply(savepoints ? tx : tracking(tx, () => (wrote = true)), batch, mutation);
      if (savepoints) {
        // Inside the savepoint, so a row the database refuses quarantines this mutation only.
        await batch.flush();
        await tx.query('RELEASE SAVEPOINT apply_mutation');
      }
      return { ...base, status: 'applied', ...(message ? { message } : {}) };
    } catch (error) {
      failure = applyFailure(error, mutation);
      if (!failure) throw error;
      // Without a savepoint only a rejection before the first write can be quarantined in place.
      if (!savepoints && (wrote || !(error instanceof Rejection))) throw new RetryWithSavepoints();
      if (savepoints) await tx.query('ROLLBACK TO SAVEPOINT apply_mutation');
      batch.rollback(mark);
    }
  }
  await sync.quarantine(tx, {
    orgId: terminal.orgId,
    mutationId: mutation.mutationId,
    terminalId: terminal.id,
    epoch: terminal.epoch,
    seq: mutation.seq,
    type: mutation.type,
    reason: failure.reason,
    message: failure.message,
    payload: kept,
    hash: mutation.hash,
    createdAt: mutation.createdAt,
  });
  await sync.insertReviewItem(tx, {
    id: uuid(),
    orgId: terminal.orgId,
    kind: 'quarantined',
    terminalId: terminal.id,
    mutationId: mutation.mutationId,
    summary:
      `A ${mutation.type} from this terminal (seq ${mutation.seq}) could not be applied: ${failure.message} ` +
      'It is kept whole; retry it once the cause is fixed, accept it if it is dealt with otherwise, or flag ' +
      'it for follow-up.',
    payload: { type: mutation.type, reason: failure.reason, payload: kept },
    createdAt: ctx.now().toISOString(),
  });
  return { ...base, status: 'quarantined', reason: failure.reason, message: failure.message };
}

/**
 * A quarantined mutation a manager retries (review-service.ts): the same checks and apply path as a push,
 * with the position lock a push takes, inside a savepoint so a rejection leaves nothing behind. The
 * caller holds the terminal's row lock and makes sure the mutation is applied once.
 */
export async function reapplyMutation(
  tx: Queryable,
  ctx: ServerContext,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
): Promise<{ ok: true; message?: string } | Err> {
  const hashFailed = keptBytesFailure(mutation.payload) ?? hashFailure(mutation);
  if (hashFailed) return hashFailed;
  await lockPositions(tx, terminal.orgId);
  const batch = new PushBatch(tx, ctx, terminal, [mutation], true);
  await tx.query('SAVEPOINT retry_mutation');
  try {
    const message = await apply(tx, batch, mutation);
    await batch.flush();
    await tx.query('RELEASE SAVEPOINT retry_mutation');
    return { ok: true, ...(message ? { message } : {}) };
  } catch (error) {
    const failure = applyFailure(error, mutation);
    if (!failure) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT retry_mutation');
    return failure;
  }
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
  savepoints: boolean,
): Promise<PushOutcome> {
  return ctx.db.transaction(async (tx): Promise<PushOutcome> => {
    const locked = await sync.lockTerminal(tx, request.terminalId);
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
    const logged = await sync.loggedAtSeqs(tx, locked.id, locked.epoch, [
      ...mutations.filter((m) => m.seq <= startSeq).map((m) => m.seq),
      ...(startSeq > 0 ? [startSeq] : []),
    ]);
    const known = await sync.knownMutations(
      tx,
      orgId,
      mutations.filter((m) => m.seq > startSeq).map((m) => m.mutationId),
    );
    const terminal: sync.TerminalSyncRow = { ...locked };
    const run: BatchRun = {
      batch: new PushBatch(tx, ctx, terminal, mutations, savepoints),
      savepoints,
      positionsLocked: false,
    };
    let previous = startSeq === 0 ? GENESIS_HASH : logged.get(startSeq)?.hash;
    const results: PushResult[] = [];
    const log: sync.MutationLogRow[] = [];
    let restore: { mutation: Mutation; held: sync.LoggedMutation | undefined } | undefined;
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
        result = await applyOrQuarantine(run, mutation);
        known.add(mutation.mutationId.toLowerCase());
      }
      log.push({
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

    await flushBatch(run, () => run.batch.flush());
    await sync.logMutations(tx, log);
    if (terminal.lastSeq !== startSeq) await sync.setLastSeq(tx, terminal.id, terminal.lastSeq);
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
    try {
      return await pushBatch(ctx, principal.orgId, request, mutations, false);
    } catch (error) {
      if (!(error instanceof RetryWithSavepoints)) throw error;
      return await pushBatch(ctx, principal.orgId, request, mutations, true);
    }
  } catch (error) {
    if (error instanceof Rejection) throw error;
    reject(
      'SERVICE_UNAVAILABLE',
      'The server could not store this batch just now (database unavailable). Nothing is lost: send the same batch again shortly.',
    );
  }
}
