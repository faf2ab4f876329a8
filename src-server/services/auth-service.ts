import { timingSafeEqual } from 'node:crypto';
import { v7 as uuid } from 'uuid';
import { BUILT_IN_ROLES, type Grant, type Permission } from '../../shared/auth/permissions';
import { hashSecret, needsRehash, newToken, tokenHash, verifySecret } from '../auth/secrets';
import { TERMINAL_PERMISSIONS, type Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { countOrganisations, insertOrganisation, lockSetup } from '../db/repos/org-repo';
import {
  deleteSession,
  findLogins,
  findSession,
  getCustomRole,
  insertSession,
  insertStaff,
  reserveLoginAttempt,
  releaseLoginAttempt,
  clearFailedLogins,
  replacePasswordHash,
  type LoginRow,
} from '../db/repos/staff-repo';
import { findTerminalByToken } from '../db/repos/terminal-repo';
import { isUniqueViolation, reject } from '../errors';
import { recordAudit } from './audit';

const SESSION_HOURS = 12;

export interface NewOrganisation {
  organisationName: string;
  managerName: string;
  email: string;
  password: string;
}

/** An organisation and its first manager, who can then create everything else through the API. */
export async function createOrganisation(
  tx: Queryable,
  input: NewOrganisation,
): Promise<{ organisationId: string; managerId: string }> {
  const organisationId = uuid();
  const managerId = uuid();
  await insertOrganisation(tx, { id: organisationId, name: input.organisationName });
  try {
    await insertStaff(tx, {
      id: managerId,
      orgId: organisationId,
      name: input.managerName,
      email: input.email,
      passwordHash: await hashSecret(input.password),
      pinHash: null,
      pinDigits: null,
      roleId: 'manager',
    });
  } catch (error) {
    if (isUniqueViolation(error))
      reject('DUPLICATE_EMAIL', 'This email already has an account: use another one.');
    throw error;
  }
  return { organisationId, managerId };
}

/** The new organisation's first audit entry: who made it, and its first manager (no password). */
async function createAudited(
  tx: Queryable,
  ctx: ServerContext,
  actor: 'operator' | 'system',
  input: NewOrganisation,
): Promise<{ organisationId: string; managerId: string }> {
  const created = await createOrganisation(tx, input);
  await recordAudit(
    tx,
    ctx,
    { kind: actor, orgId: created.organisationId },
    {
      action: 'organisation.create',
      entityKind: 'organisation',
      entityId: created.organisationId,
      after: {
        id: created.organisationId,
        name: input.organisationName,
        managerId: created.managerId,
        managerName: input.managerName,
        managerEmail: input.email,
      },
    },
  );
  return created;
}

/** First run only: a fresh server has no organisation, and nobody to sign in as. */
/** True until the first organisation exists. */
export async function setupNeeded(ctx: ServerContext): Promise<boolean> {
  return (await countOrganisations(ctx.db)) === 0;
}

export async function setUp(
  ctx: ServerContext,
  input: NewOrganisation,
): Promise<{ organisationId: string; managerId: string }> {
  return ctx.db.transaction(async (tx) => {
    await lockSetup(tx);
    if ((await countOrganisations(tx)) > 0) {
      reject('ALREADY_SET_UP', 'This server is already set up: sign in with a manager account instead.');
    }
    // Nobody is signed in on a fresh server: the server itself records the first run.
    return createAudited(tx, ctx, 'system', input);
  });
}

/** Refuses anyone but the server operator (bearer SERVER_ADMIN_TOKEN); with none set, refuses all. */
export function assertOperator(ctx: ServerContext, token: string | undefined): void {
  // Comparing hashes keeps the comparison constant-time whatever the lengths.
  const expected = ctx.operatorToken ? Buffer.from(tokenHash(ctx.operatorToken)) : undefined;
  const given = Buffer.from(tokenHash(token ?? ''));
  if (!expected || !timingSafeEqual(expected, given)) {
    reject(
      'UNAUTHENTICATED',
      'Only the server operator may create organisations: send SERVER_ADMIN_TOKEN as the bearer.',
    );
  }
}

/** Creating further organisations is the operator's job, with the token they configured. */
export async function createOrganisationAsOperator(
  ctx: ServerContext,
  token: string | undefined,
  input: NewOrganisation,
): Promise<{ organisationId: string; managerId: string }> {
  assertOperator(ctx, token);
  return ctx.db.transaction((tx) => createAudited(tx, ctx, 'operator', input));
}

export const LOCK_AFTER = 5;
const LOCK_MINUTES = 15;
// Checked when the email is unknown, so a wrong email costs as long as a wrong password. Made on the
// first login, not at import: at today's scrypt cost it is a third of a second every process would pay.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashSecret('not a password of anyone'));

/**
 * An email is unique per organisation only (docs/SECURITY.md "Staff e-mail addresses"), so the password
 * is checked against every account with it (or only that organisation's, given `organisationId`), each
 * with its own lockout. One match signs in; several ask which organisation.
 */
async function matchingAccount(
  ctx: ServerContext,
  input: { email: string; password: string; organisationId?: string | undefined },
): Promise<LoginRow> {
  const now = ctx.now();
  const candidates = await findLogins(ctx.db, input.email, input.organisationId);
  // Each attempt is counted before its hash is awaited, so parallel logins cannot outrun the lock.
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const open: LoginRow[] = [];
  for (const account of candidates) {
    if (await reserveLoginAttempt(ctx.db, account.id, now.toISOString(), LOCK_AFTER, lockUntil)) {
      open.push(account);
    }
  }
  // The same work per candidate, and one hash when there is none: a wrong email costs a wrong password.
  const checks = open.length > 0 ? open : [undefined];
  const valid = await Promise.all(
    checks.map(async (a) => verifySecret(input.password, a?.passwordHash ?? (await dummy()))),
  );
  const matched = open.filter((a, i) => valid[i] && a.passwordHash !== null && a.active);
  if (matched.length === 0) {
    if (candidates.length > 0 && open.length < candidates.length && !valid.some(Boolean)) {
      reject(
        'LOCKED',
        `Too many wrong passwords: this account is locked for up to ${LOCK_MINUTES} minutes. Try again later.`,
      );
    }
    reject('UNAUTHENTICATED', 'The email or password is wrong. Check both and try again.');
  }
  // A right password for one account was no guess at the others with this address.
  for (const other of open)
    if (!matched.includes(other)) await releaseLoginAttempt(ctx.db, other.id, LOCK_AFTER);
  for (const account of matched) await clearFailedLogins(ctx.db, account.id);
  if (matched.length > 1) {
    const names = matched.map((a) => `${a.orgName} (${a.orgId})`).join(', ');
    reject(
      'ORGANISATION_REQUIRED',
      `This email and password belong to accounts in several organisations: ${names}. ` +
        'Sign in again with organisationId set to the one you want.',
    );
  }
  return matched[0] as LoginRow;
}

export async function login(
  ctx: ServerContext,
  input: { email: string; password: string; organisationId?: string | undefined },
): Promise<{ token: string; expiresAt: string; staffId: string; organisationId: string }> {
  const now = ctx.now();
  const account = await matchingAccount(ctx, input);
  // The one moment the server knows the password: bring an older, cheaper hash up to today's cost.
  if (account.passwordHash && needsRehash(account.passwordHash)) {
    await replacePasswordHash(ctx.db, account.id, account.passwordHash, await hashSecret(input.password));
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await insertSession(ctx.db, {
    tokenHash: tokenHash(token),
    staffId: account.id,
    orgId: account.orgId,
    expiresAt,
  });
  return { token, expiresAt, staffId: account.id, organisationId: account.orgId };
}

export async function logout(ctx: ServerContext, token: string): Promise<void> {
  await deleteSession(ctx.db, tokenHash(token));
}

/** A built-in or this organisation's custom role, or undefined when there is none. */
export async function findRole(db: Queryable, orgId: string, roleId: string): Promise<Grant | undefined> {
  return BUILT_IN_ROLES.find((r) => r.id === roleId) ?? (await getCustomRole(db, orgId, roleId));
}

export async function rolePermissions(db: Queryable, orgId: string, roleId: string): Promise<Permission[]> {
  return (await findRole(db, orgId, roleId))?.permissions ?? [];
}

/** The live session of an active staff member that `token` is, if it is one. */
export async function staffSession(
  db: Queryable,
  token: string,
  now: string,
): Promise<(Principal & { kind: 'staff' }) | undefined> {
  const session = await findSession(db, tokenHash(token), now);
  if (!session) return undefined;
  return {
    kind: 'staff',
    orgId: session.orgId,
    staffId: session.staffId,
    roleId: session.roleId,
    permissions: new Set(await rolePermissions(db, session.orgId, session.roleId)),
  };
}

/** A bearer token is either a staff session or a terminal's device token. */
export async function authenticate(ctx: ServerContext, token: string): Promise<Principal | undefined> {
  const hash = tokenHash(token);
  const session = await staffSession(ctx.db, token, ctx.now().toISOString());
  if (session) return session;
  const terminal = await findTerminalByToken(ctx.db, hash);
  if (terminal) {
    return {
      kind: 'terminal',
      orgId: terminal.orgId,
      terminalId: terminal.id,
      venueId: terminal.venueId,
      permissions: TERMINAL_PERMISSIONS,
    };
  }
  return undefined;
}
