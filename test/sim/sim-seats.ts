import { channels as c } from '../../shared/ipc/channels';
import type { BestAvailableView, SeatMapView } from '../../shared/ipc/seating-schemas';
import type { Result } from '../../shared/result';
import type { Terminal } from '../../src-main/terminal';
import type { SeatedHall } from './sim-seating-world';
import type { SimNode } from './sim-terminal';
import type { Step } from './steps';

// A seated sale at one window (docs/SEATING.md "At the window"), as the seat picker drives the core:
// the map, a pick (by click, from the window's leases, again a seat this window sold, or best
// available), sometimes a seat given back or the cart abandoned, then the checkout. Refusals the
// design expects (SEAT_TAKEN, SEAT_NOT_LEASED, SEAT_NOT_HELD, NOT_ON_SALE, ...) are logged; a throw or
// INTERNAL is caught by the simulation's till action as a bug.

export type SeatStep = Extract<Step, { t: 'seats' }>;

/** What the seat steps need of the simulation: its till actions, its log and its tallies. */
export interface SeatHost {
  hall: SeatedHall;
  userAction<T>(node: SimNode, fn: (t: Terminal) => Promise<T> | T): Promise<T | undefined>;
  log(line: string): void;
  tendersFor(total: number, cashPercent: number): unknown[];
  /** A sale the till reported committed. */
  sold(node: SimNode, saleId: string): void;
  /** A sale that sold seats from the cart's holds, which its checkout renewed then. */
  cartCheckouts: Map<string, number>;
  time: number;
  stats: { seatedSales: number; leasedSeatSales: number; seatRefusals: number };
}

const uniq = (ids: readonly string[]) => [...new Set(ids)];
const at = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];

/** Seats of the performance this window sold (refunded or not): a cashier clicking a seat again. */
function soldHere(t: Terminal, performanceId: string): string[] {
  return (
    t.db
      .prepare(
        `SELECT u.seat_id AS seatId FROM sale_units u JOIN sale_lines l ON l.id = u.line_id
         WHERE l.performance_id = ? AND u.seat_id IS NOT NULL ORDER BY l.rowid, u.unit_index`,
      )
      .all(performanceId) as { seatId: string }[]
  ).map((r) => r.seatId);
}

export async function seatSale(host: SeatHost, node: SimNode, step: SeatStep): Promise<void> {
  const t = node.terminal;
  if (!t) return;
  const performanceId = at(host.hall.performanceIds, step.performance) as string;
  const ticketTypeId = at(host.hall.ticketTypeIds, step.ticketType) as string;
  const act = <V>(channel: Parameters<Terminal['dispatch']>[0], request: unknown) =>
    host.userAction(node, (x) => x.dispatch(channel, request)) as Promise<Result<V> | undefined>;
  await act(c.cart.clear, {});
  let seatIds: string[] = [];
  if (step.how === 'best') {
    const band = step.band === null ? undefined : at(host.hall.map.bands, step.band);
    const best = await act<BestAvailableView>(c.seats.best, {
      performanceId,
      n: step.picks.length,
      ...(band ? { band } : {}),
    });
    if (best?.ok) seatIds = best.value.seatIds ?? (best.value.split ?? []).flat().slice(0, step.picks.length);
  } else {
    const view = await act<SeatMapView>(c.seats.map, { performanceId });
    const all = host.hall.map.seats.map((s) => s.id);
    const again = step.how === 'again' ? soldHere(t, performanceId) : [];
    const leased = step.how === 'leased' && view?.ok ? view.value.mine.leased : [];
    const from = again.length > 0 ? again : leased.length > 0 ? leased : all;
    seatIds = step.picks.map((i) => at(from, i) as string);
  }
  seatIds = uniq(seatIds.filter(Boolean));
  if (seatIds.length === 0) return;
  const picked = await act(c.seats.pick, { performanceId, seatIds, ticketTypeId });
  host.log(
    `  pick ${step.how} ${seatIds.length} seat(s): ${picked?.ok ? 'ok' : (picked?.reason ?? 'no answer')}`,
  );
  if (!picked?.ok) {
    host.stats.seatRefusals += 1;
    return;
  }
  if (step.then === 'unpick' && seatIds.length > 1) await act(c.seats.unpick, { seatIds: [seatIds[0]] });
  if (step.then === 'clear') {
    await act(c.cart.clear, {});
    return;
  }
  const cart = await act<{ id: string; total: number; lines: unknown[] }>(c.cart.get, {});
  if (!cart?.ok || cart.value.lines.length === 0) return;
  const { id, total } = cart.value;
  const sold = await act(c.checkout.complete, {
    cartId: id,
    tenders: host.tendersFor(total, step.cashPercent),
  });
  if (!sold?.ok) {
    host.stats.seatRefusals += 1;
    host.log(
      `  seated checkout refused: ${sold?.reason ?? 'no answer'} ${sold && !sold.ok ? sold.message : ''}`,
    );
    await act(c.cart.clear, {});
    return;
  }
  host.sold(node, id);
  host.stats.seatedSales += 1;
  const fromLease = (
    t.db.prepare('SELECT count(*) AS n FROM seat_leases WHERE sale_id = ?').get(id) as { n: number }
  ).n;
  const seated = (
    t.db
      .prepare(
        'SELECT count(*) AS n FROM sale_units u JOIN sale_lines l ON l.id = u.line_id WHERE l.sale_id = ? AND u.seat_id IS NOT NULL',
      )
      .get(id) as { n: number }
  ).n;
  if (seated > fromLease) host.cartCheckouts.set(id.toLowerCase(), host.time);
  if (fromLease > 0) host.stats.leasedSeatSales += 1;
  host.log(`  sold seats ${id} total ${total}${fromLease > 0 ? `, ${fromLease} from a lease` : ''}`);
}
