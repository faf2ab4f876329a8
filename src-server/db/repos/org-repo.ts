import type { Queryable } from '../database';

export async function insertOrganisation(db: Queryable, org: { id: string; name: string }): Promise<void> {
  await db.query('INSERT INTO organisations (id, name) VALUES ($1, $2)', [org.id, org.name]);
  // Its change-position row exists from the start, so every writer can lock it first.
  await db.query('INSERT INTO sync_positions (org_id) VALUES ($1)', [org.id]);
}

export async function countOrganisations(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
  return row?.n ?? 0;
}

export async function lockSetup(db: Queryable): Promise<void> {
  // Two first-run requests at once must not both create "the first" organisation.
  await db.query('SELECT pg_advisory_xact_lock(7261002)');
}
