import type { RefundPayload, SalePayload } from '../../../shared/sync/payloads';
import type { Queryable } from '../../../src-server/db/database';

// Invariants read straight from the server's database for one organisation (one simulation run).

/** 4: limit = unallocated + Σ(granted − returned) + absorbed for every counter; nothing below zero. */
export async function checkConservation(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{
    counter: string;
    limit: number;
    unallocated: number;
    absorbed: number;
    outstanding: number;
    used: number;
    negative: number;
  }>(
    `SELECT c.counter, c.limit_units AS "limit", c.unallocated, c.absorbed,
       coalesce(sum(l.granted - l.returned), 0)::bigint AS outstanding,
       coalesce(sum(l.used), 0)::bigint AS used,
       count(*) FILTER (WHERE l.used < 0 OR l.returned < 0 OR l.used + l.returned > l.granted)::bigint AS negative
     FROM escrow_counters c LEFT JOIN escrow_leases l ON l.org_id = c.org_id AND l.counter = c.counter
     WHERE c.org_id = $1 GROUP BY c.counter, c.limit_units, c.unallocated, c.absorbed ORDER BY c.counter`,
    [orgId],
  );
  const out: string[] = [];
  for (const r of rows) {
    if (r.limit !== r.unallocated + r.outstanding + r.absorbed || r.unallocated < 0 || r.absorbed < 0) {
      out.push(
        `[4 conservation] ${r.counter}: limit ${r.limit} ≠ unallocated ${r.unallocated} + outstanding ${r.outstanding} + absorbed ${r.absorbed}`,
      );
    }
    if (r.negative > 0)
      out.push(`[4 conservation] ${r.counter}: ${r.negative} lease(s) with used + returned > granted`);
    // 3, the counter's own view: what leases backed plus what was absorbed fits in the limit.
    if (r.used + r.absorbed > r.limit) {
      out.push(`[3 limit] ${r.counter}: lease-backed ${r.used} + absorbed ${r.absorbed} > limit ${r.limit}`);
    }
  }
  return out;
}

// pos_sales and pos_refunds hold each payload as pushed, once it parsed with the shared schemas
// (shared/sync/payloads.ts); the money checks below still test every amount for being an integer.
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const sum = (values: unknown[]): number => values.reduce<number>((n, v) => n + (isInt(v) ? v : NaN), 0);

/**
 * 3: every capped counter, counted from the business rows rather than from the counter itself, stays
 * within its limit plus the excess the server recorded; and every excess has exactly one review item.
 */
export async function checkLimits(db: Queryable, orgId: string): Promise<string[]> {
  const out: string[] = [];
  const counters = await db.query<{ counter: string; limit: number }>(
    'SELECT counter, limit_units AS "limit" FROM escrow_counters WHERE org_id = $1',
    [orgId],
  );
  const excess = await db.query<{ id: string; mutation_id: string; counter: string; units: number }>(
    `SELECT e.id, s.mutation_id, e.counter, e.units FROM pos_sale_escrow e JOIN pos_sales s ON s.id = e.sale_id
     WHERE e.org_id = $1 AND e.kind = 'excess'`,
    [orgId],
  );
  const reviews = await db.query<{
    mutation_id: string | null;
    counter: string | null;
    units: number | null;
  }>(
    // A gift voucher's excess is reviewed as voucher_overspent (docs/CASH.md "Paying with one").
    `SELECT mutation_id, counter, units FROM review_items
     WHERE org_id = $1 AND kind IN ('overuse_excess', 'voucher_overspent')`,
    [orgId],
  );
  const key = (m: string | null, c: string | null) => `${m ?? '?'}|${c ?? '?'}`;
  const excessByKey = new Map<string, number>();
  for (const e of excess)
    excessByKey.set(
      key(e.mutation_id, e.counter),
      (excessByKey.get(key(e.mutation_id, e.counter)) ?? 0) + e.units,
    );
  const reviewByKey = new Map<string, { n: number; units: number }>();
  for (const r of reviews) {
    const k = key(r.mutation_id, r.counter);
    const seen = reviewByKey.get(k) ?? { n: 0, units: 0 };
    reviewByKey.set(k, { n: seen.n + 1, units: seen.units + (r.units ?? 0) });
  }
  for (const [k, units] of excessByKey) {
    const review = reviewByKey.get(k);
    if (!review)
      out.push(`[3 limit] excess of ${units} on ${k} has no overuse_excess or voucher_overspent review item`);
    else if (review.n !== 1 || review.units !== units)
      out.push(
        `[3 limit] excess of ${units} on ${k} has ${review.n} review item(s) for ${review.units} units`,
      );
  }
  for (const k of reviewByKey.keys()) {
    if (!excessByKey.has(k)) out.push(`[3 limit] overuse_excess review item ${k} matches no recorded excess`);
  }

  // Usage from the ledgers themselves.
  const redemptions = await db.query<{ code_id: string; uses: number; item_uses: number; discount: number }>(
    `SELECT code_id, count(*)::bigint AS uses, coalesce(sum(item_uses), 0)::bigint AS item_uses,
       coalesce(sum(discount), 0)::bigint AS discount
     FROM redemptions WHERE org_id = $1 AND released_at IS NULL GROUP BY code_id`,
    [orgId],
  );
  const used = new Map<string, number>();
  for (const r of redemptions) {
    used.set(`code_uses:${r.code_id}`, r.uses);
    used.set(`code_item_uses:${r.code_id}`, r.item_uses);
    used.set(`code_budget:${r.code_id}`, r.discount);
  }
  for (const [performanceId, seats] of await seatsSold(db, orgId))
    used.set(`capacity:${performanceId}`, seats);
  const excessByCounter = new Map<string, number>();
  for (const e of excess) excessByCounter.set(e.counter, (excessByCounter.get(e.counter) ?? 0) + e.units);
  // Per-customer limits are not counters: a best_effort breach must be in the review queue, once per extra use.
  const customers = await db.query<{
    code: string;
    customer_id: string;
    n: number;
    limit: number;
    reviewed: number;
  }>(
    `SELECT c.code, r.customer_id, count(*)::int AS n, (c.rules->>'maxUsesPerCustomer')::int AS "limit",
       (SELECT count(*)::int FROM review_items i WHERE i.org_id = $1 AND i.kind = 'customer_overuse'
          AND i.redemption_id IN (SELECT id FROM redemptions x WHERE x.code_id = c.id AND x.customer_id = r.customer_id)) AS reviewed
     FROM redemptions r JOIN codes c ON c.id = r.code_id
     WHERE r.org_id = $1 AND r.released_at IS NULL AND r.customer_id IS NOT NULL AND c.rules ? 'maxUsesPerCustomer'
     GROUP BY c.id, c.code, c.rules, r.customer_id`,
    [orgId],
  );
  for (const c of customers) {
    if (c.n - c.limit > c.reviewed)
      out.push(
        `[3 limit] ${c.code}: customer ${c.customer_id} used it ${c.n} times (limit ${c.limit}) with ${c.reviewed} review item(s)`,
      );
  }
  for (const c of counters) {
    const u = used.get(c.counter) ?? 0;
    const allowed = c.limit + (excessByCounter.get(c.counter) ?? 0);
    if (u > allowed)
      out.push(`[3 limit] ${c.counter}: ${u} used > limit ${c.limit} + recorded excess ${allowed - c.limit}`);
  }
  return out;
}

/** Capacity units still sold per performance (tickets without a seat), from the synced sales and refunds. */
async function seatsSold(db: Queryable, orgId: string): Promise<Map<string, number>> {
  const sales = await db.query<{ payload: SalePayload }>('SELECT payload FROM pos_sales WHERE org_id = $1', [
    orgId,
  ]);
  const refunds = await db.query<{ payload: RefundPayload }>(
    'SELECT payload FROM pos_refunds WHERE org_id = $1',
    [orgId],
  );
  const lineToPerformance = new Map<string, string>();
  const seats = new Map<string, number>();
  // A unit with a seat takes its seat, not a unit of the capacity counter (docs/SEATING.md).
  const seated = new Set<string>();
  for (const { payload } of sales) {
    for (const unit of payload.units) if (unit.seatId) seated.add(`${unit.lineId}:${unit.unitIndex}`);
    for (const line of payload.lines) {
      if (line.kind !== 'ticket' || !line.performanceId) continue;
      lineToPerformance.set(line.id, line.performanceId);
      const withSeat = payload.units.filter((u) => u.lineId === line.id && u.seatId).length;
      const qty = isInt(line.qty) ? line.qty - withSeat : 0;
      seats.set(line.performanceId, (seats.get(line.performanceId) ?? 0) + qty);
    }
  }
  for (const { payload } of refunds) {
    for (const unit of payload.units) {
      if (seated.has(`${unit.lineId}:${unit.unitIndex}`)) continue;
      const performanceId = lineToPerformance.get(unit.lineId);
      if (performanceId) seats.set(performanceId, (seats.get(performanceId) ?? 0) - 1);
    }
  }
  return seats;
}

/** 6: each terminal's mutation log is 1..n per epoch with no gap, and each row continues the chain. */
export async function checkSeqs(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{
    terminal_id: string;
    epoch: number;
    seq: number;
    prev_hash: string;
    hash: string;
  }>(
    `SELECT terminal_id, epoch, seq, prev_hash, hash FROM sync_mutations WHERE org_id = $1
     ORDER BY terminal_id, epoch, seq`,
    [orgId],
  );
  const terminals = await db.query<{ id: string; epoch: number; last_seq: number }>(
    'SELECT id, epoch, last_seq FROM terminals WHERE org_id = $1',
    [orgId],
  );
  const out: string[] = [];
  const last = new Map<string, { seq: number; hash: string }>();
  for (const r of rows) {
    const k = `${r.terminal_id}/${r.epoch}`;
    const before = last.get(k);
    const expected = (before?.seq ?? 0) + 1;
    if (r.seq !== expected) out.push(`[6 contiguous] terminal ${k}: seq ${r.seq} follows ${expected - 1}`);
    else if (before && r.prev_hash !== before.hash)
      out.push(
        `[9 hash chain] terminal ${k}: the server accepted seq ${r.seq} that does not continue seq ${before.seq}`,
      );
    last.set(k, { seq: r.seq, hash: r.hash });
  }
  for (const t of terminals) {
    const logged = last.get(`${t.id}/${t.epoch}`)?.seq ?? 0;
    if (logged !== t.last_seq)
      out.push(`[6 contiguous] terminal ${t.id}: last_seq ${t.last_seq} but ${logged} logged`);
  }
  return out;
}

/** 10: money on the server is integers, and each synced sale's lines and tenders add up. */
export async function checkServerMoney(db: Queryable, orgId: string): Promise<string[]> {
  const out: string[] = [];
  const sales = await db.query<{
    id: string;
    total: number;
    gross: number;
    code_discount: number;
    custom_discount: number;
    cash_rounding: number;
    payload: SalePayload;
  }>(
    'SELECT id, total, gross, code_discount, custom_discount, cash_rounding, payload FROM pos_sales WHERE org_id = $1',
    [orgId],
  );
  for (const s of sales) {
    const p = s.payload;
    const lines = p.lines;
    const tenders = p.payments.filter((x) => !x.refundId);
    const money = [
      s.total,
      s.gross,
      s.code_discount,
      s.custom_discount,
      ...lines.map((l) => l.total),
      ...tenders.map((t) => t.amount),
    ];
    if (!money.every(isInt)) out.push(`[10 money] sale ${s.id} holds a non-integer amount`);
    if (s.gross - s.code_discount - s.custom_discount !== s.total)
      out.push(`[10 money] sale ${s.id}: discounts do not add up`);
    if (sum(lines.map((l) => l.total)) !== s.total) out.push(`[10 money] sale ${s.id}: lines ≠ total`);
    // docs/CASH.md "Cash rounding": the tenders pay the total plus the cash rounding the terminal sent.
    if ((p.sale.cashRounding ?? 0) !== s.cash_rounding)
      out.push(`[10 money] sale ${s.id}: the server's cash rounding differs from the terminal's`);
    if (sum(tenders.map((t) => t.amount)) !== s.total + s.cash_rounding)
      out.push(`[10 money] sale ${s.id}: tenders ≠ total + cash rounding`);
    // docs/CASH.md "Comps": a comped unit keeps its full price in `comp`, outside gross, with a reason
    // and the signed approval that allowed it; the complimentary tender only finishes an order comped whole.
    const units = p.units;
    const compOf = (xs: readonly { comp?: number }[]) => sum(xs.map((x) => x.comp ?? 0));
    for (const l of lines) {
      const own = units.filter((u) => u.lineId === l.id);
      if (l.gross + (l.comp ?? 0) !== l.unitPrice * l.qty || (l.comp ?? 0) !== compOf(own))
        out.push(`[10 money] sale ${s.id}: line ${l.id}'s units, comp and list value differ`);
      if ((l.comp ?? 0) > 0 && !l.compReason) out.push(`[10 money] sale ${s.id}: a comp without a reason`);
    }
    if ((p.sale.comp ?? 0) !== compOf(lines)) out.push(`[10 money] sale ${s.id}: comp ≠ its lines' comp`);
    if ((p.sale.comp ?? 0) > 0 && !p.approvals.some((a) => a.kind === 'comp'))
      out.push(`[10 money] sale ${s.id}: comped without a comp approval`);
    const givenAway = units.every((u) => (u.comp ?? 0) > 0 && u.total === 0);
    if (tenders.some((t) => t.tender === 'complimentary') && !givenAway)
      out.push(`[10 money] sale ${s.id}: the complimentary tender on an order not comped whole`);
  }
  const refunds = await db.query<{
    id: string;
    amount: number;
    cash_rounding: number;
    payload: RefundPayload;
  }>('SELECT id, amount, cash_rounding, payload FROM pos_refunds WHERE org_id = $1', [orgId]);
  for (const r of refunds) {
    const paid = r.payload.payments.map((x) => x.amount);
    if (!isInt(r.amount) || !paid.every(isInt))
      out.push(`[10 money] refund ${r.id} holds a non-integer amount`);
    else if (r.amount + r.cash_rounding !== -sum(paid))
      out.push(`[10 money] refund ${r.id}: amount + cash rounding ≠ money paid back`);
  }
  return out;
}

/** Where each sale id is on the server: applied, quarantined, or both/neither (for invariant 1). */
export async function serverSaleCounts(db: Queryable, orgId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM pos_sales WHERE org_id = $1
     UNION ALL
     SELECT payload #>> '{sale,id}' AS id FROM quarantined_mutations WHERE org_id = $1 AND type = 'sale'`,
    [orgId],
  );
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return counts;
}

/**
 * 2: a digest of every table that belongs to the organisation. Replaying a push that was already
 * applied must leave it unchanged. Returns one hash per table so a difference names the table.
 */
/** Columns that record contact with a terminal rather than what it did (migrations 0016, 0019). */
const CONTACT_COLUMNS: Record<string, string[]> = {
  terminals: ['last_push_at', 'last_pull_at', 'pending_sales'],
};

export async function serverDigest(db: Queryable, orgId: string): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name = 'org_id' AND table_name <> 'sessions' ORDER BY table_name`,
  );
  const digest: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    // When the server last heard from a terminal is contact, not state: a replayed push is contact too.
    const rows = await db.query<{ d: string | null }>(
      `SELECT md5(string_agg(r, '|' ORDER BY r)) AS d
         FROM (SELECT (to_jsonb(t) - $2::text[])::text AS r FROM "${table}" t WHERE org_id = $1) x`,
      [orgId, CONTACT_COLUMNS[table] ?? []],
    );
    digest[table] = rows[0]?.d ?? 'empty';
  }
  return digest;
}

export function compareServerDigests(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `[2 no double count] replaying the delivered pushes changed table ${t}`);
}

/** 5, on the server: a use counts as lease-backed only on the selling terminal's lease, before its deadline. */
export async function checkServerDeadlines(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{ sale_id: string; lease_id: string; late: boolean; foreign: boolean }>(
    `SELECT e.sale_id::text, e.lease_id::text, s.created_at >= l.expires_at AS late, s.terminal_id <> l.terminal_id AS foreign
     FROM pos_sale_escrow e JOIN pos_sales s ON s.id = e.sale_id JOIN escrow_leases l ON l.id = e.lease_id
     WHERE e.org_id = $1 AND e.kind = 'backed' AND (s.created_at >= l.expires_at OR s.terminal_id <> l.terminal_id)`,
    [orgId],
  );
  return rows.map(
    (r) =>
      `[5 lease deadline] sale ${r.sale_id} counted as backed by lease ${r.lease_id} ${r.late ? 'after its deadline' : 'of another terminal'}`,
  );
}
