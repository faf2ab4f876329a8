import { v7 as uuid } from 'uuid';
import type { Customer, CustomerBody } from '../../shared/customers/schema';
import type { Page } from '../../shared/server-api/page';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as repo from '../db/repos/customer-repo';
import { isUuid } from '../db/uuid';
import { isUniqueViolation, reject } from '../errors';
import { pick, recordAudit } from './audit';
import { assertVersion } from './version-check';

// The customer store (docs/CUSTOMERS.md): managers edit customers in the back office; a terminal (or a
// seller) searches, reads and creates one inline at the till. Every write is one transaction with its
// audit entry, so a refused change leaves nothing half-saved.

// What the audit log records of a customer. Notes are free text about a person: the log says that they
// changed, not what they say (docs/CUSTOMERS.md "Personal data").
const AUDITED = ['id', 'name', 'email', 'phone', 'groups', 'emailConsent', 'emailConsentAt'] as const;

const NOT_FOUND = 'There is no such customer in your organisation: search for them again.';

/** Group names trimmed, each once, in the order given. */
function cleanGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.map((g) => g.trim()).filter((g) => g !== ''))];
}

/** The record a write stores: `input` over `current` (none on a create), the consent's time kept or set. */
function recordOf(ctx: ServerContext, input: Partial<CustomerBody>, current?: Customer): repo.CustomerRecord {
  const email = input.email !== undefined ? input.email : (current?.email ?? null);
  const consent = input.emailConsent ?? current?.emailConsent ?? false;
  if (consent && !email) {
    reject(
      'CONSENT_NEEDS_EMAIL',
      'E-mail consent needs an e-mail address: add the address, or untick the consent.',
    );
  }
  return {
    name: input.name ?? current?.name ?? '',
    email: email || null,
    phone: (input.phone !== undefined ? input.phone : (current?.phone ?? null)) || null,
    groups: cleanGroups(input.groups ?? current?.groups ?? []),
    // Consent given again keeps the time it was first given; withdrawn, both go.
    emailConsentAt: consent ? (current?.emailConsentAt ?? ctx.now().toISOString()) : null,
    notes: input.notes ?? current?.notes ?? '',
  };
}

/** Refuses an address another customer of the organisation has, naming them. */
async function assertEmailFree(db: Queryable, orgId: string, email: string | null, id: string | null) {
  if (!email) return;
  const holder = await repo.customerByEmail(db, orgId, email, id);
  if (holder) duplicateEmail(holder.name, email);
}

function duplicateEmail(name: string, email: string): never {
  return reject(
    'DUPLICATE_EMAIL',
    `${name} already has the e-mail address ${email}: open that customer instead, or use another address.`,
  );
}

/** A unique violation lost to a concurrent write of the same address: answered as the check would. */
async function rethrow(
  ctx: ServerContext,
  orgId: string,
  email: string | null,
  error: unknown,
): Promise<never> {
  if (email && isUniqueViolation(error, 'customers_email')) {
    const holder = await repo.customerByEmail(ctx.db, orgId, email, null);
    duplicateEmail(holder?.name ?? 'Another customer', email);
  }
  throw error;
}

/** The write's audit entry, in its transaction; notes by mention only. */
async function audit(
  tx: Queryable,
  ctx: ServerContext,
  principal: Principal,
  id: string,
  input: Partial<CustomerBody>,
  current?: Customer,
): Promise<void> {
  const notesChanged = input.notes !== undefined && input.notes !== (current?.notes ?? '');
  await recordAudit(tx, ctx, principal, {
    action: current ? 'customer.update' : 'customer.create',
    entityKind: 'customer',
    entityId: id,
    before: pick(current, AUDITED),
    after: pick(await repo.getCustomer(tx, principal.orgId, id), AUDITED),
    summary: notesChanged ? 'notes changed' : null,
  });
}

export async function createCustomer(
  ctx: ServerContext,
  principal: Principal,
  input: CustomerBody,
): Promise<Customer> {
  const record = recordOf(ctx, input);
  const id = uuid();
  try {
    await ctx.db.transaction(async (tx) => {
      await assertEmailFree(tx, principal.orgId, record.email, null);
      await repo.insertCustomer(tx, principal.orgId, id, record, ctx.now().toISOString());
      await audit(tx, ctx, principal, id, input);
    });
  } catch (error) {
    await rethrow(ctx, principal.orgId, record.email, error);
  }
  return getCustomer(ctx, principal, id);
}

export async function updateCustomer(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  input: Partial<CustomerBody>,
  expected: number | undefined,
): Promise<Customer> {
  if (!isUuid(id)) reject('NOT_FOUND', NOT_FOUND);
  let email: string | null = null;
  try {
    await ctx.db.transaction(async (tx) => {
      // The organisation's lock alone first (change-pos.ts): a push moving a customer
      // (customer-pull.ts) holds it shared, so the two never wait on each other's row locks.
      await lockOrganisationForEdit(tx, principal.orgId);
      const current = await repo.getCustomer(tx, principal.orgId, id, true);
      if (!current) reject('NOT_FOUND', NOT_FOUND);
      assertVersion('customer', current.version, expected);
      const record = recordOf(ctx, input, current);
      email = record.email;
      await assertEmailFree(tx, principal.orgId, record.email, id);
      await repo.updateCustomer(tx, principal.orgId, id, record, ctx.now().toISOString());
      await audit(tx, ctx, principal, id, input, current);
    });
  } catch (error) {
    await rethrow(ctx, principal.orgId, email, error);
  }
  return getCustomer(ctx, principal, id);
}

export async function getCustomer(ctx: ServerContext, principal: Principal, id: string): Promise<Customer> {
  const row = isUuid(id) ? await repo.getCustomer(ctx.db, principal.orgId, id) : undefined;
  if (!row) reject('NOT_FOUND', NOT_FOUND);
  return row;
}

export async function listCustomers(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.CustomerFilter,
): Promise<Page<Customer>> {
  const page = await repo.pageCustomers(ctx.db, principal.orgId, filter);
  return { ...page, limit: filter.limit, offset: filter.offset };
}
