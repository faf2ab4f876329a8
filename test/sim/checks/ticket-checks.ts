import type { Queryable } from '../../../src-server/db/database';

// Invariant 12 (docs/SYNC.md): every admitted ticket belongs to exactly one valid sold unit, and a
// second admission exists only as a review item. Read from the server once everything has drained.

interface Admission {
  checkinId: string;
  ticketId: string;
  doorPerformance: string;
  saleId: string | null;
  lineId: string | null;
  unitIndex: number | null;
  ticketPerformance: string | null;
  lines: { id: string; kind: string; performanceId: string | null; qty: number }[] | null;
}

/**
 * `lostTicket` names tickets of the sales a terminal's backup restore undid before they were pushed (invariant 1
 * allows that loss): a ticket of such a sale was really printed and may have been scanned, so its entry
 * has no sale to belong to.
 */
export async function checkAdmissions(
  db: Queryable,
  orgId: string,
  lostTicket: (ticketId: string) => boolean,
): Promise<string[]> {
  const out: string[] = [];
  const admitted = await db.query<Admission>(
    `SELECT c.id AS "checkinId", c.ticket_id::text AS "ticketId", c.performance_id AS "doorPerformance",
       t.sale_id::text AS "saleId", t.line_id AS "lineId", t.unit_index AS "unitIndex",
       t.performance_id AS "ticketPerformance", s.payload->'lines' AS lines
     FROM checkins c
     LEFT JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id
     LEFT JOIN pos_sales s ON s.id = t.sale_id
     WHERE c.org_id = $1 AND c.admitted ORDER BY c.id`,
    [orgId],
  );
  const units = new Map<string, string[]>();
  for (const a of admitted) {
    if (a.saleId === null) {
      if (!lostTicket(a.ticketId))
        out.push(`[12 admission] ticket ${a.ticketId} was admitted but no sale on the server issued it`);
      continue;
    }
    const line = a.lines?.find((l) => l.id === a.lineId);
    if (!line || line.kind !== 'ticket' || (a.unitIndex ?? 0) >= line.qty)
      out.push(`[12 admission] ticket ${a.ticketId} was admitted but names no sold unit of sale ${a.saleId}`);
    else if (line.performanceId !== a.ticketPerformance || a.doorPerformance !== a.ticketPerformance)
      out.push(
        `[12 admission] ticket ${a.ticketId} was admitted for another performance than it was sold for`,
      );
    const unit = `${a.saleId}/${a.lineId}/${a.unitIndex}`;
    units.set(unit, [...(units.get(unit) ?? []), a.ticketId]);
  }
  for (const [unit, tickets] of units)
    if (tickets.length > 1)
      out.push(
        `[12 admission] sold unit ${unit} was admitted ${tickets.length} times (${tickets.join(', ')})`,
      );
  out.push(...(await checkSecondEntries(db, orgId)));
  return out;
}

/** An entry that lost to an earlier admission is kept not admitted, with exactly one review item naming it. */
async function checkSecondEntries(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{ id: string; ticketId: string; first: number; reviews: number }>(
    `SELECT c.id, c.ticket_id::text AS "ticketId",
       (SELECT count(*)::int FROM checkins f WHERE f.org_id = c.org_id AND f.ticket_id = c.ticket_id AND f.admitted) AS first,
       (SELECT count(*)::int FROM review_items r WHERE r.org_id = c.org_id AND r.kind = 'duplicate_entry'
          AND r.payload->'second'->>'id' = c.id::text) AS reviews
     FROM checkins c WHERE c.org_id = $1 AND NOT c.admitted ORDER BY c.id`,
    [orgId],
  );
  const out: string[] = [];
  for (const r of rows) {
    if (r.first !== 1)
      out.push(`[12 admission] entry ${r.id} lost to an admission of ticket ${r.ticketId} that is not there`);
    if (r.reviews !== 1)
      out.push(
        `[12 admission] second entry ${r.id} of ticket ${r.ticketId} has ${r.reviews} review items, not 1`,
      );
  }
  const orphans = await db.query<{ id: string }>(
    `SELECT r.id FROM review_items r WHERE r.org_id = $1 AND r.kind = 'duplicate_entry'
       AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.org_id = r.org_id AND NOT c.admitted
         AND c.id::text = r.payload->'second'->>'id')`,
    [orgId],
  );
  for (const o of orphans)
    out.push(`[12 admission] duplicate-entry review item ${o.id} names no entry the server kept`);
  return out;
}
