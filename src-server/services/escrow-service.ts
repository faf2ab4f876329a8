import { v7 as uuid } from 'uuid';
import {
  counterKey,
  parseCounterKey,
  type AcquireRefusal,
  type AcquireRequest,
  type AcquireResponse,
  type CounterRef,
  type LeaseView,
} from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { getEntity } from '../db/repos/catalogue-repo';
import { getCode } from '../db/repos/code-repo';
import * as escrow from '../db/repos/escrow-repo';
import { lockTerminal, type TerminalSyncRow } from '../db/repos/terminal-repo';
import type { Err } from '../../shared/result';
import { reject } from '../errors';
import { nextBusinessDayEnd } from '../../shared/business-day';
import { isUuid } from '../db/uuid';
import { capacityCounterLimit } from './seat-capacity';
import { getVoucher } from '../db/repos/voucher-repo';
import { voucherExpired } from '../../shared/vouchers/rules';

/** What a counter limits and how much of it is used, read from the code or the performance. */
export type CounterSource =
  | {
      ok: true;
      limit: number;
      used: number;
      performanceStartsAt?: string;
      /** A gift voucher's counter: whether it can still pay (docs/CASH.md "Paying with one"). */
      voucher?: { status: 'active' | 'void'; expiresAt: string };
    }
  | (Err & { noLimit?: boolean });

const CODE_LIMIT = {
  code_uses: { rule: 'maxUses', usage: 'uses', label: 'a use limit (maxUses)' },
  code_item_uses: { rule: 'maxItemUses', usage: 'itemUses', label: 'an item use limit (maxItemUses)' },
  code_budget: { rule: 'budget', usage: 'discountGiven', label: 'a budget' },
} as const;

export async function counterSource(
  tx: Queryable,
  orgId: string,
  ref: CounterRef,
  now: string,
): Promise<CounterSource> {
  if (!isUuid(ref.id)) {
    return {
      ok: false,
      reason: 'UNKNOWN_COUNTER',
      message: `${counterKey(ref)} names no code or performance.`,
    };
  }
  if (ref.kind === 'capacity') {
    const performance = await getEntity(tx, 'performances', orgId, ref.id);
    if (!performance) {
      return { ok: false, reason: 'UNKNOWN_PERFORMANCE', message: `There is no performance ${ref.id}.` };
    }
    return {
      ok: true,
      // A seated performance's counter counts its GA places only (docs/SEATING.md).
      limit: await capacityCounterLimit(tx, orgId, {
        capacity: performance.capacity as number,
        seatMapId: performance.seatMapId as string | null,
      }),
      used: 0,
      performanceStartsAt: performance.startsAt as string,
    };
  }
  if (ref.kind === 'voucher_balance') {
    // A voucher's counter is made when the sale that issued it is applied; its limit is the face value.
    const voucher = await getVoucher(tx, orgId, ref.id);
    if (!voucher) {
      return {
        ok: false,
        reason: 'VOUCHER_UNKNOWN',
        message: `There is no gift voucher ${ref.id} in your organisation: a voucher is known once the sale that issued it is pushed.`,
      };
    }
    return {
      ok: true,
      limit: voucher.amount,
      used: 0,
      voucher: { status: voucher.status, expiresAt: voucher.expiresAt },
    };
  }
  const code = await getCode(tx, orgId, ref.id, now);
  if (!code) return { ok: false, reason: 'UNKNOWN_CODE', message: `There is no code ${ref.id}.` };
  const spec = CODE_LIMIT[ref.kind];
  if (code.isParent) {
    return {
      ok: false,
      noLimit: true,
      reason: 'NO_LIMIT',
      message: `${code.code} is a parent code and never used itself: lease the counters of its generated codes.`,
    };
  }
  const limit = code.rules[spec.rule];
  if (limit === undefined) {
    return {
      ok: false,
      noLimit: true,
      reason: 'NO_LIMIT',
      message: `${code.code} has no ${spec.label}: it needs no lease for that.`,
    };
  }
  return { ok: true, limit, used: code[spec.usage] };
}

/** The counter row exists after this (made from its source if missing); undefined: nothing to count. */
export async function ensureCounterRow(
  tx: Queryable,
  orgId: string,
  key: string,
  now: string,
): Promise<CounterSource> {
  const ref = parseCounterKey(key);
  if (!ref) return { ok: false, reason: 'UNKNOWN_COUNTER', message: `${key} names no counter.` };
  const existing = await escrow.getCounter(tx, orgId, key);
  const source = await counterSource(tx, orgId, ref, now);
  if (existing) {
    return source.ok
      ? { ...source, limit: existing.limit }
      : { ok: true, limit: existing.limit, used: existing.absorbed };
  }
  if (!source.ok) return source;
  await escrow.ensureCounter(tx, { orgId, counter: key, limit: source.limit, used: source.used });
  return source;
}

export function assertTerminalCurrent(terminal: TerminalSyncRow | undefined, epoch: number): TerminalSyncRow {
  if (!terminal) reject('UNAUTHENTICATED', 'This terminal is not enrolled: ask a manager to enrol it.');
  if (terminal.state === 'restore_detected') {
    reject(
      'RESTORED_FROM_BACKUP',
      'This terminal was restored from a backup: ask a manager for an enrolment code and re-enrol it.',
    );
  }
  if (epoch !== terminal.epoch) {
    reject(
      'EPOCH_STALE',
      `This terminal was re-enrolled (epoch ${terminal.epoch}): use the new epoch and device token.`,
    );
  }
  return terminal;
}

function toView(lease: escrow.LeaseRow): LeaseView {
  return {
    id: lease.id,
    counter: lease.counter,
    requestId: lease.requestId,
    epoch: lease.epoch,
    granted: lease.granted,
    used: lease.used,
    returned: lease.returned,
    expiresAt: lease.expiresAt,
    status: lease.status,
  };
}

/** DECISIONS.md: the grant shrinks toward 1 as the pool drains. */
export function grantSize(want: number, unallocated: number): number {
  return Math.min(want, unallocated, Math.max(1, Math.ceil(unallocated / 4)));
}

/**
 * docs/SYNC.md "Per-terminal cap": without a manager's setting one terminal holds at most a quarter of
 * a counter's limit unused at once, so one terminal (a faulty or stolen one asking for everything) can
 * never take more than a quarter of a show or a code away from the other windows and web sales.
 */
export const DEFAULT_LEASE_CAP_PERCENT = 25;

/** The units one terminal may hold of a counter: its share of the limit, never below one unit. */
export function terminalCap(limit: number, percent: number | null): number {
  return Math.max(1, Math.floor((limit * (percent ?? DEFAULT_LEASE_CAP_PERCENT)) / 100));
}

function capRefusal(held: number, cap: number, limit: number, percent: number | null): AcquireRefusal {
  const share = percent ?? DEFAULT_LEASE_CAP_PERCENT;
  return {
    reason: 'TERMINAL_CAP',
    message:
      `This terminal already holds ${held} unused units of this counter, its cap (${cap} of ${limit}, ${share} %): ` +
      'sell or return some first, or ask a manager to raise its lease cap (PUT /v1/terminals/:id/lease-cap).',
  };
}

const refusalKey = (terminal: { orgId: string; id: string }, input: AcquireRequest) => ({
  orgId: terminal.orgId,
  terminalId: terminal.id,
  requestId: input.requestId,
  counter: input.counter,
});

/** An expired or void voucher's counter grants nothing: it can no longer pay. */
function refuseVoucher(
  voucher: { status: 'active' | 'void'; expiresAt: string },
  now: Date,
): AcquireRefusal | undefined {
  if (voucher.status === 'void') {
    return {
      reason: 'VOUCHER_VOID',
      message: 'This gift voucher was voided (its sale was refunded or voided): it cannot pay.',
    };
  }
  if (voucherExpired(voucher.expiresAt, now.getTime())) {
    return {
      reason: 'VOUCHER_EXPIRED',
      message: `This gift voucher expired at ${voucher.expiresAt}: it cannot pay any more.`,
    };
  }
  return undefined;
}

/**
 * Grants a lease on one counter: the pool is debited and the lease recorded before the answer leaves,
 * under the counter's row lock, so concurrent acquires on several server processes never over-grant.
 * A resent request (same requestId) gets the same lease back and changes nothing.
 */
export async function acquireLease(
  ctx: ServerContext,
  principal: Principal,
  input: AcquireRequest,
): Promise<AcquireResponse> {
  if (principal.kind !== 'terminal' || principal.terminalId !== input.terminalId) {
    reject('FORBIDDEN', 'Only the terminal itself may ask for its leases: send its own device token.');
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const terminal = assertTerminalCurrent(await lockTerminal(tx, input.terminalId), input.epoch);
    const earlier = await escrow.findLeaseByRequest(tx, terminal.id, input.requestId);
    if (earlier) {
      if (earlier.counter !== input.counter) {
        reject('REQUEST_ID_REUSED', 'This requestId was used for another counter: make a new one.');
      }
      const counter = await escrow.getCounter(tx, terminal.orgId, earlier.counter);
      return {
        lease: toView(earlier),
        unallocated: earlier.unallocatedAfter,
        limit: counter?.limit ?? 0,
      };
    }
    const refused = await escrow.findRefusal(tx, terminal.id, input.requestId);
    if (refused) {
      if (refused.counter !== input.counter) {
        reject('REQUEST_ID_REUSED', 'This requestId was used for another counter: make a new one.');
      }
      const counter = await escrow.getCounter(tx, terminal.orgId, input.counter);
      return { lease: null, unallocated: counter?.unallocated ?? 0, limit: counter?.limit ?? 0 };
    }
    const ref = parseCounterKey(input.counter);
    if (!ref) reject('UNKNOWN_COUNTER', `${input.counter} names no counter.`);
    const source = await counterSource(tx, terminal.orgId, ref, now.toISOString());
    if (!source.ok && source.reason === 'VOUCHER_UNKNOWN') {
      // Known once its sale is pushed: the refusal is remembered as any other, so a late copy of this
      // request grants nothing then either, and answers the same.
      await escrow.recordRefusal(tx, refusalKey(terminal, input));
      return {
        lease: null,
        unallocated: 0,
        limit: 0,
        refusal: { reason: 'VOUCHER_UNKNOWN', message: source.message },
      };
    }
    if (!source.ok) reject(source.reason, source.message);
    const venue = await getEntity(tx, 'venues', terminal.orgId, terminal.venueId);
    let expiresAt = nextBusinessDayEnd(now, (venue?.timezone as string | undefined) ?? 'UTC');
    if (source.performanceStartsAt !== undefined) {
      const start = new Date(source.performanceStartsAt);
      if (start <= now) {
        reject(
          'PERFORMANCE_STARTED',
          'This performance has started: seats for it are no longer leased to terminals.',
        );
      }
      if (start < expiresAt) expiresAt = start;
    }
    const voucherRefusal = source.voucher && refuseVoucher(source.voucher, now);
    if (source.voucher && !voucherRefusal) {
      const end = new Date(source.voucher.expiresAt);
      if (end < expiresAt) expiresAt = end;
    }
    await escrow.ensureCounter(tx, {
      orgId: terminal.orgId,
      counter: input.counter,
      limit: source.limit,
      used: source.used,
    });
    const counter = await escrow.lockCounter(tx, terminal.orgId, input.counter);
    if (!counter) throw new Error('counter row missing after ensureCounter');
    // The terminal row is locked: no other acquire or push of this terminal changes what it holds now.
    const cap = terminalCap(counter.limit, terminal.leaseCapPercent);
    const held = await escrow.heldBy(tx, terminal.id, input.counter, now.toISOString());
    const room = Math.max(0, cap - held);
    // DECISIONS.md "Voucher grants": a voucher is one customer's money spent at one window at a time, so
    // its counter grants what is asked while the pool has it, with no shrinking and no per-terminal cap.
    const granted = voucherRefusal
      ? 0
      : source.voucher
        ? Math.min(input.want, counter.unallocated)
        : Math.min(grantSize(input.want, counter.unallocated), room);
    if (granted === 0) {
      // Remembered, so a late copy of this request cannot grant what the terminal stopped waiting for.
      await escrow.recordRefusal(tx, refusalKey(terminal, input));
      const refusal: AcquireRefusal =
        voucherRefusal ??
        (counter.unallocated === 0
          ? { reason: 'POOL_EMPTY', message: 'Nothing of this counter is left to lease.' }
          : capRefusal(held, cap, counter.limit, terminal.leaseCapPercent));
      return { lease: null, unallocated: counter.unallocated, limit: counter.limit, refusal };
    }
    const lease = await escrow.grantLease(tx, {
      id: uuid(),
      orgId: terminal.orgId,
      terminalId: terminal.id,
      epoch: terminal.epoch,
      counter: input.counter,
      requestId: input.requestId,
      granted,
      expiresAt: expiresAt.toISOString(),
    });
    return { lease: toView(lease), unallocated: lease.unallocatedAfter, limit: counter.limit };
  });
}

/**
 * Online uses take units straight from the pool into absorbed where a counter exists, so web sales
 * never spend units leased to terminals. Returns how many of `units` the pool could not cover.
 */
export async function absorbOnline(
  tx: Queryable,
  orgId: string,
  counter: string,
  units: number,
): Promise<{ counted: boolean; short: number }> {
  if (units <= 0) return { counted: false, short: 0 };
  const row = await escrow.lockCounter(tx, orgId, counter);
  if (!row) return { counted: false, short: 0 };
  const taken = await escrow.absorb(tx, orgId, counter, units);
  return { counted: true, short: units - taken };
}

/**
 * A code's or performance's limit changed: the pool follows in the caller's transaction. Units leased to
 * terminals or absorbed by sales cannot be taken back, so a limit below them is not applied; the answer
 * names the lowest limit possible now. (Keeping the old limit for what is out instead would let those
 * units re-enter the pool when the leases come back, above the limit the manager set.)
 */
export async function followLimit(
  tx: Queryable,
  orgId: string,
  counter: string,
  limit: number,
): Promise<{ ok: true } | { ok: false; lowest: number }> {
  const row = await escrow.lockCounter(tx, orgId, counter);
  // No row yet: nothing is counted, and the row will be made from the new limit.
  if (!row) return { ok: true };
  const committed = row.limit - row.unallocated;
  if (limit < committed) return { ok: false, lowest: committed };
  await escrow.setCounterLimit(tx, orgId, counter, limit);
  return { ok: true };
}
