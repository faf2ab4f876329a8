import type { Mutation, ReviewItem, ReviewKind } from '../../../shared/sync/protocol';
import type { Queryable } from '../database';

// Push bookkeeping (the per-terminal mutation log and quarantine), the POS sales ledger and the review
// queue. Payloads are stored whole as JSONB: the terminal's record is the source of truth of a sale.

export interface TerminalSyncRow {
  id: string;
  orgId: string;
  venueId: string;
  epoch: number;
  lastSeq: number;
  state: 'active' | 'restore_detected';
  /** Percent of a counter's limit it may hold in leases; null: the default (escrow-service). */
  leaseCapPercent: number | null;
}

const TERMINAL_COLUMNS = `id, org_id AS "orgId", venue_id AS "venueId", epoch, last_seq AS "lastSeq", state,
  lease_cap_percent AS "leaseCapPercent"`;

/** The terminal row, locked: one push or acquire per terminal at a time. */
export async function lockTerminal(db: Queryable, id: string): Promise<TerminalSyncRow | undefined> {
  const rows = await db.query<TerminalSyncRow>(
    `SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

export async function getTerminal(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<TerminalSyncRow | undefined> {
  const rows = await db.query<TerminalSyncRow>(
    `SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

export async function setLastSeq(db: Queryable, id: string, seq: number): Promise<void> {
  await db.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [id, seq]);
}

export async function markRestoreDetected(db: Queryable, id: string): Promise<void> {
  await db.query("UPDATE terminals SET state = 'restore_detected' WHERE id = $1", [id]);
}

/** A re-enrolment after a restore: a new epoch and token, the chain starts again at seq 1. */
export async function startNewEpoch(
  db: Queryable,
  t: { id: string; tokenHash: string; name: string; codeHash: string },
): Promise<number> {
  const [row] = await db.query<{ epoch: number }>(
    `UPDATE terminals SET epoch = epoch + 1, token_hash = $2, name = $3, last_seq = 0, state = 'active'
     WHERE id = $1 RETURNING epoch`,
    [t.id, t.tokenHash, t.name],
  );
  await db.query('UPDATE enrolment_codes SET terminal_id = $1 WHERE code_hash = $2', [t.id, t.codeHash]);
  return row?.epoch ?? 1;
}

export interface LoggedMutation {
  mutationId: string;
  hash: string;
  status: 'applied' | 'duplicate' | 'quarantined';
}

/** The mutations logged at these seqs of one terminal's epoch, by seq. */
export async function loggedAtSeqs(
  db: Queryable,
  terminalId: string,
  epoch: number,
  seqs: readonly number[],
): Promise<Map<number, LoggedMutation>> {
  if (seqs.length === 0) return new Map();
  const rows = await db.query<LoggedMutation & { seq: number }>(
    `SELECT seq, mutation_id AS "mutationId", hash, status FROM sync_mutations
     WHERE terminal_id = $1 AND epoch = $2 AND seq = ANY($3::bigint[])`,
    [terminalId, epoch, [...new Set(seqs)]],
  );
  return new Map(rows.map(({ seq, ...row }) => [seq, row]));
}

/** Which of these mutations the organisation applied or quarantined already (any terminal, any epoch). */
export async function knownMutations(
  db: Queryable,
  orgId: string,
  mutationIds: readonly string[],
): Promise<Set<string>> {
  if (mutationIds.length === 0) return new Set();
  const rows = await db.query<{ mutationId: string }>(
    `SELECT mutation_id AS "mutationId" FROM sync_mutations
     WHERE org_id = $1 AND mutation_id = ANY($2::uuid[]) AND status <> 'duplicate'`,
    [orgId, [...new Set(mutationIds)]],
  );
  return new Set(rows.map((r) => r.mutationId.toLowerCase()));
}

export interface MutationLogRow {
  orgId: string;
  terminalId: string;
  epoch: number;
  seq: number;
  mutationId: string;
  type: string;
  prevHash: string;
  hash: string;
  status: LoggedMutation['status'];
}

/** The log rows of a push batch, in one statement. */
export async function logMutations(db: Queryable, rows: readonly MutationLogRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO sync_mutations (org_id, terminal_id, epoch, seq, mutation_id, type, prev_hash, hash, status)
     SELECT m."orgId", m."terminalId", m.epoch, m.seq, m."mutationId", m.type, m."prevHash", m.hash, m.status
     FROM jsonb_to_recordset($1::jsonb) AS m("orgId" uuid, "terminalId" uuid, epoch integer, seq bigint,
       "mutationId" uuid, type text, "prevHash" text, hash text, status text)`,
    [JSON.stringify(rows)],
  );
}

export async function quarantine(
  db: Queryable,
  q: {
    orgId: string;
    mutationId: string;
    terminalId: string;
    epoch: number;
    seq: number;
    type: string;
    reason: string;
    message: string;
    payload: unknown;
    hash: string;
    createdAt: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO quarantined_mutations (org_id, mutation_id, terminal_id, epoch, seq, type, reason, message, payload,
       hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      q.orgId,
      q.mutationId,
      q.terminalId,
      q.epoch,
      q.seq,
      q.type,
      q.reason,
      q.message,
      JSON.stringify(q.payload),
      q.hash,
      q.createdAt,
    ],
  );
}

export async function getQuarantined(
  db: Queryable,
  orgId: string,
  mutationId: string,
): Promise<{ reason: string; message: string; payload: unknown; seq: number } | undefined> {
  const rows = await db.query<{ reason: string; message: string; payload: unknown; seq: number }>(
    `SELECT reason, message, payload, seq FROM quarantined_mutations WHERE org_id = $1 AND mutation_id = $2`,
    [orgId, mutationId],
  );
  return rows[0];
}

export interface QuarantinedRow {
  mutationId: string;
  terminalId: string;
  seq: number;
  type: Mutation['type'];
  payload: Record<string, unknown>;
  hash: string;
  /** From the terminal's log at the same seq: the chain position the hash was made from. */
  prevHash: string;
  createdAt: string;
  appliedAt: string | null;
}

/** A quarantined mutation, locked: a retry applies it at most once. */
export async function lockQuarantined(
  db: Queryable,
  orgId: string,
  mutationId: string,
): Promise<QuarantinedRow | undefined> {
  const rows = await db.query<QuarantinedRow>(
    `SELECT q.mutation_id AS "mutationId", q.terminal_id AS "terminalId", q.seq, q.type, q.payload, q.hash,
       m.prev_hash AS "prevHash", q.created_at AS "createdAt", q.applied_at AS "appliedAt"
     FROM quarantined_mutations q
     JOIN sync_mutations m ON m.terminal_id = q.terminal_id AND m.epoch = q.epoch AND m.seq = q.seq
     WHERE q.org_id = $1 AND q.mutation_id = $2 FOR UPDATE OF q`,
    [orgId, mutationId],
  );
  return rows[0];
}

/** A retry applied it: the payload stays as it was kept, and the log says applied from now on. */
export async function markQuarantineApplied(
  db: Queryable,
  q: { orgId: string; mutationId: string; staffId: string; at: string },
): Promise<void> {
  await db.query(
    'UPDATE quarantined_mutations SET applied_at = $3, applied_by = $4 WHERE org_id = $1 AND mutation_id = $2',
    [q.orgId, q.mutationId, q.at, q.staffId],
  );
  await db.query(
    `UPDATE sync_mutations SET status = 'applied' WHERE org_id = $1 AND mutation_id = $2 AND status = 'quarantined'`,
    [q.orgId, q.mutationId],
  );
}

// --- POS ledger ---------------------------------------------------------------------------------

export interface NewSale {
  id: string;
  orgId: string;
  terminalId: string;
  mutationId: string;
  shiftId: string;
  cashierId: string;
  receiptNo: number;
  currency: string;
  gross: number;
  codeDiscount: number;
  customDiscount: number;
  total: number;
  payload: unknown;
  createdAt: string;
}

export async function insertSale(db: Queryable, s: NewSale): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
       code_discount, custom_discount, total, payload, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, 'completed', $14)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      s.id,
      s.orgId,
      s.terminalId,
      s.mutationId,
      s.shiftId,
      s.cashierId,
      s.receiptNo,
      s.currency,
      s.gross,
      s.codeDiscount,
      s.customDiscount,
      s.total,
      JSON.stringify(s.payload),
      s.createdAt,
    ],
  );
  return rows.length === 1;
}

/**
 * Several sales in one statement, for a caller that checked their ids are new (saleIdsTaken) under the
 * terminal's lock: a clash anyway is an error, never a silent skip.
 */
export async function insertSales(db: Queryable, sales: readonly NewSale[]): Promise<void> {
  if (sales.length === 0) return;
  await db.query(
    `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
       code_discount, custom_discount, total, payload, status, created_at)
     SELECT s.id, s."orgId", s."terminalId", s."mutationId", s."shiftId", s."cashierId", s."receiptNo", s.currency,
       s.gross, s."codeDiscount", s."customDiscount", s.total, s.payload, 'completed', s."createdAt"
     FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, "orgId" uuid, "terminalId" uuid, "mutationId" uuid,
       "shiftId" uuid, "cashierId" uuid, "receiptNo" bigint, currency text, gross bigint, "codeDiscount" bigint,
       "customDiscount" bigint, total bigint, payload jsonb, "createdAt" timestamptz)`,
    [JSON.stringify(sales)],
  );
}

/** Which of these sale ids the server holds already. */
export async function saleIdsTaken(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>('SELECT id FROM pos_sales WHERE id = ANY($1::uuid[])', [
    [...new Set(ids)],
  ]);
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

export interface LockedSale {
  id: string;
  mutationId: string;
  status: 'completed' | 'voided';
  payload: unknown;
}

export async function lockSale(db: Queryable, orgId: string, id: string): Promise<LockedSale | undefined> {
  const rows = await db.query<LockedSale>(
    `SELECT id, mutation_id AS "mutationId", status, payload FROM pos_sales WHERE org_id = $1 AND id = $2
     FOR UPDATE`,
    [orgId, id],
  );
  return rows[0];
}

export async function markSaleVoided(db: Queryable, id: string, at: string): Promise<void> {
  await db.query("UPDATE pos_sales SET status = 'voided', voided_at = $2 WHERE id = $1", [id, at]);
}

export async function insertRefund(
  db: Queryable,
  r: {
    id: string;
    orgId: string;
    terminalId: string;
    saleId: string;
    mutationId: string;
    kind: 'refund' | 'void';
    shiftId: string;
    staffId: string;
    amount: number;
    payload: unknown;
    createdAt: string;
  },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO pos_refunds (id, org_id, terminal_id, sale_id, mutation_id, kind, shift_id, staff_id, amount, payload,
       created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      r.id,
      r.orgId,
      r.terminalId,
      r.saleId,
      r.mutationId,
      r.kind,
      r.shiftId,
      r.staffId,
      r.amount,
      JSON.stringify(r.payload),
      r.createdAt,
    ],
  );
  return rows.length === 1;
}

/** Unit keys ("lineId:unitIndex") refunded so far on a sale. */
export async function refundedUnits(db: Queryable, saleId: string): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `SELECT (u->>'lineId') || ':' || (u->>'unitIndex') AS key
     FROM pos_refunds r, jsonb_array_elements(r.payload->'units') u WHERE r.sale_id = $1`,
    [saleId],
  );
  return new Set(rows.map((r) => r.key));
}

export async function insertShiftEvent(
  db: Queryable,
  e: {
    mutationId: string;
    orgId: string;
    terminalId: string;
    shiftId: string;
    kind: 'open' | 'close';
    staffId: string;
    payload: unknown;
    at: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO pos_shift_events (mutation_id, org_id, terminal_id, shift_id, kind, staff_id, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (mutation_id) DO NOTHING`,
    [e.mutationId, e.orgId, e.terminalId, e.shiftId, e.kind, e.staffId, JSON.stringify(e.payload), e.at],
  );
}

export async function staffExists(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM staff WHERE org_id = $1 AND id = $2', [orgId, id]);
  return rows.length === 1;
}

// --- review queue --------------------------------------------------------------------------------

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
