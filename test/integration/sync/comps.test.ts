import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { ReasonPage } from '../../../shared/reports/reasons';
import type { ShiftPage } from '../../../shared/reports/shifts';
import { signApproval } from '../../../shared/sync/approval-proof';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Page } from '../../../shared/server-api/page';
import { useSyncWorld } from '../../helpers/sync-fixture';
import { salePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill, type Till } from '../../helpers/sync-server';

// docs/CASH.md "Comps" end to end: a seller comps a line with a supervisor's PIN at an enrolled terminal,
// the comp and its signed approval reach the server with the sale, the server honours the approval
// (the approver's role holds sale.comp) and its shift report counts the comp; an approval by a role
// without sale.comp goes to review.

describe('sync: comps', () => {
  const { world: worldOf, enrolled: terminal } = useSyncWorld();

  const unproven = async (saleId: string) =>
    (
      await worldOf().org.api.get<Page<ReviewItem>>('/v1/review-items?kind=approval_unproven&limit=1000')
    ).body.items.filter((i) => (i.payload as { saleId?: string } | null)?.saleId === saleId);
  const shiftRow = async (terminalId: string) => {
    const report = await worldOf().org.api.get<ShiftPage>(`/v1/reports/shifts?terminalId=${terminalId}`);
    expect(report.status, report.text).toBe(200);
    return report.body.rows[0];
  };

  it('pushes a comp a supervisor approved by PIN, honours it, and the shift report counts it per reason', async () => {
    const { catalogue } = worldOf();
    const pos = await terminal();
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    await pos.must(c.shift.open, { openingFloat: 10_000 });
    const cart = await pos.must(c.cart.addTicket, {
      performanceId: catalogue.performanceId,
      ticketPriceId: catalogue.ticketPriceId,
      qty: 2,
    });
    const line = cart.lines[0]!;
    expect(await pos.call(c.cart.comp, { lineId: line.id, qty: 1, reason: 'Press' })).toMatchObject({
      ok: false,
      reason: 'COMP_APPROVAL_REQUIRED',
    });
    const comped = await pos.must(c.cart.comp, {
      lineId: line.id,
      qty: 1,
      reason: 'press',
      approver: { staffId: catalogue.supervisorId, pin: '8142' },
    });
    const sale = await pos.must(c.checkout.complete, {
      cartId: comped.id,
      tenders: [{ tender: 'cash', amount: comped.total }],
    });
    expect(sale.approvals[0]).toMatchObject({ kind: 'comp', approverId: catalogue.supervisorId });
    expect(sale.approvals[0]?.signature).toEqual(expect.any(String));
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });

    const [stored] = await worldOf()
      .server.db()
      .query<{ payload: { lines: { comp: number; compReason: string }[]; approvals: { kind: string }[] } }>(
        'SELECT payload FROM pos_sales WHERE id = $1',
        [sale.sale.id],
      );
    expect(stored?.payload.lines[0]).toMatchObject({ comp: line.unitPrice, compReason: 'Press' });
    expect(stored?.payload.approvals.map((a) => a.kind)).toEqual(['comp']);
    expect(await unproven(sale.sale.id)).toEqual([]);
    expect(await shiftRow(pos.terminal.terminalId)).toMatchObject({
      sales: 1,
      salesTotal: line.unitPrice,
      comps: {
        count: 1,
        value: line.unitPrice,
        byReason: [{ reason: 'Press', count: 1, value: line.unitPrice }],
      },
    });
    // The reasons report (docs/REPORTS.md "Reasons") has the comp under the seller and the performance.
    const reasons = await worldOf().org.api.get<ReasonPage>('/v1/reports/reasons?category=comp');
    expect(reasons.status, reasons.text).toBe(200);
    expect(reasons.body.rows).toEqual([
      expect.objectContaining({
        reason: 'Press',
        cashierId: catalogue.sellerId,
        performanceId: catalogue.performanceId,
        count: 1,
        amount: line.unitPrice,
      }),
    ]);
  }, 120_000);

  it('sends a comp approval whose approver’s role lacks sale.comp to review, keeping the sale', async () => {
    const { org, catalogue, server } = worldOf();
    const till = await openTill(org, server.url, catalogue.venueId, catalogue.sellerId);
    const byRole = (approverId: string) => compedSale(till, catalogue.sellerId, approverId);
    const seller = byRole(catalogue.sellerId);
    const supervisor = byRole(catalogue.supervisorId);
    till.box.append('sale', seller);
    till.box.append('sale', supervisor);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const [item] = await unproven(seller.sale.id);
    expect(item?.summary).toMatch(/comp approval.*has a role without sale\.comp/);
    expect(await unproven(supervisor.sale.id)).toEqual([]);
    // The units were given away either way: both count in the report.
    expect((await shiftRow(till.id))?.comps).toEqual({
      count: 2,
      value: 4000,
      byReason: [{ reason: 'Artist guest', count: 2, value: 4000 }],
    });
  });
});

/** Two 20.00 items, the second comped for "Artist guest", with the comp's approval signed by the till. */
function compedSale(till: Till, cashierId: string, approverId: string) {
  const sale = salePayload({
    terminalId: till.id,
    shiftId: till.shiftId,
    cashierId,
    lines: [{ kind: 'merch', qty: 2, unitPrice: 2000 }],
    signer: till.signer,
  });
  const line = sale.lines[0]!;
  Object.assign(line, { gross: 2000, comp: 2000, compReason: 'Artist guest', total: 2000 });
  Object.assign(sale.units[1]!, { comp: 2000, total: 0 });
  Object.assign(sale.sale, { gross: 2000, total: 2000 });
  Object.assign(sale.payments[0]!, { amount: 2000, tendered: 2000 });
  const approval = {
    id: randomUUID(),
    saleId: sale.sale.id,
    kind: 'comp' as const,
    approverId,
    reason: 'Artist guest',
    note: null,
    limits: JSON.stringify([line.id]),
    createdAt: sale.sale.createdAt,
  };
  sale.approvals.push(signApproval(approval, till.id, till.signer));
  return sale;
}
