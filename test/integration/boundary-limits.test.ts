import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { MAX_MONEY_MINOR } from '../../shared/money';
import { randomUUID } from 'node:crypto';
import { saveEnrolment } from '../../src-main/db/repos/sync-repo';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls';
const HUGE = Number.MAX_SAFE_INTEGER;

describe('money and refund requests at the boundary', () => {
  let pos: TestTerminal;
  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
  });
  afterEach(() => pos.close());

  const checkout = async (tenders: { tender: 'cash'; amount: number; tendered?: number }[]) => {
    const cart = await pos.must(c.cart.get);
    return pos.call(c.checkout.complete, { cartId: cart.id, tenders });
  };

  it('refuses tenders above what a box office takes, with a sentence saying the bound', async () => {
    for (const tenders of [
      [{ tender: 'cash' as const, amount: HUGE }],
      [
        { tender: 'cash' as const, amount: HUGE },
        { tender: 'cash' as const, amount: HUGE },
      ],
      [{ tender: 'cash' as const, amount: 100, tendered: HUGE }],
      [
        { tender: 'cash' as const, amount: MAX_MONEY_MINOR },
        { tender: 'cash' as const, amount: MAX_MONEY_MINOR },
      ],
    ]) {
      const result = await checkout(tenders);
      expect(result).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
      if (!result.ok) expect(result.message).toContain('at most 10,000,000.00');
    }
    expect(await pos.call(c.shift.close, { countedCash: HUGE })).toMatchObject({ reason: 'INVALID_REQUEST' });
  });

  it('refuses a refund that lists one item twice', async () => {
    const cart = await pos.must(c.cart.get);
    const sale = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    const one = { lineId: sale.units[0]!.lineId, unitIndex: 0 };
    const result = await pos.call(c.sales.refund, {
      saleId: sale.sale.id,
      units: [one, one],
      reason: 'Customer request',
    });
    expect(result).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
    if (!result.ok) expect(result.message).toContain('list each item once');
  });
});

describe('loading the demo data', () => {
  let pos: TestTerminal;
  beforeEach(async () => {
    pos = await startTestTerminal();
  });
  afterEach(() => pos.close());

  it('needs a signed-in manager', async () => {
    expect(await pos.call(c.system.loadDemo)).toMatchObject({ ok: false, reason: 'NOT_SIGNED_IN' });
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    expect(await pos.call(c.system.loadDemo)).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    expect(await pos.call(c.system.loadDemo)).toMatchObject({ ok: true });
  });

  it('is refused once the terminal is enrolled', async () => {
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    // What a completed enrolment leaves in the store (src-main/services/sync/enrol.ts).
    saveEnrolment(pos.terminal.db, {
      terminalId: randomUUID(),
      terminalName: 'Window 1',
      epoch: 1,
      venueId: randomUUID(),
      at: new Date(pos.clock.now()).toISOString(),
      clock: pos.clock.now(),
    });
    const result = await pos.call(c.system.loadDemo);
    expect(result).toMatchObject({ ok: false, reason: 'DEMO_ENROLLED' });
  });
});
