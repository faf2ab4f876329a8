import type { Permission } from '../../../shared/auth/permissions';
import type { StaffMember } from '../../../shared/auth/staff-schemas';
import type { Queryable } from '../database';
import { containsPattern } from '../like';
import { whereClause } from '../where';
import { NEXT_POS, positionCte } from './change-pos';

export type StaffRow = StaffMember;

const STAFF_COLUMNS = `id, org_id AS "orgId", name, email, role_id AS "roleId", active,
  password_hash IS NOT NULL AS "hasPassword", pin_hash IS NOT NULL AS "hasPin",
  ARRAY(SELECT sv.venue_id::text FROM staff_venues sv WHERE sv.staff_id = staff.id ORDER BY sv.venue_id)
    AS "venueIds", training, overuse_cap AS "overuseCap", version,
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
    pinDigits: number | null;
    roleId: string;
    training?: boolean;
    overuseCap?: number | null;
  },
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     INSERT INTO staff (id, org_id, name, email, password_hash, pin_hash, pin_digits, role_id, training, overuse_cap,
       change_pos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${NEXT_POS})`,
    [
      s.id,
      s.orgId,
      s.name,
      s.email,
      s.passwordHash,
      s.pinHash,
      s.pinDigits,
      s.roleId,
      s.training ?? false,
      s.overuseCap ?? null,
    ],
  );
}

/**
 * Replaces the venues a person works at. The caller updates the staff row in the same transaction,
 * which gives it a new change position: every terminal then gets the row again, with or without the
 * PIN verifier (pull-repo.ts), so a venue taken away drops the verifier there on the next pull.
 */
export async function setStaffVenues(
  db: Queryable,
  orgId: string,
  staffId: string,
  venueIds: readonly string[],
): Promise<void> {
  await db.query('DELETE FROM staff_venues WHERE staff_id = $1 AND NOT (venue_id = ANY($2::uuid[]))', [
    staffId,
    venueIds,
  ]);
  await db.query(
    `INSERT INTO staff_venues (org_id, staff_id, venue_id)
     SELECT $1, $2, v.id FROM venues v WHERE v.org_id = $1 AND v.id = ANY($3::uuid[])
     ON CONFLICT (staff_id, venue_id) DO NOTHING`,
    [orgId, staffId, venueIds],
  );
}

/**
 * The organisation's first venue: everyone with no venue yet works there (there was nowhere else).
 * No terminal can exist before the first venue, so no row needs a new change position.
 */
export async function adoptFirstVenue(db: Queryable, orgId: string, venueId: string): Promise<void> {
  await db.query(
    `INSERT INTO staff_venues (org_id, staff_id, venue_id)
     SELECT $1, s.id, $2 FROM staff s
     WHERE s.org_id = $1 AND NOT EXISTS (SELECT 1 FROM staff_venues sv WHERE sv.staff_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM venues v WHERE v.org_id = $1 AND v.id <> $2)`,
    [orgId, venueId],
  );
}

/** The organisation's venue ids, for checking and defaulting a staff member's venues. */
export async function venueIdsOf(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM venues WHERE org_id = $1 ORDER BY id',
    [orgId],
  );
  return rows.map((r) => r.id);
}

/** What the PIN policy needs about a person's current PIN: whether there is one and its length if known. */
export async function pinFacts(
  db: Queryable,
  id: string,
): Promise<{ hasPin: boolean; pinDigits: number | null } | undefined> {
  const rows = await db.query<{ hasPin: boolean; pinDigits: number | null }>(
    'SELECT pin_hash IS NOT NULL AS "hasPin", pin_digits AS "pinDigits" FROM staff WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Active holders of a role whose PIN is shorter than `digits` (or of unknown length). */
export async function countShortPins(
  db: Queryable,
  orgId: string,
  roleId: string,
  digits: number,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff WHERE org_id = $1 AND role_id = $2 AND active
       AND pin_hash IS NOT NULL AND (pin_digits IS NULL OR pin_digits < $3)`,
    [orgId, roleId, digits],
  );
  return row?.n ?? 0;
}

export interface StaffFilter {
  /** Part of the name or e-mail address, case-insensitive. */
  q?: string | undefined;
  roleId?: string | undefined;
  venueId?: string | undefined;
  active?: boolean | undefined;
  limit: number;
  offset: number;
}

/** One page of the organisation's staff, by name, with how many match in all. */
export async function pageStaff(
  db: Queryable,
  orgId: string,
  f: StaffFilter,
): Promise<{ items: StaffRow[]; total: number }> {
  const where = whereClause('org_id = $1', [orgId]);
  where.add((n) => `(name ILIKE ${n} OR email ILIKE ${n})`, f.q ? containsPattern(f.q) : undefined);
  where.add((n) => `role_id = ${n}`, f.roleId);
  where.add((n) => `active = ${n}`, f.active);
  where.add(
    (n) => `EXISTS (SELECT 1 FROM staff_venues sv WHERE sv.staff_id = staff.id AND sv.venue_id = ${n})`,
    f.venueId,
  );
  const filtered = where.sql();
  const { params } = where;
  const n = params.length;
  const [items, counted] = await Promise.all([
    db.query<StaffRow>(
      `SELECT ${STAFF_COLUMNS} FROM staff ${filtered} ORDER BY name, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff ${filtered}`, params),
  ]);
  return { items, total: counted[0]?.n ?? 0 };
}

export async function getStaff(db: Queryable, orgId: string, id: string): Promise<StaffRow | undefined> {
  const rows = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return rows[0];
}

export async function staffExists(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM staff WHERE org_id = $1 AND id = $2', [orgId, id]);
  return rows.length === 1;
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
    pinDigits?: number | null;
    roleId?: string;
    active?: boolean;
    training?: boolean | undefined;
    /** null: back to the role's cap; undefined: unchanged. */
    overuseCap?: number | null | undefined;
  },
): Promise<boolean> {
  const columns: Record<string, unknown> = {
    name: patch.name,
    email: patch.email,
    password_hash: patch.passwordHash,
    pin_hash: patch.pinHash,
    pin_digits: patch.pinDigits,
    role_id: patch.roleId,
    active: patch.active,
    training: patch.training,
    overuse_cap: patch.overuseCap,
  };
  const sets: string[] = [];
  const params: unknown[] = [orgId, id];
  for (const [column, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  // A new PIN (a manager's reset) lifts a PIN lockout: "ask a manager" ends here.
  if (patch.pinHash !== undefined) sets.push('pin_failures = 0', 'pin_locked_until = NULL');
  sets.push('updated_at = now()', 'version = version + 1', `change_pos = ${NEXT_POS}`);
  const rows = await db.query(
    `WITH ${positionCte()}
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

/** Swaps a password hash for a rehash of the same password, unless it was changed meanwhile. */
export async function replacePasswordHash(
  db: Queryable,
  id: string,
  previous: string,
  next: string,
): Promise<void> {
  await db.query('UPDATE staff SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [
    id,
    previous,
    next,
  ]);
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
  overuseCap: number | null;
}

/** A custom role as stored: its fields and the version each update bumps. */
export type StoredRole = RoleRow & { version: number };

interface RawRole {
  id: string;
  name: string;
  permissions: Permission[];
  percent: number;
  amount: number;
  overuseCap: number | null;
  version: number;
}

const toRole = (r: RawRole): StoredRole => ({
  id: r.id,
  name: r.name,
  permissions: r.permissions,
  customDiscountCeiling: { percent: r.percent, amount: r.amount },
  overuseCap: r.overuseCap,
  version: r.version,
});

const ROLE_COLUMNS =
  'id, name, permissions, ceiling_percent AS percent, ceiling_amount AS amount, overuse_cap AS "overuseCap", version';

export async function listCustomRoles(db: Queryable, orgId: string): Promise<StoredRole[]> {
  const rows = await db.query<RawRole>(`SELECT ${ROLE_COLUMNS} FROM roles WHERE org_id = $1 ORDER BY id`, [
    orgId,
  ]);
  return rows.map(toRole);
}

export async function getCustomRole(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<StoredRole | undefined> {
  const rows = await db.query<RawRole>(`SELECT ${ROLE_COLUMNS} FROM roles WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return rows[0] && toRole(rows[0]);
}

export async function upsertCustomRole(db: Queryable, orgId: string, role: RoleRow): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     INSERT INTO roles (org_id, id, name, permissions, ceiling_percent, ceiling_amount, overuse_cap, change_pos)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, ${NEXT_POS})
     ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, permissions = excluded.permissions,
       ceiling_percent = excluded.ceiling_percent, ceiling_amount = excluded.ceiling_amount,
       overuse_cap = excluded.overuse_cap, updated_at = now(), version = roles.version + 1,
       change_pos = excluded.change_pos`,
    [
      orgId,
      role.id,
      role.name,
      JSON.stringify(role.permissions),
      role.customDiscountCeiling.percent,
      role.customDiscountCeiling.amount,
      role.overuseCap,
    ],
  );
}

export async function deleteCustomRole(db: Queryable, orgId: string, id: string): Promise<void> {
  await db.query(
    `WITH ${positionCte()},
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

/**
 * Only a terminal of the person's venues holds their verifier, so only its reports count: another
 * terminal's device token cannot lock people out of venues it has nothing to do with.
 */
const WORKS_AT = (venueParam: string) =>
  `EXISTS (SELECT 1 FROM staff_venues sv WHERE sv.staff_id = staff.id AND sv.venue_id = ${venueParam}::uuid)`;

/**
 * One wrong PIN reported by a terminal, in one statement under the staff row's lock, so parallel
 * reports from many terminals each count once. A lock that has run out starts the count again; the
 * `threshold`-th failure locks until `lockUntil`, and further failures while locked leave that lock
 * as it is. The row takes a new change position: the count and lock reach every terminal on pull.
 * False when there is no such person at the terminal's venue.
 */
export async function recordPinFailure(
  db: Queryable,
  r: {
    orgId: string;
    id: string;
    venueId: string;
    at: string;
    now: string;
    threshold: number;
    lockUntil: string;
  },
): Promise<boolean> {
  const restart = 'pin_locked_until IS NOT NULL AND pin_locked_until <= $4::timestamptz';
  const count = `CASE WHEN ${restart} THEN 1 ELSE pin_failures + 1 END`;
  const rows = await db.query(
    `WITH ${positionCte()}
     UPDATE staff SET
       pin_failures = ${count},
       pin_locked_until = CASE
         WHEN pin_locked_until > $4::timestamptz THEN pin_locked_until
         WHEN ${count} >= $5 THEN $6::timestamptz
         ELSE NULL END,
       pin_last_failure_at = GREATEST(pin_last_failure_at, $3::timestamptz),
       change_pos = ${NEXT_POS}
     WHERE org_id = $1 AND id = $2 AND ${WORKS_AT('$7')} RETURNING id`,
    [r.orgId, r.id, r.at, r.now, r.threshold, r.lockUntil, r.venueId],
  );
  return rows.length === 1;
}

/**
 * A right PIN at a terminal after failures: clears the count and lock, unless a failure was reported
 * for a later moment (an older success arriving late never unlocks a newer lock). Takes a change
 * position only when something changed.
 */
export async function recordPinSuccess(
  db: Queryable,
  r: { orgId: string; id: string; venueId: string; at: string },
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE staff SET pin_failures = 0, pin_locked_until = NULL, change_pos = ${NEXT_POS}
     WHERE org_id = $1 AND id = $2 AND ${WORKS_AT('$4')} AND (pin_failures > 0 OR pin_locked_until IS NOT NULL)
       AND (pin_last_failure_at IS NULL OR pin_last_failure_at <= $3::timestamptz)`,
    [r.orgId, r.id, r.at, r.venueId],
  );
}

/** Active staff whose role may manage staff: a built-in one of `builtIn`, or a custom one saying so. */
export async function countStaffManagers(
  db: Queryable,
  orgId: string,
  builtIn: readonly string[],
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff s LEFT JOIN roles r ON r.org_id = s.org_id AND r.id = s.role_id
     WHERE s.org_id = $1 AND s.active AND (s.role_id = ANY($2::text[]) OR r.permissions ? 'staff.manage')`,
    [orgId, builtIn],
  );
  return row?.n ?? 0;
}
