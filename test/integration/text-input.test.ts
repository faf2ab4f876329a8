import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// The renderer is untrusted: text the central database could never store is refused at the IPC
// boundary, before it can reach a sale and the outbox that carries it to the server.

describe('text the terminal refuses at its boundary', () => {
  let pos: TestTerminal;

  beforeAll(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterAll(() => pos.close());

  it.each([
    ['customer id', { id: 'C-\u0000', name: 'Ada', priorOrders: 0, groups: [] }],
    ['customer name', { id: 'C-1', name: 'Ad\ud800a', priorOrders: 0, groups: [] }],
    ['customer group', { id: 'C-1', name: 'Ada', priorOrders: 0, groups: ['m\u0000'] }],
  ])('refuses a %s with NUL or a lone surrogate as INVALID_REQUEST', async (_field, customer) => {
    const reply = await pos.call(c.cart.setCustomer, { customer });
    expect(reply).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
    expect(reply.ok || reply.message).toMatch(/NUL character or broken Unicode/);
    expect((await pos.must(c.cart.get)).customer).toBeNull();
  });

  it('refuses a code typed with NUL, and still takes the same customer and code typed cleanly', async () => {
    expect(await pos.call(c.cart.applyCode, { input: 'SUMMER\u000020' })).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
    });
    const cart = await pos.must(c.cart.setCustomer, {
      customer: { id: 'C-1', name: 'Ada 🎭', priorOrders: 0, groups: [] },
    });
    expect(cart.customer).toMatchObject({ id: 'C-1', name: 'Ada 🎭' });
  });
});
