import { v7 as uuid } from 'uuid';
import {
  BUILT_IN_ROLES,
  grantExcess,
  hasPermission,
  type Grant,
  type RoleDefinition,
} from '../../shared/auth/permissions';
import type { ListedRole } from '../../shared/auth/staff-schemas';
import { minimumPinDigits, PIN_MAX_DIGITS, pinPolicyProblem } from '../../shared/auth/pin-policy';
import type { Page } from '../../shared/server-api/page';
import { hashSecret } from '../auth/secrets';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as repo from '../db/repos/staff-repo';
import { isUniqueViolation, reject } from '../errors';
import { pick, recordAudit } from './audit';
import { findRole } from './auth-service';
import { assertVersion } from './version-check';

// What the audit log records of a person: whether they have a PIN or password, never its hash.
const AUDITED_STAFF = [
  'id',
  'name',
  'email',
  'roleId',
  'active',
  'hasPassword',
  'hasPin',
  'venueIds',
  'training',
  'overuseCap',
] as const;
const AUDITED_ROLE = ['id', 'name', 'permissions', 'customDiscountCeiling', 'overuseCap'] as const;

export interface StaffInput {
  name: string;
  email?: string | null;
  password?: string;
  pin?: string;
  roleId: string;
  /** Omitted on create: every venue when the organisation has exactly one, else required. */
  venueIds?: string[];
  /** In training (docs/CASH.md "Training mode"): their sales at any terminal are training sales. */
  training?: boolean;
  /** Their own overuse cap per business day (docs/CASH.md "Overuse caps"); null: their role's. */
  overuseCap?: number | null;
}

export async function listRoles(ctx: ServerContext, orgId: string): Promise<ListedRole[]> {
  const custom = await repo.listCustomRoles(ctx.db, orgId);
  return [...BUILT_IN_ROLES, ...custom.map((r) => ({ ...r, builtIn: false }))];
}

const NOTHING: Grant = { permissions: [], customDiscountCeiling: { percent: 0, amount: 0 }, overuseCap: 0 };

/**
 * A person's own overuse cap is a limit like their role's: nobody sets one above what they may grant
 * themselves. Null hands the person back to their role's cap, which the role check already covers.
 */
async function assertCapGrantable(ctx: ServerContext, principal: Principal, cap: number | null | undefined) {
  if (cap === null || cap === undefined) return;
  await assertGrantable(ctx, principal, {
    permissions: [],
    customDiscountCeiling: NOTHING.customDiscountCeiling,
    overuseCap: cap,
  });
}

/** Refuses a role, or staff holding one, with more permissions or higher limits than the caller's own. */
async function assertGrantable(ctx: ServerContext, principal: Principal, granted: Grant): Promise<void> {
  const own =
    principal.kind === 'staff' ? await findRole(ctx.db, principal.orgId, principal.roleId) : undefined;
  // The session's permissions are what the guard checked; the role supplies the limits.
  const granter = { ...(own ?? NOTHING), permissions: [...principal.permissions] };
  const excess = grantExcess(granter, granted);
  if (excess.length > 0) {
    reject('FORBIDDEN', `You cannot grant more than you hold yourself: ${excess.join('; ')}.`);
  }
}

async function assertRoleExists(ctx: ServerContext, principal: Principal, roleId: string): Promise<Grant> {
  const role = await findRole(ctx.db, principal.orgId, roleId);
  if (!role) {
    reject('ROLE_NOT_FOUND', `There is no role "${roleId}": create it first or pick an existing role.`);
  }
  await assertGrantable(ctx, principal, role);
  return role;
}

export async function saveRole(
  ctx: ServerContext,
  principal: Principal,
  role: Omit<RoleDefinition, 'builtIn'>,
  mode: 'create' | 'update',
  expectedVersion?: number,
): Promise<ListedRole> {
  if (BUILT_IN_ROLES.some((r) => r.id === role.id)) {
    reject(
      'BUILT_IN_ROLE',
      `"${role.id}" is a built-in role and cannot be changed: create a custom role instead.`,
    );
  }
  await assertGrantable(ctx, principal, role);
  const existing = await repo.getCustomRole(ctx.db, principal.orgId, role.id);
  if (mode === 'create' && existing)
    reject('DUPLICATE_ROLE', `A role "${role.id}" exists already: pick another id.`);
  if (mode === 'update' && !existing) reject('NOT_FOUND', 'There is no such role.');
  // Editing a role more powerful than yours would reach everyone who holds it.
  if (existing) await assertGrantable(ctx, principal, existing);
  const needs = minimumPinDigits(role);
  const short = existing ? await repo.countShortPins(ctx.db, principal.orgId, role.id, needs) : 0;
  if (short > 0 && minimumPinDigits(existing ?? role) < needs) {
    reject(
      'PIN_TOO_SHORT_FOR_ROLE',
      `These permissions make "${role.id}" a managing role, whose PINs need at least ${needs} digits, but ` +
        `${short} of its holders have a shorter PIN (or one set before PIN lengths were recorded): reset their ` +
        'PINs first, then change the role.',
    );
  }
  await ctx.db.transaction(async (tx) => {
    let locked = existing;
    if (existing) {
      // Every write of a role takes the organisation's lock alone: no other edit slips in.
      await lockOrganisationForEdit(tx, principal.orgId);
      locked = (await repo.getCustomRole(tx, principal.orgId, role.id)) ?? existing;
      assertVersion('role', locked.version, expectedVersion);
    }
    // Taking staff.manage from a role its holders need to manage staff is refused like a demotion.
    const takesStaffManage =
      locked !== undefined && hasPermission(locked, 'staff.manage') && !hasPermission(role, 'staff.manage');
    const upsert = () => repo.upsertCustomRole(tx, principal.orgId, role);
    await (takesStaffManage ? keepingAStaffManager(tx, principal.orgId, upsert) : upsert());
    await recordAudit(tx, ctx, principal, {
      action: `role.${mode}`,
      entityKind: 'role',
      entityId: role.id,
      before: pick(existing, AUDITED_ROLE),
      after: pick(role, AUDITED_ROLE),
    });
  });
  const saved = await repo.getCustomRole(ctx.db, principal.orgId, role.id);
  return { ...role, builtIn: false, version: saved?.version ?? 1 };
}

export async function deleteRole(ctx: ServerContext, principal: Principal, roleId: string): Promise<void> {
  const existing = await repo.getCustomRole(ctx.db, principal.orgId, roleId);
  if (!existing) reject('NOT_FOUND', 'There is no such role.');
  if ((await repo.countStaffWithRole(ctx.db, principal.orgId, roleId)) > 0) {
    reject('IN_USE', 'Staff still have this role: give them another role first.');
  }
  await ctx.db.transaction(async (tx) => {
    await repo.deleteCustomRole(tx, principal.orgId, roleId);
    await recordAudit(tx, ctx, principal, {
      action: 'role.delete',
      entityKind: 'role',
      entityId: roleId,
      before: pick(existing, AUDITED_ROLE),
    });
  });
}

/** The PIN policy of shared/auth/pin-policy.ts, for the role the person will hold. */
function validPin(pin: string, role: Grant, roleId: string): void {
  const problem = pinPolicyProblem(pin, role, roleId);
  if (problem) reject('INVALID_PIN', problem);
}

/**
 * A role change keeps the PIN it does not replace, but a managing role needs a longer one than its
 * holder may have: the length was recorded when the PIN was set (unknown for PINs set before that).
 */
async function assertPinFitsRole(ctx: ServerContext, id: string, role: Grant, roleId: string): Promise<void> {
  const facts = await repo.pinFacts(ctx.db, id);
  if (!facts?.hasPin) return;
  const needs = minimumPinDigits(role);
  if (needs > (facts.pinDigits ?? 0)) {
    reject(
      'PIN_TOO_SHORT_FOR_ROLE',
      `The role "${roleId}" needs a PIN of at least ${needs} digits and this person's PIN is shorter (or ` +
        `was set before PIN lengths were recorded): send a new PIN of ${needs} to ${PIN_MAX_DIGITS} digits in the same request, ` +
        'or reset the PIN first.',
    );
  }
}

/**
 * The venues a person works at, checked against the caller's organisation. Omitted on create: the
 * organisation's only venue (or none when it has none yet); with several venues the caller must say.
 */
async function resolveVenues(
  ctx: ServerContext,
  orgId: string,
  venueIds: string[] | undefined,
  mode: 'create' | 'update',
): Promise<string[] | undefined> {
  const venues = await repo.venueIdsOf(ctx.db, orgId);
  if (venueIds === undefined) {
    if (mode === 'update') return undefined;
    if (venues.length <= 1) return venues;
    reject(
      'VENUES_REQUIRED',
      `This organisation has ${venues.length} venues: say which ones this person works at in venueIds.`,
    );
  }
  const unknown = venueIds.filter((v) => !venues.includes(v.toLowerCase()));
  if (unknown.length > 0) {
    reject(
      'UNKNOWN_VENUE',
      `Not a venue of this organisation: ${unknown.join(', ')}. Use the ids from GET /v1/venues.`,
    );
  }
  return [...new Set(venueIds.map((v) => v.toLowerCase()))];
}

export async function createStaff(
  ctx: ServerContext,
  principal: Principal,
  input: StaffInput,
): Promise<repo.StaffRow> {
  const role = await assertRoleExists(ctx, principal, input.roleId);
  if (input.pin !== undefined) validPin(input.pin, role, input.roleId);
  await assertCapGrantable(ctx, principal, input.overuseCap);
  if (input.password !== undefined && !input.email) {
    reject('EMAIL_REQUIRED', 'A password signs in with an email address: add the email too.');
  }
  const venueIds = (await resolveVenues(ctx, principal.orgId, input.venueIds, 'create')) ?? [];
  const id = uuid();
  const passwordHash = input.password === undefined ? null : await hashSecret(input.password);
  const pinHash = input.pin === undefined ? null : await hashSecret(input.pin);
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertStaff(tx, {
        id,
        orgId: principal.orgId,
        name: input.name,
        email: input.email ?? null,
        passwordHash,
        pinHash,
        pinDigits: input.pin?.length ?? null,
        roleId: input.roleId,
        training: input.training ?? false,
        overuseCap: input.overuseCap ?? null,
      });
      await repo.setStaffVenues(tx, principal.orgId, id, venueIds);
      await recordAudit(tx, ctx, principal, {
        action: 'staff.create',
        entityKind: 'staff',
        entityId: id,
        after: pick(await repo.getStaff(tx, principal.orgId, id), AUDITED_STAFF),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      reject('DUPLICATE_EMAIL', 'This email already has an account: use another one.');
    throw error;
  }
  return (await repo.getStaff(ctx.db, principal.orgId, id)) as repo.StaffRow;
}

function staffAction(wasActive: boolean, active: boolean | undefined): string {
  if (active === false && wasActive) return 'staff.deactivate';
  if (active === true && !wasActive) return 'staff.reactivate';
  return 'staff.update';
}

/** A PIN or password change shows in the log by name only: the hashes are never recorded. */
function secretChanges(input: { pin?: string; password?: string }): string | null {
  const changed = [
    ...(input.pin !== undefined ? ['PIN reset'] : []),
    ...(input.password !== undefined ? ['password changed'] : []),
  ];
  return changed.length > 0 ? changed.join(', ') : null;
}

export interface StaffChange {
  /** The version the editor opened; a stale one is refused (version-check.ts). */
  expected?: number | undefined;
  /** The audit action when it is not the one the fields imply, e.g. staff.pin_reset. */
  action?: string;
}

export async function updateStaff(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  input: Partial<StaffInput> & { active?: boolean },
  change: StaffChange = {},
): Promise<repo.StaffRow> {
  const current = await repo.getStaff(ctx.db, principal.orgId, id);
  if (!current) reject('NOT_FOUND', 'There is no such staff member.');
  if (input.active === false && principal.kind === 'staff' && principal.staffId === id) {
    reject('SELF_DEACTIVATION', 'You cannot deactivate yourself: ask another manager to do it.');
  }
  // Editing someone with more power than you would be a way to take it over.
  await assertGrantable(ctx, principal, (await findRole(ctx.db, principal.orgId, current.roleId)) ?? NOTHING);
  const roleId = input.roleId ?? current.roleId;
  const role =
    input.roleId !== undefined
      ? await assertRoleExists(ctx, principal, input.roleId)
      : ((await findRole(ctx.db, principal.orgId, roleId)) ?? NOTHING);
  if (input.pin !== undefined) validPin(input.pin, role, roleId);
  else if (input.roleId !== undefined) await assertPinFitsRole(ctx, id, role, roleId);
  await assertCapGrantable(ctx, principal, input.overuseCap);
  const venueIds = await resolveVenues(ctx, principal.orgId, input.venueIds, 'update');
  const passwordHash = input.password === undefined ? undefined : await hashSecret(input.password);
  const pinHash = input.pin === undefined ? undefined : await hashSecret(input.pin);
  try {
    await ctx.db.transaction(async (tx) => {
      // Every staff write takes the organisation's lock alone: no other edit slips in.
      await lockOrganisationForEdit(tx, principal.orgId);
      const now = await repo.getStaff(tx, principal.orgId, id);
      assertVersion('staff member', now?.version ?? current.version, change.expected);
      // Venues first: the row update below takes the change position that resends the row (and its
      // verifier, or not) to every terminal.
      if (venueIds) await repo.setStaffVenues(tx, principal.orgId, id, venueIds);
      const update = () =>
        repo.updateStaff(tx, principal.orgId, id, {
          name: input.name,
          email: input.email,
          passwordHash,
          pinHash,
          pinDigits: input.pin?.length,
          roleId: input.roleId,
          active: input.active,
          training: input.training,
          overuseCap: input.overuseCap,
        });
      // Only a deactivation or a new role can take staff.manage from someone.
      const demotes = input.active === false || input.roleId !== undefined;
      await (demotes ? keepingAStaffManager(tx, principal.orgId, update) : update());
      await recordAudit(tx, ctx, principal, {
        action: change.action ?? staffAction(current.active, input.active),
        entityKind: 'staff',
        entityId: id,
        before: pick(current, AUDITED_STAFF),
        after: pick(await repo.getStaff(tx, principal.orgId, id), AUDITED_STAFF),
        summary: secretChanges(input),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      reject('DUPLICATE_EMAIL', 'This email already has an account: use another one.');
    throw error;
  }
  if (input.active === false || input.password !== undefined || input.roleId !== undefined) {
    await repo.deleteSessionsOf(ctx.db, id);
  }
  return (await repo.getStaff(ctx.db, principal.orgId, id)) as repo.StaffRow;
}

/** The built-in roles whose holders may manage staff; custom roles say so in their own permissions. */
const STAFF_MANAGING_ROLES = BUILT_IN_ROLES.filter((r) => hasPermission(r, 'staff.manage')).map((r) => r.id);

/**
 * Runs a change to people or roles and refuses it (rolled back with its transaction) when it leaves the
 * organisation with nobody active who may manage staff: nobody could then reset a PIN, let anyone in or
 * undo the change. Callers hold the organisation's lock alone, so two managers demoting each other are checked
 * one after the other.
 */
async function keepingAStaffManager<T>(tx: Queryable, orgId: string, change: () => Promise<T>): Promise<T> {
  const before = await repo.countStaffManagers(tx, orgId, STAFF_MANAGING_ROLES);
  const done = await change();
  if (before > 0 && (await repo.countStaffManagers(tx, orgId, STAFF_MANAGING_ROLES)) === 0) {
    reject(
      'LAST_STAFF_MANAGER',
      'This would leave nobody active who may manage staff, and nobody could undo it: give someone else a ' +
        'role that may manage staff first.',
    );
  }
  return done;
}

/**
 * A manager sets a new PIN for someone who forgot theirs or is locked out: the PIN policy of their
 * role applies, the lockout ends, and the new verifier reaches their venues' terminals on the next
 * pull, exactly as a PATCH with a PIN (it is one, audited as staff.pin_reset without the PIN).
 */
export async function resetPin(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  pin: string,
): Promise<repo.StaffRow> {
  return updateStaff(ctx, principal, id, { pin }, { action: 'staff.pin_reset' });
}

export async function getStaff(ctx: ServerContext, principal: Principal, id: string): Promise<repo.StaffRow> {
  const row = await repo.getStaff(ctx.db, principal.orgId, id);
  if (!row) reject('NOT_FOUND', 'There is no such staff member.');
  return row;
}

export async function listStaff(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.StaffFilter,
): Promise<Page<repo.StaffRow>> {
  const page = await repo.pageStaff(ctx.db, principal.orgId, filter);
  return { ...page, limit: filter.limit, offset: filter.offset };
}
