import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { secretStoreWithKey } from '../../helpers/device-key';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

// docs/ORDERS.md: a standalone terminal's journal searches and opens its own sales from SQLite, through
// the dispatcher as the screens call it.

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls';

describe('sales journal on this terminal', () => {
  let pos: TestTerminal;
  let ada: SaleRecord;
  let plain: SaleRecord;

  const sell = async (qty: number, customer?: { name: string; email?: string; phone?: string }) => {
    if (customer) {
      await pos.must(c.cart.setCustomer, {
        customer: { id: `c-${customer.name}`, ...customer, priorOrders: 0, groups: [] },
      });
    }
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
    const cart = await pos.must(c.cart.get);
    pos.clock.advance(60_000);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  };
  const ids = async (request: Parameters<typeof pos.must<typeof c.journal.search>>[1]) =>
    (await pos.must(c.journal.search, request)).rows.map((r) => r.orderId);

  beforeEach(async () => {
    // The print queue keeps its jobs (printing is off): a reprint is recorded all the same.
    pos = await startTestTerminal({ secrets: secretStoreWithKey().secrets, printer: { enabled: false } });
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.print.settingsUpdate, { output: 'network', host: '127.0.0.1', port: 9100 });
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    ada = await sell(2, { name: 'Ada Lovelace', email: 'Ada@Example.test', phone: '+49 (30) 1234-5678' });
    plain = await sell(1);
  });
  afterEach(() => pos.close());

  it('searches by receipt number, order id, ticket QR, customer name, e-mail and phone, newest first', async () => {
    const all = await pos.must(c.journal.search, {});
    expect(all.scope).toBe('this-terminal');
    expect(all.notice).toMatch(/not enrolled/);
    expect(all.rows.map((r) => r.orderId)).toEqual([plain.sale.id, ada.sale.id]);
    expect(all.rows[1]).toMatchObject({
      receiptNo: ada.sale.receiptNo,
      buyer: 'Ada Lovelace Ada@Example.test',
      total: ada.sale.total,
      status: 'completed',
      cashierName: 'Sue Supervisor',
    });
    expect(await ids({ q: String(plain.sale.receiptNo) })).toEqual([plain.sale.id]);
    expect(await ids({ q: ada.sale.id })).toEqual([ada.sale.id]);
    expect(await ids({ q: `${ada.tickets[1]!.secret!}\r\n` })).toEqual([ada.sale.id]);
    expect(await ids({ q: 'ada l' })).toEqual([ada.sale.id]);
    expect(await ids({ q: 'LOVE' })).toEqual([ada.sale.id]);
    expect(await ids({ q: 'ada@example' })).toEqual([ada.sale.id]);
    expect(await ids({ q: '030 1234-5678' })).toEqual([]);
    expect(await ids({ q: '30 12345678' })).toEqual([ada.sale.id]);
    expect(await ids({ q: 'grace' })).toEqual([]);
    expect(await ids({ performanceId: '00000000-0000-7000-8000-000000000001' })).toEqual([]);
    expect(await ids({ to: ada.sale.createdAt })).toEqual([ada.sale.id]);
    expect(await ids({ from: plain.sale.createdAt.replace('Z', '+00:00') })).toEqual([plain.sale.id]);
    const firstPage = await pos.must(c.journal.search, { limit: 1 });
    expect(firstPage.rows.map((r) => r.orderId)).toEqual([plain.sale.id]);
    expect(await ids({ limit: 1, cursor: firstPage.nextCursor! })).toEqual([ada.sale.id]);
  });

  it('opens an order by receipt number or QR with its lines, tickets and history, and records a reprint', async () => {
    const view = await pos.must(c.journal.open, { ref: String(ada.sale.receiptNo) });
    expect(view).toMatchObject({
      scope: 'this-terminal',
      canRefund: true,
      canReprint: true,
      refundNote: null,
      order: { orderId: ada.sale.id, status: 'completed' },
      lines: [{ qty: 2, refundedQty: 0 }],
      payments: [{ tender: 'cash', amount: ada.sale.total }],
    });
    expect(view.tickets.map((t) => t.status)).toEqual(['valid', 'valid']);
    expect(view.history.map((h) => h.kind)).toEqual(['sale']);
    expect((await pos.must(c.journal.open, { ref: ada.tickets[0]!.secret! })).order.orderId).toBe(
      ada.sale.id,
    );

    await pos.must(c.print.receipt, { saleId: ada.sale.id, duplicate: true });
    pos.clock.advance(1_000);
    await pos.must(c.sales.refund, {
      saleId: ada.sale.id,
      units: [{ lineId: ada.lines[0]!.id, unitIndex: 0 }],
      reason: 'Customer request',
      note: 'moved abroad',
    });
    const after = await pos.must(c.journal.open, { ref: ada.sale.id });
    expect(after.history.map((h) => h.kind)).toEqual(['sale', 'reprint_receipt', 'refund']);
    // docs/CASH.md "Reasons": the listed label, its note in brackets after it.
    expect(after.history[2]).toMatchObject({
      amount: ada.units[0]!.total,
      reason: 'Customer request (moved abroad)',
    });
    expect(after.refunds).toMatchObject([{ reason: 'Customer request', note: 'moved abroad' }]);
    expect(after.order.status).toBe('partly_refunded');
    expect(after.tickets.map((t) => t.status).sort()).toEqual(['valid', 'void']);
    expect(after.lines[0]?.refundedQty).toBe(1);
  });

  it('answers an unknown or unusable reference with a sentence', async () => {
    const unknown = await pos.call(c.journal.open, { ref: '999' });
    expect(unknown).toMatchObject({ ok: false, reason: 'JOURNAL_UNKNOWN_ORDER' });
    expect(unknown.ok ? '' : unknown.message).toMatch(/No order matches “999”/);
    expect(await pos.call(c.journal.open, { ref: 'Ada' })).toMatchObject({
      ok: false,
      reason: 'JOURNAL_OPEN_NEEDS_REFERENCE',
    });
    expect(await pos.call(c.journal.open, { ref: 'A'.repeat(164) })).toMatchObject({
      ok: false,
      reason: 'JOURNAL_NOT_A_CODE',
    });
    expect(await pos.call(c.journal.search, { cursor: 'nonsense' })).toMatchObject({
      ok: false,
      reason: 'JOURNAL_BAD_CURSOR',
    });
  });
});
