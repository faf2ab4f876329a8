import type { DoorCounts, DoorEntry } from '../../../shared/tickets/checkins';
import type { Queryable } from '../database';
import { isUuid } from '../uuid';

// docs/TICKETS.md "At the door": the server's entry log and what a check reads.

export async function performancesOf(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<{ id: string; startsAt: string }[]> {
  const uuids = ids.filter(isUuid);
  if (uuids.length === 0) return [];
  return db.query<{ id: string; startsAt: string }>(
    `SELECT id, starts_at AS "startsAt" FROM performances WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, uuids],
  );
}

export async function admittedEntry(
  db: Queryable,
  orgId: string,
  ticketId: string,
): Promise<(DoorEntry & { id: string }) | undefined> {
  const rows = await db.query<DoorEntry & { id: string }>(
    `SELECT id, entered_at AS at, door FROM checkins WHERE org_id = $1 AND ticket_id = $2 AND admitted`,
    [orgId, ticketId],
  );
  return rows[0];
}

export interface CheckinRow {
  id: string;
  ticketId: string;
  performanceId: string;
  door: string;
  admitted: boolean;
  at: string;
}

export async function getCheckin(db: Queryable, orgId: string, id: string): Promise<CheckinRow | undefined> {
  const rows = await db.query<CheckinRow>(
    `SELECT id, ticket_id AS "ticketId", performance_id AS "performanceId", door, admitted, entered_at AS at
     FROM checkins WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

export interface NewCheckin {
  id: string;
  orgId: string;
  ticketId: string;
  performanceId: string;
  door: string;
  terminalId: string | null;
  staffId: string | null;
  at: string;
}

/**
 * Records the ticket's first entry; false when another entry holds that place already (the partial
 * unique index decides, so two doors racing get one winner) or this id was recorded before.
 */
export async function admitFirst(db: Queryable, c: NewCheckin): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO checkins (id, org_id, ticket_id, performance_id, door, terminal_id, staff_id, admitted, entered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8)
     ON CONFLICT DO NOTHING RETURNING id`,
    [c.id, c.orgId, c.ticketId, c.performanceId, c.door, c.terminalId, c.staffId, c.at],
  );
  return rows.length === 1;
}

/** Keeps an entry a door made although the ticket was already in: evidence for the review item. */
export async function recordRefusedEntry(db: Queryable, c: NewCheckin): Promise<void> {
  await db.query(
    `INSERT INTO checkins (id, org_id, ticket_id, performance_id, door, terminal_id, staff_id, admitted, entered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8)
     ON CONFLICT (id) DO NOTHING`,
    [c.id, c.orgId, c.ticketId, c.performanceId, c.door, c.terminalId, c.staffId, c.at],
  );
}

export async function doorCounts(db: Queryable, orgId: string, performanceId: string): Promise<DoorCounts> {
  const byDoor = await db.query<{ door: string; entered: number }>(
    `SELECT door, count(*)::int AS entered FROM checkins
     WHERE org_id = $1 AND performance_id = $2 AND admitted GROUP BY door ORDER BY door`,
    [orgId, performanceId],
  );
  const expected = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tickets WHERE org_id = $1 AND performance_id = $2 AND status = 'valid'`,
    [orgId, performanceId],
  );
  return {
    performanceId,
    expected: expected[0]?.n ?? 0,
    entered: byDoor.reduce((n, d) => n + d.entered, 0),
    byDoor,
  };
}
