import { createHash } from 'node:crypto';
import type { Db } from '../../../src-main/db/connection';
import { verifyOutboxChain } from '../../../src-main/db/repos/outbox-repo';

// Invariants read straight from one terminal's SQLite store. Each returns sentences naming the
// invariant and the rows, empty when it holds, so a failure says what broke without a debugger.

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** 8: a sale exists with all its parts and its outbox row, or not at all; the same for refunds and shifts. */
export function checkCrashAtomicity(db: Db): string[] {
  const problems: Record<string, string> = {
    'sale without lines':
      'SELECT count(*) AS n FROM sales s WHERE NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)',
    'line whose units do not add up': `SELECT count(*) AS n FROM sale_lines l
       WHERE l.qty != (SELECT count(*) FROM sale_units u WHERE u.line_id = l.id)
          OR l.total != (SELECT coalesce(sum(total), 0) FROM sale_units u WHERE u.line_id = l.id)`,
    'sale without its payments': `SELECT count(*) AS n FROM sales s
       WHERE s.total + s.cash_rounding != (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.sale_id = s.id AND p.refund_id IS NULL)`,
    // A training sale (docs/CASH.md "Training mode") has no outbox row, redemption or capacity by design.
    'sale without an outbox row': `SELECT count(*) AS n FROM sales s WHERE s.training = 0 AND NOT EXISTS (
       SELECT 1 FROM outbox o WHERE o.type = 'sale' AND json_extract(o.payload, '$.sale.id') = s.id)`,
    'sale in the outbox but not in the store': `SELECT count(*) AS n FROM outbox o WHERE o.type = 'sale'
       AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = json_extract(o.payload, '$.sale.id'))`,
    'sale twice in the outbox': `SELECT count(*) AS n FROM (SELECT json_extract(payload, '$.sale.id') AS id
       FROM outbox WHERE type = 'sale' GROUP BY id HAVING count(*) > 1)`,
    'code sale without its redemption (or the reverse)': `SELECT count(*) AS n FROM sales s
       WHERE s.training = 0 AND (s.code_id IS NULL) != (NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.sale_id = s.id))`,
    'refund without its outbox row': `SELECT count(*) AS n FROM refunds r
       WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = r.sale_id AND s.training = 1) AND NOT EXISTS (
       SELECT 1 FROM outbox o WHERE o.type IN ('refund', 'void') AND json_extract(o.payload, '$.refund.id') = r.id)`,
    'refund without its money': `SELECT count(*) AS n FROM refunds r
       WHERE r.amount + r.cash_rounding != -(SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.refund_id = r.id)`,
    'refund in the outbox but not in the store': `SELECT count(*) AS n FROM outbox o WHERE o.type IN ('refund', 'void')
       AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.id = json_extract(o.payload, '$.refund.id'))`,
    'shift without its outbox row': `SELECT count(*) AS n FROM shifts s WHERE NOT EXISTS (
       SELECT 1 FROM outbox o WHERE o.type = 'shift.open' AND json_extract(o.payload, '$.id') = s.id)`,
    'seats sold that no sale line explains': `SELECT count(*) AS n FROM performance_sold ps WHERE ps.sold != (
       SELECT count(*) FROM sale_units u JOIN sale_lines l ON l.id = u.line_id JOIN sales s ON s.id = l.sale_id
       WHERE l.performance_id = ps.performance_id AND l.kind = 'ticket' AND u.refund_id IS NULL AND u.seat_id IS NULL
         AND s.training = 0)`,
  };
  if (tableExists(db, 'sale_escrow')) {
    problems['escrow taken without its sale'] =
      'SELECT count(*) AS n FROM sale_escrow e WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = e.sale_id)';
    // Units given back to a lease that is already closed stay counted as used, and a pull may raise
    // `used` to what the server saw; so the sales' net take is a floor, never a mirror, of `used`.
    problems['lease with more units in sales than it counts as used'] = `SELECT count(*) AS n FROM leases l
       WHERE l.used < (SELECT coalesce(sum(units - given_back), 0) FROM sale_escrow e WHERE e.lease_id = l.id)`;
  }
  return Object.entries(problems).flatMap(([what, sql]) => {
    const n = count(db, sql);
    return n > 0 ? [`[8 crash atomicity] ${n} × ${what}`] : [];
  });
}

/** 9: the outbox chain recomputes from genesis. */
export function checkChain(db: Db): string[] {
  const broken = verifyOutboxChain(db);
  return broken === null ? [] : [`[9 hash chain] the outbox chain breaks at seq ${broken}`];
}

/** 10: money columns hold integers, and every sale's lines, units and tenders add up. */
export function checkMoney(db: Db): string[] {
  const out: string[] = [];
  const columns: [string, string[]][] = [
    ['sales', ['gross', 'code_discount', 'custom_discount', 'comp', 'total', 'cash_rounding']],
    ['sale_lines', ['unit_price', 'gross', 'code_discount', 'custom_discount', 'comp', 'total']],
    ['sale_units', ['unit_price', 'code_discount', 'custom_discount', 'comp', 'total']],
    ['payments', ['amount']],
    ['refunds', ['amount', 'cash_rounding']],
  ];
  for (const [table, cols] of columns) {
    for (const col of cols) {
      const n = count(db, `SELECT count(*) AS n FROM ${table} WHERE typeof(${col}) != 'integer'`);
      if (n > 0) out.push(`[10 money] ${n} × ${table}.${col} is not an integer`);
    }
  }
  const unbalanced = count(
    db,
    `SELECT count(*) AS n FROM sales s
     WHERE s.total != (SELECT coalesce(sum(total), 0) FROM sale_lines l WHERE l.sale_id = s.id)
        OR s.gross - s.code_discount - s.custom_discount != s.total
        OR s.total + s.cash_rounding != (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.sale_id = s.id AND p.refund_id IS NULL)`,
  );
  if (unbalanced > 0) out.push(`[10 money] ${unbalanced} × sale whose lines, discounts and tenders differ`);
  // docs/CASH.md "Comps": a comped unit keeps its price in `comp`; a line's gross and comp make its list value.
  const comps = count(
    db,
    `SELECT count(*) AS n FROM sale_lines l
     WHERE l.gross + l.comp != l.unit_price * l.qty
        OR l.comp != (SELECT coalesce(sum(u.comp), 0) FROM sale_units u WHERE u.line_id = l.id)
        OR EXISTS (SELECT 1 FROM sale_units u WHERE u.line_id = l.id
                   AND u.unit_price - u.code_discount - u.custom_discount - u.comp != u.total)
        OR (SELECT s.comp FROM sales s WHERE s.id = l.sale_id)
           != (SELECT coalesce(sum(x.comp), 0) FROM sale_lines x WHERE x.sale_id = l.sale_id)`,
  );
  if (comps > 0) out.push(`[10 money] ${comps} × line whose units, comp and list value differ`);
  return out;
}

/** 5: no sale took units from a lease at or after the lease's deadline, by this terminal's clock. */
export function checkLeaseDeadlines(db: Db): string[] {
  if (!tableExists(db, 'sale_escrow')) return [];
  const late = db
    .prepare(
      `SELECT s.id AS saleId, s.created_at AS soldAt, l.id AS leaseId, l.expires_at AS expiresAt
       FROM sale_escrow e JOIN sales s ON s.id = e.sale_id JOIN leases l ON l.id = e.lease_id
       WHERE e.units > 0 AND julianday(s.created_at) >= julianday(l.expires_at)`,
    )
    .all() as { saleId: string; soldAt: string; leaseId: string; expiresAt: string }[];
  return late.map(
    (r) =>
      `[5 lease deadline] sale ${r.saleId} at ${r.soldAt} used lease ${r.leaseId} expiring ${r.expiresAt}`,
  );
}

// The catalogue as the terminal holds it. Local bookkeeping (PIN lockouts, the FTS index) is left out;
// code_versions too, because a terminal that saw an old version keeps it and a fresh one never does.
const CATALOGUE: Record<string, { order: string; omit?: string[] }> = {
  venues: { order: 'id' },
  events: { order: 'id' },
  performances: { order: 'id' },
  price_bands: { order: 'id' },
  ticket_types: { order: 'id' },
  ticket_prices: { order: 'id' },
  products: { order: 'id' },
  roles: { order: 'id' },
  staff: { order: 'id', omit: ['failed_attempts', 'locked_until'] },
  codes: { order: 'id' },
  code_children: { order: 'id' },
  code_usage: { order: 'code_id' },
};

/** 7: one hash per catalogue table, so a mismatch names the table. */
export function catalogueDigest(db: Db): Record<string, string> {
  const digest: Record<string, string> = {};
  for (const [table, spec] of Object.entries(CATALOGUE)) {
    if (!tableExists(db, table)) continue;
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !(spec.omit ?? []).includes(c));
    const rows = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${spec.order}`).all();
    digest[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  }
  return digest;
}

export function compareDigests(
  name: string,
  mine: Record<string, string>,
  truth: Record<string, string>,
): string[] {
  return Object.keys(truth)
    .filter((table) => mine[table] !== truth[table])
    .map((table) => `[7 convergence] ${name}: table ${table} differs from a freshly enrolled terminal's`);
}

/** Everything checked on a terminal after every step. */
export function checkTerminalStore(name: string, db: Db): string[] {
  return [...checkCrashAtomicity(db), ...checkChain(db), ...checkMoney(db), ...checkLeaseDeadlines(db)].map(
    (p) => `${name}: ${p}`,
  );
}
