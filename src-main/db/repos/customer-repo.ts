import { phoneDigits, type Customer } from '../../../shared/customers/schema';
import type { OfflineCustomer } from '../../../shared/customers/offline';
import { prepared, type Db } from '../connection';

// The customers this terminal holds (migration 0022, docs/CUSTOMERS.md "At the terminal"): the
// server's offline subset, pulled, and those created here while the server did not answer.

export interface LocalCustomer extends Pick<
  Customer,
  'id' | 'name' | 'email' | 'phone' | 'groups' | 'emailConsent'
> {
  completedOrders: number;
  origin: 'pulled' | 'created';
  /** When this terminal wrote the row: the server's counts are as of then. */
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  groups: string;
  emailConsent: number;
  completedOrders: number;
  origin: 'pulled' | 'created';
  updatedAt: string;
}

const COLUMNS = `id, name, email, phone, groups, email_consent AS emailConsent,
  completed_orders AS completedOrders, origin, updated_at AS updatedAt`;

const toCustomer = (r: Row): LocalCustomer => ({
  ...r,
  groups: JSON.parse(r.groups) as string[],
  emailConsent: r.emailConsent === 1,
});

/** The pulled rows replace what this terminal held of them (a row created here included). */
export function upsertPulledCustomers(db: Db, rows: readonly OfflineCustomer[], at: string): void {
  const upsert = prepared(
    db,
    `INSERT INTO customers (id, name, email, phone, phone_digits, groups, email_consent, completed_orders,
       last_order_at, has_codes, origin, updated_at)
     VALUES (@id, @name, @email, @phone, @digits, @groups, @consent, @completedOrders, @lastOrderAt, @hasCodes,
       'pulled', @at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone,
       phone_digits = excluded.phone_digits, groups = excluded.groups, email_consent = excluded.email_consent,
       completed_orders = excluded.completed_orders, last_order_at = excluded.last_order_at,
       has_codes = excluded.has_codes, origin = 'pulled', updated_at = excluded.updated_at`,
  );
  for (const c of rows) {
    upsert.run({
      ...c,
      digits: phoneDigits(c.phone ?? ''),
      groups: JSON.stringify(c.groups),
      consent: c.emailConsent && c.email ? 1 : 0,
      hasCodes: c.hasCodes ? 1 : 0,
      at,
    });
  }
}

export function insertCreatedCustomer(
  db: Db,
  c: { id: string; name: string; email: string | null; phone: string | null; emailConsent: boolean },
  at: string,
): void {
  prepared(
    db,
    `INSERT INTO customers (id, name, email, phone, phone_digits, email_consent, origin, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'created', ?)`,
  ).run(c.id, c.name, c.email, c.phone, phoneDigits(c.phone ?? ''), c.emailConsent ? 1 : 0, at);
}

export function getLocalCustomer(db: Db, id: string): LocalCustomer | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(id) as Row | undefined;
  return row && toCustomer(row);
}

/** A customer held here whose e-mail address is this one, in any capitalisation. */
export function localCustomerByEmail(db: Db, email: string): LocalCustomer | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM customers WHERE lower(email) = lower(?) LIMIT 1`).get(
    email,
  ) as Row | undefined;
  return row && toCustomer(row);
}

/**
 * The search the server's store makes (docs/CUSTOMERS.md "Search"), over the rows held here: phone
 * digits anywhere, or every word in the name or e-mail address. Pulled rows that have left the subset
 * since (no code, last order older than `since`) are not offered: the server would not send them now.
 */
export function searchLocalCustomers(
  db: Db,
  terms: { digits: string } | { words: string[] },
  since: string,
  limit: number,
): LocalCustomer[] {
  const params: Record<string, unknown> = { since, limit };
  let match: string;
  if ('digits' in terms) {
    params.digits = `%${terms.digits}%`;
    match = 'phone_digits LIKE @digits';
  } else {
    terms.words.forEach((w, i) => (params[`w${i}`] = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
    match = terms.words
      .map((_, i) => `(name LIKE @w${i} ESCAPE '\\' OR coalesce(email, '') LIKE @w${i} ESCAPE '\\')`)
      .join(' AND ');
  }
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM customers
     WHERE (${match}) AND (origin = 'created' OR has_codes = 1 OR last_order_at >= @since)
     ORDER BY name COLLATE NOCASE, id LIMIT @limit`,
  ).all(params) as Row[];
  return rows.map(toCustomer);
}

/** This customer's completed sales here that the server had not counted by `countedAt` (null: none counted). */
export function uncountedSales(db: Db, customerId: string, countedAt: string | null): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM sales s WHERE s.customer_id = @customerId AND s.status = 'completed'
       AND (@countedAt IS NULL OR s.id IN (SELECT json_extract(payload, '$.sale.id') FROM outbox
         WHERE type = 'sale' AND (acked_at IS NULL OR acked_at > @countedAt)))`,
  ).get({ customerId, countedAt }) as { n: number };
  return row.n;
}

/**
 * Active codes with a per-customer limit, at most `limit`: the codes whose counts a stored customer's
 * attach asks the server for (docs/CUSTOMERS.md "At the terminal").
 */
export function codesWithCustomerLimits(db: Db, limit: number): string[] {
  const rules = ['maxUsesPerCustomer', 'maxItemUsesPerCustomer', 'maxUsesPerCustomerPerEvent'];
  const rows = prepared(
    db,
    `SELECT id FROM codes WHERE status = 'active' AND is_parent = 0 AND definition <> ''
       AND (${[...rules, 'maxUsesPerCustomerPerSchedule']
         .map((r) => `json_extract(nullif(definition, ''), '$.rules.${r}') IS NOT NULL`)
         .join(' OR ')})
     ORDER BY code LIMIT ?`,
  ).all(limit) as { id: string }[];
  return rows.map((r) => r.id);
}
