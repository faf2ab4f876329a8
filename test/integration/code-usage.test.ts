import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { usageFor, usageForCodes } from '../../src-main/db/repos/usage-repo';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls';
const PANTO = 'perf-panto-2';
const PANTO_ADULT = 'price-panto-adult-stalls';
const ADA = { id: 'C-1', name: 'Ada', priorOrders: 0, groups: [] };
const BOB = { id: 'C-2', name: 'Bob', priorOrders: 0, groups: [] };
const SCOPE = {
  eventIds: ['event-hamlet', 'event-panto', 'event-jazz'],
  scheduleIds: [HAMLET, PANTO, 'perf-none'],
};

describe('usageForCodes', () => {
  let pos: TestTerminal;

  const sell = async (
    performanceId: string,
    ticketPriceId: string,
    qty: number,
    code: string,
    customer: typeof ADA | null,
  ) => {
    await pos.must(c.cart.addTicket, { performanceId, ticketPriceId, qty });
    await pos.must(c.cart.setCustomer, { customer });
    await pos.must(c.cart.applyCode, { input: code });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  };

  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    await sell(HAMLET, ADULT_STALLS, 2, 'SUMMER20', ADA);
    await sell(PANTO, PANTO_ADULT, 1, 'SUMMER20', ADA);
    await sell(HAMLET, ADULT_STALLS, 1, 'SUMMER20', BOB);
    await sell(HAMLET, ADULT_STALLS, 3, 'TENOFF', ADA);
    const voided = await sell(PANTO, PANTO_ADULT, 1, 'TENOFF', ADA);
    // A supervisor voids it: the use goes back.
    await pos.must(c.sales.void, { saleId: voided.sale.id, reason: 'Wrong ticket sold' });
  });
  afterEach(() => pos.close());

  it('reads each code in a batch as it reads it alone', () => {
    const db = pos.terminal.db;
    const ids = ['code-summer20', 'code-tenoff', 'code-limited'];
    for (const customer of ['C-1', 'C-2', 'C-3', null]) {
      const all = usageForCodes(db, ids, customer, SCOPE);
      expect([...all.keys()]).toEqual(ids);
      for (const id of ids) expect(all.get(id)).toEqual(usageFor(db, id, customer, SCOPE));
    }
  });

  it('counts uses, units and discount per code, per customer and per event and performance', () => {
    const all = usageForCodes(
      pos.terminal.db,
      ['code-summer20', 'code-tenoff', 'code-limited'],
      'C-1',
      SCOPE,
    );
    expect(all.get('code-summer20')).toMatchObject({
      uses: 3,
      itemUses: 4,
      customerUses: 2,
      customerItemUses: 3,
      customerUsesByEvent: { 'event-hamlet': 1, 'event-panto': 1, 'event-jazz': 0 },
      customerUsesBySchedule: { [HAMLET]: 1, [PANTO]: 1, 'perf-none': 0 },
    });
    // The voided sale gave its use back.
    expect(all.get('code-tenoff')).toMatchObject({
      uses: 1,
      customerUses: 1,
      customerUsesByEvent: { 'event-hamlet': 1, 'event-panto': 0, 'event-jazz': 0 },
    });
    expect(all.get('code-limited')).toEqual({
      uses: 0,
      itemUses: 0,
      discountGiven: 0,
      customerUses: 0,
      customerItemUses: 0,
      customerUsesByEvent: { 'event-hamlet': 0, 'event-panto': 0, 'event-jazz': 0 },
      customerUsesBySchedule: { [HAMLET]: 0, [PANTO]: 0, 'perf-none': 0 },
    });
  });

  it('leaves the per-customer counts empty without a customer', () => {
    expect(usageForCodes(pos.terminal.db, ['code-summer20'], null, SCOPE).get('code-summer20')).toEqual({
      uses: 3,
      itemUses: 4,
      discountGiven: expect.any(Number) as number,
      customerUses: 0,
      customerItemUses: 0,
      customerUsesByEvent: {},
      customerUsesBySchedule: {},
    });
  });
});
