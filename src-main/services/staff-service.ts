import { hasPermission, type Permission } from '../../shared/auth/permissions';
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
import { PIN_LOCK_AFTER_FAILURES, PIN_LOCKOUT_MINUTES } from '../../shared/auth/pin-policy';
import { verifyPin } from './pin';

export const LOCK_AFTER_FAILURES = PIN_LOCK_AFTER_FAILURES;
export const LOCKOUT_MINUTES = PIN_LOCKOUT_MINUTES;

/** What a PIN check tells the server, so the person's count holds on every terminal (pin.attempt). */
export interface PinAttempt {
  staffId: string;
  ok: boolean;
  at: string;
}

export interface StaffService {
  list(): StaffSummary[];
  signIn(staffId: string, pin: string): Promise<Result<SessionView>>;
  signOut(): void;
  lock(): void;
  unlock(pin: string): Promise<Result<SessionView>>;
  current(): SessionView | null;
  /** The signed-in, unlocked actor with this permission; every guarded call goes through here. */
  require(permission?: Permission, doing?: string): Result<Actor>;
  /** A second person's PIN for a decision the signed-in actor may not take alone. */
  approve(approverId: string, pin: string, permission: Permission): Promise<Result<Actor>>;
}

interface Options {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  idleMinutes: number;
  /**
   * Queues a PIN check for the server (an outbox mutation when enrolled). Called for every wrong PIN,
   * and for a right one only when it clears failures, so ordinary sign-ins add nothing to sync.
   */
  reportPinAttempt?: (attempt: PinAttempt) => void;
  /** Whether this person sells in training here (training.ts), for the session's banner. */
  training?: (staffId: string) => boolean;
}

/** The later of the person's two locks still in force at `now`: theirs on this terminal or the server's. */
function lockOf(staff: StaffRow | undefined, now: string): string | undefined {
  const locks = [staff?.lockedUntil, staff?.serverPinLockedUntil].filter(
    (l): l is string => typeof l === 'string' && l > now,
  );
  return locks.sort().at(-1);
}

export function createStaffService({
  db,
  clock,
  t,
  language,
  idleMinutes,
  reportPinAttempt,
  training,
}: Options): StaffService {
  let session: (Actor & { signedInAt: number; lastActivity: number; locked: boolean }) | null = null;

  const roleOf = (staff: StaffRow): Role | undefined => getRole(db, staff.roleId);
  const view = (): SessionView | null =>
    session && {
      staffId: session.staffId,
      name: session.name,
      role: session.role,
      signedInAt: new Date(session.signedInAt).toISOString(),
      locked: session.locked,
      training: training?.(session.staffId) ?? false,
    };

  /**
   * Checks a PIN with lockout; a locked person is refused even with the right PIN, whether this
   * terminal locked them or the server did (a wrong PIN at any terminal counts everywhere). The
   * attempt is reserved before the hash is awaited, so concurrent attempts cannot outrun the limit.
   */
  const checkPin = async (staff: StaffRow, pin: string): Promise<Result<Role>> => {
    const now = clock.now();
    const at = new Date(now).toISOString();
    // HH:MM, rounded up: at the minute shown the lock has surely run out.
    const until = (iso: string) =>
      new Date(Math.ceil(Date.parse(iso) / 60_000) * 60_000).toLocaleTimeString(
        language() === 'de' ? 'de-DE' : 'en-GB',
        { hour: '2-digit', minute: '2-digit' },
      );
    const role = roleOf(staff);
    if (!role || !staff.active) return fail(t, 'UNKNOWN_STAFF');
    const lockedUntil = new Date(now + LOCKOUT_MINUTES * 60_000).toISOString();
    const attempts = reservePinAttempt(db, staff.id, at, LOCK_AFTER_FAILURES, lockedUntil);
    if (attempts === undefined) {
      return fail(t, 'LOCKED_OUT', { until: until(lockOf(getStaff(db, staff.id), at) ?? lockedUntil) });
    }
    if (!(await verifyPin(pin, staff.pinHash))) {
      reportPinAttempt?.({ staffId: staff.id, ok: false, at });
      if (attempts >= LOCK_AFTER_FAILURES) return fail(t, 'LOCKED_OUT', { until: until(lockedUntil) });
      return fail(t, 'WRONG_PIN', { left: LOCK_AFTER_FAILURES - attempts, minutes: LOCKOUT_MINUTES });
    }
    clearPinFailures(db, staff.id);
    // Clears the server's count too, including one whose lock has run out.
    const hadFailures = attempts > 1 || staff.failedAttempts > 0 || staff.serverPinFailures > 0;
    if (hadFailures) reportPinAttempt?.({ staffId: staff.id, ok: true, at });
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

    require(permission, doing) {
      if (!session) return fail(t, 'NOT_SIGNED_IN');
      const now = clock.now();
      if (session.locked || now - session.lastActivity > idleMinutes * 60_000) {
        session.locked = true;
        return fail(t, 'SESSION_LOCKED', { minutes: idleMinutes });
      }
      if (permission && !hasPermission(session.role, permission)) {
        return fail(t, 'FORBIDDEN', {
          role: session.role.name,
          action: doing ?? ACTION_WORDS[permission]?.[language()] ?? permission,
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
      if (!hasPermission(role.value, permission))
        return fail(t, 'APPROVER_NOT_ALLOWED', { name: staff.name });
      return ok({ staffId: staff.id, name: staff.name, role: role.value });
    },
  };
}
