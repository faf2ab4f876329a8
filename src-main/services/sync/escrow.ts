import type { CodeRecord } from '../../../shared/codes/types';
import type { CounterKind, Escrow, LeaseUse, UnbackedUse } from '../../../shared/sync/protocol';
import { parseCounterKey } from '../../../shared/sync/protocol';
import type { Db } from '../../db/connection';
import {
  addLeaseUse,
  getLease,
  giveBackEscrow,
  heldUnits,
  insertRedemptionSync,
  insertSaleEscrow,
  listSaleEscrow,
  markRedemptionReleased,
  serverUsage,
  spendableLeases,
  unsyncedUsage,
  type UsageCounts,
} from '../../db/repos/lease-repo';
import { getSyncState, raiseClockHighWater } from '../../db/repos/sync-repo';
import { codeCounters, type CounterNeed } from '../../../shared/sync/counters';

export type TakeResult =
  | { ok: true; escrow: Escrow; rows: { counter: string; leaseId: string | null; units: number }[] }
  | { ok: false; counter: string; held: number };

/**
 * The escrow side of the money path (DECISIONS.md "Escrow leases"). Every function here is
 * synchronous and meant to run inside the sale's, refund's or void's own transaction: no network,
 * no await. A standalone terminal has no ledger and sells exactly as before.
 */
export interface EscrowLedger {
  /**
   * standalone: no escrow at all (today's behaviour). restore_detected: the leases are void until a
   * manager re-enrols, so nothing capped can be sold meanwhile.
   */
  mode(): 'standalone' | 'enrolled' | 'restore_detected';
  /** Lease housekeeping before a sale: expire what is due, and everything if the clock went back. */
  beforeSale(): void;
  /**
   * Code usage as the engine should see it: max(server + unsynced, limit − held). `preview` (the
   * code dropdown) leaves the lease floor out while the server answers: applying the code fetches
   * the lease, so a code the terminal simply holds no lease for yet is not shown as used up.
   */
  usage(code: CodeRecord, preview?: boolean): UsageCounts;
  /** Takes the units from spendable leases; units of `unbackedAllowed` counters may go without. */
  take(needs: readonly CounterNeed[], unbackedAllowed: (counter: string) => boolean): TakeResult;
  /** Links the sale to what it took and its redemption to its outbox seq. Inside the sale transaction. */
  recordSale(
    saleId: string,
    rows: TakeResult & { ok: true },
    redemption: { id: string; codeId: string } | null,
    seq: number,
  ): void;
  /**
   * Gives back to the same leases what a refund or void returns: `units` per counter (the seats of
   * refunded tickets, what goes back onto each voucher that paid), and on a void of the whole order the
   * code's units too.
   */
  giveBack(saleId: string, units: ReadonlyMap<string, number>, releaseCode: boolean): Escrow;
  /** After the refund or void row has its seq: a released redemption stops counting as unsynced use. */
  recordRelease(saleId: string, seq: number): void;
  /** A 'deny' code with per-customer limits cannot be checked without the server. */
  blockedOffline(code: CodeRecord): boolean;
}

/** Counters a refund gives back unit by unit (seats, voucher money), never whole with the code's. */
const COUNTED_BY_UNIT: ReadonlySet<CounterKind> = new Set<CounterKind>(['capacity', 'voucher_balance']);

const PER_CUSTOMER = [
  'maxUsesPerCustomer',
  'maxItemUsesPerCustomer',
  'maxUsesPerCustomerPerEvent',
  'maxUsesPerCustomerPerSchedule',
] as const;

export function hasPerCustomerLimit(code: Pick<CodeRecord, 'rules'>): boolean {
  return PER_CUSTOMER.some((rule) => code.rules[rule] !== undefined);
}

export function createEscrowLedger(deps: {
  db: Db;
  now: () => number;
  /** The last exchange with the server got through. */
  reachable: () => boolean;
  /** expireOnce: local, synchronous. */
  expire: () => void;
}): EscrowLedger {
  const { db } = deps;
  const iso = () => new Date(deps.now()).toISOString();
  const state = () => getSyncState(db);

  return {
    mode: () => state()?.state ?? 'standalone',

    beforeSale() {
      if (state()) deps.expire();
    },

    usage(code, preview = false) {
      const s = state();
      const server = serverUsage(db, code.id);
      const unsynced = unsyncedUsage(db, code.id, s?.usageThrough ?? 0);
      const counted: UsageCounts = {
        uses: server.uses + unsynced.uses,
        itemUses: server.itemUses + unsynced.itemUses,
        discountGiven: server.discountGiven + unsynced.discountGiven,
      };
      if (s?.state !== 'enrolled' || (preview && deps.reachable())) return counted;
      const now = iso();
      for (const { counter, limit, kind } of codeCounters(code)) {
        const floor = Math.max(0, limit - heldUnits(db, counter, now));
        if (kind === 'code_uses') counted.uses = Math.max(counted.uses, floor);
        if (kind === 'code_item_uses') counted.itemUses = Math.max(counted.itemUses, floor);
        if (kind === 'code_budget') counted.discountGiven = Math.max(counted.discountGiven, floor);
      }
      return counted;
    },

    take(needs, unbackedAllowed) {
      const now = iso();
      const rows: { counter: string; leaseId: string | null; units: number }[] = [];
      for (const need of needs) {
        let left = need.units;
        for (const lease of spendableLeases(db, need.counter, now)) {
          if (left === 0) break;
          const units = Math.min(left, lease.granted - lease.used);
          if (units <= 0) continue;
          rows.push({ counter: need.counter, leaseId: lease.id, units });
          left -= units;
        }
        if (left > 0) {
          if (!unbackedAllowed(need.counter))
            return { ok: false, counter: need.counter, held: need.units - left };
          rows.push({ counter: need.counter, leaseId: null, units: left });
        }
      }
      // Planned first, spent only once every counter is covered: a refusal leaves the leases untouched.
      for (const row of rows) if (row.leaseId) addLeaseUse(db, row.leaseId, row.units);
      raiseClockHighWater(db, deps.now());
      return { ok: true, rows, escrow: toEscrow(rows) };
    },

    recordSale(saleId, taken, redemption, seq) {
      insertSaleEscrow(db, saleId, taken.rows);
      if (redemption)
        insertRedemptionSync(db, { redemptionId: redemption.id, codeId: redemption.codeId, saleSeq: seq });
    },

    giveBack(saleId, units, releaseCode) {
      const back: { counter: string; leaseId: string | null; units: number }[] = [];
      const rows = listSaleEscrow(db, saleId);
      const give = (row: (typeof rows)[number], units: number) => {
        if (units <= 0) return;
        giveBackEscrow(db, row.id, units);
        back.push({ counter: row.counter, leaseId: row.leaseId, units });
        const lease = row.leaseId ? getLease(db, row.leaseId) : undefined;
        // Units of a lease already returned or expired stay with it: the server counts them as slack.
        if (lease?.status === 'active') addLeaseUse(db, lease.id, -Math.min(units, lease.used));
      };
      // A code's units go back whole on a void; seats and voucher money only as counted by the caller
      // (a voucher's part goes back as its refund rows say, docs/CASH.md "Gift vouchers").
      if (releaseCode) {
        for (const row of rows)
          if (!COUNTED_BY_UNIT.has(parseCounterKey(row.counter)?.kind ?? 'capacity'))
            give(row, row.units - row.givenBack);
      }
      for (const [counter, n] of units) {
        let left = n;
        // Lease-backed units first, newest first: the sale's own order in reverse.
        const forCounter = rows
          .filter((r) => r.counter === counter)
          .sort((a, b) => (a.leaseId === null ? 1 : 0) - (b.leaseId === null ? 1 : 0) || b.id - a.id);
        for (const row of forCounter) {
          const units = Math.min(left, row.units - row.givenBack);
          give(row, units);
          left -= units;
        }
      }
      return toEscrow(back);
    },

    recordRelease(saleId, seq) {
      markRedemptionReleased(db, saleId, seq);
    },

    blockedOffline(code) {
      return (
        state()?.state !== undefined &&
        code.offlinePolicy === 'deny' &&
        hasPerCustomerLimit(code) &&
        !deps.reachable()
      );
    },
  };
}

function toEscrow(rows: readonly { counter: string; leaseId: string | null; units: number }[]): Escrow {
  const leaseUses: LeaseUse[] = [];
  const unbacked: UnbackedUse[] = [];
  for (const row of rows) {
    if (row.units === 0) continue;
    if (row.leaseId) leaseUses.push({ leaseId: row.leaseId, counter: row.counter, units: row.units });
    else {
      const same = unbacked.find((u) => u.counter === row.counter);
      if (same) same.units += row.units;
      else unbacked.push({ counter: row.counter, units: row.units });
    }
  }
  return { leaseUses, unbacked };
}
