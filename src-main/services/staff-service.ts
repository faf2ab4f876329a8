import type { Permission } from '../../shared/auth/permissions';
import type { Actor, Role, SessionView, StaffSummary } from '../../shared/ipc/domains/staff';

export type { Actor };
import type { Language } from '../../shared/ipc/types';
import { ok, type Result } from '../../shared/result';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import {
  clearPinFailures,
  getRole,
  getStaff,
  listStaff,
  reservePinAttempt,
  type StaffRow,
} from '../db/repos/staff-repo';
import { ACTION_WORDS, fail, type Translate } from '../messages';
import { verifyPin } from './pin';

export const LOCK_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 5;

export interface StaffService {
  list(): StaffSummary[];
  signIn(staffId: string, pin: string): Promise<Result<SessionView>>;
  signOut(): void;
  lock(): void;
  unlock(pin: string): Promise<Result<SessionView>>;
  current(): SessionView | null;
  /** The signed-in, unlocked actor with this permission; every guarded call goes through here. */
  require(permission?: Permission): Result<Actor>;
  /** A second person's PIN for a decision the signed-in actor may not take alone. */
  approve(approverId: string, pin: string, permission: Permission): Promise<Result<Actor>>;
}

interface Options {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  idleMinutes: number;
}

export function createStaffService({ db, clock, t, language, idleMinutes }: Options): StaffService {
  let session: (Actor & { signedInAt: number; lastActivity: number; locked: boolean }) | null = null;

  const roleOf = (staff: StaffRow): Role | undefined => getRole(db, staff.roleId);
  const view = (): SessionView | null =>
    session && {
      staffId: session.staffId,
      name: session.name,
      role: session.role,
      signedInAt: new Date(session.signedInAt).toISOString(),
      locked: session.locked,
    };

  /**
   * Checks a PIN with lockout; a locked account is refused even with the right PIN. The attempt is
   * reserved before the hash is awaited, so concurrent attempts cannot outrun the limit.
   */
  const checkPin = async (staff: StaffRow, pin: string): Promise<Result<Role>> => {
    const now = clock.now();
    const until = (iso: string) => new Date(iso).toLocaleTimeString(language() === 'de' ? 'de-DE' : 'en-GB');
    const role = roleOf(staff);
    if (!role || !staff.active) return fail(t, 'UNKNOWN_STAFF');
    const lockedUntil = new Date(now + LOCKOUT_MINUTES * 60_000).toISOString();
    const attempts = reservePinAttempt(
      db,
      staff.id,
      new Date(now).toISOString(),
      LOCK_AFTER_FAILURES,
      lockedUntil,
    );
    if (attempts === undefined) {
      return fail(t, 'LOCKED_OUT', { until: until(getStaff(db, staff.id)?.lockedUntil ?? lockedUntil) });
    }
    if (!(await verifyPin(pin, staff.pinHash))) {
      if (attempts >= LOCK_AFTER_FAILURES) return fail(t, 'LOCKED_OUT', { until: until(lockedUntil) });
      return fail(t, 'WRONG_PIN', { left: LOCK_AFTER_FAILURES - attempts, minutes: LOCKOUT_MINUTES });
    }
    clearPinFailures(db, staff.id);
    return ok(role);
  };

  return {
    list: () => listStaff(db).map((s) => ({ id: s.id, name: s.name, roleName: roleOf(s)?.name ?? s.roleId })),

    async signIn(staffId, pin) {
      const staff = getStaff(db, staffId);
      if (!staff) return fail(t, 'UNKNOWN_STAFF');
      const role = await checkPin(staff, pin);
      if (!role.ok) return role;
      const now = clock.now();
      session = {
        staffId: staff.id,
        name: staff.name,
        role: role.value,
        signedInAt: now,
        lastActivity: now,
        locked: false,
      };
      return ok(view() as SessionView);
    },

    signOut() {
      session = null;
    },

    lock() {
      if (session) session.locked = true;
    },

    async unlock(pin) {
      if (!session) return fail(t, 'NOT_SIGNED_IN');
      const staff = getStaff(db, session.staffId);
      if (!staff) return fail(t, 'UNKNOWN_STAFF');
      const role = await checkPin(staff, pin);
      if (!role.ok) return role;
      session.locked = false;
      session.role = role.value;
      session.lastActivity = clock.now();
      return ok(view() as SessionView);
    },

    current() {
      if (session && !session.locked && clock.now() - session.lastActivity > idleMinutes * 60_000)
        session.locked = true;
      return view();
    },

    require(permission) {
      if (!session) return fail(t, 'NOT_SIGNED_IN');
      const now = clock.now();
      if (session.locked || now - session.lastActivity > idleMinutes * 60_000) {
        session.locked = true;
        return fail(t, 'SESSION_LOCKED', { minutes: idleMinutes });
      }
      if (permission && !session.role.permissions.includes(permission)) {
        return fail(t, 'FORBIDDEN', {
          role: session.role.name,
          action: ACTION_WORDS[permission]?.[language()] ?? permission,
        });
      }
      session.lastActivity = now;
      return ok({ staffId: session.staffId, name: session.name, role: session.role });
    },

    async approve(approverId, pin, permission) {
      const staff = getStaff(db, approverId);
      if (!staff) return fail(t, 'UNKNOWN_STAFF');
      const role = await checkPin(staff, pin);
      if (!role.ok) return role;
      if (!role.value.permissions.includes(permission))
        return fail(t, 'APPROVER_NOT_ALLOWED', { name: staff.name });
      return ok({ staffId: staff.id, name: staff.name, role: role.value });
    },
  };
}
