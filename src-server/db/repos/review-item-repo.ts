import type { ReviewItem, ReviewKind } from '../../../shared/sync/protocol';
import type { Queryable } from '../database';

// The review queue: what a manager must look at (an excess, a quarantined mutation, a restore, a
// customer's limit broken offline, an approval that could not be proven).

const REVIEW_COLUMNS = `id, kind, status, terminal_id AS "terminalId", mutation_id AS "mutationId", counter, units,
  summary, payload, created_at AS "createdAt", resolved_by AS "resolvedBy", resolved_at AS "resolvedAt", note`;

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

export async function listReviewItems(
  db: Queryable,
  orgId: string,
  f: { status?: ReviewItem['status']; kind?: ReviewKind; terminalId?: string; limit: number; offset: number },
): Promise<ReviewItem[]> {
  const params: unknown[] = [orgId];
  const where = ['org_id = $1'];
  const add = (column: string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  add('status', f.status);
  add('kind', f.kind);
  add('terminal_id', f.terminalId);
  params.push(f.limit, f.offset);
  return db.query<ReviewItem>(
    `SELECT ${REVIEW_COLUMNS} FROM review_items WHERE ${where.join(' AND ')}
     ORDER BY created_at, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
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
     WHERE org_id = $1 AND mutation_id = $2 AND kind = 'overuse_excess' AND status = 'open' AND counter IS NOT NULL
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
