import { createHash } from 'node:crypto';
import { v7 as uuid } from 'uuid';
import { chainHash } from '../../shared/sync/chain';
import type { Err } from '../../shared/result';
import type { Mutation, PushResult } from '../../shared/sync/protocol';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { quarantine } from '../db/repos/mutation-log-repo';
import { insertReviewItem } from '../db/repos/review-item-repo';
import type { TerminalSyncRow } from '../db/repos/terminal-repo';
import { Rejection, reject } from '../errors';
import { applyLeaseReturn } from './lease-return-apply';
import { BatchScope, type MutationScope } from './mutation-scope';
import { checkinPayloadSchema } from '../../shared/sync/payloads';
import { applyCashMovement } from './cash-movement-apply';
import { applyCheckin } from './checkin-service';
import { applyCustomerCreate } from './customer-create-apply';
import { parsePayload } from './payload-parse';
import { applyPinAttempt } from './pin-lockout-service';
import { keptBytesFailure, poisonIn } from './poison';
import { applyRefund } from './refund-apply';
import { applyReservationCreate, applyReservationPickup, applyReservationRelease } from './reservation-apply';
import { applySale } from './sale-apply';
import { applySeatLeaseReturn } from './seat-lease-return-apply';
import { applyShiftClose, applyShiftOpen } from './shift-apply';
import { applyTicketReissue } from './ticket-reissue-apply';

// One pushed mutation: applied through a MutationScope (mutation-scope.ts), or quarantined with a review
// item when it is rejected or the database refuses it for good. Used by a push batch (push-service.ts)
// and by a manager's retry (review-service.ts).

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

async function apply(scope: MutationScope, mutation: Mutation): Promise<string | undefined> {
  const payloadTerminal = mutation.payload.terminalId;
  if (payloadTerminal !== undefined && payloadTerminal !== scope.terminal.id) {
    reject(
      'WRONG_TERMINAL',
      `The payload names terminal ${JSON.stringify(payloadTerminal)}, not the one pushing it.`,
    );
  }
  switch (mutation.type) {
    case 'sale':
      return applySale(scope, mutation);
    case 'refund':
    case 'void':
      return applyRefund(scope, mutation);
    case 'shift.open':
      return applyShiftOpen(scope, mutation);
    case 'shift.close':
      return applyShiftClose(scope, mutation);
    case 'lease.return':
      return applyLeaseReturn(scope, mutation.payload);
    case 'seat_lease.return':
      return applySeatLeaseReturn(scope, mutation.payload);
    case 'pin.attempt':
      return applyPinAttempt(scope, mutation.payload);
    case 'checkin': {
      const p = parsePayload(checkinPayloadSchema, mutation.payload, 'checkin');
      return scope.run((tx) => applyCheckin(tx, scope.terminal, p, scope.ctx.now().toISOString()));
    }
    case 'ticket.reissue':
      return applyTicketReissue(scope, mutation);
    case 'customer.create':
      return applyCustomerCreate(scope, mutation);
    case 'reservation.create':
      return applyReservationCreate(scope, mutation.mutationId, mutation.payload);
    case 'reservation.release':
      return applyReservationRelease(scope, mutation.payload);
    case 'reservation.pickup':
      return applyReservationPickup(scope, mutation.payload);
    case 'cash.movement':
      return applyCashMovement(scope, mutation);
  }
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

/** What quarantines a mutation: a business rejection, or a statement the database refuses on every try. */
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

type Applied = { ok: true; message?: string };

/**
 * Applies one mutation, or undoes all of it and says why. `writeDeferred`: its deferred rows are written
 * inside its savepoint too (a retry, which has no batch end to write them at).
 */
async function applyMutation(
  scope: BatchScope,
  mutation: Mutation,
  writeDeferred = false,
): Promise<Applied | Err> {
  await scope.begin(mutation.type);
  try {
    const message = await apply(scope, mutation);
    if (writeDeferred) await scope.run(() => scope.flush());
    await scope.end();
    return { ok: true, ...(message ? { message } : {}) };
  } catch (error) {
    const failure = applyFailure(error, mutation);
    if (!failure) throw error;
    await scope.undo();
    return failure;
  }
}

async function quarantineMutation(
  tx: Queryable,
  ctx: ServerContext,
  terminal: TerminalSyncRow,
  mutation: Mutation,
  failure: Err,
  kept: unknown,
): Promise<void> {
  await quarantine(tx, {
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
  await insertReviewItem(tx, {
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
}

/** One mutation of a push batch, applied or quarantined; the batch goes on either way. */
export async function applyOrQuarantine(scope: BatchScope, mutation: Mutation): Promise<PushResult> {
  const base = { seq: mutation.seq, mutationId: mutation.mutationId };
  // Before anything reads the payload: one the database cannot store is quarantined as bytes.
  const poison = poisonIn(mutation.type, mutation.payload);
  const outcome = poison?.failure ?? hashFailure(mutation) ?? (await applyMutation(scope, mutation));
  if (outcome.ok) {
    return { ...base, status: 'applied', ...(outcome.message ? { message: outcome.message } : {}) };
  }
  const kept = poison?.kept ?? mutation.payload;
  await quarantineMutation(scope.tx, scope.ctx, scope.terminal, mutation, outcome, kept);
  return { ...base, status: 'quarantined', reason: outcome.reason, message: outcome.message };
}

/**
 * A quarantined mutation a manager retries (review-service.ts): the same checks and apply path as a push,
 * with the organisation's lock a push takes, its deferred rows written inside its own savepoint so a rejection
 * leaves nothing behind. The caller holds the terminal's row lock and makes sure it is applied once.
 */
export async function reapplyMutation(
  tx: Queryable,
  ctx: ServerContext,
  terminal: TerminalSyncRow,
  mutation: Mutation,
): Promise<Applied | Err> {
  const refused = keptBytesFailure(mutation.payload) ?? hashFailure(mutation);
  if (refused) return refused;
  return applyMutation(new BatchScope(tx, ctx, terminal, [mutation]), mutation, true);
}
