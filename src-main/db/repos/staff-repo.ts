import type { Permission, RoleDefinition } from '../../../shared/auth/permissions';
import type { Db } from '../connection';

export interface StaffRow {
  id: string;
  name: string;
  roleId: string;
  pinHash: string;
  active: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
}

interface RawStaff {
  id: string;
  name: string;
  role_id: string;
  pin_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
}

const toStaff = (r: RawStaff): StaffRow => ({
  id: r.id,
  name: r.name,
  roleId: r.role_id,
  pinHash: r.pin_hash,
  active: r.active === 1,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
});

export function listStaff(db: Db): StaffRow[] {
  return (db.prepare('SELECT * FROM staff WHERE active = 1 ORDER BY name').all() as RawStaff[]).map(toStaff);
}

export function getStaff(db: Db, id: string): StaffRow | undefined {
  const row = db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as RawStaff | undefined;
  return row && toStaff(row);
}

export function upsertStaff(db: Db, staff: Omit<StaffRow, 'failedAttempts' | 'lockedUntil'>): void {
  db.prepare(
    `INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, role_id = excluded.role_id,
       pin_hash = excluded.pin_hash, active = excluded.active`,
  ).run(staff.id, staff.name, staff.roleId, staff.pinHash, staff.active ? 1 : 0);
}

/**
 * Claims one PIN check before the slow hash runs: counts it as a failure up front (cleared on
 * success) and sets the lock when it is the `lockAfter`-th, all in one statement, so parallel
 * sign-ins can never check more PINs than the limit. A lock that has run out starts the count again.
 * Returns the count including this attempt, or undefined while the account is locked.
 */
export function reservePinAttempt(
  db: Db,
  id: string,
  now: string,
  lockAfter: number,
  lockedUntil: string,
): number | undefined {
  const row = db
    .prepare(
      `UPDATE staff SET
         failed_attempts = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END) >= ? THEN ?
           ELSE NULL END
       WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)
       RETURNING failed_attempts`,
    )
    .get(lockAfter, lockedUntil, id, now) as { failed_attempts: number } | undefined;
  return row?.failed_attempts;
}

export function clearPinFailures(db: Db, id: string): void {
  db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}

interface RawRole {
  id: string;
  name: string;
  permissions: string;
  custom_ceiling_percent: number;
  custom_ceiling_amount: number;
}

const toRole = (r: RawRole): Omit<RoleDefinition, 'builtIn'> => ({
  id: r.id,
  name: r.name,
  permissions: JSON.parse(r.permissions) as Permission[],
  customDiscountCeiling: { percent: r.custom_ceiling_percent, amount: r.custom_ceiling_amount },
});

export function getRole(db: Db, id: string): Omit<RoleDefinition, 'builtIn'> | undefined {
  const row = db.prepare('SELECT * FROM roles WHERE id = ?').get(id) as RawRole | undefined;
  return row && toRole(row);
}

export function upsertRole(db: Db, role: Omit<RoleDefinition, 'builtIn'>): void {
  db.prepare(
    `INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, permissions = excluded.permissions,
       custom_ceiling_percent = excluded.custom_ceiling_percent, custom_ceiling_amount = excluded.custom_ceiling_amount`,
  ).run(
    role.id,
    role.name,
    JSON.stringify(role.permissions),
    role.customDiscountCeiling.percent,
    role.customDiscountCeiling.amount,
  );
}
