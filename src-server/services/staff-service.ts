import { v7 as uuid } from 'uuid';
import { BUILT_IN_ROLES, grantExcess, type Grant, type RoleDefinition } from '../../shared/auth/permissions';
import { hashSecret } from '../auth/secrets';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/staff-repo';
import { isUniqueViolation, reject } from '../errors';
import { findRole } from './auth-service';

export interface StaffInput {
  name: string;
  email?: string | null;
  password?: string;
  pin?: string;
  roleId: string;
}

export async function listRoles(ctx: ServerContext, orgId: string): Promise<RoleDefinition[]> {
  const custom = await repo.listCustomRoles(ctx.db, orgId);
  return [...BUILT_IN_ROLES, ...custom.map((r) => ({ ...r, builtIn: false }))];
}

const NOTHING: Grant = { permissions: [], customDiscountCeiling: { percent: 0, amount: 0 } };

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

async function assertRoleExists(ctx: ServerContext, principal: Principal, roleId: string): Promise<void> {
  const role = await findRole(ctx.db, principal.orgId, roleId);
  if (!role) {
    reject('ROLE_NOT_FOUND', `There is no role "${roleId}": create it first or pick an existing role.`);
  }
  await assertGrantable(ctx, principal, role);
}

export async function saveRole(
  ctx: ServerContext,
  principal: Principal,
  role: Omit<RoleDefinition, 'builtIn'>,
  mode: 'create' | 'update',
): Promise<RoleDefinition> {
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
  await repo.upsertCustomRole(ctx.db, principal.orgId, role);
  return { ...role, builtIn: false };
}

export async function deleteRole(ctx: ServerContext, principal: Principal, roleId: string): Promise<void> {
  if (!(await repo.getCustomRole(ctx.db, principal.orgId, roleId)))
    reject('NOT_FOUND', 'There is no such role.');
  if ((await repo.countStaffWithRole(ctx.db, principal.orgId, roleId)) > 0) {
    reject('IN_USE', 'Staff still have this role: give them another role first.');
  }
  await repo.deleteCustomRole(ctx.db, principal.orgId, roleId);
}

function validPin(pin: string): void {
  if (!/^\d{4,8}$/.test(pin)) reject('INVALID_PIN', 'A PIN is 4 to 8 digits.');
}

export async function createStaff(
  ctx: ServerContext,
  principal: Principal,
  input: StaffInput,
): Promise<repo.StaffRow> {
  await assertRoleExists(ctx, principal, input.roleId);
  if (input.pin !== undefined) validPin(input.pin);
  if (input.password !== undefined && !input.email) {
    reject('EMAIL_REQUIRED', 'A password signs in with an email address: add the email too.');
  }
  const id = uuid();
  try {
    await repo.insertStaff(ctx.db, {
      id,
      orgId: principal.orgId,
      name: input.name,
      email: input.email ?? null,
      passwordHash: input.password === undefined ? null : await hashSecret(input.password),
      pinHash: input.pin === undefined ? null : await hashSecret(input.pin),
      roleId: input.roleId,
    });
  } catch (error) {
    if (isUniqueViolation(error))
      reject('DUPLICATE_EMAIL', 'This email already has an account: use another one.');
    throw error;
  }
  return (await repo.getStaff(ctx.db, principal.orgId, id)) as repo.StaffRow;
}

export async function updateStaff(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  input: Partial<StaffInput> & { active?: boolean },
): Promise<repo.StaffRow> {
  const current = await repo.getStaff(ctx.db, principal.orgId, id);
  if (!current) reject('NOT_FOUND', 'There is no such staff member.');
  // Editing someone with more power than you would be a way to take it over.
  await assertGrantable(ctx, principal, (await findRole(ctx.db, principal.orgId, current.roleId)) ?? NOTHING);
  if (input.roleId !== undefined) await assertRoleExists(ctx, principal, input.roleId);
  if (input.pin !== undefined) validPin(input.pin);
  try {
    await repo.updateStaff(ctx.db, principal.orgId, id, {
      name: input.name,
      email: input.email,
      passwordHash: input.password === undefined ? undefined : await hashSecret(input.password),
      pinHash: input.pin === undefined ? undefined : await hashSecret(input.pin),
      roleId: input.roleId,
      active: input.active,
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

export async function getStaff(ctx: ServerContext, principal: Principal, id: string): Promise<repo.StaffRow> {
  const row = await repo.getStaff(ctx.db, principal.orgId, id);
  if (!row) reject('NOT_FOUND', 'There is no such staff member.');
  return row;
}

export async function listStaff(ctx: ServerContext, principal: Principal): Promise<repo.StaffRow[]> {
  return repo.listStaff(ctx.db, principal.orgId);
}
