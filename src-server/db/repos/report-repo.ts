import type { OveruseRow } from '../../../shared/ipc/domains/manage';
import type { Benefit, Rules } from '../../../shared/discounts';
import type { CodeLifecycleStatus } from '../../../shared/codes/types';
import type { Queryable } from '../database';
import { CODE_FROM, lifecycleSql } from './code-repo';
import { containsPattern } from '../like';

export interface ReportFilter {
  from?: string;
  to?: string;
  /** Partial code text. */
  code?: string;
  codeId?: string;
  parentId?: string;
  /** Partial buyer name/email or exact customer id. */
  buyer?: string;
  cashierId?: string;
  /** Partial overuse reason. */
  reason?: string;
  usedOnly?: boolean;
  limit: number;
  offset: number;
}

export interface CodeReportRow {
  codeId: string;
  code: string;
  parentId: string | null;
  isParent: boolean;
  /** Generated children in a parent roll-up; 0 on a per-code row. */
  children: number;
  benefit: Benefit;
  rules: Rules;
  status: CodeLifecycleStatus;
  orders: number;
  tickets: number;
  totalDiscount: number;
  revenue: number;
  /** Of totalDiscount and revenue; null only for an unused code in an organisation without a venue. */
  currency: string | null;
  overuses: number;
  firstUse: string | null;
  lastUse: string | null;
  /** Uses left before the limit; null = no limit. */
  remaining: number | null;
}

function redemptionWhere(orgId: string, f: ReportFilter, params: unknown[]): string {
  params.push(orgId);
  const where = [`r.org_id = $${params.length}`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.from) add((p) => `r.redeemed_at >= ${p}::timestamptz`, f.from);
  if (f.to) add((p) => `r.redeemed_at <= ${p}::timestamptz`, f.to);
  if (f.buyer)
    add((p) => `(r.buyer ILIKE ${p} OR r.customer_id = $${params.length + 1})`, containsPattern(f.buyer));
  if (f.buyer) params.push(f.buyer);
  if (f.cashierId) add((p) => `r.cashier_id = ${p}`, f.cashierId);
  if (f.reason) add((p) => `r.overuse_reason ILIKE ${p}`, containsPattern(f.reason));
  return where.join(' AND ');
}

function codeWhere(orgId: string, f: ReportFilter, params: unknown[]): string {
  params.push(orgId);
  const where = [`c.org_id = $${params.length}`];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.code) add((p) => `c.code LIKE ${p}`, containsPattern(f.code.toUpperCase()));
  if (f.codeId) add((p) => `c.id = ${p}`, f.codeId);
  if (f.parentId) add((p) => `(c.parent_id = ${p} OR c.id = ${p})`, f.parentId);
  return where.join(' AND ');
}

function narrowed(f: ReportFilter): boolean {
  return Boolean(f.usedOnly || f.from || f.to || f.buyer || f.cashierId || f.reason);
}

/**
 * Redemptions aggregated per code and currency, and the codes' current terms and counters. Amounts in
 * different currencies never add up: a code used in two has a row for each; an unused code's zeros are
 * in the organisation's first venue's currency.
 */
function baseSql(orgId: string, f: ReportFilter, now: string, params: unknown[]): string {
  const rWhere = redemptionWhere(orgId, f, params);
  const cWhere = codeWhere(orgId, f, params);
  params.push(now);
  const nowParam = `$${params.length}`;
  params.push(orgId);
  const orgCurrency = `(SELECT v.currency FROM venues v WHERE v.org_id = $${params.length}
    ORDER BY v.created_at, v.id LIMIT 1)`;
  return `WITH agg AS (
      SELECT r.code_id, r.currency, count(*)::int AS orders, sum(r.tickets)::bigint AS tickets, sum(r.discount)::bigint AS discount,
        sum(r.revenue)::bigint AS revenue, (count(*) FILTER (WHERE r.overuse))::int AS overuses,
        min(r.redeemed_at) AS first_use, max(r.redeemed_at) AS last_use
      FROM redemptions r WHERE ${rWhere} GROUP BY r.code_id, r.currency
    ), base AS (
      SELECT c.id, c.code, c.parent_id, c.is_parent, COALESCE(c.benefit, p.benefit) AS benefit,
        COALESCE(c.rules, p.rules) AS rules, ${lifecycleSql(nowParam)} AS status,
        CASE WHEN c.is_parent OR NOT (COALESCE(c.rules, p.rules) ? 'maxUses') THEN NULL
          ELSE GREATEST((COALESCE(c.rules, p.rules)->>'maxUses')::bigint - c.uses, 0)::bigint END AS remaining,
        COALESCE(a.orders, 0) AS orders, COALESCE(a.tickets, 0) AS tickets, COALESCE(a.discount, 0) AS discount,
        COALESCE(a.revenue, 0) AS revenue, COALESCE(a.overuses, 0) AS overuses, a.first_use, a.last_use,
        a.code_id IS NOT NULL AS used, COALESCE(a.currency, ${orgCurrency}) AS currency
      FROM ${CODE_FROM} LEFT JOIN agg a ON a.code_id = c.id
      WHERE ${cWhere}
    )`;
}

export async function perCodeReport(
  db: Queryable,
  orgId: string,
  f: ReportFilter,
  now: string,
): Promise<{ rows: CodeReportRow[]; total: number }> {
  const params: unknown[] = [];
  const base = baseSql(orgId, f, now, params);
  const where = narrowed(f) ? 'WHERE used' : 'WHERE NOT is_parent';
  const [count] = await db.query<{ n: number }>(
    `${base} SELECT count(*)::int AS n FROM base ${where}`,
    params,
  );
  params.push(f.limit, f.offset);
  const rows = await db.query<CodeReportRow>(
    `${base} SELECT id AS "codeId", code, parent_id AS "parentId", is_parent AS "isParent", 0 AS children,
       benefit, rules, status, orders, tickets, discount AS "totalDiscount", revenue, currency, overuses,
       first_use AS "firstUse", last_use AS "lastUse", remaining
     FROM base ${where} ORDER BY code, currency LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

/** Children rolled up into their parent; standalone codes stand as themselves. */
export async function perParentReport(
  db: Queryable,
  orgId: string,
  f: ReportFilter,
  now: string,
): Promise<{ rows: CodeReportRow[]; total: number }> {
  const params: unknown[] = [];
  const base = baseSql(orgId, f, now, params);
  // Children and uses left are the group's whatever the currency; amounts add up per currency only.
  const grouped = `${base}, codes_once AS (
      SELECT DISTINCT ON (id) id, parent_id, is_parent, remaining, code, benefit, rules, status FROM base ORDER BY id
    ), per_group AS (
      SELECT COALESCE(parent_id, id) AS group_id, (count(*) FILTER (WHERE parent_id IS NOT NULL))::int AS children,
        CASE WHEN bool_or(remaining IS NULL AND NOT is_parent) THEN NULL
          ELSE COALESCE(sum(remaining), 0)::bigint END AS remaining
      FROM codes_once GROUP BY COALESCE(parent_id, id)
    ), grouped AS (
      SELECT COALESCE(parent_id, id) AS group_id, currency,
        sum(orders)::bigint AS orders, sum(tickets)::bigint AS tickets, sum(discount)::bigint AS discount,
        sum(revenue)::bigint AS revenue, sum(overuses)::bigint AS overuses, min(first_use) AS first_use,
        max(last_use) AS last_use, bool_or(used) AS used
      FROM base GROUP BY COALESCE(parent_id, id), currency
    ), report AS (
      SELECT g.*, pg.children, pg.remaining, b.code, b.is_parent, b.benefit, b.rules, b.status
      FROM grouped g JOIN per_group pg ON pg.group_id = g.group_id JOIN codes_once b ON b.id = g.group_id
    )`;
  const where = narrowed(f) ? 'WHERE used' : '';
  const [count] = await db.query<{ n: number }>(
    `${grouped} SELECT count(*)::int AS n FROM report ${where}`,
    params,
  );
  params.push(f.limit, f.offset);
  const rows = await db.query<CodeReportRow>(
    `${grouped} SELECT group_id AS "codeId", code, NULL AS "parentId", is_parent AS "isParent", children, benefit,
       rules, status, orders, tickets, discount AS "totalDiscount", revenue, currency, overuses,
       first_use AS "firstUse", last_use AS "lastUse", remaining
     FROM report ${where} ORDER BY code, currency LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

// The overuse report's rows are the wire shape the terminal's manager screens read.
export type { OveruseRow };

export async function overuseReport(
  db: Queryable,
  orgId: string,
  f: ReportFilter,
): Promise<{ rows: OveruseRow[]; total: number }> {
  const params: unknown[] = [];
  const rWhere = redemptionWhere(orgId, f, params);
  const extra: string[] = [];
  if (f.code) {
    params.push(containsPattern(f.code.toUpperCase()));
    extra.push(`c.code LIKE $${params.length}`);
  }
  if (f.codeId) {
    params.push(f.codeId);
    extra.push(`(c.id = $${params.length} OR c.parent_id = $${params.length})`);
  }
  if (f.parentId) {
    params.push(f.parentId);
    extra.push(`(c.id = $${params.length} OR c.parent_id = $${params.length})`);
  }
  const where = [rWhere, 'r.overuse', ...extra].join(' AND ');
  const from = `redemptions r JOIN codes c ON c.id = r.code_id
    LEFT JOIN staff cs ON cs.id = r.cashier_id LEFT JOIN staff g ON g.id = r.overuse_granted_by`;
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${from} WHERE ${where}`,
    params,
  );
  params.push(f.limit, f.offset);
  const rows = await db.query<OveruseRow>(
    `SELECT r.id AS "redemptionId", r.order_id AS "orderId", c.id AS "codeId", c.code, r.cashier_id AS "cashierId",
       cs.name AS "cashierName", r.overuse_granted_by AS "grantedBy", g.name AS "grantedByName",
       r.overuse_reason AS reason, r.overuse_limits AS limits, r.discount, r.currency, r.redeemed_at AS "redeemedAt"
     FROM ${from} WHERE ${where} ORDER BY r.redeemed_at, r.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}
