import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReasonPage, ReasonRow } from '../../../shared/reports/reasons';
import type { TerminalSalePayload } from '../../../shared/sync/payloads';
import { createCode } from '../../helpers/sync-fixture';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { cashMovementPayload, refundPayload, salePayload } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// GET /v1/reports/reasons (docs/REPORTS.md "Reasons"): sales with a custom discount and an overuse,
// a refund, a void and a cash movement pushed through the real sync route, read back by reason ×
// cashier × performance, filtered, and as CSV.

/** `sale` with `perUnit` off every unit as a custom discount given for `reason`, its totals and payment kept whole. */
function withCustomDiscount(sale: TerminalSalePayload, perUnit: number, reason: string): TerminalSalePayload {
  const lines = sale.lines.map((l) => ({
    ...l,
    customDiscount: perUnit * l.qty,
    total: l.total - perUnit * l.qty,
  }));
  const units = sale.units.map((u) => ({ ...u, customDiscount: perUnit, total: u.total - perUnit }));
  const custom = lines.reduce((n, l) => n + l.customDiscount, 0);
  const total = sale.sale.total - custom;
  return {
    ...sale,
    sale: {
      ...sale.sale,
      customDiscount: custom,
      total,
      customKind: 'fixed',
      customValue: custom,
      customReason: reason,
    },
    lines,
    units,
    payments: sale.payments.map((p) => ({ ...p, amount: total, tendered: total })),
  };
}

describe.each(backends)('the reasons report (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let till: Till;
  let sellerId: string;
  let perfA: string;
  let perfB: string;

  const report = async (query = '') => {
    const reply = await org.api.get<ReasonPage>(`/v1/reports/reasons${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  };
  const brief = (r: ReasonRow) =>
    `${r.category} | ${r.reason} | ${r.cashierName ?? r.cashierId} | ${r.performanceId === perfA ? 'A' : r.performanceId === perfB ? 'B' : '-'} | ${r.count} | ${r.amount}`;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Theatre');
    const seller = await signInAs(org.api, server.url, 'seller');
    sellerId = seller.staffId;
    const hall = await seedHall(org);
    perfA = await newPerformance(org, hall.eventId, 100);
    perfB = await newPerformance(org, hall.eventId, 100);
    const codeId = await createCode(org.api, { code: 'FRIENDS', rules: { maxUses: 1 } });
    till = await openTill(org, server.url, hall.venueId, org.managerId);

    const sale = (
      cashierId: string,
      lines: { performanceId: string; qty: number; unitDiscount?: number }[],
    ) =>
      salePayload({
        terminalId: till.id,
        shiftId: till.shiftId,
        cashierId,
        lines: lines.map((l) => ({ ...l, unitPrice: 3_000 })),
        signer: till.signer,
      });
    // Two goodwill discounts by the seller (A, then A and B), one by the manager, and one on a sale voided later.
    const goodwill = withCustomDiscount(sale(sellerId, [{ performanceId: perfA, qty: 2 }]), 500, 'Goodwill');
    const goodwillAgain = withCustomDiscount(
      sale(sellerId, [
        { performanceId: perfA, qty: 1 },
        { performanceId: perfB, qty: 1 },
      ]),
      300,
      'Goodwill',
    );
    const damaged = withCustomDiscount(
      sale(org.managerId, [{ performanceId: perfB, qty: 1 }]),
      1_000,
      'Damaged view',
    );
    const voided = withCustomDiscount(sale(sellerId, [{ performanceId: perfB, qty: 1 }]), 700, 'Staff');
    const overused = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: sellerId,
      lines: [{ performanceId: perfA, qty: 2, unitPrice: 3_000, unitDiscount: 300 }],
      code: { id: codeId },
      overuse: { approverId: org.managerId, reason: 'Manager decision', limits: ['MAX_USES'] },
      signer: till.signer,
    });
    for (const [i, s] of [goodwill, goodwillAgain, damaged, voided, overused].entries()) {
      s.sale.receiptNo = i + 1;
      till.box.append('sale', s);
    }
    // One of the two goodwill tickets comes back; the staff sale is voided whole.
    const firstUnit = goodwill.units[0] as { lineId: string; unitIndex: number };
    till.box.append(
      'refund',
      refundPayload(goodwill, { kind: 'refund', staffId: sellerId, units: [firstUnit] }),
    );
    till.box.append('void', refundPayload(voided, { kind: 'void', staffId: org.managerId }));
    till.box.append(
      'cash.movement',
      cashMovementPayload(till.id, till.shiftId, org.managerId, {
        kind: 'paid_out',
        amount: -1_250,
        reason: 'Petty cash purchase',
      }),
    );
    const pushed = await pushTill(till);
    expect(pushed.status, pushed.text).toBe(200);
    expect(pushed.body.results.map((r) => r.status)).toEqual(Array(till.box.entries.length).fill('applied'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('groups every reason by category, cashier and performance, with counts and amounts', async () => {
    const page = await report();
    expect(page.rows.map(brief)).toEqual([
      // A voided sale's discount is not given: the staff discount is missing here, its void is below.
      'custom_discount | Damaged view | Theatre manager | B | 1 | 1000',
      'custom_discount | Goodwill | A seller | A | 2 | 1300',
      'custom_discount | Goodwill | A seller | B | 1 | 300',
      'overuse | Manager decision | A seller | A | 1 | 600',
      'paid_out | Petty cash purchase | Theatre manager | - | 1 | -1250',
      'refund | customer changed plans | A seller | A | 1 | 2500',
      'void | customer changed plans | Theatre manager | B | 1 | 2300',
    ]);
    expect(page.total).toBe(7);
    expect(page.rows[0]).toMatchObject({ currency: 'EUR', eventName: 'Show' });
  });

  it('filters by category, cashier, performance and part of the reason, and pages', async () => {
    expect((await report('?category=custom_discount')).rows.map(brief)).toHaveLength(3);
    expect((await report(`?cashierId=${sellerId}`)).rows.map((r) => r.category)).toEqual([
      'custom_discount',
      'custom_discount',
      'overuse',
      'refund',
    ]);
    expect((await report(`?performanceId=${perfB}`)).rows.map(brief)).toEqual([
      'custom_discount | Damaged view | Theatre manager | B | 1 | 1000',
      'custom_discount | Goodwill | A seller | B | 1 | 300',
      'void | customer changed plans | Theatre manager | B | 1 | 2300',
    ]);
    expect((await report('?reason=GOOD')).rows.map(brief)).toHaveLength(2);
    const second = await report('?limit=2&offset=2');
    expect(second).toMatchObject({ total: 7, limit: 2, offset: 2 });
    expect(second.rows.map(brief)).toEqual([
      'custom_discount | Goodwill | A seller | B | 1 | 300',
      'overuse | Manager decision | A seller | A | 1 | 600',
    ]);
    const future = await report(
      `?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`,
    );
    expect(future).toMatchObject({ rows: [], total: 0 });
  });

  it('refuses a bad filter with the field named, and answers the same rows as CSV', async () => {
    const bad = await org.api.get('/v1/reports/reasons?category=tips');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/category/);
    const csv = await org.api.get('/v1/reports/reasons.csv?category=refund');
    expect(csv.status, csv.text).toBe(200);
    const [header, line, end] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe('category,reason,cashier,event,performance starts at,count,amount,currency');
    expect(line).toMatch(/^refund,customer changed plans,A seller,Show,[^,]+,1,2500,EUR$/);
    expect(end).toBeUndefined();
  });
});
