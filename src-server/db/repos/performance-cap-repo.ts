import type { Queryable } from '../database';

// docs/CASH.md "Per performance": the performances that cap overuses, and the lock their count is
// taken under.

export interface CappedPerformance {
  id: string;
  cap: number;
  eventName: string;
  startsAt: string;
  /** The venue's time zone, which names the performance's curtain-up. */
  timezone: string;
}

/** The performances among `ids` that carry an overuse cap, in curtain-up order. */
export async function cappedPerformances(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<CappedPerformance[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<Omit<CappedPerformance, 'startsAt'> & { startsAt: Date | string }>(
    `SELECT p.id, p.overuse_cap AS cap, e.name AS "eventName", p.starts_at AS "startsAt", v.timezone
     FROM performances p JOIN events e ON e.id = p.event_id JOIN venues v ON v.id = e.venue_id
     WHERE p.org_id = $1 AND p.id = ANY($2::uuid[]) AND p.overuse_cap IS NOT NULL
     ORDER BY p.starts_at, p.id`,
    [orgId, [...ids]],
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt).toISOString() }));
}

/**
 * Serialises counting a performance's overuse grants until the transaction ends. Two pushes of grants
 * for the same performance could otherwise each count the other's uncommitted grant as absent and
 * both pass the cap. The organisation's position lock does this today, but it is going away
 * (docs/CASH.md "Per performance"); a lock per (organisation, performance) also lets pushes for other
 * performances go on. hashtext can collide: two performances then merely wait for each other.
 */
export async function lockPerformanceOveruses(
  db: Queryable,
  orgId: string,
  performanceId: string,
): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `performance-overuse-cap:${orgId}:${performanceId}`,
  ]);
}
