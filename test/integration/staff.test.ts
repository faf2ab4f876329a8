import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { getStaff, saveServerPinState } from '../../src-main/db/repos/staff-repo';
import { LOCK_AFTER_FAILURES, LOCKOUT_MINUTES } from '../../src-main/services/staff-service';
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
    const session = await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
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
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' })).toMatchObject({
      reason: 'LOCKED_OUT',
    });
    pos.clock.advance(4 * 60_000);
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' })).toMatchObject({
      reason: 'LOCKED_OUT',
    });
    pos.clock.advance(61_000);
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' })).toMatchObject({ ok: true });
  });

  it('checks no more PINs than the limit when 200 sign-ins arrive at once', async () => {
    // The probe's attack: wrong PINs and then the right one, all in flight before any hash finishes.
    const pins = Array.from({ length: 200 }, (_, i) => (i === 8 || i % 20 === 19 ? '4826' : '0000'));
    const results = await Promise.all(
      pins.map((pin) => pos.call(c.staff.signIn, { staffId: 'staff-sam', pin })),
    );
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.reason === 'WRONG_PIN')).toHaveLength(LOCK_AFTER_FAILURES - 1);
    // Every checked PIN was counted before its hash ran, so the count is the number checked.
    expect(getStaff(pos.terminal.db, 'staff-sam')?.failedAttempts).toBe(LOCK_AFTER_FAILURES);
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' })).toMatchObject({
      reason: 'LOCKED_OUT',
    });
    pos.clock.advance(LOCKOUT_MINUTES * 60_000 + 1);
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' })).toMatchObject({ ok: true });
    expect(getStaff(pos.terminal.db, 'staff-sam')?.failedAttempts).toBe(0);
  });

  it('accepts the right PIN sent within the limit even among parallel wrong ones', async () => {
    const pins = Array.from({ length: 200 }, (_, i) => (i === 2 ? '4826' : '0000'));
    const results = await Promise.all(
      pins.map((pin) => pos.call(c.staff.signIn, { staffId: 'staff-sam', pin })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const checked = results.filter((r) => r.ok || r.reason === 'WRONG_PIN');
    expect(checked.length).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
  });

  it('refuses the right PIN while the server holds a lock from other terminals, and counts on from its count', async () => {
    const until = new Date(pos.clock.now() + 60_000).toISOString();
    saveServerPinState(pos.terminal.db, 'staff-sam', { failures: LOCK_AFTER_FAILURES, lockedUntil: until });
    const refused = await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    expect(refused).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    expect((refused as { message: string }).message).toMatch(/locked until \d\d:\d\d\. .*ask a manager/);
    // Three wrong PINs elsewhere, none here: the next wrong one here is the fourth.
    saveServerPinState(pos.terminal.db, 'staff-sam', { failures: 3, lockedUntil: null });
    const fourth = await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '0000' });
    expect(fourth).toMatchObject({ ok: false, reason: 'WRONG_PIN' });
    expect((fourth as { message: string }).message).toContain('1 more');
    expect(await pos.call(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' })).toMatchObject({ ok: true });
    expect(getStaff(pos.terminal.db, 'staff-sam')).toMatchObject({ failedAttempts: 0, serverPinFailures: 0 });
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
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    pos.clock.advance(6 * 60_000);
    const locked = await pos.call(c.cart.get);
    expect(locked).toMatchObject({ ok: false, reason: 'SESSION_LOCKED' });
    expect(await pos.call(c.staff.unlock, { pin: '5937' })).toMatchObject({ ok: false, reason: 'WRONG_PIN' });
    await pos.must(c.staff.unlock, { pin: '4826' });
    expect(await pos.call(c.cart.get)).toMatchObject({ ok: true });
  });

  it('enforces permissions in the core whatever the screen shows', async () => {
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    const refused = await pos.call(c.sales.void, { saleId: 'x', reason: 'Wrong ticket sold' });
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
