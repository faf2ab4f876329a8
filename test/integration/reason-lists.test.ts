import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { SaleRecord } from '../../shared/ipc/domains/sales';
import { getVenue, setVenueReasons } from '../../src-main/db/repos/catalogue-repo';
import { readOutbox } from '../../src-main/db/repos/outbox-repo';
import { refundReceipt, saleReceipt } from '../../src-main/services/printing/documents';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// docs/CASH.md "Reasons": custom discounts, overuse, refunds, voids and an exchange's refund take a
// reason from the organisation's list for the category, checked by the main process, with a note.

const HAMLET = 'perf-hamlet-1';
const HAMLET_2 = 'perf-hamlet-2';
const ADULT_STALLS = 'price-hamlet-adult-stalls';
const PAPER = {
  language: 'en',
  paperWidth: 80,
  venue: null,
  terminalId: 'T',
  staffName: () => 'Sue',
} as const;
const TABLES = ['sales', 'approvals', 'refunds', 'payments', 'outbox'] as const;

describe('reasons from the organisation’s lists', () => {
  let pos: TestTerminal;
  const rows = () =>
    Object.fromEntries(
      TABLES.map((t) => [
        t,
        (pos.terminal.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      ]),
    );
  const addAdults = (qty: number) =>
    pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
  const payCash = async (): Promise<SaleRecord> => {
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total, tendered: cart.total }],
    });
  };
  const unit = (sale: SaleRecord, i: number) => ({
    lineId: sale.units[i]!.lineId,
    unitIndex: sale.units[i]!.unitIndex,
  });
  const refused = (result: { ok: boolean; reason?: string; message?: string }, choices: string) => {
    expect(result).toMatchObject({ ok: false, reason: 'REASON_NOT_LISTED' });
    expect(result.message).toContain(`Pick one of: ${choices}. Add details in the note.`);
  };

  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterEach(() => pos.close());

  it('offers each category its list through cash.reasons', async () => {
    expect(await pos.must(c.cash.reasons, { category: 'refund' })).toContain('Customer request');
    expect(await pos.must(c.cash.reasons, { category: 'void' })).toContain('Wrong ticket sold');
  });

  it('takes a listed custom discount reason as listed with its note, and refuses another', async () => {
    await addAdults(2);
    const before = rows();
    const off = await pos.call(c.cart.setCustomDiscount, { kind: 'fixed', value: 300, reason: 'nice guy' });
    refused(off, 'Goodwill, Damaged view, Staff');
    expect((await pos.must(c.cart.get)).custom).toBeNull();
    expect(rows()).toEqual(before);

    const cart = await pos.must(c.cart.setCustomDiscount, {
      kind: 'fixed',
      value: 300,
      reason: ' damaged VIEW ',
      note: 'pillar in row F',
    });
    expect(cart.custom).toMatchObject({ reason: 'Damaged view', note: 'pillar in row F', amount: 300 });
    const sale = await payCash();
    expect(sale.sale).toMatchObject({ customReason: 'Damaged view', customNote: 'pillar in row F' });
    expect(saleReceipt(sale, PAPER)).toContain('Reason: Damaged view (pillar in row F)');
  });

  it('checks an overuse reason before the supervisor’s PIN, and records its note on the approval', async () => {
    for (let i = 0; i < 3; i++) {
      await addAdults(1);
      await pos.must(c.cart.applyCode, { input: 'LIMITED' });
      await payCash();
    }
    await addAdults(1);
    await pos.must(c.cart.applyCode, { input: 'LIMITED' });
    const before = rows();
    // A wrong PIN with an unlisted reason: the reason is refused first, so no PIN try is used.
    const off = await pos.call(c.cart.grantOveruse, { approverId: 'staff-sue', pin: '0000', reason: 'vip' });
    refused(off, 'Manager decision, Code limit reached by mistake');
    expect(rows()).toEqual(before);
    const granted = await pos.must(c.cart.grantOveruse, {
      approverId: 'staff-sue',
      pin: '5937',
      reason: 'Manager decision',
      note: 'school group of 30',
    });
    expect(granted.code?.overuse).toMatchObject({ reason: 'Manager decision', note: 'school group of 30' });
    const sale = await payCash();
    expect(sale.approvals).toEqual([
      expect.objectContaining({ kind: 'overuse', reason: 'Manager decision', note: 'school group of 30' }),
    ]);
  });

  it('records a refund’s and a void’s listed reason and note, pushed and printed; an unlisted one saves nothing', async () => {
    await addAdults(2);
    const sale = await payCash();
    const before = rows();
    refused(
      await pos.call(c.sales.refund, {
        saleId: sale.sale.id,
        units: [unit(sale, 0)],
        reason: 'changed mind',
      }),
      'Performance cancelled, Customer request, Wrong ticket sold, Exchanged for other tickets',
    );
    // A void takes the void list: a refund reason is not on it.
    refused(
      await pos.call(c.sales.void, { saleId: sale.sale.id, reason: 'Customer request' }),
      'Wrong ticket sold, Customer changed their mind, Payment failed',
    );
    expect(rows()).toEqual(before);

    const refunded = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'customer request',
      note: 'flight cancelled',
    });
    const refund = refunded.refunds[0]!;
    expect(refund).toMatchObject({ reason: 'Customer request', note: 'flight cancelled' });
    expect(refundReceipt(refunded, refund, PAPER)).toContain('Reason: Customer request (flight cancelled)');
    const voided = await pos.must(c.sales.void, { saleId: sale.sale.id, reason: 'Payment failed' });
    expect(voided.refunds[1]).toMatchObject({ reason: 'Payment failed', note: null });
    const pushed = readOutbox(pos.terminal.db)
      .filter((m) => m.type === 'refund' || m.type === 'void')
      .map((m) => (m.payload as { refund: { reason: string; note: string | null } }).refund);
    expect(pushed).toMatchObject([
      { reason: 'Customer request', note: 'flight cancelled' },
      { reason: 'Payment failed', note: null },
    ]);
  });

  it('enforces the organisation’s edited list, not the default one', async () => {
    const venue = getVenue(pos.terminal.db)!;
    setVenueReasons(pos.terminal.db, venue.id, { refund: ['Weather', 'Illness'] });
    expect(await pos.must(c.cash.reasons, { category: 'refund' })).toEqual(['Weather', 'Illness']);
    await addAdults(1);
    const sale = await payCash();
    const before = rows();
    refused(
      await pos.call(c.sales.refund, {
        saleId: sale.sale.id,
        units: [unit(sale, 0)],
        reason: 'Customer request',
      }),
      'Weather, Illness',
    );
    expect(rows()).toEqual(before);
    const refunded = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [unit(sale, 0)],
      reason: 'illness',
    });
    expect(refunded.refunds[0]).toMatchObject({ reason: 'Illness', note: null });
    // The categories left out keep the defaults.
    expect(await pos.must(c.cash.reasons, { category: 'void' })).toContain('Payment failed');
  });

  it('checks an exchange’s refund reason on the refund list, and says so in German too', async () => {
    await addAdults(1);
    const old = await payCash();
    const before = rows();
    const ask = {
      saleId: old.sale.id,
      units: [unit(old, 0)],
      lines: [{ performanceId: HAMLET_2, ticketPriceId: ADULT_STALLS, qty: 1 }],
      reason: 'other date',
      tenders: [],
    };
    refused(
      await pos.call(c.sales.exchange, ask),
      'Performance cancelled, Customer request, Wrong ticket sold, Exchanged for other tickets',
    );
    expect(rows()).toEqual(before);
    await pos.must(c.settings.update, { language: 'de' });
    const german = await pos.call(c.sales.exchange, ask);
    expect(german.ok ? '' : german.message).toContain('Bitte einen wählen: Performance cancelled');
    const done = await pos.must(c.sales.exchange, {
      ...ask,
      reason: 'Exchanged for other tickets',
      note: 'wanted Saturday',
    });
    const record = await pos.must(c.sales.find, { saleId: old.sale.id });
    expect(record.refunds.at(-1)).toMatchObject({
      reason: 'Exchanged for other tickets',
      note: 'wanted Saturday',
    });
    expect(done).toBeTruthy();
  });
});
