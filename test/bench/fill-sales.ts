import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../src-server/db/database';
import type { SeededOrganisation } from '../helpers/server-api';

// A million pushed sales in a few statements (PostgreSQL): rows shaped as the push writes them
// (pos_sales with the terminal's whole record as payload, the code use in redemptions with pos_sale,
// refunds in pos_refunds), so the orders report reads what it would read in production. Going
// through /v1/sync/push would take hours at this size; the push itself has its own bench.

export interface SalesWorld {
  orgId: string;
  eventId: string;
  ticketTypeId: string;
  priceBandId: string;
  terminalIds: string[];
  cashierIds: string[];
  performanceIds: string[];
  /** Child codes to use, and their parent. */
  codeIds: string[];
  parentId: string;
}

const CHUNK = 100_000;
const AT = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A million sales spread over a year: one every 31.536 s. */
const STEP_MS = 31_536;

/** Sales 1 … count, one every STEP_MS from `start`; every 5th uses a code, every 100th is part refunded. */
export async function fillSales(db: Queryable, w: SalesWorld, count: number, start: string): Promise<void> {
  const params = (from: number, to: number) => [
    w.orgId,
    from,
    to,
    start,
    w.terminalIds,
    w.cashierIds,
    w.performanceIds,
    w.codeIds,
    w.eventId,
    w.ticketTypeId,
    w.priceBandId,
  ];
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await db.query(
      `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
         code_discount, custom_discount, total, payload, status, created_at, customer_name, customer_email, customer_phone)
       SELECT g.id, $1, g.terminal_id, gen_random_uuid(), g.shift_id, g.cashier_id, g.i, 'EUR', 4000, g.disc, 0,
         4000 - g.disc,
         jsonb_build_object(
           'terminalId', g.terminal_id,
           'sale', jsonb_build_object('id', g.id, 'receiptNo', g.i, 'shiftId', g.shift_id, 'cashierId', g.cashier_id,
             'currency', 'EUR', 'customerId', g.customer_id,
             'customer', CASE WHEN g.customer_id IS NOT NULL THEN jsonb_build_object('id', g.customer_id,
               'name', 'Customer ' || (g.i % 5000), 'email', 'c' || (g.i % 5000) || '@example.test',
               'phone', '+49 30 ' || lpad((g.i % 5000)::text, 7, '0'),
               'priorOrders', 0, 'groups', '[]'::jsonb)::text END,
             'gross', 4000, 'codeDiscount', g.disc, 'customDiscount', 0, 'total', 4000 - g.disc,
             'codeId', g.code_id, 'codeVersion', CASE WHEN g.code_id IS NOT NULL THEN 1 END, 'codeText', NULL,
             'codeAuto', 0, 'customKind', NULL, 'customValue', NULL, 'customReason', NULL, 'status', 'completed',
             'createdAt', g.at_text),
           'lines', jsonb_build_array(jsonb_build_object('id', g.line_id, 'saleId', g.id, 'lineNo', 1, 'kind', 'ticket',
             'itemId', g.perf, 'name', 'Bench show', 'eventId', $9::text, 'performanceId', g.perf,
             'priceBandId', $11::text, 'ticketTypeId', $10::text, 'inventoryItemId', NULL, 'category', NULL,
             'qty', 2, 'unitPrice', 2000, 'vatRate', 1900, 'gross', 4000, 'codeDiscount', g.disc,
             'customDiscount', 0, 'total', 4000 - g.disc)),
           'units', jsonb_build_array(
             jsonb_build_object('lineId', g.line_id, 'unitIndex', 0, 'unitPrice', 2000, 'codeDiscount', g.disc / 2,
               'customDiscount', 0, 'total', 2000 - g.disc / 2, 'refundId', NULL),
             jsonb_build_object('lineId', g.line_id, 'unitIndex', 1, 'unitPrice', 2000, 'codeDiscount', g.disc / 2,
               'customDiscount', 0, 'total', 2000 - g.disc / 2, 'refundId', NULL)),
           'payments', jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'saleId', g.id, 'refundId', NULL,
             'shiftId', g.shift_id, 'tender', CASE WHEN g.i % 3 = 0 THEN 'card' ELSE 'cash' END,
             'amount', 4000 - g.disc, 'tendered', NULL, 'changeGiven', NULL, 'reference', NULL, 'createdAt', g.at_text)),
           'redemption', CASE WHEN g.code_id IS NOT NULL THEN jsonb_build_object('id', gen_random_uuid(),
             'saleId', g.id, 'codeId', g.code_id, 'codeVersion', 1, 'customerId', g.customer_id, 'itemUses', 2,
             'discount', g.disc, 'overuse', 0, 'releasedAt', NULL, 'createdAt', g.at_text) END,
           'scopes', '[]'::jsonb, 'approvals', '[]'::jsonb),
         'completed', g.at,
         -- The customer search keys as the push writes them (shared/reports/journal.ts customerKeys).
         CASE WHEN g.customer_id IS NOT NULL THEN 'customer ' || (g.i % 5000) END,
         CASE WHEN g.customer_id IS NOT NULL THEN 'c' || (g.i % 5000) || '@example.test' END,
         CASE WHEN g.customer_id IS NOT NULL THEN '4930' || lpad((g.i % 5000)::text, 7, '0') END
       FROM (
         SELECT i, gen_random_uuid() AS id, gen_random_uuid() AS line_id,
           ($5::uuid[])[1 + i % cardinality($5::uuid[])] AS terminal_id,
           md5('shift' || (i % cardinality($5::uuid[])) || ':' || (i / 2000))::uuid AS shift_id,
           ($6::uuid[])[1 + i % cardinality($6::uuid[])] AS cashier_id,
           ($7::text[])[1 + i % cardinality($7::text[])] AS perf,
           CASE WHEN i % 5 = 0 THEN ($8::uuid[])[1 + (i / 5) % cardinality($8::uuid[])] END AS code_id,
           CASE WHEN i % 5 = 0 THEN 800 ELSE 0 END AS disc,
           CASE WHEN i % 7 = 0 THEN 'cust-' || (i % 5000) END AS customer_id,
           at, ${AT('at')} AS at_text
         FROM generate_series($2::int, $3::int) i,
           LATERAL (SELECT date_trunc('milliseconds', $4::timestamptz + i * interval '${STEP_MS} milliseconds') AS at) t
       ) g`,
      params(from, to),
    );
  }
  // Every fifth sale's code use, as the push records it.
  await db.query(
    `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, parent_id, terminal_id, cashier_id,
       customer_id, channel, currency, tickets, item_uses, discount, revenue, redeemed_at, pos_sale)
     SELECT (s.payload->'redemption'->>'id')::uuid, s.org_id, s.id, (s.payload->'sale'->>'codeId')::uuid, 1, $2,
       s.terminal_id, s.cashier_id, s.payload->'sale'->>'customerId', 'box_office', 'EUR', 2, 2, s.code_discount,
       s.total, s.created_at, true
     FROM pos_sales s WHERE s.org_id = $1 AND s.code_discount > 0`,
    [w.orgId, w.parentId],
  );
  // Online orders: one code use per 100 sales, with no sale behind it.
  await db.query(
    `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, parent_id, customer_id, buyer, channel,
       currency, tickets, item_uses, discount, revenue, redeemed_at)
     SELECT gen_random_uuid(), $1, gen_random_uuid(), ($4::uuid[])[1 + i % cardinality($4::uuid[])], 1, $5,
       'web-' || i, 'Web buyer ' || i, 'online', 'EUR', 1, 1, 200, 1800,
       date_trunc('milliseconds', $3::timestamptz + i * interval '${STEP_MS * 100} milliseconds')
     FROM generate_series(1, $2::int) i`,
    [w.orgId, Math.floor(count / 100), start, w.codeIds, w.parentId],
  );
  // Every 100th sale has one unit refunded.
  await db.query(
    `INSERT INTO pos_refunds (id, org_id, terminal_id, sale_id, mutation_id, kind, shift_id, staff_id, amount, payload,
       created_at)
     SELECT x.rid, x.org_id, x.terminal_id, x.id, gen_random_uuid(), 'refund', x.shift_id, x.cashier_id, x.total,
       jsonb_build_object('terminalId', x.terminal_id,
         'refund', jsonb_build_object('id', x.rid, 'refundNo', 1, 'saleId', x.id, 'kind', 'refund',
           'shiftId', x.shift_id, 'staffId', x.cashier_id, 'reason', 'bench', 'amount', x.total,
           'createdAt', ${AT('x.created_at')}),
         'units', jsonb_build_array(jsonb_build_object('lineId', x.line_id, 'unitIndex', 0)),
         'payments', jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'saleId', x.id, 'refundId', x.rid,
           'shiftId', x.shift_id, 'tender', 'cash', 'amount', -x.total, 'createdAt', ${AT('x.created_at')}))),
       x.created_at + interval '1 minute'
     FROM (
       SELECT s.id, s.org_id, s.terminal_id, s.shift_id, s.cashier_id, s.created_at, gen_random_uuid() AS rid,
         (s.payload->'units'->0->>'total')::bigint AS total, s.payload->'units'->0->>'lineId' AS line_id
       FROM pos_sales s WHERE s.org_id = $1 AND s.receipt_no % 100 = 0
     ) x`,
    [w.orgId],
  );
  await db.exec('ANALYZE pos_sales; ANALYZE redemptions; ANALYZE pos_refunds; ANALYZE codes;');
}

/** A venue, an event with 20 performances, 4 terminals and 10 cashiers for the million sales. */
export async function salesWorld(
  org: SeededOrganisation,
  db: Queryable,
  parentId: string,
): Promise<SalesWorld> {
  const post = async (path: string, body: unknown) => {
    const reply = await org.api.post<{ id: string }>(path, body);
    if (reply.status !== 201) throw new Error(`${path}: ${reply.text}`);
    return reply.body.id;
  };
  const venueId = await post('/v1/venues', { name: 'Bench hall', currency: 'EUR', timezone: 'UTC' });
  const eventId = await post('/v1/events', { venueId, name: 'Bench show' });
  const performanceIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const startsAt = new Date(Date.now() + (30 + i) * 86_400_000).toISOString();
    performanceIds.push(await post('/v1/performances', { eventId, startsAt, capacity: 1_000_000 }));
  }
  const cashierIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    cashierIds.push(
      await post('/v1/staff', {
        name: `Cashier ${i}`,
        email: `cashier-${i}-${randomUUID()}@example.test`,
        password: 'a long bench password',
        roleId: 'seller',
      }),
    );
  }
  const terminalIds = Array.from({ length: 4 }, () => randomUUID());
  for (const [i, id] of terminalIds.entries()) {
    await db.query(
      'INSERT INTO terminals (id, org_id, venue_id, name, token_hash) VALUES ($1, $2, $3, $4, $5)',
      [id, org.organisationId, venueId, `Till ${i + 1}`, randomUUID()],
    );
  }
  const children = await org.api.get<{ items: { id: string }[] }>(
    `/v1/codes?parentId=${parentId}&limit=1000`,
  );
  return {
    orgId: org.organisationId,
    eventId,
    ticketTypeId: await post('/v1/ticket-types', { eventId, name: 'Adult' }),
    priceBandId: await post('/v1/price-bands', { eventId, name: 'Stalls' }),
    terminalIds,
    cashierIds,
    performanceIds,
    codeIds: children.body.items.map((c) => c.id),
    parentId,
  };
}
