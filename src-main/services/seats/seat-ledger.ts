import { err, ok, type Result } from '../../../shared/result';
import type { SaleUnitRow } from '../../../shared/sync/sale-record';
import type { Db } from '../../db/connection';
import {
  markLeaseSeatSold,
  putSeatStatus,
  releaseSeatOfSale,
  seatOfUnit,
  seatsSoldHere,
  usableLeaseOf,
} from '../../db/repos/seat-repo';
import type { Translate } from '../../messages';

// Seats inside the sale's and the refund's one transaction (docs/SEATING.md "At the window"): a sale
// may only take a seat this terminal still holds, and a refund gives it back by the release rule.

/** How the cart held a seat when it was priced: the cart's hold on the server, or a seat lease. */
export interface SeatHold {
  seatId: string;
  performanceId: string;
  text: string;
  hold: 'cart' | 'lease';
  expiresAt: string | null;
}

/**
 * Every seated unit's seat must still be this terminal's at the commit: an unsold, unexpired seat
 * lease (whatever the cart thought), or the cart's own hold before its expiry. No permission lifts
 * this: there is no overuse for seats. Marks them sold in the cache and their leases as sold here.
 */
export function takeSoldSeats(
  db: Db,
  t: Translate,
  sale: { saleId: string; units: readonly SaleUnitRow[]; holds: readonly SeatHold[] },
  now: string,
): Result<true> {
  const holds = new Map(sale.holds.map((h) => [h.seatId, h]));
  const seated = sale.units.filter((u) => u.seatId !== null);
  const missing: string[] = [];
  const taken: { hold: SeatHold; leaseId: string | null }[] = [];
  const soldHere = new Map<string, Set<string>>();
  const alreadySold = (hold: SeatHold) => {
    const sold = soldHere.get(hold.performanceId) ?? seatsSoldHere(db, hold.performanceId);
    soldHere.set(hold.performanceId, sold);
    return sold.has(hold.seatId);
  };
  for (const unit of seated) {
    const hold = holds.get(unit.seatId as string);
    const lease = hold ? usableLeaseOf(db, hold.performanceId, hold.seatId, now) : undefined;
    const held = lease || (hold?.hold === 'cart' && hold.expiresAt !== null && hold.expiresAt > now);
    // A cart hold outlives this terminal's own sale of the seat until that sale is pushed.
    if (hold && held && !alreadySold(hold)) taken.push({ hold, leaseId: lease?.id ?? null });
    else missing.push(unit.seatLabel ?? hold?.text ?? (unit.seatId as string));
  }
  if (missing.length > 0) return err('SEAT_NOT_HELD', t('SEAT_NOT_HELD', { seats: missing.join('; ') }));
  for (const { hold, leaseId } of taken) {
    if (leaseId) markLeaseSeatSold(db, leaseId, hold.seatId, sale.saleId);
    putSeatStatus(db, hold.performanceId, {
      seatId: hold.seatId,
      state: 'sold',
      holder: null,
      holdKind: null,
      expiresAt: null,
    });
  }
  return ok(true);
}

/** The seats of units given back, released by the rule; returns how many units had a seat. */
export function releaseUnitSeats(
  db: Db,
  units: readonly { lineId: string; unitIndex: number }[],
  now: string,
  terminalId: string,
): number {
  let n = 0;
  for (const unit of units) {
    const seat = seatOfUnit(db, unit);
    if (!seat) continue;
    releaseSeatOfSale(db, seat, now, terminalId);
    n += 1;
  }
  return n;
}
