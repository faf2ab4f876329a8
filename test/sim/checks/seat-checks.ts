import { seatHoldUntil } from '../../../shared/sync/seat-protocol';
import type { Db } from '../../../src-main/db/connection';
import type { Queryable } from '../../../src-server/db/database';
import type { RestoredTerminal } from './sync-checks';

// Invariants of reserved seating (docs/SEATING.md; docs/SYNC.md "Invariants the simulation checks",
// 13 to 16), read from the server's database and, for 16, from each terminal's store.

const key = (...parts: string[]) => parts.map((p) => p.toLowerCase()).join('|');

interface SeatedUnit {
  saleId: string;
  terminalId: string;
  performanceId: string;
  seatId: string;
}

/** Every unit of a synced sale that names a seat and that a synced refund or void gave back (or not). */
async function seatedUnits(db: Queryable, orgId: string, givenBack: boolean): Promise<SeatedUnit[]> {
  return db.query<SeatedUnit>(
    `SELECT s.id::text AS "saleId", s.terminal_id::text AS "terminalId",
       l->>'performanceId' AS "performanceId", u->>'seatId' AS "seatId"
     FROM pos_sales s, jsonb_array_elements(s.payload->'units') u, jsonb_array_elements(s.payload->'lines') l
     WHERE s.org_id = $1 AND u->>'seatId' IS NOT NULL AND l->>'id' = u->>'lineId'
       AND ${givenBack ? '' : 'NOT'} EXISTS (
         SELECT 1 FROM pos_refunds r, jsonb_array_elements(r.payload->'units') g
         WHERE r.org_id = s.org_id AND r.sale_id = s.id
           AND g->>'lineId' = u->>'lineId' AND (g->>'unitIndex')::int = (u->>'unitIndex')::int)`,
    [orgId],
  );
}

const unrefundedSeatedUnits = (db: Queryable, orgId: string) => seatedUnits(db, orgId, false);

interface NotHeldItem {
  terminalId: string;
  saleId: string;
  /** When the server took the push, in ms. */
  at: number;
  /** When the seat's performance starts: a checkout's hold lasts until the push can arrive, not past it. */
  startsAt: string;
  /** The terminal the seat was with then: the holder of its cart, or the terminal of the sale it was sold to. */
  ownerTerminal: string | null;
}

/** The seat_not_held review items, by sale and seat, with the terminals found restored. */
async function notHeld(
  db: Queryable,
  orgId: string,
): Promise<{ items: Map<string, NotHeldItem>; restored: Set<string> }> {
  const rows = await db.query<{
    kind: string;
    terminal_id: string;
    sale_id: string;
    seat_id: string;
    at: Date;
    starts_at: Date | null;
    owner_terminal: string | null;
  }>(
    `SELECT r.kind, r.terminal_id::text, r.payload->>'saleId' AS sale_id, r.payload->>'seatId' AS seat_id,
       r.created_at AS at,
       (SELECT p.starts_at FROM performances p WHERE p.id::text = r.payload->>'performanceId') AS starts_at,
       CASE r.payload->>'state' WHEN 'cart' THEN r.payload->>'holder'
         ELSE (SELECT s.terminal_id::text FROM pos_sales s WHERE s.org_id = r.org_id
               AND s.id::text = substring(r.payload->>'owner' FROM 'sold with sale ([0-9a-f-]+)')) END AS owner_terminal
     FROM review_items r WHERE r.org_id = $1 AND r.kind IN ('seat_not_held', 'restore_detected')`,
    [orgId],
  );
  const items = new Map<string, NotHeldItem>();
  const restored = new Set<string>();
  for (const r of rows) {
    const terminalId = r.terminal_id.toLowerCase();
    if (r.kind === 'restore_detected') restored.add(terminalId);
    else
      items.set(key(r.sale_id, r.seat_id), {
        terminalId,
        saleId: r.sale_id,
        at: new Date(r.at).getTime(),
        startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : new Date(0).toISOString(),
        ownerTerminal: r.owner_terminal?.toLowerCase() ?? null,
      });
  }
  return { items, restored };
}

/**
 * Why a seat of a sale may go to review: its terminal was found restored from a backup, or the sale
 * sold it from the cart's hold and reached the server after the hold its checkout took lapsed (a day,
 * or the performance's start), when another window had taken the seat (docs/SEATING.md "A sold seat").
 * `cartCheckouts`: when each sale that sold a seat from a cart hold was checked out (simulation time),
 * which is when that hold was taken.
 */
function excused(
  item: NotHeldItem,
  restored: ReadonlySet<string>,
  cartCheckouts: ReadonlyMap<string, number>,
): boolean {
  if (restored.has(item.terminalId)) return true;
  const checkout = cartCheckouts.get(item.saleId.toLowerCase());
  return (
    checkout !== undefined &&
    item.at >= Date.parse(seatHoldUntil(checkout, true, item.startsAt)) &&
    item.ownerTerminal !== null &&
    item.ownerTerminal !== item.terminalId
  );
}

/** Each seat the server counts sold, by performance and seat: the sale it is sold to. */
async function soldOnServer(db: Queryable, orgId: string): Promise<Map<string, string>> {
  const sold = await db.query<{ performance_id: string; seat_id: string; sale_id: string }>(
    `SELECT performance_id::text, seat_id::text, sale_id::text FROM performance_seats
     WHERE org_id = $1 AND state = 'sold'`,
    [orgId],
  );
  return new Map(sold.map((r) => [key(r.performance_id, r.seat_id), r.sale_id.toLowerCase()]));
}

/**
 * 13: a seat is sold at most once per performance: no two unrefunded units that took their seat share
 * one, every seat the server counts sold is the seat of exactly one such unit of that very sale, and
 * every such unit's seat is sold to its sale. A unit whose seat went to review (`seat_not_held`) did not
 * take it; that happens only to a terminal found restored from a backup.
 */
export async function checkSeatsSoldOnce(
  db: Queryable,
  orgId: string,
  cartCheckouts: ReadonlyMap<string, number>,
): Promise<string[]> {
  const out: string[] = [];
  const { items, restored } = await notHeld(db, orgId);
  for (const [k, item] of items)
    if (!excused(item, restored, cartCheckouts))
      out.push(
        `[13 seat sold once] sale|seat ${k} of terminal ${item.terminalId} went to review as seat_not_held, but that terminal was never found restored and the seat was not taken by another window after its cart hold lapsed`,
      );
  const units = (await unrefundedSeatedUnits(db, orgId)).filter((u) => !items.has(key(u.saleId, u.seatId)));
  const bySeat = new Map<string, SeatedUnit[]>();
  for (const u of units) {
    const k = key(u.performanceId, u.seatId);
    bySeat.set(k, [...(bySeat.get(k) ?? []), u]);
  }
  for (const [k, list] of bySeat)
    if (list.length > 1)
      out.push(
        `[13 seat sold once] performance|seat ${k} is taken by ${list.length} unrefunded units: sales ${list.map((u) => u.saleId).join(', ')}`,
      );
  const soldTo = await soldOnServer(db, orgId);
  for (const [k, saleId] of soldTo) {
    const owners = bySeat.get(k) ?? [];
    if (!owners.some((u) => u.saleId.toLowerCase() === saleId))
      out.push(
        `[13 seat sold once] performance|seat ${k} is sold to sale ${saleId}, which holds no unrefunded unit of it`,
      );
  }
  for (const [k, list] of bySeat)
    for (const u of list)
      if (soldTo.get(k) !== u.saleId.toLowerCase())
        out.push(
          `[13 seat sold once] sale ${u.saleId} took performance|seat ${k}, but the server has it ${soldTo.has(k) ? `sold to ${soldTo.get(k)}` : 'not sold'}`,
        );
  return out;
}

/**
 * 14: per seated performance, every seat of its map has exactly one state and no other seat has one
 * (sold + cart + leased + held + blocked + free = the map's seats); a killed seat stays held.
 */
export async function checkSeatStates(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{
    id: string;
    seats: number;
    rows: number;
    on_map: number;
    killed_sold: number;
  }>(
    `SELECT p.id::text,
       (SELECT count(*)::int FROM seats x WHERE x.map_id = p.seat_map_id) AS seats,
       (SELECT count(*)::int FROM performance_seats ps WHERE ps.performance_id = p.id) AS rows,
       (SELECT count(*)::int FROM performance_seats ps JOIN seats x ON x.id = ps.seat_id
          WHERE ps.performance_id = p.id AND x.map_id = p.seat_map_id) AS on_map,
       (SELECT count(*)::int FROM performance_seats ps JOIN seats x ON x.id = ps.seat_id
          WHERE ps.performance_id = p.id AND x.hold = 'kill' AND ps.state <> 'held') AS killed_sold
     FROM performances p WHERE p.org_id = $1 AND p.seat_map_id IS NOT NULL`,
    [orgId],
  );
  const out: string[] = [];
  for (const r of rows) {
    if (r.rows !== r.seats || r.on_map !== r.seats)
      out.push(
        `[14 seat states] performance ${r.id}: ${r.rows} seat state(s), ${r.on_map} of them of its map, for ${r.seats} seats`,
      );
    if (r.killed_sold > 0)
      out.push(`[14 seat states] performance ${r.id}: ${r.killed_sold} killed seat(s) not held`);
  }
  return out;
}

/**
 * 15: a seat lease's seats are only sold or given back by the terminal holding it: a seat sold from a
 * lease was sold by a sale the lease's terminal pushed (another terminal's sale of it went to review,
 * 13), and a seat still leased is leased to its lease's terminal, under a lease not yet returned.
 */
export async function checkSeatLeases(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{ performance_id: string; seat_id: string; problem: string }>(
    `SELECT ps.performance_id::text, ps.seat_id::text,
       CASE WHEN l.id IS NULL THEN 'its lease does not exist'
            WHEN ps.state = 'sold' THEN 'sold from the lease of terminal ' || l.terminal_id || ' by a sale of terminal ' || coalesce(s.terminal_id::text, '?')
            WHEN l.returned_at IS NOT NULL THEN 'still leased under a returned lease'
            ELSE 'leased to ' || ps.holder || ' under a lease of terminal ' || l.terminal_id END AS problem
     FROM performance_seats ps
     LEFT JOIN seat_leases l ON l.id = coalesce(ps.lease_id, ps.sold_from_lease)
     LEFT JOIN pos_sales s ON s.id = ps.sale_id
     WHERE ps.org_id = $1 AND (ps.state = 'leased' OR ps.sold_from_lease IS NOT NULL) AND (
       l.id IS NULL OR l.performance_id <> ps.performance_id
       OR (ps.state = 'sold' AND s.terminal_id IS DISTINCT FROM l.terminal_id)
       OR (ps.state = 'leased' AND (l.returned_at IS NOT NULL OR ps.holder <> l.terminal_id::text)))`,
    [orgId],
  );
  return rows.map(
    (r) => `[15 seat lease] performance|seat ${key(r.performance_id, r.seat_id)}: ${r.problem}`,
  );
}

/** A terminal's unrefunded seated units: the seats its own sales still hold. */
function seatsSoldAt(db: Db): { saleId: string; performanceId: string; seatId: string }[] {
  return db
    .prepare(
      `SELECT l.sale_id AS saleId, l.performance_id AS performanceId, u.seat_id AS seatId
       FROM sale_units u JOIN sale_lines l ON l.id = u.line_id
       WHERE u.seat_id IS NOT NULL AND u.refund_id IS NULL AND u.refunded_elsewhere_id IS NULL`,
    )
    .all() as { saleId: string; performanceId: string; seatId: string }[];
}

/**
 * 16: after healing and draining, each terminal's seats agree with the server: every seat a sale of
 * its own still holds is sold on the server to that sale, unless that seat of the sale went to review
 * (seat_not_held) for a reason `excused` names, or the terminal was restored from a backup and either
 * the seat went to review or the server holds a refund of it that the backup predates.
 */
export async function checkSeatsAgree(
  db: Queryable,
  orgId: string,
  terminals: readonly RestoredTerminal[],
  cartCheckouts: ReadonlyMap<string, number>,
): Promise<string[]> {
  const { items, restored } = await notHeld(db, orgId);
  const soldTo = await soldOnServer(db, orgId);
  // A refund made after the backup reached the server, and the restore took it off the till.
  const refunded = new Set((await seatedUnits(db, orgId, true)).map((u) => key(u.saleId, u.seatId)));
  const out: string[] = [];
  for (const node of terminals) {
    for (const u of seatsSoldAt(node.db)) {
      if (soldTo.get(key(u.performanceId, u.seatId)) === u.saleId.toLowerCase()) continue;
      if (node.restores > 0 && refunded.has(key(u.saleId, u.seatId))) continue;
      const item = items.get(key(u.saleId, u.seatId));
      if (item && (node.restores > 0 || excused(item, restored, cartCheckouts))) continue;
      out.push(
        `[16 seats agree] ${node.name}: sale ${u.saleId} holds seat ${u.seatId}, which the server has ${soldTo.has(key(u.performanceId, u.seatId)) ? `sold to ${soldTo.get(key(u.performanceId, u.seatId))}` : 'not sold'}`,
      );
    }
  }
  return out;
}

/** How many seats went to review as not held (the reach of the restore path for seats). */
export async function countSeatNotHeld(db: Queryable, orgId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM review_items WHERE org_id = $1 AND kind = 'seat_not_held'",
    [orgId],
  );
  return rows[0]?.n ?? 0;
}
