import type { VoucherRow } from '../../../shared/sync/sale-record';
import type { VoucherDayRow, VoucherReport, VoucherTotalsRow } from '../../../shared/reports/vouchers';
import type { VoucherBalance } from '../../../shared/vouchers/rules';
import { businessDateSql } from '../business-day';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

// Gift vouchers as pushed sales issued them (migration 0043, docs/CASH.md "Gift vouchers"). A voucher's
// balance is not stored: it is read from its counter voucher_balance:<id>, whose equation
// limit = unallocated + Σ(granted − returned) + absorbed (SYNC.md "Escrow leases") splits the face value
// into what nobody spent and what was spent. Spent = absorbed (unbacked spends the pool covered) + Σ used
// over its leases (spends backed by a lease; a refund of one lowers used or absorbed again). So
// balance = limit − absorbed − Σ used, which is also unallocated + Σ(granted − returned − used): the units
// in the pool and those windows hold unspent. An excess spend is never counted, so it never goes below 0.

/** The balance of the voucher row aliased `v`, from its counter and leases. */
export const balanceSql = (v: string) => `GREATEST(0, ${v}.amount
  - COALESCE((SELECT vc.absorbed FROM escrow_counters vc
      WHERE vc.org_id = ${v}.org_id AND vc.counter = 'voucher_balance:' || ${v}.id::text), 0)
  - COALESCE((SELECT sum(vl.used) FROM escrow_leases vl
      WHERE vl.org_id = ${v}.org_id AND vl.counter = 'voucher_balance:' || ${v}.id::text), 0))`;

/** The columns of a VoucherBalance, from a voucher row aliased `v`. */
export const voucherBalanceColumns = (v: string) => `${v}.id AS "voucherId", ${v}.currency,
  ${v}.amount::bigint AS amount, (${balanceSql(v)})::bigint AS balance, ${v}.expires_at AS "expiresAt",
  ${v}.status`;

export interface NewVoucher extends VoucherRow {
  orgId: string;
  terminalId: string;
}

export interface VoucherState {
  id: string;
  amount: number;
  status: 'active' | 'void';
  expiresAt: string;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/** Which of these voucher ids the server holds already (lower case). */
export async function voucherIdsTaken(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM vouchers WHERE id = ANY($1::uuid[])',
    [[...ids]],
  );
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

/** The currency of each of these vouchers the organisation holds, by id (lower case). */
export async function voucherCurrencies(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; currency: string }>(
    'SELECT id::text AS id, currency FROM vouchers WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, [...ids]],
  );
  return new Map(rows.map((r) => [r.id.toLowerCase(), r.currency]));
}

/** A sale's or a refund's vouchers, each with its change position: every terminal pulls it from now on. */
export async function insertVouchers(db: Queryable, vouchers: readonly NewVoucher[]): Promise<void> {
  if (vouchers.length === 0) return;
  await db.query(
    `WITH ${positionCte()}
     INSERT INTO vouchers (id, org_id, sale_id, terminal_id, line_id, unit_index, refund_id, amount, currency,
       issued_at, expires_at, key_id, secret, change_pos)
     SELECT v.id, v."orgId", v."saleId", v."terminalId", v."lineId", v."unitIndex", v."refundId", v.amount,
       v.currency, v."issuedAt", v."expiresAt", v."keyId", v.secret, ${NEXT_POS}
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, "orgId" uuid, "saleId" uuid, "terminalId" uuid,
       "lineId" text, "unitIndex" integer, "refundId" uuid, amount bigint, currency text, "issuedAt" timestamptz,
       "expiresAt" timestamptz, "keyId" text, secret text)`,
    [JSON.stringify(vouchers)],
  );
}

export async function getVoucher(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<VoucherState | undefined> {
  const rows = await db.query<{
    id: string;
    amount: number;
    status: VoucherState['status'];
    expiresAt: string;
  }>(
    `SELECT id::text AS id, amount::bigint AS amount, status, expires_at AS "expiresAt"
     FROM vouchers WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  const row = rows[0];
  return row && { ...row, amount: Number(row.amount), expiresAt: iso(row.expiresAt) };
}

export function toBalance(row: Record<string, unknown>): VoucherBalance {
  return {
    voucherId: String(row.voucherId),
    currency: String(row.currency),
    amount: Number(row.amount),
    balance: Number(row.balance),
    expiresAt: iso(row.expiresAt as string | Date),
    status: row.status as VoucherBalance['status'],
  };
}

export async function voucherBalance(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<VoucherBalance | undefined> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${voucherBalanceColumns('v')} FROM vouchers v WHERE v.org_id = $1 AND v.id = $2`,
    [orgId, id],
  );
  return rows[0] && toBalance(rows[0]);
}

/** Their balance moved (a spend applied or given back): every terminal pulls them again. */
export async function touchVouchers(db: Queryable, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `WITH ${positionCte()} UPDATE vouchers SET change_pos = ${NEXT_POS} WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, [...ids]],
  );
}

/**
 * The refund or void of the units that sold them: they can no longer pay (VOUCHER_VOID). A credit voucher
 * an earlier refund of the sale paid out onto is the customer's money, not a unit's: it stays. Returns
 * each voided one with its face value and the balance it had left, which a void does not change.
 */
export async function voidVouchersOfUnits(
  db: Queryable,
  v: { orgId: string; saleId: string; units: readonly string[] | null; at: string },
): Promise<{ id: string; amount: number; balance: number }[]> {
  const rows = await db.query<{ id: string; amount: number; balance: number }>(
    `WITH ${positionCte()}
     UPDATE vouchers v SET status = 'void', status_changed_at = $3, change_pos = ${NEXT_POS}
     WHERE v.org_id = $1 AND v.sale_id = $2 AND v.status = 'active' AND v.refund_id IS NULL
       AND ($4::text[] IS NULL OR v.line_id || ':' || v.unit_index = ANY($4::text[]))
     RETURNING v.id::text AS id, v.amount::bigint AS amount, (${balanceSql('v')})::bigint AS balance`,
    [v.orgId, v.saleId, v.at, v.units ? [...v.units] : null],
  );
  return rows.map((r) => ({ id: r.id, amount: Number(r.amount), balance: Number(r.balance) }));
}

/**
 * The voucher report (shared/reports/vouchers.ts): sold, spent and voided per business day of the
 * organisation's zone (`timeZone`, one knownZone() passed), balances now.
 */
export async function voucherReport(
  db: Queryable,
  orgId: string,
  f: { from?: string | undefined; to?: string | undefined },
  now: string,
  timeZone: string,
): Promise<VoucherReport> {
  const params: unknown[] = [orgId, f.from ?? null, f.to ?? null, timeZone];
  const within = (at: string) =>
    `($2::timestamptz IS NULL OR ${at} >= $2) AND ($3::timestamptz IS NULL OR ${at} <= $3)`;
  const dayOf = (at: string) => businessDateSql(at, '$4::text');
  const days = await db.query<Record<string, unknown>>(
    `WITH sold AS (
       -- Every voucher issued, voided since or not: it was sold that day.
       SELECT ${dayOf('v.issued_at')} AS day, v.currency, count(*) AS n, sum(v.amount) AS amount
       FROM vouchers v
       WHERE v.org_id = $1 AND ${within('v.issued_at')}
       GROUP BY 1, 2
     ), spent AS (
       SELECT ${dayOf('s.created_at')} AS day, s.currency, sum(e.units - e.given_back) AS amount
       FROM pos_sale_escrow e JOIN pos_sales s ON s.id = e.sale_id
       WHERE e.org_id = $1 AND e.counter LIKE 'voucher_balance:%' AND e.kind IN ('backed', 'absorbed')
         AND ${within('s.created_at')}
       GROUP BY 1, 2
     ), voided AS (
       -- On the day of the void, with the balance the void took off the liability.
       SELECT ${dayOf('v.status_changed_at')} AS day, v.currency, count(*) AS n,
         sum(${balanceSql('v')}) AS amount
       FROM vouchers v
       WHERE v.org_id = $1 AND v.status = 'void' AND ${within('v.status_changed_at')}
       GROUP BY 1, 2
     ), keys AS (
       SELECT day, currency FROM sold UNION SELECT day, currency FROM spent
       UNION SELECT day, currency FROM voided
     )
     SELECT k.day, k.currency,
       COALESCE(sold.n, 0)::bigint AS "soldCount", COALESCE(sold.amount, 0)::bigint AS "soldAmount",
       COALESCE(spent.amount, 0)::bigint AS "spentAmount",
       COALESCE(voided.n, 0)::bigint AS "voidedCount", COALESCE(voided.amount, 0)::bigint AS "voidedAmount"
     FROM keys k
       LEFT JOIN sold ON sold.day = k.day AND sold.currency = k.currency
       LEFT JOIN spent ON spent.day = k.day AND spent.currency = k.currency
       LEFT JOIN voided ON voided.day = k.day AND voided.currency = k.currency
     ORDER BY 1, 2`,
    params,
  );
  const totals = await db.query<Record<string, unknown>>(
    `SELECT v.currency,
       count(*) FILTER (WHERE v.expires_at > $2)::bigint AS "openVouchers",
       COALESCE(sum(${balanceSql('v')}) FILTER (WHERE v.expires_at > $2), 0)::bigint AS outstanding,
       count(*) FILTER (WHERE v.expires_at <= $2)::bigint AS "expiredVouchers",
       COALESCE(sum(${balanceSql('v')}) FILTER (WHERE v.expires_at <= $2), 0)::bigint AS "expiredBalance"
     FROM vouchers v WHERE v.org_id = $1 AND v.status = 'active'
     GROUP BY v.currency ORDER BY v.currency`,
    [orgId, now],
  );
  const num = (row: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, keys.includes(k) ? Number(v) : v]));
  return {
    days: days.map(
      (d) =>
        num(d, [
          'soldCount',
          'soldAmount',
          'spentAmount',
          'voidedCount',
          'voidedAmount',
        ]) as unknown as VoucherDayRow,
    ),
    totals: totals.map(
      (t) =>
        num(t, [
          'openVouchers',
          'outstanding',
          'expiredVouchers',
          'expiredBalance',
        ]) as unknown as VoucherTotalsRow,
    ),
  };
}
