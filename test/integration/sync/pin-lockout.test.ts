import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { PIN_LOCK_AFTER_FAILURES, PIN_LOCKOUT_MINUTES } from '../../../shared/auth/pin-policy';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { getStaff, saveServerPinState } from '../../../src-main/db/repos/staff-repo';
import { useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// Finding 4 of the security issue: a wrong PIN at any terminal counts for the person everywhere. The
// terminals report each check (pin.attempt), the server keeps one count and lock per person, and the
// lock reaches every terminal of the person's venues on pull.

describe('sync: PIN lockout per person across terminals', { timeout: 120_000 }, () => {
  const { world, enrolled } = useSyncWorld();

  const serverState = async (staffId: string) => {
    const [row] = await world()
      .server.db()
      .query<{ failures: number; lockedUntil: Date | null }>(
        'SELECT pin_failures AS failures, pin_locked_until AS "lockedUntil" FROM staff WHERE id = $1',
        [staffId],
      );
    return row;
  };
  const signIn = (pos: TestTerminal, pin: string) =>
    pos.call(c.staff.signIn, { staffId: world().catalogue.supervisorId, pin });

  it('refuses at terminal B, even with the right PIN, someone terminal A locked', async () => {
    const a = await enrolled();
    const b = await enrolled();
    const supervisor = world().catalogue.supervisorId;
    for (let i = 1; i < PIN_LOCK_AFTER_FAILURES; i++) {
      expect(await signIn(a, '0000')).toMatchObject({ ok: false, reason: 'WRONG_PIN' });
    }
    expect(await signIn(a, '0000')).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    const reported = readOutbox(a.terminal.db).filter((e) => e.type === 'pin.attempt');
    expect(reported).toHaveLength(PIN_LOCK_AFTER_FAILURES);
    // Who and when, never the PIN.
    expect(Object.keys(reported[0]?.payload as object).sort()).toEqual(['at', 'ok', 'staffId', 'terminalId']);

    expect(await a.terminal.sync.syncNow()).toMatchObject({ ok: true });
    const locked = await serverState(supervisor);
    expect(locked?.failures).toBe(PIN_LOCK_AFTER_FAILURES);
    expect(locked?.lockedUntil).not.toBeNull();

    // B has never seen a wrong PIN for this person: the server's lock is what refuses them.
    expect(await b.terminal.sync.syncNow()).toMatchObject({ ok: true });
    expect(getStaff(b.terminal.db, supervisor)?.failedAttempts).toBe(0);
    const refused = await signIn(b, '8142');
    expect(refused).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    expect((refused as { message: string }).message).toMatch(/locked until \d\d:\d\d\. .*ask a manager/);

    // Once the lock has run out the right PIN works, and the success clears the count on the server.
    world().clock.advance(PIN_LOCKOUT_MINUTES * 60_000 + 1);
    expect(await signIn(b, '8142')).toMatchObject({ ok: true });
    expect(await b.terminal.sync.syncNow()).toMatchObject({ ok: true });
    expect(await serverState(supervisor)).toEqual({ failures: 0, lockedUntil: null });
  });

  it('adds wrong PINs at different terminals together', async () => {
    const a = await enrolled();
    const b = await enrolled();
    const supervisor = world().catalogue.supervisorId;
    for (let i = 0; i < 3; i++) await signIn(a, '0000');
    await a.terminal.sync.syncNow();
    await b.terminal.sync.syncNow();
    expect(await signIn(b, '0000')).toMatchObject({ ok: false, reason: 'WRONG_PIN' });
    await b.terminal.sync.syncNow();
    // Five wrong in all: the fifth, at B, locks the person.
    expect(await signIn(b, '0000')).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    expect(await signIn(b, '8142')).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    await b.terminal.sync.syncNow();
    await a.terminal.sync.syncNow();
    expect(await signIn(a, '8142')).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    expect((await serverState(supervisor))?.failures).toBe(PIN_LOCK_AFTER_FAILURES);
    world().clock.advance(PIN_LOCKOUT_MINUTES * 60_000 + 1);
    expect(await signIn(a, '8142')).toMatchObject({ ok: true });
    await a.terminal.sync.syncNow();
  });

  it('never lets the server’s older word unlock someone this terminal locked', async () => {
    const a = await enrolled();
    const supervisor = world().catalogue.supervisorId;
    for (let i = 0; i < PIN_LOCK_AFTER_FAILURES; i++) await signIn(a, '0000');
    // What a pull made before the failures reached the server says: no failures, no lock.
    saveServerPinState(a.terminal.db, supervisor, { failures: 0, lockedUntil: null });
    expect(await signIn(a, '8142')).toMatchObject({ ok: false, reason: 'LOCKED_OUT' });
    world().clock.advance(PIN_LOCKOUT_MINUTES * 60_000 + 1);
    await a.terminal.sync.syncNow();
    expect(await signIn(a, '8142')).toMatchObject({ ok: true });
    await a.terminal.sync.syncNow();
  });

  it('lifts the lock everywhere when a manager sets a new PIN', async () => {
    const a = await enrolled();
    const supervisor = world().catalogue.supervisorId;
    for (let i = 0; i < PIN_LOCK_AFTER_FAILURES; i++) await signIn(a, '0000');
    await a.terminal.sync.syncNow();
    const reset = await world().org.api.patch(`/v1/staff/${supervisor}`, { pin: '3816' });
    expect(reset.status).toBe(200);
    expect(await serverState(supervisor)).toEqual({ failures: 0, lockedUntil: null });
    await a.terminal.sync.syncNow();
    expect(await signIn(a, '3816')).toMatchObject({ ok: true });
    // Back to the PIN the other tests use.
    await world().org.api.patch(`/v1/staff/${supervisor}`, { pin: '8142' });
  });
});
