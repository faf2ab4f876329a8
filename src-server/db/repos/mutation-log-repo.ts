import type { Mutation } from '../../../shared/sync/protocol';
import type { Queryable } from '../database';

// The per-terminal mutation log of pushes (seq → mutationId, hash, status) and the quarantine, which
// keeps a mutation the server could not apply whole until a manager retries, accepts or flags it.

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
