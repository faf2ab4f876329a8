import type { Permission, RoleDefinition } from '../../../shared/auth/permissions';
import { prepared, type Db } from '../connection';

export interface StaffRow {
  id: string;
  name: string;
  roleId: string;
  pinHash: string;
  active: boolean;
  /** Their own cap on overuse grants per business day (docs/CASH.md); null: their role's. */
  overuseCap: number | null;
  failedAttempts: number;
  lockedUntil: string | null;
  /** The server's count and lock for this person across terminals, as last pulled. */
  serverPinFailures: number;
  serverPinLockedUntil: string | null;
  /** In training (the back office's staff editor): every sale they make is a training sale. */
  training: boolean;
}

interface RawStaff {
  id: string;
  name: string;
  role_id: string;
  pin_hash: string;
  active: number;
  overuse_cap: number | null;
  failed_attempts: number;
  locked_until: string | null;
  server_pin_failures: number;
  server_pin_locked_until: string | null;
  training: number;
}

const toStaff = (r: RawStaff): StaffRow => ({
  id: r.id,
  name: r.name,
  roleId: r.role_id,
  pinHash: r.pin_hash,
  active: r.active === 1,
  overuseCap: r.overuse_cap,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  serverPinFailures: r.server_pin_failures,
  serverPinLockedUntil: r.server_pin_locked_until,
  training: r.training === 1,
});

export function listStaff(db: Db): StaffRow[] {
  return (prepared(db, 'SELECT * FROM staff WHERE active = 1 ORDER BY name').all() as RawStaff[]).map(
    toStaff,
  );
}

/** Whether the terminal holds anyone at all (a brand-new terminal holds no one until it enrols). */
export function hasStaff(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM staff LIMIT 1').get() !== undefined;
}

export function getStaff(db: Db, id: string): StaffRow | undefined {
  const row = prepared(db, 'SELECT * FROM staff WHERE id = ?').get(id) as RawStaff | undefined;
  return row && toStaff(row);
}

type PinState = 'failedAttempts' | 'lockedUntil' | 'serverPinFailures' | 'serverPinLockedUntil';

/** Without `overuseCap` (demo data, tests): the role's cap; without `training`: not in training. */
export function upsertStaff(
  db: Db,
  staff: Omit<StaffRow, PinState | 'training' | 'overuseCap'> & {
    training?: boolean | undefined;
    overuseCap?: number | null;
  },
): void {
  prepared(
    db,
    `INSERT INTO staff (id, name, role_id, pin_hash, active, training, overuse_cap) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, role_id = excluded.role_id,
       pin_hash = excluded.pin_hash, active = excluded.active, training = excluded.training,
       overuse_cap = excluded.overuse_cap`,
  ).run(
    staff.id,
    staff.name,
    staff.roleId,
    staff.pinHash,
    staff.active ? 1 : 0,
    staff.training ? 1 : 0,
    staff.overuseCap ?? null,
  );
}

/** The server's count towards the next lock: none while its lock has run out (the count restarts). */
const SERVER_COUNT = `CASE WHEN server_pin_locked_until IS NULL THEN server_pin_failures ELSE 0 END`;

/**
 * Claims one PIN check before the slow hash runs: counts it as a failure up front (cleared on
 * success) and sets the lock when it is the `lockAfter`-th, all in one statement, so parallel
 * sign-ins can never check more PINs than the limit. The count is the higher of this terminal's own
 * and the server's (which holds every terminal's reports, this one's included); either lock refuses.
 * A lock that has run out starts this terminal's count again. Returns the count including this
 * attempt, or undefined while the person is locked.
 */
export function reservePinAttempt(
  db: Db,
  id: string,
  now: string,
  lockAfter: number,
  lockedUntil: string,
): number | undefined {
  const own = 'CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END';
  const row = prepared(
    db,
    `UPDATE staff SET
         failed_attempts = ${own},
         locked_until = CASE WHEN max(${own}, ${SERVER_COUNT} + 1) >= ? THEN ? ELSE NULL END
       WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)
         AND (server_pin_locked_until IS NULL OR server_pin_locked_until <= ?)
       RETURNING max(failed_attempts, ${SERVER_COUNT} + 1) AS attempts`,
  ).get(lockAfter, lockedUntil, id, now, now) as { attempts: number } | undefined;
  return row?.attempts;
}

/**
 * A right PIN: clears this terminal's count and lock, and its copy of the server's count (the success
 * it reports clears that on the server; the next pull says what the server made of it).
 */
export function clearPinFailures(db: Db, id: string): void {
  prepared(
    db,
    `UPDATE staff SET failed_attempts = 0, locked_until = NULL, server_pin_failures = 0,
       server_pin_locked_until = NULL WHERE id = ?`,
  ).run(id);
}

/** The server's count and lock as pulled: its latest word, replacing the previous one. */
export function saveServerPinState(
  db: Db,
  id: string,
  state: { failures: number; lockedUntil: string | null },
): void {
  prepared(db, 'UPDATE staff SET server_pin_failures = ?, server_pin_locked_until = ? WHERE id = ?').run(
    state.failures,
    state.lockedUntil,
    id,
  );
}

interface RawRole {
  id: string;
  name: string;
  permissions: string;
  custom_ceiling_percent: number;
  custom_ceiling_amount: number;
  overuse_cap: number | null;
}

const toRole = (r: RawRole): Omit<RoleDefinition, 'builtIn'> => ({
  id: r.id,
  name: r.name,
  permissions: JSON.parse(r.permissions) as Permission[],
  customDiscountCeiling: { percent: r.custom_ceiling_percent, amount: r.custom_ceiling_amount },
  overuseCap: r.overuse_cap,
});

export function getRole(db: Db, id: string): Omit<RoleDefinition, 'builtIn'> | undefined {
  const row = prepared(db, 'SELECT * FROM roles WHERE id = ?').get(id) as RawRole | undefined;
  return row && toRole(row);
}

export function upsertRole(db: Db, role: Omit<RoleDefinition, 'builtIn'>): void {
  prepared(
    db,
    `INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount, overuse_cap)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, permissions = excluded.permissions,
       custom_ceiling_percent = excluded.custom_ceiling_percent, custom_ceiling_amount = excluded.custom_ceiling_amount,
       overuse_cap = excluded.overuse_cap`,
  ).run(
    role.id,
    role.name,
    JSON.stringify(role.permissions),
    role.customDiscountCeiling.percent,
    role.customDiscountCeiling.amount,
    role.overuseCap,
  );
}
