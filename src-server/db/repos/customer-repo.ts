import type { Customer } from '../../../shared/customers/schema';
import type { Queryable } from '../database';
import { whereClause } from '../where';
import { NEXT_POS, positionCte } from './change-pos';
import { customerMatch } from './customer-search';

const COLUMNS = `id, name, email, phone, groups, email_consent AS "emailConsent",
  email_consent_at AS "emailConsentAt", notes, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** What a write stores; the consent's time is the caller's (the server's clock), null without consent. */
export interface CustomerRecord {
  name: string;
  email: string | null;
  phone: string | null;
  groups: string[];
  emailConsentAt: string | null;
  notes: string;
}

export async function insertCustomer(
  db: Queryable,
  orgId: string,
  id: string,
  c: CustomerRecord,
  at: string,
): Promise<boolean> {
  const rows = await db.query(
    `WITH ${positionCte()}
     INSERT INTO customers (id, org_id, name, email, phone, groups, email_consent, email_consent_at, notes,
       created_at, updated_at, change_pos)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7::timestamptz IS NOT NULL, $7::timestamptz, $8, $9, $9, ${NEXT_POS})
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, orgId, c.name, c.email, c.phone, c.groups, c.emailConsentAt, c.notes, at],
  );
  return rows.length === 1;
}

/** Replaces the fields and bumps the version; false when there is no such customer. */
export async function updateCustomer(
  db: Queryable,
  orgId: string,
  id: string,
  c: CustomerRecord,
  at: string,
): Promise<boolean> {
  const rows = await db.query(
    `WITH ${positionCte()}
     UPDATE customers SET name = $3, email = $4, phone = $5, groups = $6::text[], email_consent = $7::timestamptz IS NOT NULL,
       email_consent_at = $7::timestamptz, notes = $8, updated_at = $9, version = version + 1, change_pos = ${NEXT_POS}
     WHERE org_id = $1 AND id = $2 RETURNING id`,
    [orgId, id, c.name, c.email, c.phone, c.groups, c.emailConsentAt, c.notes, at],
  );
  return rows.length === 1;
}

/** `lock`: the row locked for an update in this transaction, so two edits of one customer take turns. */
export async function getCustomer(
  db: Queryable,
  orgId: string,
  id: string,
  lock = false,
): Promise<Customer | undefined> {
  const rows = await db.query<Customer>(
    `SELECT ${COLUMNS} FROM customers WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  return rows[0];
}

/** The customer who has this e-mail address in the organisation (any capitalisation), but `exceptId`. */
export async function customerByEmail(
  db: Queryable,
  orgId: string,
  email: string,
  exceptId: string | null,
): Promise<Pick<Customer, 'id' | 'name'> | undefined> {
  const rows = await db.query<Pick<Customer, 'id' | 'name'>>(
    `SELECT id, name FROM customers
     WHERE org_id = $1 AND email IS NOT NULL AND lower(email) = lower($2) AND ($3::uuid IS NULL OR id <> $3)`,
    [orgId, email, exceptId],
  );
  return rows[0];
}

export interface CustomerFilter {
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * One page of the organisation's customers matching `q` (customer-search.ts), the best matches first:
 * a name or address that starts with the search, then by name. Without `q`, everyone by name.
 */
export async function pageCustomers(
  db: Queryable,
  orgId: string,
  f: CustomerFilter,
): Promise<{ items: Customer[]; total: number }> {
  const where = whereClause('org_id = $1', [orgId]);
  const match = f.q ? customerMatch(f.q) : undefined;
  if (match) where.addRaw(match.condition(where.params));
  const filtered = where.sql();
  const counting = [...where.params];
  const params = [...where.params];
  const order = match ? `${match.rank(params)}, name, id` : 'name, id';
  const n = params.length;
  // The total rides on the page's rows: the matching rows are read once, for the sort and the count.
  const rows = await db.query<Customer & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM customers ${filtered}
     ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, f.limit, f.offset],
  );
  const items = rows.map(({ total: _total, ...customer }) => customer);
  if (rows[0]) return { items, total: rows[0].total };
  // A page past the end has no row to carry the total.
  const [counted] =
    f.offset > 0
      ? await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers ${filtered}`, counting)
      : [];
  return { items, total: counted?.n ?? 0 };
}
