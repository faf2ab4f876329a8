import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

describe('staff sign-in and permissions', () => {
  let pos: TestTerminal;
  beforeEach(async () => {
    pos = await startTestTerminal();
  });
  afterEach(() => pos.close());

  it('lists staff without revealing PIN hashes', async () => {
    const staff = await pos.must(c.staff.list);
    expect(staff.map((s) => s.name)).toEqual(['Max Manager', 'Sam Seller', 'Sue Supervisor']);
    expect(JSON.stringify(staff)).not.toContain('scrypt');
  });

  it('signs in with the right PIN and refuses a wrong one', async () => {
    const wrong = await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '9999' });
    expect(wrong).toMatchObject({ ok: false, reason: 'WRONG_PIN' });
    expect(await pos.must(c.staff.session)).toBeNull();
    const session = await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '1111' });
    expect(session).toMatchObject({ name: 'Sam Seller', role: { id: 'seller' }, locked: false });
  });

  it('locks the account for five minutes after five wrong PINs, even against the right PIN', async () => {
    for (let i = 0; i < 4; i++) {
      expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '0000' })).toMatchObject({
        reason: 'WRONG_PIN',
      });
    }
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '0000' })).toMatchObject({
      reason: 'LOCKED_OUT',
    });
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '1111' })).toMatchObject({
      reason: 'LOCKED_OUT',
    });
    pos.clock.advance(4 * 60_000);
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '1111' })).toMatchObject({
      reason: 'LOCKED_OUT',
    });
    pos.clock.advance(61_000);
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '1111' })).toMatchObject({ ok: true });
  });

  it('refuses every selling call before sign-in', async () => {
    for (const channel of [c.catalogue.events, c.cart.get, c.codes.search, c.shift.current] as const) {
      expect(await pos.call(channel, channel === c.codes.search ? { query: '' } : {})).toMatchObject({
        ok: false,
        reason: 'NOT_SIGNED_IN',
      });
    }
  });

  it('locks the session after the idle time and unlocks with the same PIN', async () => {
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '1111' });
    pos.clock.advance(6 * 60_000);
    const locked = await pos.call(c.cart.get);
    expect(locked).toMatchObject({ ok: false, reason: 'SESSION_LOCKED' });
    expect(await pos.call(c.staff.unlock, { pin: '2222' })).toMatchObject({ ok: false, reason: 'WRONG_PIN' });
    await pos.must(c.staff.unlock, { pin: '1111' });
    expect(await pos.call(c.cart.get)).toMatchObject({ ok: true });
  });

  it('enforces permissions in the core whatever the screen shows', async () => {
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '1111' });
    const refused = await pos.call(c.sales.void, { saleId: 'x', reason: 'customer changed mind' });
    expect(refused).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    if (!refused.ok) expect(refused.message).toContain('Seller');
    expect(await pos.call(c.shift.close, { countedCash: 0 })).toMatchObject({ reason: 'FORBIDDEN' });
  });

  it('speaks German when the terminal is set to German', async () => {
    await pos.must(c.settings.update, { language: 'de' });
    const wrong = await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '9999' });
    expect(wrong.ok ? '' : wrong.message).toMatch(/Falsche PIN/);
  });
});
