import type { Permission } from '../../../shared/auth/permissions';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

export interface StaffRow {
  id: string;
  orgId: string;
  name: string;
  email: string | null;
  roleId: string;
  active: boolean;
  hasPassword: boolean;
  hasPin: boolean;
  createdAt: string;
  updatedAt: string;
}

const STAFF_COLUMNS = `id, org_id AS "orgId", name, email, role_id AS "roleId", active,
  password_hash IS NOT NULL AS "hasPassword", pin_hash IS NOT NULL AS "hasPin",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function insertStaff(
  db: Queryable,
  s: {
    id: string;
    orgId: string;
    name: string;
    email: string | null;
    passwordHash: string | null;
    pinHash: string | null;
    roleId: string;
  },
): Promise<void> {
  await db.query(
    `WITH ${positionCte('$2::uuid')}
     INSERT INTO staff (id, org_id, name, email, password_hash, pin_hash, role_id, change_pos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ${NEXT_POS})`,
    [s.id, s.orgId, s.name, s.email, s.passwordHash, s.pinHash, s.roleId],
  );
}

export async function listStaff(db: Queryable, orgId: string): Promise<StaffRow[]> {
  return db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE org_id = $1 ORDER BY name, id`, [
    orgId,
  ]);
}

export async function getStaff(db: Queryable, orgId: string, id: string): Promise<StaffRow | undefined> {
  const rows = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return rows[0];
}

export async function updateStaff(
  db: Queryable,
  orgId: string,
  id: string,
  patch: {
    name?: string;
    email?: string | null;
    passwordHash?: string | null;
    pinHash?: string | null;
    roleId?: string;
    active?: boolean;
  },
): Promise<boolean> {
  const columns: Record<string, unknown> = {
    name: patch.name,
    email: patch.email,
    password_hash: patch.passwordHash,
    pin_hash: patch.pinHash,
    role_id: patch.roleId,
    active: patch.active,
  };
  const sets: string[] = [];
  const params: unknown[] = [orgId, id];
  for (const [column, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  sets.push('updated_at = now()', `change_pos = ${NEXT_POS}`);
  const rows = await db.query(
    `WITH ${positionCte('$1::uuid')}
     UPDATE staff SET ${sets.join(', ')} WHERE org_id = $1 AND id = $2 RETURNING id`,
    params,
  );
  return rows.length === 1;
}

export interface LoginRow {
  id: string;
  orgId: string;
  orgName: string;
  passwordHash: string | null;
  active: boolean;
  lockedUntil: string | null;
}

/** Most accounts one address may have across organisations that a login checks (docs/SECURITY.md). */
export const MAX_LOGIN_CANDIDATES = 10;

/**
 * Every account with this email, in every organisation or only `orgId`'s: an address is unique per
 * organisation only (docs/SECURITY.md "Staff e-mail addresses").
 */
export async function findLogins(db: Queryable, email: string, orgId?: string): Promise<LoginRow[]> {
  return db.query<LoginRow>(
    `SELECT s.id, s.org_id AS "orgId", o.name AS "orgName", s.password_hash AS "passwordHash", s.active,
       s.locked_until AS "lockedUntil"
     FROM staff s JOIN organisations o ON o.id = s.org_id
     WHERE lower(s.email) = lower($1) AND ($2::uuid IS NULL OR s.org_id = $2::uuid)
     ORDER BY s.org_id LIMIT ${MAX_LOGIN_CANDIDATES}`,
    [email, orgId ?? null],
  );
}

/**
 * Takes back a reserved attempt whose password was right for another account with the same address:
 * it was no guess at this one. Undoes a lock only that attempt set.
 */
export async function releaseLoginAttempt(db: Queryable, id: string, threshold: number): Promise<void> {
  await db.query(
    `UPDATE staff SET failed_logins = failed_logins - 1,
       locked_until = CASE WHEN failed_logins = $2 THEN NULL ELSE locked_until END
     WHERE id = $1 AND failed_logins > 0`,
    [id, threshold],
  );
}

/**
 * Claims one password check before the slow hash runs: it counts as a failure up front (cleared on
 * success) and the `threshold`-th sets the lock, in one statement whose row lock serialises parallel
 * logins, so they can never check more passwords than the limit. A lock that has run out starts the
 * count again. False while the account is locked.
 */
export async function reserveLoginAttempt(
  db: Queryable,
  id: string,
  now: string,
  threshold: number,
  lockUntil: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE staff SET
       failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
       locked_until = CASE
         WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= $3 THEN $4::timestamptz
         ELSE NULL END
     WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
     RETURNING id`,
    [id, now, threshold, lockUntil],
  );
  return rows.length === 1;
}

export async function clearFailedLogins(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; staffId: string; orgId: string; expiresAt: string },
): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, staff_id, org_id, expires_at) VALUES ($1, $2, $3, $4)', [
    s.tokenHash,
    s.staffId,
    s.orgId,
    s.expiresAt,
  ]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSessionsOf(db: Queryable, staffId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE staff_id = $1', [staffId]);
}

export async function findSession(
  db: Queryable,
  tokenHash: string,
  now: string,
): Promise<{ staffId: string; orgId: string; roleId: string } | undefined> {
  const rows = await db.query<{ staffId: string; orgId: string; roleId: string }>(
    `SELECT s.staff_id AS "staffId", s.org_id AS "orgId", st.role_id AS "roleId"
     FROM sessions s JOIN staff st ON st.id = s.staff_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND st.active`,
    [tokenHash, now],
  );
  return rows[0];
}

export interface RoleRow {
  id: string;
  name: string;
  permissions: Permission[];
  customDiscountCeiling: { percent: number; amount: number };
}

interface RawRole {
  id: string;
  name: string;
  permissions: Permission[];
  percent: number;
  amount: number;
}

const toRole = (r: RawRole): RoleRow => ({
  id: r.id,
  name: r.name,
  permissions: r.permissions,
  customDiscountCeiling: { percent: r.percent, amount: r.amount },
});

const ROLE_COLUMNS = 'id, name, permissions, ceiling_percent AS percent, ceiling_amount AS amount';

export async function listCustomRoles(db: Queryable, orgId: string): Promise<RoleRow[]> {
  const rows = await db.query<RawRole>(`SELECT ${ROLE_COLUMNS} FROM roles WHERE org_id = $1 ORDER BY id`, [
    orgId,
  ]);
  return rows.map(toRole);
}

export async function getCustomRole(db: Queryable, orgId: string, id: string): Promise<RoleRow | undefined> {
  const rows = await db.query<RawRole>(`SELECT ${ROLE_COLUMNS} FROM roles WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return rows[0] && toRole(rows[0]);
}

export async function upsertCustomRole(db: Queryable, orgId: string, role: RoleRow): Promise<void> {
  await db.query(
    `WITH ${positionCte('$1::uuid')}
     INSERT INTO roles (org_id, id, name, permissions, ceiling_percent, ceiling_amount, change_pos)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, ${NEXT_POS})
     ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, permissions = excluded.permissions,
       ceiling_percent = excluded.ceiling_percent, ceiling_amount = excluded.ceiling_amount, updated_at = now(),
       change_pos = excluded.change_pos`,
    [
      orgId,
      role.id,
      role.name,
      JSON.stringify(role.permissions),
      role.customDiscountCeiling.percent,
      role.customDiscountCeiling.amount,
    ],
  );
}

export async function deleteCustomRole(db: Queryable, orgId: string, id: string): Promise<void> {
  await db.query(
    `WITH ${positionCte('$1::uuid')},
       gone AS (DELETE FROM roles WHERE org_id = $1 AND id = $2 RETURNING id)
     INSERT INTO sync_tombstones (org_id, entity, id, change_pos)
     SELECT $1, 'role', gone.id, ${NEXT_POS} FROM gone
     ON CONFLICT (org_id, entity, id) DO UPDATE SET change_pos = excluded.change_pos, deleted_at = now()`,
    [orgId, id],
  );
}

export async function countStaffWithRole(db: Queryable, orgId: string, roleId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM staff WHERE org_id = $1 AND role_id = $2 AND active',
    [orgId, roleId],
  );
  return row?.n ?? 0;
}
