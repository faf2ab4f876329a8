import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CashMovementPayload } from '../../../shared/cash/movements';
import type { ShiftPage } from '../../../shared/reports/shifts';
import type { Page } from '../../../shared/server-api/page';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { cashMovementPayload, shiftClosePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// Cash movements a terminal pushes (docs/CASH.md) through the real sync route: stored once, summed per
// kind in the shift report, and refused whole when the amount moves the drawer the wrong way.

describe.each(backends)('pushed cash movements (%s)', (backend) => {
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
  });
  afterAll(async () => {
    await server.close();
  });

  const movement = (kind: CashMovementPayload['kind'], amount: number, reason?: string) =>
    cashMovementPayload(till.id, till.shiftId, org.managerId, {
      kind,
      amount,
      ...(reason ? { reason } : {}),
    });
  /** Appends the payloads to the till's outbox and pushes only them; the results by status. */
  const push = async (...payloads: CashMovementPayload[]) => {
    const entries = payloads.map((p) => till.box.append('cash.movement', { ...p }));
    const reply = await pushTill(till, entries);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.results;
  };
  const stored = async () =>
    db.query<{ id: string; kind: string; amount: number; reason: string }>(
      'SELECT id::text, kind, amount, reason FROM pos_cash_movements ORDER BY at, id',
    );
  const shift = async () => {
    const reply = await org.api.get<ShiftPage>(`/v1/reports/shifts?terminalId=${till.id}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.rows[0];
  };

  /** The first shift's movements, made once the till exists. */
  const firstMovements = () => ({
    paidIn: movement('paid_in', 2_000, 'Change from the safe'),
    paidOut: movement('paid_out', -1_250, 'Petty cash purchase'),
    drop: movement('drop', -50_000),
    floatDown: movement('float_change', -500),
    floatUp: movement('float_change', 1_500),
    noSale: movement('no_sale', 0),
    secondNoSale: movement('no_sale', 0),
  });
  let first: ReturnType<typeof firstMovements>;

  it('stores every kind and the shift report sums them per kind, with the no-sales counted', async () => {
    first = firstMovements();
    const opened = await pushTill(till);
    expect(opened.status, opened.text).toBe(200);
    const results = await push(...Object.values(first));
    expect(results.map((r) => r.status)).toEqual(Array(7).fill('applied'));
    expect(await stored()).toHaveLength(7);

    const row = await shift();
    expect(row).toMatchObject({
      shiftId: till.shiftId,
      cashMovements: { paid_in: 2_000, paid_out: -1_250, drop: -50_000, float_change: 1_000, no_sale: 0 },
      noSales: 2,
    });
    const csv = await org.api.get(`/v1/reports/shifts.csv?terminalId=${till.id}`);
    const [header, line] = csv.text.trimEnd().split('\r\n');
    expect(header).toContain(
      ',paid in,paid out,drop,float change,no sales,comps,comps value,cash rounding,currency',
    );
    expect(line).toMatch(/,2000,-1250,-50000,1000,2,0,0,0,EUR$/);
  });

  it('changes nothing when the same movement arrives again, and keeps the first when its id comes back changed', async () => {
    const before = await stored();
    // The whole outbox again, as a terminal resends a batch whose answer it lost.
    expect((await pushTill(till)).status).toBe(200);
    expect(await stored()).toEqual(before);
    const [again, changed] = await push(first.paidOut, { ...first.paidIn, amount: 9_999 });
    expect(again).toMatchObject({
      status: 'applied',
      message: expect.stringMatching(/stored already/) as string,
    });
    expect(changed).toMatchObject({ status: 'quarantined', reason: 'DUPLICATE_CASH_MOVEMENT' });
    expect(await stored()).toEqual(before);
    expect((await shift())?.cashMovements.paid_in).toBe(2_000);
  });

  it('quarantines a movement whose amount moves the drawer against its kind, and stores nothing of it', async () => {
    const before = await stored();
    const wrong = [
      movement('paid_in', -100),
      movement('paid_out', 100),
      movement('drop', 0),
      movement('float_change', 0),
      movement('no_sale', 5),
    ];
    const results = await push(...wrong);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'quarantined', reason: 'INVALID_PAYLOAD' });
      expect(result.message).toMatch(/cannot move the drawer by/);
    }
    expect(await stored()).toEqual(before);
    const kept = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM quarantined_mutations WHERE terminal_id = $1 AND type = 'cash.movement'`,
      [till.id],
    );
    expect(kept).toEqual([{ n: wrong.length + 1 }]);
  });

  it('keeps a movement by someone whose role lacks its permission, and sends it to review', async () => {
    const seller = await signInAs(org.api, server.url, 'seller');
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    const before = (await stored()).length;
    const bySeller = cashMovementPayload(till.id, till.shiftId, seller.staffId, {
      kind: 'paid_out',
      amount: -700,
    });
    const byStranger = cashMovementPayload(till.id, till.shiftId, randomUUID(), {
      kind: 'no_sale',
      amount: 0,
    });
    const bySupervisor = cashMovementPayload(till.id, till.shiftId, supervisor.staffId, {
      kind: 'no_sale',
      amount: 0,
    });
    const results = await push(bySeller, byStranger, bySupervisor);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(results[0]?.message).toMatch(/went to review/);
    expect(results[2]?.message).toBeUndefined();
    // The drawer moved either way: all three count in the shift.
    expect(await stored()).toHaveLength(before + 3);

    const items = await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=cash_unpermitted&limit=100');
    expect(items.status, items.text).toBe(200);
    const summaries = items.body.items.map((i) => i.summary);
    expect(summaries).toHaveLength(2);
    expect(summaries.find((s) => s.includes(seller.staffId))).toMatch(
      /A paid out of -7\.00 EUR \("Correction"\).*holds a role without cash\.move.*accept it or flag it/,
    );
    expect(summaries.find((s) => s.includes(byStranger.staffId))).toMatch(
      /is no staff member of the organisation/,
    );
    // A resend opens no second item.
    await push(bySeller);
    const again = await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=cash_unpermitted&limit=100');
    expect(again.body.items).toHaveLength(2);
  });

  it('sums a closed shift the same way', async () => {
    const close = till.box.append('shift.close', shiftClosePayload(till.id, till.shiftId, org.managerId, 0));
    expect((await pushTill(till, [close])).status).toBe(200);
    expect(await shift()).toMatchObject({
      closedBy: org.managerId,
      // The first shift's movements, and the three of the review test (a paid out of 7.00, two no-sales).
      cashMovements: { paid_in: 2_000, paid_out: -1_950, drop: -50_000, float_change: 1_000, no_sale: 0 },
      noSales: 4,
    });
  });
});
