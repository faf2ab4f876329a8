import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { RequestOf } from '../../shared/ipc/contract';
import type { PaymentRow, SaleRecord } from '../../shared/ipc/domains/sales';
import { addRefunder } from '../helpers/staff';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls';

type Tenders = RequestOf<typeof c.checkout.complete>['tenders'];

/** Money paid back per tender kind by the sale's refunds (positive numbers). */
const paidBack = (payments: PaymentRow[]) => {
  const out: Record<string, number> = {};
  for (const p of payments.filter((x) => x.refundId !== null))
    out[p.tender] = (out[p.tender] ?? 0) - p.amount;
  return out;
};

describe('refund tenders follow how the sale was paid', () => {
  let pos: TestTerminal;
  const sell = async (qty: number, tenders: (total: number) => Tenders): Promise<SaleRecord> => {
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, { cartId: cart.id, tenders: tenders(cart.total) });
  };
  const unit = (sale: SaleRecord, i: number) => ({
    lineId: sale.units[i]!.lineId,
    unitIndex: sale.units[i]!.unitIndex,
  });

  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterEach(() => pos.close());

  it('pays out no money for a comped sale, refund or void', async () => {
    // docs/CASH.md "Comps": the order is comped whole, then finished as complimentary, for 0.
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    const comped = await pos.must(c.cart.comp, { reason: 'Goodwill' });
    const sale = await pos.must(c.checkout.complete, {
      cartId: comped.id,
      tenders: [{ tender: 'complimentary', amount: 0 }],
    });
    expect(sale.sale.total).toBe(0);
    await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'Customer request',
    });
    const voided = await pos.must(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    expect(Object.values(paidBack(voided.payments)).every((amount) => amount === 0)).toBe(true);
  });

  it('refunds a card sale to the card only', async () => {
    const sale = await sell(2, (total) => [{ tender: 'card', amount: total, reference: 'R-1' }]);
    expect(
      await pos.call(c.sales.refund, {
        saleId: sale.sale.id,
        units: [unit(sale, 0)],
        reason: 'Customer request',
        tender: 'cash',
      }),
    ).toMatchObject({ ok: false, reason: 'REFUND_TENDER_NOT_PAID' });
    const refunded = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'Customer request',
    });
    expect(refunded.payments.at(-1)).toMatchObject({ tender: 'card', amount: -sale.units[0]!.total });
  });

  it('never pays more back to a tender than the sale took with it', async () => {
    const sale = await sell(3, (total) => [
      { tender: 'card', amount: 1000, reference: 'R-2' },
      { tender: 'cash', amount: total - 1000 },
    ]);
    // One unit is more than the card took: it cannot all go to the card.
    expect(
      await pos.call(c.sales.refund, {
        saleId: sale.sale.id,
        units: [unit(sale, 0)],
        reason: 'Customer request',
        tender: 'card',
      }),
    ).toMatchObject({ ok: false, reason: 'REFUND_TENDER_NOT_PAID' });
    await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'Customer request',
    });
    const voided = await pos.must(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    expect(paidBack(voided.payments)).toEqual({ card: 1000, cash: sale.sale.total - 1000 });
  });

  it('lets a supervisor override the tender, their words recorded in the refund note', async () => {
    const sale = await sell(1, (total) => [{ tender: 'card', amount: total, reference: 'R-9' }]);
    const refunded = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'Customer request',
      note: 'card reader down',
      tender: 'cash',
      override: { reason: 'manager agreed a cash gesture' },
    });
    expect(refunded.payments.at(-1)).toMatchObject({ tender: 'cash', amount: -sale.sale.total });
    // The reason stays the listed label, so reports group by it (docs/CASH.md "Reasons").
    expect(refunded.refunds[0]).toMatchObject({
      reason: 'Customer request',
      note: 'card reader down; tender override: manager agreed a cash gesture',
    });
  });

  it('refuses the override to staff who may refund but not approve', async () => {
    const sale = await sell(1, (total) => [{ tender: 'card', amount: total, reference: 'R-3' }]);
    await pos.must(c.staff.signIn, await addRefunder(pos.terminal.db));
    const refused = await pos.call(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'Customer request',
      tender: 'cash',
      override: { reason: 'because' },
    });
    expect(refused).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });
});
