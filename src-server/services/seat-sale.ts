import { v7 as uuid } from 'uuid';
import { seatLabelText } from '../../shared/seating/label';
import { releaseSoldSeat } from '../../shared/seating/release';
import type { SalePayload } from '../../shared/sync/payloads';
import type { Queryable } from '../db/database';
import { insertReviewItem } from '../db/repos/review-item-repo';
import { lockLease } from '../db/repos/seat-lease-repo';
import * as seats from '../db/repos/seat-state-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';

// Seats in pushed sales, refunds and voids (docs/SEATING.md "Offline: seat leases", "A sold seat").
// A sale's unit names its seat; the seat becomes the sale's only when the pushing terminal held it
// (in its cart or by its lease). Anything else keeps the sale, leaves the seat with its owner and puts a
// seat_not_held item in the review queue: nothing is merged silently.

interface SeatedUnit {
  performanceId: string;
  seatId: string;
  seatLabel: string | null;
}

/** The sale's units that carry a seat, each checked to be a ticket of a performance, no seat twice. */
export function seatedUnits(p: Pick<SalePayload, 'lines' | 'units'>): SeatedUnit[] {
  const lineById = new Map(p.lines.map((l) => [l.id, l]));
  const seen = new Set<string>();
  const out: SeatedUnit[] = [];
  for (const unit of p.units) {
    if (!unit.seatId) continue;
    const line = lineById.get(unit.lineId);
    const key = `${unit.lineId}:${unit.unitIndex}`;
    if (line?.kind !== 'ticket' || !line.performanceId) {
      reject('INVALID_PAYLOAD', `Unit ${key} carries a seat but is no ticket of a performance.`);
    }
    const seatId = unit.seatId.toLowerCase();
    if (seen.has(`${line.performanceId}:${seatId}`)) {
      reject('INVALID_PAYLOAD', `Seat ${unit.seatId} is sold twice in one sale (unit ${key}).`);
    }
    seen.add(`${line.performanceId}:${seatId}`);
    out.push({ performanceId: line.performanceId, seatId, seatLabel: unit.seatLabel });
  }
  return out;
}

function byPerformance<T extends { performanceId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.performanceId.localeCompare(b.performanceId))) {
    const list = out.get(item.performanceId);
    if (list) list.push(item);
    else out.set(item.performanceId, [item]);
  }
  return out;
}

function ownerOf(seat: seats.LockedSeat | undefined): string {
  if (!seat) return 'not a seat of this performance';
  switch (seat.state) {
    case 'cart':
      return `in the cart of terminal ${seat.holder ?? '?'}`;
    case 'leased':
      return `leased to terminal ${seat.holder ?? '?'}`;
    case 'held':
      return `held back (${seat.holdKind ?? 'hold'}) by staff ${seat.holder ?? '?'}`;
    case 'sold':
      return `sold with sale ${seat.saleId ?? '?'}`;
    case 'blocked':
      return 'blocked, not for sale';
    case 'free':
      return 'free, not held by this terminal';
  }
}

/**
 * The pushed sale's seats: each one the terminal holds (cart or lease, lapsed or not) becomes sold to
 * the sale, remembering the lease it came from; each other one opens a seat_not_held review item.
 * Returns how many went to review.
 */
export async function sellPushedSeats(
  scope: MutationScope,
  mutationId: string,
  p: SalePayload,
): Promise<number> {
  const units = seatedUnits(p);
  const { terminal } = scope;
  let notHeld = 0;
  for (const [performanceId, list] of byPerformance(units)) {
    const at = { orgId: terminal.orgId, performanceId };
    const rows = await scope.run((tx) =>
      seats.lockSeats(
        tx,
        performanceId,
        list.map((u) => u.seatId),
      ),
    );
    const byId = new Map(rows.map((r) => [r.seatId.toLowerCase(), r]));
    const fromLease = new Map<string | null, string[]>();
    for (const unit of list) {
      const row = byId.get(unit.seatId);
      if (row && (row.state === 'cart' || row.state === 'leased') && row.holder === terminal.id) {
        const lease = row.state === 'leased' ? row.leaseId : null;
        fromLease.set(lease, [...(fromLease.get(lease) ?? []), row.seatId]);
        continue;
      }
      notHeld++;
      const label = row ? seatLabelText(row.label) : (unit.seatLabel ?? unit.seatId);
      const owner = ownerOf(row);
      await scope.run((tx) =>
        insertReviewItem(tx, {
          id: uuid(),
          orgId: terminal.orgId,
          kind: 'seat_not_held',
          terminalId: terminal.id,
          mutationId,
          summary:
            `Sale ${p.sale.receiptNo} (${p.sale.id}) at this terminal sold ${label}, which the terminal did not hold: ` +
            `the seat is ${owner}. The sale is kept and the seat stays with its owner; settle it with the ` +
            'customer (another seat or a refund), then accept or flag this item.',
          payload: {
            saleId: p.sale.id,
            performanceId,
            seatId: unit.seatId,
            seatLabel: label,
            state: row?.state ?? null,
            holder: row?.holder ?? null,
            owner,
          },
          createdAt: scope.ctx.now().toISOString(),
        }),
      );
    }
    for (const [soldFromLease, ids] of fromLease) {
      await scope.run((tx) => seats.sellSeats(tx, at, ids, { saleId: p.sale.id, soldFromLease }));
    }
  }
  return notHeld;
}

/**
 * A refund or void gave these units back: each of their seats still sold to the sale goes back to the
 * lease it was sold from while that lease lasts, else free (shared/seating/release.ts).
 */
export async function releaseRefundedSeats(
  tx: Queryable,
  orgId: string,
  saleId: string,
  units: readonly SeatedUnit[],
  now: string,
): Promise<void> {
  for (const [performanceId, list] of byPerformance(units)) {
    const at = { orgId, performanceId };
    const rows = await seats.lockSeats(
      tx,
      performanceId,
      list.map((u) => u.seatId),
    );
    const free: string[] = [];
    const back = new Map<string, { holder: string; expiresAt: string; seatIds: string[] }>();
    for (const row of rows) {
      if (row.state !== 'sold' || row.saleId?.toLowerCase() !== saleId.toLowerCase()) continue;
      const lease = row.soldFromLease ? await lockLease(tx, orgId, row.soldFromLease) : undefined;
      const next = releaseSoldSeat(row.soldFromLease, lease, now);
      if (next.state === 'free') {
        free.push(row.seatId);
        continue;
      }
      const entry = back.get(next.leaseId) ?? { holder: next.holder, expiresAt: next.expiresAt, seatIds: [] };
      entry.seatIds.push(row.seatId);
      back.set(next.leaseId, entry);
    }
    await seats.freeSeats(tx, at, free);
    for (const [leaseId, entry] of back) {
      await seats.leaseSeats(tx, at, entry.seatIds, {
        terminalId: entry.holder,
        leaseId,
        expiresAt: entry.expiresAt,
      });
    }
  }
}
