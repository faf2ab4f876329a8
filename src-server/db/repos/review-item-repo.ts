import type { ReviewItem, ReviewKind } from '../../../shared/sync/protocol';
import type { ReviewRow } from '../../../shared/sync/terminal-admin';
import type { Queryable } from '../database';
import { whereClause } from '../where';

// The review queue: what a manager must look at (an excess, a quarantined mutation, a restore, a
// customer's limit broken offline, an approval that could not be proven).

/** A review item's columns; `a` is a table alias with its dot (`r.`) where the query joins another table. */
const reviewColumns = (a = '') =>
  `${a}id, ${a}kind, ${a}status, ${a}terminal_id AS "terminalId", ${a}mutation_id AS "mutationId", ${a}counter,
  ${a}units, ${a}summary, ${a}payload, ${a}created_at AS "createdAt", ${a}resolved_by AS "resolvedBy",
  ${a}resolved_at AS "resolvedAt", ${a}note`;
const REVIEW_COLUMNS = reviewColumns();

export async function insertReviewItem(
  db: Queryable,
  r: {
    id: string;
    orgId: string;
    kind: ReviewKind;
    terminalId: string | null;
    mutationId: string | null;
    redemptionId?: string | null;
    counter?: string | null;
    units?: number | null;
    summary: string;
    payload: unknown;
    createdAt: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO review_items (id, org_id, kind, terminal_id, mutation_id, redemption_id, counter, units, summary,
       payload, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`,
    [
      r.id,
      r.orgId,
      r.kind,
      r.terminalId,
      r.mutationId,
      r.redemptionId ?? null,
      r.counter ?? null,
      r.units ?? null,
      r.summary,
      JSON.stringify(r.payload ?? null),
      r.createdAt,
    ],
  );
}

export interface ReviewFilter {
  status?: ReviewItem['status'] | undefined;
  kind?: ReviewKind | undefined;
  terminalId?: string | undefined;
  /** Bounds on when the item was raised, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** The queue, oldest first (the longest waiting on top), with each item's terminal named. */
export async function listReviewItems(
  db: Queryable,
  orgId: string,
  f: ReviewFilter,
): Promise<{ items: ReviewRow[]; total: number }> {
  const where = whereClause('r.org_id = $1', [orgId]);
  where.add((n) => `r.status = ${n}`, f.status);
  where.add((n) => `r.kind = ${n}`, f.kind);
  where.add((n) => `r.terminal_id = ${n}`, f.terminalId);
  where.add((n) => `r.created_at >= ${n}`, f.from);
  where.add((n) => `r.created_at <= ${n}`, f.to);
  const { params } = where;
  const [items, counted] = await Promise.all([
    db.query<ReviewRow>(
      `SELECT ${reviewColumns('r.')}, t.name AS "terminalName"
       FROM review_items r LEFT JOIN terminals t ON t.id = r.terminal_id ${where.sql()}
       ORDER BY r.created_at, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_items r ${where.sql()}`, params),
  ]);
  return { items, total: counted[0]?.n ?? 0 };
}

export async function lockReviewItem(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<(ReviewItem & { redemptionId: string | null }) | undefined> {
  const rows = await db.query<ReviewItem & { redemptionId: string | null }>(
    `SELECT ${REVIEW_COLUMNS}, redemption_id AS "redemptionId" FROM review_items
     WHERE org_id = $1 AND id = $2 FOR UPDATE`,
    [orgId, id],
  );
  return rows[0];
}

export async function resolveReviewItem(
  db: Queryable,
  r: { id: string; status: 'accepted' | 'flagged' | 'applied'; staffId: string; note: string; at: string },
): Promise<ReviewItem> {
  const rows = await db.query<ReviewItem>(
    `UPDATE review_items SET status = $2, resolved_by = $3, note = $4, resolved_at = $5 WHERE id = $1
     RETURNING ${REVIEW_COLUMNS}`,
    [r.id, r.status, r.staffId, r.note, r.at],
  );
  return rows[0] as ReviewItem;
}

export interface ExcessItem {
  id: string;
  counter: string;
  redemptionId: string | null;
}

/** The open overuse_excess items a sale's mutation raised, locked: a void or refund may settle them. */
export async function lockOpenExcessItems(
  db: Queryable,
  orgId: string,
  mutationId: string,
): Promise<ExcessItem[]> {
  return db.query(
    `SELECT id, counter, redemption_id AS "redemptionId" FROM review_items
     WHERE org_id = $1 AND mutation_id = $2 AND kind IN ('overuse_excess', 'voucher_overspent') AND status = 'open'
       AND counter IS NOT NULL
     ORDER BY counter, id FOR UPDATE`,
    [orgId, mutationId],
  );
}

/** Part of an excess was given back: `units` stays what went over, the payload says what is left. */
export async function setExcessLeft(db: Queryable, id: string, left: number): Promise<void> {
  await db.query(
    `UPDATE review_items SET payload = jsonb_set(payload, '{remainingUnits}', to_jsonb($2::bigint)) WHERE id = $1`,
    [id, left],
  );
}

/** Closed without a manager (resolved_by stays empty): the whole excess went back with a void or refund. */
export async function closeReviewItemVoided(
  db: Queryable,
  r: { id: string; note: string; at: string },
): Promise<void> {
  await db.query(
    `UPDATE review_items SET status = 'voided', note = $2, resolved_at = $3,
       payload = jsonb_set(payload, '{remainingUnits}', '0'::jsonb)
     WHERE id = $1`,
    [r.id, r.note, r.at],
  );
}
