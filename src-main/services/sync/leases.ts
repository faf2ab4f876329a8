import { ok, type Result } from '../../../shared/result';
import {
  acquireResponseSchema,
  counterKey,
  parseCounterKey,
  type CounterKind,
  type LeaseReturnPayload,
} from '../../../shared/sync/protocol';
import type { Db } from '../../db/connection';
import {
  activeLeases,
  closeLease,
  deleteLeaseRequest,
  heldCounters,
  heldUnits,
  insertLeaseRequest,
  leasesDue,
  listLeaseRequests,
  upsertLease,
  type LeaseRequestRow,
  type LeaseRow,
} from '../../db/repos/lease-repo';
import { listUpcomingPerformanceIds } from '../../db/repos/catalogue-repo';
import { listCappedCodes } from '../../db/repos/code-repo';
import { appendOutbox } from '../../db/repos/outbox-repo';
import { getOpenShift } from '../../db/repos/shift-repo';
import { getSyncState, raiseClockHighWater, setSyncError } from '../../db/repos/sync-repo';
import { newId } from '../../ids';
import { getVoucherSharePercent } from '../../db/repos/meta-repo';
import { listOpenPulledVouchers } from '../../db/repos/voucher-repo';
import { exchangeFailed, requireEnrolled, type SyncContext } from './context';
import { codeCounters, type CounterNeed } from '../../../shared/sync/counters';

/** Below this many units the background top-up asks for more; `want` is how many it asks for. */
const LOW_WATER: Record<CounterKind, number> = {
  code_uses: 2,
  code_item_uses: 4,
  capacity: 4,
  code_budget: 1,
  // docs/CASH.md "Paying with one": a voucher's units are one customer's money. The top-up never tops
  // them up on its own: a checkout asks for exactly what it lacks, and the voucher share asks ahead.
  voucher_balance: 0,
};
const WANT: Record<CounterKind, number> = {
  code_uses: 5,
  code_item_uses: 10,
  capacity: 10,
  code_budget: 1,
  voucher_balance: 0,
};
/** Upcoming performances a terminal holds seats for before anyone sells them, and new counters per round. */
const PREFETCH_PERFORMANCES = 50;
const PREFETCH_PER_ROUND = 20;
/** Vouchers the voucher share asks ahead for per round (docs/CASH.md "Offline"): a few at a time. */
const VOUCHER_PREFETCH_PER_ROUND = 5;
/** A grant shrinks as the pool drains, so covering one sale may take a few answers. */
const NEED_ROUNDS = 8;
/** A drained pool is not asked again by the background top-up for this long. */
const DRAINED_BACKOFF_MS = 30_000;

/** Gives back a lease the terminal has stopped using; call inside a transaction. */
function returnLease(db: Db, lease: LeaseRow, why: LeaseReturnPayload['why'], at: string): boolean {
  if (!closeLease(db, lease.id, why === 'surplus' ? 'returned' : 'expired', at)) return false;
  const payload: LeaseReturnPayload = {
    leaseId: lease.id,
    counter: lease.counter,
    units: lease.granted - lease.used,
    why,
  };
  appendOutbox(db, { mutationId: newId(), type: 'lease.return', payload, createdAt: at });
  return true;
}

/**
 * Stops using leases past their deadline and queues their unused units for return. A wall clock
 * behind the highest one this terminal has seen makes every deadline doubtful: all leases go.
 */
export function expireOnce(ctx: SyncContext): Result<{ returned: number; clockMovedBack: boolean }> {
  const { db } = ctx;
  const state = getSyncState(db);
  if (!state) return ok({ returned: 0, clockMovedBack: false });
  const nowMs = ctx.clock.now();
  const at = new Date(nowMs).toISOString();
  const clockMovedBack = nowMs < state.clockHighWater;
  const returned = db.transaction(() => {
    const due = clockMovedBack ? activeLeases(db) : leasesDue(db, at);
    let n = 0;
    for (const lease of due)
      if (returnLease(db, lease, clockMovedBack ? 'clock_moved_back' : 'expired', at)) n += 1;
    if (!clockMovedBack) raiseClockHighWater(db, nowMs);
    return n;
  })();
  if (returned > 0) ctx.changed();
  return ok({ returned, clockMovedBack });
}

/** Returns what the terminal holds on counters it no longer needs (e.g. a code that was disabled). */
export function returnSurplus(ctx: SyncContext, counters: readonly string[]): Result<{ returned: number }> {
  const { db } = ctx;
  const at = new Date(ctx.clock.now()).toISOString();
  const returned = db.transaction(() => returnLeasesOn(db, counters, at))();
  if (returned > 0) ctx.changed();
  return ok({ returned });
}

/** Queues the return of every active lease on these counters; call inside a transaction. */
export function returnLeasesOn(db: Db, counters: readonly string[], at: string): number {
  const wanted = new Set(counters);
  let n = 0;
  for (const lease of activeLeases(db))
    if (wanted.has(lease.counter) && returnLease(db, lease, 'surplus', at)) n += 1;
  return n;
}

/** Stops using every active lease and queues its unused units for return; call inside a transaction. */
function returnAllLeases(db: Db, at: string): number {
  let n = 0;
  for (const lease of activeLeases(db)) if (returnLease(db, lease, 'surplus', at)) n += 1;
  return n;
}

/**
 * Leases serve an open shift. Without one, whatever the terminal still holds (kept through an offline
 * close, or brought by a pull or a late acquire answer) goes back, so other windows and web sales can
 * sell it. Call once the server has answered: a return queued offline helps no one before then.
 */
export function returnIdleLeases(ctx: SyncContext): Result<{ returned: number }> {
  const { db } = ctx;
  const at = new Date(ctx.clock.now()).toISOString();
  const returned = db.transaction(() => (getOpenShift(db) ? 0 : returnAllLeases(db, at)))();
  if (returned > 0) ctx.changed();
  return ok({ returned });
}

/**
 * Inside the shift close's transaction: while the server answers, every lease stops being used and its
 * return is queued with the close. Offline they stay, so a shift opened before the server is back
 * (a change of cashier during an outage) still sells on them; returnIdleLeases gives them back once
 * the server answers with no shift open.
 */
export function returnLeasesAtShiftClose(ctx: SyncContext, at: string): number {
  return ctx.reachable() ? returnAllLeases(ctx.db, at) : 0;
}

/**
 * docs/CASH.md "Offline": with a voucher share above 0, each open voucher this terminal holds nothing of
 * is asked for ceil(balance × share / 100), a few per round. Share 0 (the default) asks for nothing:
 * every voucher stays whole for the windows online.
 */
export function voucherShareWants(
  db: Db,
  now: string,
  skip: (counter: string) => boolean,
): { counter: string; want: number }[] {
  const share = getVoucherSharePercent(db);
  if (share <= 0) return [];
  const out: { counter: string; want: number }[] = [];
  for (const voucher of listOpenPulledVouchers(db, now)) {
    if (out.length >= VOUCHER_PREFETCH_PER_ROUND) break;
    const counter = counterKey({ kind: 'voucher_balance', id: voucher.voucherId });
    if (skip(counter) || heldUnits(db, counter, now) > 0) continue;
    out.push({ counter, want: Math.ceil((voucher.balance * share) / 100) });
  }
  return out;
}

export interface TopUpOutcome {
  requested: number;
  granted: number;
}

export function createTopUp(ctx: SyncContext) {
  const drainedAt = new Map<string, number>();
  const { db } = ctx;

  /** Sends one recorded request; the same requestId after a crash gets the same lease back. */
  const send = async (
    request: LeaseRequestRow,
    terminalId: string,
    token: string,
  ): Promise<Result<number>> => {
    const answer = await ctx.send({
      method: 'POST',
      path: '/v1/leases/acquire',
      token,
      body: {
        terminalId,
        epoch: request.epoch,
        requestId: request.requestId,
        counter: request.counter,
        want: request.want,
      },
    });
    if (answer.status === 200 || answer.status === 201) {
      const parsed = acquireResponseSchema.safeParse(answer.body);
      if (!parsed.success)
        return exchangeFailed(ctx, { status: answer.status, body: null }, ctx.t('ACTION_LEASE'));
      const lease = parsed.data.lease;
      const at = new Date(ctx.clock.now()).toISOString();
      db.transaction(() => {
        if (lease && lease.granted > 0) upsertLease(db, lease, at);
        deleteLeaseRequest(db, request.requestId);
      })();
      if (!lease || lease.granted === 0) drainedAt.set(request.counter, ctx.clock.now());
      // At its cap the terminal must sell or return before it gets more; staff see why on the status bar.
      if (parsed.data.refusal?.reason === 'TERMINAL_CAP') setSyncError(db, parsed.data.refusal.message);
      return ok(lease?.granted ?? 0);
    }
    // A request the server will never grant (a counter it does not know, a code that is gone) must not
    // block the counter for good; network trouble and server errors keep it for the next try.
    if (answer.status >= 400 && answer.status < 500 && ![401, 408, 429].includes(answer.status)) {
      deleteLeaseRequest(db, request.requestId);
      drainedAt.set(request.counter, ctx.clock.now());
      setSyncError(db, null);
      return ok(0);
    }
    return exchangeFailed(ctx, answer, ctx.t('ACTION_LEASE'));
  };

  /**
   * Asks for leases on counters running low, and on `needs` (a cart about to be sold) for at least
   * what they need. Requests left over from a crash or a lost answer are sent again first: the server
   * may already have debited their units. Without an open shift nothing new is asked for in the
   * background, or the terminal would take back at once what it returned when the shift closed.
   */
  return async function topUpOnce(needs: readonly CounterNeed[] = []): Promise<Result<TopUpOutcome>> {
    const enrolled = requireEnrolled(ctx);
    if (!enrolled.ok) return enrolled;
    const { terminalId, epoch, deviceToken } = enrolled.value;
    let requested = 0;
    let granted = 0;
    for (const pending of listLeaseRequests(db)) {
      if (pending.epoch !== epoch) {
        deleteLeaseRequest(db, pending.requestId);
        continue;
      }
      requested += 1;
      const sent = await send(pending, terminalId, deviceToken);
      if (!sent.ok) return sent;
      granted += sent.value;
    }
    // The shift may close while a request is on the wire: stop asking then, not a round later.
    const idle = () => needs.length === 0 && !getOpenShift(db);
    if (idle()) {
      if (requested > 0) ctx.changed();
      return ok({ requested, granted });
    }

    const now = new Date(ctx.clock.now()).toISOString();
    const wants = new Map<string, number>();
    for (const held of heldCounters(db, now)) {
      const kind = parseCounterKey(held.counter)?.kind;
      if (!kind) continue;
      const low = kind === 'code_budget' ? Math.ceil(held.granted / 4) : LOW_WATER[kind];
      const recentlyDrained =
        ctx.clock.now() - (drainedAt.get(held.counter) ?? -Infinity) < DRAINED_BACKOFF_MS;
      if (held.held < low && !recentlyDrained)
        wants.set(held.counter, kind === 'code_budget' ? held.granted : WANT[kind]);
    }
    // Counters nobody has sold on yet: without a lease taken while online, an offline terminal could
    // not sell a seat of that performance or use that code at all. Background rounds only: a checkout
    // (with needs) waits for its own counters, not for these.
    const unheld: { counter: string; want: number }[] = [];
    if (needs.length === 0) {
      for (const id of listUpcomingPerformanceIds(db, now, PREFETCH_PERFORMANCES))
        unheld.push({ counter: counterKey({ kind: 'capacity', id }), want: WANT.capacity });
      for (const code of listCappedCodes(db))
        for (const { counter, kind, limit } of codeCounters(code))
          unheld.push({
            counter,
            want: kind === 'code_budget' ? Math.max(1, Math.ceil(limit / 10)) : WANT[kind],
          });
    }
    const recentlyDrained = (counter: string) =>
      ctx.clock.now() - (drainedAt.get(counter) ?? -Infinity) < DRAINED_BACKOFF_MS;
    let fresh = 0;
    for (const { counter, want } of unheld) {
      if (fresh >= PREFETCH_PER_ROUND) break;
      if (wants.has(counter) || recentlyDrained(counter) || heldUnits(db, counter, now) > 0) continue;
      wants.set(counter, want);
      fresh += 1;
    }
    if (needs.length === 0) {
      for (const ahead of voucherShareWants(db, now, (c) => recentlyDrained(c) || wants.has(c)))
        wants.set(ahead.counter, ahead.want);
    }
    for (const need of needs) {
      const kind = parseCounterKey(need.counter)?.kind;
      if (!kind) continue;
      const held = heldUnits(db, need.counter, now);
      if (held >= need.units) continue;
      const short = need.units - held;
      // Budget leases are sized by the sale in front of us: a few more of the same.
      const size = kind === 'code_budget' ? short * 4 : WANT[kind];
      wants.set(need.counter, Math.max(short, size, wants.get(need.counter) ?? 0));
    }

    for (const [counter, want] of wants) {
      if (idle()) break;
      const request: LeaseRequestRow = {
        requestId: newId(),
        counter,
        want: Math.min(want, 1_000_000_000),
        epoch,
        createdAt: now,
      };
      const existing = listLeaseRequests(db).find((r) => r.counter === counter);
      if (existing) continue;
      insertLeaseRequest(db, request);
      requested += 1;
      const sent = await send(request, terminalId, deviceToken);
      if (!sent.ok) return sent;
      granted += sent.value;
    }
    for (const need of needs) {
      for (let round = 0; round < NEED_ROUNDS; round++) {
        const short = need.units - heldUnits(db, need.counter, new Date(ctx.clock.now()).toISOString());
        if (short <= 0 || listLeaseRequests(db).some((r) => r.counter === need.counter)) break;
        const request: LeaseRequestRow = {
          requestId: newId(),
          counter: need.counter,
          want: short,
          epoch,
          createdAt: now,
        };
        insertLeaseRequest(db, request);
        requested += 1;
        const sent = await send(request, terminalId, deviceToken);
        if (!sent.ok) return sent;
        granted += sent.value;
        if (sent.value === 0) break;
      }
    }
    if (requested > 0) ctx.changed();
    return ok({ requested, granted });
  };
}
