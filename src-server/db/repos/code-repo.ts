import type { Benefit, Rules } from '../../../shared/discounts';
import type { CodeLifecycleStatus, CodeVersion } from '../../../shared/codes/types';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

/** A code as stored, with the terms it uses (a child's come from its parent) and its counters. */
export interface CodeRow {
  id: string;
  orgId: string;
  code: string;
  version: number;
  parentId: string | null;
  isParent: boolean;
  /** The stored status of this row. */
  ownStatus: 'active' | 'disabled' | 'deleted';
  /** A child of a disabled or deleted parent is disabled or deleted with it. */
  status: 'active' | 'disabled' | 'deleted';
  name: string;
  description: string;
  benefit: Benefit;
  rules: Rules;
  autoPriority: number | null;
  offlinePolicy: 'deny' | 'best_effort';
  uses: number;
  itemUses: number;
  discountGiven: number;
  lifecycle: CodeLifecycleStatus;
  createdAt: string;
  updatedAt: string;
}

// The effective status and terms of c, looking through to its parent p.
const EFFECTIVE_STATUS = `CASE WHEN p.id IS NULL OR p.status = 'active' OR c.status = 'deleted' THEN c.status ELSE p.status END`;
const TERMS = (field: string) => `COALESCE(c.${field}, p.${field})`;

/** lifecycleStatus() of shared/codes/types.ts in SQL, so lists can filter and page on it. */
export function lifecycleSql(nowParam: string): string {
  const rules = TERMS('rules');
  return `CASE
    WHEN ${EFFECTIVE_STATUS} = 'deleted' THEN 'deleted'
    WHEN ${EFFECTIVE_STATUS} = 'disabled' THEN 'disabled'
    WHEN ${rules} ? 'validFrom' AND ${nowParam}::timestamptz < (${rules}->>'validFrom')::timestamptz THEN 'scheduled'
    WHEN ${rules} ? 'validTo' AND ${nowParam}::timestamptz > (${rules}->>'validTo')::timestamptz THEN 'ended'
    WHEN ${rules} ? 'maxUses' AND c.uses >= (${rules}->>'maxUses')::bigint THEN 'exhausted'
    WHEN ${rules} ? 'budget' AND c.discount_given >= (${rules}->>'budget')::bigint THEN 'exhausted'
    ELSE 'active' END`;
}

export function codeColumns(nowParam: string): string {
  return `c.id, c.org_id AS "orgId", c.code, COALESCE(p.version, c.version) AS version, c.parent_id AS "parentId",
    c.is_parent AS "isParent", c.status AS "ownStatus", ${EFFECTIVE_STATUS} AS status,
    ${TERMS('name')} AS name, ${TERMS('description')} AS description, ${TERMS('benefit')} AS benefit,
    ${TERMS('rules')} AS rules, COALESCE(c.auto_priority, p.auto_priority) AS "autoPriority",
    ${TERMS('offline_policy')} AS "offlinePolicy", c.uses, c.item_uses AS "itemUses",
    c.discount_given AS "discountGiven", ${lifecycleSql(nowParam)} AS lifecycle,
    c.created_at AS "createdAt", GREATEST(c.updated_at, p.updated_at) AS "updatedAt"`;
}

export const CODE_FROM = 'codes c LEFT JOIN codes p ON p.id = c.parent_id';

/**
 * `lifecycleSql(…) <> 'deleted'` over CODE_FROM without reading the rules: a code is deleted when it or
 * its parent is. The deleted top-level codes (few; read through the index of top-level codes) are one
 * hashed list rather than a parent looked up per row. `$1` is the organisation, as in every list below.
 */
const NOT_DELETED = `c.status <> 'deleted' AND (c.parent_id IS NULL OR c.parent_id NOT IN (
  SELECT d.id FROM codes d WHERE d.org_id = $1 AND d.parent_id IS NULL AND d.status = 'deleted'))`;

export interface NewCode {
  id: string;
  orgId: string;
  code: string;
  isParent: boolean;
  name: string;
  description: string;
  benefit: Benefit;
  rules: Rules;
  autoPriority: number | null;
  offlinePolicy: 'deny' | 'best_effort';
  createdBy: string | null;
  now: string;
}

export async function insertCode(db: Queryable, c: NewCode): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     INSERT INTO codes (id, org_id, code, is_parent, status, name, description, benefit, rules, auto_priority,
       offline_policy, created_at, updated_at, change_pos)
     VALUES ($1, $2, $3, $4, 'active', $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $11, ${NEXT_POS})`,
    [
      c.id,
      c.orgId,
      c.code,
      c.isParent,
      c.name,
      c.description,
      JSON.stringify(c.benefit),
      JSON.stringify(c.rules),
      c.autoPriority,
      c.offlinePolicy,
      c.now,
    ],
  );
  await insertVersion(db, { ...c, version: 1 });
}

/** Writes the terms of one version. A version is never rewritten: a sale may point at it. */
export async function insertVersion(
  db: Queryable,
  v: Omit<NewCode, 'orgId' | 'code' | 'isParent'> & { version: number },
): Promise<void> {
  await db.query(
    `INSERT INTO code_versions (code_id, version, name, description, benefit, rules, auto_priority, offline_policy,
       created_by, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10)`,
    [
      v.id,
      v.version,
      v.name,
      v.description,
      JSON.stringify(v.benefit),
      JSON.stringify(v.rules),
      v.autoPriority,
      v.offlinePolicy,
      v.createdBy,
      v.now,
    ],
  );
}

export async function updateTerms(
  db: Queryable,
  t: {
    id: string;
    version: number;
    name: string;
    description: string;
    benefit: Benefit;
    rules: Rules;
    autoPriority: number | null;
    offlinePolicy: 'deny' | 'best_effort';
    now: string;
  },
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE codes SET version = $2, name = $3, description = $4, benefit = $5::jsonb, rules = $6::jsonb,
       auto_priority = $7, offline_policy = $8, updated_at = $9, change_pos = ${NEXT_POS}
     WHERE id = $1`,
    [
      t.id,
      t.version,
      t.name,
      t.description,
      JSON.stringify(t.benefit),
      JSON.stringify(t.rules),
      t.autoPriority,
      t.offlinePolicy,
      t.now,
    ],
  );
}

export async function setStatus(
  db: Queryable,
  id: string,
  status: 'active' | 'disabled' | 'deleted',
  now: string,
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE codes SET status = $2, updated_at = $3, change_pos = ${NEXT_POS} WHERE id = $1`,
    [id, status, now],
  );
}

export async function getCode(
  db: Queryable,
  orgId: string,
  id: string,
  now: string,
  options: { lock?: boolean } = {},
): Promise<CodeRow | undefined> {
  // FOR UPDATE OF c: an edit and a redemption of the same code take turns.
  const rows = await db.query<CodeRow>(
    `SELECT ${codeColumns('$3')} FROM ${CODE_FROM} WHERE c.org_id = $1 AND c.id = $2${options.lock ? ' FOR UPDATE OF c' : ''}`,
    [orgId, id, now],
  );
  return rows[0];
}

export async function findCodeByString(
  db: Queryable,
  orgId: string,
  code: string,
  now: string,
): Promise<CodeRow | undefined> {
  const rows = await db.query<CodeRow>(
    `SELECT ${codeColumns('$3')} FROM ${CODE_FROM} WHERE c.org_id = $1 AND c.code = $2`,
    [orgId, code, now],
  );
  return rows[0];
}

/** Whether any sale used this code or, for a parent, any of its children. */
export async function hasRedemptions(db: Queryable, codeId: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM redemptions WHERE code_id = $1 UNION ALL SELECT 1 FROM redemptions WHERE parent_id = $1 LIMIT 1',
    [codeId],
  );
  return rows.length > 0;
}

/** The highest counters among a parent's children: a parent's per-child limit may not go below them. */
export async function childUsageMax(
  db: Queryable,
  parentId: string,
): Promise<{ uses: number; itemUses: number; discountGiven: number }> {
  const [row] = await db.query<{ uses: number; itemUses: number; discountGiven: number }>(
    `SELECT COALESCE(max(uses), 0)::int AS uses, COALESCE(max(item_uses), 0)::int AS "itemUses",
       COALESCE(max(discount_given), 0)::bigint AS "discountGiven"
     FROM codes WHERE parent_id = $1`,
    [parentId],
  );
  return row ?? { uses: 0, itemUses: 0, discountGiven: 0 };
}

export async function listVersions(db: Queryable, codeId: string): Promise<CodeVersion[]> {
  return db.query(
    `SELECT v.version, v.name, v.description, v.benefit, v.rules, v.auto_priority AS "autoPriority",
       v.offline_policy AS "offlinePolicy", v.created_by AS "createdBy", s.name AS "createdByName",
       v.created_at AS "createdAt"
     FROM code_versions v LEFT JOIN staff s ON s.id = v.created_by
     WHERE v.code_id = $1 ORDER BY v.version`,
    [codeId],
  );
}

export interface CodeFilter {
  q?: string;
  status?: CodeLifecycleStatus;
  kind?: 'parent' | 'generated' | 'standalone' | 'top';
  parentId?: string;
  autoApply?: boolean;
  category?: string;
  includeDeleted?: boolean;
  limit: number;
  offset: number;
}

export async function listCodes(
  db: Queryable,
  orgId: string,
  filter: CodeFilter,
  now: string,
): Promise<{ items: CodeRow[]; total: number }> {
  const params: unknown[] = [orgId, now];
  const where = ['c.org_id = $1'];
  const add = (sql: (param: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.q) {
    const pattern = `%${filter.q.toUpperCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    // Children carry no name of their own, so a search by name finds the parent, not 100,000 children.
    add((p) => `(c.code LIKE ${p} OR upper(c.name) LIKE ${p} OR upper(c.description) LIKE ${p})`, pattern);
  }
  if (filter.status) add((p) => `${lifecycleSql('$2')} = ${p}`, filter.status);
  // Not deleted, said on the status columns alone: the lifecycle's rules need not be read for every row
  // the count passes (a code is deleted when it or its parent is).
  else if (!filter.includeDeleted) where.push(NOT_DELETED);
  if (filter.kind === 'parent') where.push('c.is_parent');
  if (filter.kind === 'generated') where.push('c.parent_id IS NOT NULL');
  if (filter.kind === 'standalone') where.push('c.parent_id IS NULL AND NOT c.is_parent');
  if (filter.kind === 'top') where.push('c.parent_id IS NULL');
  if (filter.parentId) add((p) => `c.parent_id = ${p}`, filter.parentId);
  if (filter.autoApply !== undefined) {
    where.push(`COALESCE(c.auto_priority, p.auto_priority) IS ${filter.autoApply ? 'NOT NULL' : 'NULL'}`);
  }
  if (filter.category) {
    add(
      (p) => `${TERMS('rules')}->'targets' @> ${p}::jsonb`,
      JSON.stringify([{ by: 'category', id: filter.category }]),
    );
  }
  const whereSql = where.join(' AND ');
  // The lifecycle column keeps $2 referenced even when no filter needs the clock.
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT ${lifecycleSql('$2')} AS lifecycle FROM ${CODE_FROM} WHERE ${whereSql}) t`,
    params,
  );
  params.push(filter.limit, filter.offset);
  const items = await db.query<CodeRow>(
    `SELECT ${codeColumns('$2')} FROM ${CODE_FROM} WHERE ${whereSql}
     ORDER BY c.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Updates the planner's statistics of the codes table after a bulk insert. */
export async function refreshCodeStatistics(db: Queryable): Promise<void> {
  await db.exec('ANALYZE codes');
}

/**
 * Inserts generated child codes; strings already taken are skipped and returned as not inserted. The
 * whole chunk shares one change position: one counter bump per statement keeps generation fast.
 */
export async function insertChildren(
  db: Queryable,
  c: { orgId: string; parentId: string; codes: string[]; now: string },
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH ${positionCte()}, inserted AS (
       INSERT INTO codes (id, org_id, code, parent_id, status, created_at, updated_at, change_pos)
       SELECT gen_random_uuid(), $1, t.code, $2, 'active', $3, $3, ${NEXT_POS} FROM unnest($4::text[]) AS t (code)
       ON CONFLICT (org_id, code) DO NOTHING
       RETURNING 1
     ) SELECT count(*)::int AS n FROM inserted`,
    [c.orgId, c.parentId, c.now, c.codes],
  );
  return rows[0]?.n ?? 0;
}

/** Children that have escrow counters (few: only those leased or used offline). */
export async function childIds(db: Queryable, parentId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM codes c
     WHERE c.parent_id = $1 AND c.id IN (
       SELECT split_part(e.counter, ':', 2)::uuid FROM escrow_counters e
       WHERE e.org_id = c.org_id AND e.counter LIKE 'code%')`,
    [parentId],
  );
  return rows.map((r) => r.id);
}

export interface JobRow {
  id: string;
  parentId: string;
  requested: number;
  prefix: string;
  length: number;
  generated: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  error: string | null;
  createdAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
}

const JOB_COLUMNS = `id, parent_id AS "parentId", requested, prefix, length, generated, status, error,
  created_at AS "createdAt", heartbeat_at AS "heartbeatAt", finished_at AS "finishedAt"`;

/** Marks a job failed if it is still unfinished and has not beaten since `staleBefore`. */
export async function failStaleJob(
  db: Queryable,
  id: string,
  staleBefore: string,
  error: string,
): Promise<void> {
  await db.query(
    `UPDATE generation_jobs SET status = 'failed', error = $3, finished_at = now()
     WHERE id = $1 AND status IN ('queued', 'running') AND heartbeat_at < $2`,
    [id, staleBefore, error],
  );
}

export async function insertJob(
  db: Queryable,
  j: {
    id: string;
    orgId: string;
    parentId: string;
    requested: number;
    prefix: string;
    length: number;
    createdBy: string | null;
  },
): Promise<JobRow> {
  const rows = await db.query<JobRow>(
    `INSERT INTO generation_jobs (id, org_id, parent_id, requested, prefix, length, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7) RETURNING ${JOB_COLUMNS}`,
    [j.id, j.orgId, j.parentId, j.requested, j.prefix, j.length, j.createdBy],
  );
  return rows[0] as JobRow;
}

export async function getJob(db: Queryable, orgId: string, id: string): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM generation_jobs WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

export async function updateJob(
  db: Queryable,
  id: string,
  j: { generated: number; status: JobRow['status']; error?: string | null; finished?: boolean },
): Promise<void> {
  await db.query(
    `UPDATE generation_jobs SET generated = $2, status = $3, error = $4,
       finished_at = CASE WHEN $5 THEN now() ELSE finished_at END, heartbeat_at = now()
     WHERE id = $1`,
    [id, j.generated, j.status, j.error ?? null, j.finished ?? false],
  );
}
