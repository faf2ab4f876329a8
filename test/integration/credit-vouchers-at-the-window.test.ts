import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { refundReceipt } from '../../src-main/services/printing/documents';
import { readOutbox } from '../../src-main/db/repos/outbox-repo';
import { secretStoreWithKey } from '../helpers/device-key';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// docs/CASH.md "Refunds onto a voucher" at the window, on the real core and SQLite: refused with nothing
// saved without a signing key, and in training issued without a code, as a training sale's voucher is.

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00

describe('refunds onto a gift voucher at the window', () => {
  let pos: TestTerminal;
  afterEach(() => pos.close());

  const start = async (key: boolean) => {
    pos = await startTestTerminal(key ? { secrets: secretStoreWithKey().secrets } : {});
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  };
  const sell = async () => {
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'card', amount: cart.total, reference: 'T1' }],
    });
  };
  const count = (table: string) =>
    (pos.terminal.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('refuses a refund onto a voucher without a key, saving nothing, and refunds by card still', async () => {
    await start(false);
    const sold = await sell();
    const before = ['refunds', 'payments', 'vouchers', 'outbox'].map(count);
    const unit = { lineId: sold.units[0]!.lineId, unitIndex: 0 };
    const refused = await pos.call(c.sales.refund, {
      saleId: sold.sale.id,
      units: [unit],
      reason: 'Customer request',
      tender: 'voucher',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'VOUCHER_NEEDS_ENROLMENT' });
    expect(refused.ok ? '' : refused.message).toMatch(/^Enrol this terminal before .* refunding onto one/);
    expect(
      await pos.call(c.sales.void, { saleId: sold.sale.id, reason: 'Wrong ticket sold', tender: 'voucher' }),
    ).toMatchObject({ ok: false, reason: 'VOUCHER_NEEDS_ENROLMENT' });
    expect(['refunds', 'payments', 'vouchers', 'outbox'].map(count)).toEqual(before);
    expect(
      await pos.call(c.sales.refund, { saleId: sold.sale.id, units: [unit], reason: 'Customer request' }),
    ).toMatchObject({ ok: true });
  });

  it('voids a card sale onto one voucher with no override, signed and pushed with the void', async () => {
    await start(true);
    const sold = await sell();
    const voided = await pos.must(c.sales.void, {
      saleId: sold.sale.id,
      reason: 'Wrong ticket sold',
      tender: 'voucher',
    });
    const refund = voided.refunds[0]!;
    expect(voided.sale.status).toBe('voided');
    expect(voided.vouchers).toEqual([
      expect.objectContaining({ refundId: refund.id, amount: sold.sale.total, lineId: null }),
    ]);
    expect(voided.vouchers[0]!.secret).toHaveLength(164);
    const pushed = readOutbox(pos.terminal.db).find((e) => e.type === 'void');
    expect(pushed?.payload).toMatchObject({
      payments: [{ tender: 'voucher', amount: -sold.sale.total, voucherId: voided.vouchers[0]!.id }],
      vouchers: [{ id: voided.vouchers[0]!.id, refundId: refund.id }],
    });
  });

  it('issues a training refund’s voucher without a code: it prints as no voucher and is never pushed', async () => {
    await start(false);
    pos.terminal.db.prepare("UPDATE staff SET training = 1 WHERE id = 'staff-max'").run();
    const sold = await sell();
    expect(sold.sale.training).toBe(1);
    const refunded = await pos.must(c.sales.refund, {
      saleId: sold.sale.id,
      units: [{ lineId: sold.units[0]!.lineId, unitIndex: 0 }],
      reason: 'Customer request',
      tender: 'voucher',
    });
    const refund = refunded.refunds[0]!;
    expect(refunded.vouchers).toEqual([
      expect.objectContaining({ refundId: refund.id, amount: refund.amount, secret: null, keyId: null }),
    ]);
    const paper = refundReceipt(refunded, refund, {
      language: 'en',
      paperWidth: 80,
      venue: null,
      terminalId: 'T',
      staffName: () => 'Max',
      training: true,
    });
    expect(paper).toContain('TRAINING: NOT A VOUCHER');
    expect(readOutbox(pos.terminal.db).filter((e) => e.type !== 'shift.open')).toEqual([]);
  });
});
