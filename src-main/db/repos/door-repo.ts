import type { DoorEntry } from '../../../shared/tickets/checkins';
import { prepared, type Db } from '../connection';

// Door mode's SQL (migration 0016, docs/TICKETS.md "Door mode"): the entries this terminal admitted,
// the door it keeps open, and what it knows of a ticket for the door's check.

export interface DoorEntryRow {
  id: string;
  ticketId: string;
  performanceId: string;
  door: string;
  staffId: string;
  at: string;
  source: 'online' | 'offline';
}

/**
 * Records an admitted entry. False when the ticket already has one here (the unique index): the
 * caller decided on a stale read, and the first entry stands.
 */
export function insertDoorEntry(db: Db, entry: DoorEntryRow): boolean {
  return (
    prepared(
      db,
      `INSERT INTO door_entries (id, ticket_id, performance_id, door, staff_id, at, source)
       VALUES (@id, @ticketId, @performanceId, @door, @staffId, @at, @source) ON CONFLICT DO NOTHING`,
    ).run({ ...entry, ticketId: entry.ticketId.toLowerCase() }).changes === 1
  );
}

/** The entry this terminal recorded for a ticket, if any. */
export function doorEntryOf(db: Db, ticketId: string): DoorEntry | undefined {
  return prepared(db, 'SELECT at, door FROM door_entries WHERE ticket_id = ?').get(ticketId.toLowerCase()) as
    DoorEntry | undefined;
}

export function listDoorEntries(db: Db): DoorEntryRow[] {
  return prepared(
    db,
    `SELECT id, ticket_id AS ticketId, performance_id AS performanceId, door, staff_id AS staffId, at, source
     FROM door_entries ORDER BY at, id`,
  ).all() as DoorEntryRow[];
}

/** Entries this terminal recorded for a performance, per door. */
export function entriesByDoor(db: Db, performanceId: string): { door: string; entered: number }[] {
  return prepared(
    db,
    `SELECT door, count(*) AS entered FROM door_entries WHERE performance_id = ? GROUP BY door ORDER BY door`,
  ).all(performanceId) as { door: string; entered: number }[];
}

/** Valid tickets this terminal sold for a performance, less those a pull said were voided or reissued. */
export function validTicketsSold(db: Db, performanceId: string): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM tickets t WHERE t.performance_id = ? AND t.status = 'valid'
       AND NOT EXISTS (SELECT 1 FROM ticket_revocations r WHERE r.ticket_id = t.id)`,
    ).get(performanceId) as { n: number }
  ).n;
}

/** This terminal's own word on a ticket it sold: void or reissued; undefined when valid or not its own. */
export function ownTicketRevocation(db: Db, ticketId: string): 'void' | 'reissued' | undefined {
  const row = prepared(db, "SELECT status FROM tickets WHERE id = ? AND status <> 'valid'").get(
    ticketId.toLowerCase(),
  ) as { status: 'void' | 'reissued' } | undefined;
  return row?.status;
}

export interface DoorStateRow {
  door: string;
  performanceIds: string[];
  openedBy: string;
  openedAt: string;
}

export function saveDoorState(db: Db, state: DoorStateRow): void {
  prepared(
    db,
    `INSERT INTO door_state (id, door, performance_ids, opened_by, opened_at)
     VALUES (1, @door, @performanceIds, @openedBy, @openedAt)
     ON CONFLICT (id) DO UPDATE SET door = excluded.door, performance_ids = excluded.performance_ids,
       opened_by = excluded.opened_by, opened_at = excluded.opened_at`,
  ).run({ ...state, performanceIds: JSON.stringify(state.performanceIds) });
}

export function getDoorState(db: Db): DoorStateRow | undefined {
  const row = prepared(
    db,
    'SELECT door, performance_ids AS performanceIds, opened_by AS openedBy, opened_at AS openedAt FROM door_state',
  ).get() as (Omit<DoorStateRow, 'performanceIds'> & { performanceIds: string }) | undefined;
  // The column's CHECK keeps it a JSON array, written only by saveDoorState.
  return row && { ...row, performanceIds: JSON.parse(row.performanceIds) as string[] };
}

export interface NamedPerformance {
  id: string;
  eventName: string;
  startsAt: string;
}

/** Every performance of the pulled catalogue with its event's name, soonest first. */
export function namedPerformances(db: Db): NamedPerformance[] {
  return prepared(
    db,
    `SELECT p.id, e.name AS eventName, p.starts_at AS startsAt FROM performances p
     JOIN events e ON e.id = p.event_id ORDER BY p.starts_at, p.id`,
  ).all() as NamedPerformance[];
}
