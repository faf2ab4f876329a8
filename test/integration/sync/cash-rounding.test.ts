import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftPage } from '../../../shared/reports/shifts';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// docs/CASH.md "Cash rounding" on the server: pushed sales and refunds with their rounding through the
// real sync route, stored and summed in the shift report; an older terminal's sale without the field;
// a rounding that does not add up refused whole.

describe.each(backends)('pushed cash roundings (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let till: Till;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    const { venueId } = await seedHall(org);
    till = await openTill(org, server.url, venueId, org.managerId);
    const opened = await pushTill(till);
    expect(opened.status, opened.text).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  const sale = (cashRounding?: number) =>
    salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      currency: 'CHF',
      lines: [{ kind: 'merch', qty: 1, unitPrice: 2203 }],
      ...(cashRounding === undefined ? {} : { cashRounding }),
    });
  const push = async (type: 'sale' | 'refund', payload: object) => {
    const reply = await pushTill(till, [till.box.append(type, { ...payload })]);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.results[0];
  };
  const count = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sales'))[0]?.n ?? 0;

  it('stores a sale’s and a refund’s rounding, and the shift report nets them', async () => {
    const sold = sale(2);
    expect(await push('sale', sold)).toMatchObject({ status: 'applied' });
    const refund = refundPayload(sold, { kind: 'refund', staffId: org.managerId, cashRounding: 2 });
    expect(refund.payments.map((p) => p.amount)).toEqual([-2205]);
    expect(await push('refund', refund)).toMatchObject({ status: 'applied' });
    const other = sale(-3);
    expect(await push('sale', other)).toMatchObject({ status: 'applied' });
    expect(await db.query('SELECT cash_rounding::int AS r FROM pos_sales ORDER BY created_at, id')).toEqual(
      expect.arrayContaining([{ r: 2 }, { r: -3 }]),
    );
    expect(await db.query('SELECT cash_rounding::int AS r FROM pos_refunds')).toEqual([{ r: 2 }]);
    const report = await org.api.get<ShiftPage>(`/v1/reports/shifts?terminalId=${till.id}`);
    expect(report.status, report.text).toBe(200);
    // 2 − 3 from the sales, less the refund's 2.
    expect(report.body.rows[0]).toMatchObject({ cashRounding: -3, tenders: { cash: 2205 - 2205 + 2200 } });
  });

  it('takes a sale from a terminal older than rounding, without the field, as 0', async () => {
    const old = sale();
    const { cashRounding: _dropped, ...saleRow } = old.sale;
    expect(await push('sale', { ...old, sale: saleRow })).toMatchObject({ status: 'applied' });
    expect(
      await db.query('SELECT cash_rounding::int AS r FROM pos_sales WHERE id = $1', [old.sale.id]),
    ).toEqual([{ r: 0 }]);
  });

  it('refuses a rounding the payments do not add up with, or one without cash, and stores nothing', async () => {
    const before = await count();
    const lying = sale(2);
    expect(await push('sale', { ...lying, sale: { ...lying.sale, cashRounding: 4 } })).toMatchObject({
      status: 'quarantined',
      reason: 'MONEY_MISMATCH',
    });
    const card = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      currency: 'CHF',
      tender: 'card',
      cashRounding: 2,
      lines: [{ kind: 'merch', qty: 1, unitPrice: 2203 }],
    });
    expect(await push('sale', card)).toMatchObject({ status: 'quarantined', reason: 'INVALID_PAYLOAD' });
    expect(await count()).toBe(before);
  });
});
