import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, hasPermission, type RoleDefinition } from '../../shared/auth/permissions';
import { allChannelNames, channels as c, type ChannelName } from '../../shared/ipc/channels';
import { requestSchemas } from '../../shared/ipc/contract';
import { accessRules, type AccessRule } from '../../src-main/ipc/access';
import { addRefunder } from '../helpers/staff';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

/**
 * Every channel, taken from the channel list so a new one is covered without touching this file, is
 * called through the real dispatcher of a real in-process terminal: signed out, as the role with the
 * fewest permissions, and as a manager. The access rule decides; the handler never gets to.
 */
const REFUSED = ['NOT_SIGNED_IN', 'SESSION_LOCKED', 'FORBIDDEN'];
const rule = (channel: ChannelName): AccessRule => accessRules[channel];
const lowest = [...BUILT_IN_ROLES].sort((a, b) => a.permissions.length - b.permissions.length)[0]!;

function admits(channel: ChannelName, role: RoleDefinition): boolean {
  const r = rule(channel);
  if (r.kind !== 'permission') return true;
  return r.anyOf.some((p) => hasPermission(role, p));
}

describe('access to every terminal channel', () => {
  let pos: TestTerminal;
  beforeAll(async () => {
    pos = await startTestTerminal({ printer: { enabled: false } });
  });
  afterAll(() => pos.close());

  /** Signs `staffId` in again if a public channel (sign-out, lock) ended or locked the session. */
  const signedInAs = async (staffId: string, pin: string) => {
    const session = await pos.must(c.staff.session);
    if (session?.staffId !== staffId || session.locked) await pos.must(c.staff.signIn, { staffId, pin });
  };

  it('every channel has a rule, and every public one says why', () => {
    for (const channel of allChannelNames) {
      const r = rule(channel);
      expect(r, channel).toBeDefined();
      if (r.kind === 'public') expect(r.why.length, channel).toBeGreaterThan(10);
    }
  });

  it('signed out, only public channels answer', async () => {
    await pos.must(c.staff.signOut);
    for (const channel of allChannelNames) {
      const result = await pos.call(channel, {});
      if (rule(channel).kind === 'public') {
        expect(REFUSED, `${channel} is public`).not.toContain(result.ok ? 'ok' : result.reason);
      } else {
        expect(result, `${channel} signed out`).toMatchObject({ ok: false, reason: 'NOT_SIGNED_IN' });
      }
    }
  });

  it(`as a ${lowest.id}, channels their role is not admitted to are refused`, async () => {
    expect(lowest.id).toBe('seller');
    let refused = 0;
    for (const channel of allChannelNames) {
      await signedInAs('staff-sam', '4826');
      const result = await pos.call(channel, {});
      if (admits(channel, lowest)) {
        expect(REFUSED, `${channel} admits a seller`).not.toContain(result.ok ? 'ok' : result.reason);
      } else {
        refused += 1;
        expect(result, `${channel} as a seller`).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
      }
    }
    // The table is not all open: these stay beyond a seller whatever else changes.
    for (const channel of [
      c.system.loadDemo,
      c.print.settingsUpdate,
      c.sync.enrol,
      c.sales.refund,
      c.sales.void,
      c.shift.close,
      c.manage.signIn,
      c.manage.createCode,
    ]) {
      expect(admits(channel, lowest), channel).toBe(false);
    }
    expect(refused).toBeGreaterThan(20);
  });

  it('as a manager, no channel is refused for access (no rule is impossible to meet)', async () => {
    for (const channel of allChannelNames) {
      await signedInAs('staff-max', '640273');
      const result = await pos.call(channel, {});
      expect(REFUSED, `${channel} as a manager`).not.toContain(result.ok ? 'ok' : result.reason);
    }
  });

  it('a seller may preview a receipt but not a Z report (a rule on the parsed request)', async () => {
    await signedInAs('staff-sam', '4826');
    const zReport = await pos.call(c.print.preview, { shiftId: 'shift-1' });
    expect(zReport).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    const receipt = await pos.call(c.print.preview, { saleId: 'sale-1' });
    expect(REFUSED).not.toContain(receipt.ok ? 'ok' : receipt.reason);
  });

  it('a seller may reprint tickets with a new barcode, but the same barcode needs tickets.duplicate', async () => {
    await signedInAs('staff-sam', '4826');
    const reprint = (mode: 'new_secret' | 'same_barcode') =>
      pos.call(c.tickets.reprint, { saleId: 'no-such-sale', mode });
    const same = await reprint('same_barcode');
    expect(same).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect(same.ok ? '' : same.message).toContain('reprint tickets with the same barcode');
    // Admitted: the service answers that there is no such sale.
    expect(await reprint('new_secret')).toMatchObject({ ok: false, reason: 'UNKNOWN_SALE' });
    await signedInAs('staff-sue', '5937');
    expect(await reprint('same_barcode')).toMatchObject({ ok: false, reason: 'UNKNOWN_SALE' });
  });

  it('a refund tender override needs custom.approve, refused before any service runs; a comp tender is the cart service’s', async () => {
    await signedInAs('staff-sam', '4826');
    // No such cart: a request the dispatcher admitted would be refused by checkout as STALE_CART.
    const tenders = (tender: 'cash' | 'complimentary') => ({
      cartId: 'no-such-cart',
      tenders: [{ tender, amount: 0 }],
    });
    // docs/CASH.md "Comps": a complimentary tender finishes only an order comped whole, and each comp
    // was checked (sale.comp or a supervisor's PIN) by the cart service when it was made.
    for (const tender of ['cash', 'complimentary'] as const)
      expect(await pos.call(c.checkout.complete, tenders(tender))).toMatchObject({
        ok: false,
        reason: 'STALE_CART',
      });

    await pos.must(c.staff.signIn, await addRefunder(pos.terminal.db));
    const refund = { saleId: 'no-such-sale', units: [{ lineId: 'l', unitIndex: 0 }], reason: 'wants cash' };
    const override = await pos.call(c.sales.refund, { ...refund, override: { reason: 'because' } });
    expect(override).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect(override.ok ? '' : override.message).toContain(
      'pay a refund back another way than the sale was paid',
    );
    expect(await pos.call(c.sales.refund, refund)).toMatchObject({ ok: false, reason: 'UNKNOWN_SALE' });
    // A supervisor holds custom.approve: admitted, and the service answers.
    await signedInAs('staff-sue', '5937');
    expect(await pos.call(c.checkout.complete, tenders('complimentary'))).toMatchObject({
      reason: 'STALE_CART',
    });
    expect(await pos.call(c.sales.refund, { ...refund, override: { reason: 'because' } })).toMatchObject({
      reason: 'UNKNOWN_SALE',
    });
  });

  it('settings.update is public only because it can change nothing but the display language', () => {
    const schema = requestSchemas[c.settings.update];
    expect(Object.keys(schema.shape)).toEqual(['language']);
    expect(schema.safeParse({ language: 'de', serverUrl: 'http://evil' }).success).toBe(false);
  });
});
