import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { askOveruse, payCash } from '../../helpers/overuse';
import { createCode, sell, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/SECURITY.md "Overuse caps": the terminal's main process refuses a supervisor's overuse grant
// past their role's cap for the business day, counting the grants made at this terminal, with the cap
// pulled from the server like the rest of the role.

describe('sync: a role’s overuse cap at the terminal', () => {
  const { world, enrolled } = useSyncWorld();

  const ask = (pos: TestTerminal, approverId: string, pin: string) =>
    askOveruse(pos, world().catalogue, 'ONCEONLY', { id: approverId, pin });

  it('refuses a supervisor past their cap with the sentence, keeps the cart, and follows the pulled cap', async () => {
    const { api } = world().org;
    const door = { name: 'Door', customDiscountCeiling: { percent: 0, amount: 0 } };
    expect(
      (
        await api.post('/v1/roles', {
          id: 'door',
          ...door,
          permissions: ['sell', 'overuse.grant'],
          overuseCap: 1,
        })
      ).status,
    ).toBe(201);
    const dora = await api.post<{ id: string }>('/v1/staff', {
      name: 'Dora Door',
      roleId: 'door',
      pin: '3819',
    });
    expect(dora.status).toBe(201);
    await createCode(api, { code: 'ONCEONLY', rules: { maxUses: 1 } });

    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world().catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    expect(pos.terminal.db.prepare("SELECT overuse_cap AS cap FROM roles WHERE id = 'door'").get()).toEqual({
      cap: 1,
    });
    expect(await sell(pos, world().catalogue, { code: 'ONCEONLY' })).toMatchObject({ ok: true });

    expect(await ask(pos, dora.body.id, '3819')).toMatchObject({ ok: true });
    await payCash(pos);
    const refused = await ask(pos, dora.body.id, '3819');
    expect(refused).toEqual({
      ok: false,
      reason: 'OVERUSE_CAP_REACHED',
      message:
        'Dora Door has granted 1 overuse this business day, and their role allows 1 a day: ask a manager to grant this one.',
    });
    // Nothing was lost: the seat and the code are still in the cart, waiting for another supervisor.
    const kept = await pos.must(c.cart.get);
    expect(kept.lines).toHaveLength(1);
    expect(kept.code).toMatchObject({ code: 'ONCEONLY', applies: false, overridable: true, overuse: null });
    const sid = await pos.must(c.cart.grantOveruse, {
      approverId: world().catalogue.supervisorId,
      pin: '8142',
      reason: 'Manager decision',
    });
    expect(sid.code).toMatchObject({ applies: true, overuse: { approverName: 'Sid Supervisor' } });
    await payCash(pos);

    // A raised cap reaches the terminal with the next pull.
    expect(
      (await api.put('/v1/roles/door', { ...door, permissions: ['sell', 'overuse.grant'], overuseCap: 2 }))
        .status,
    ).toBe(200);
    await pos.must(c.sync.now);
    expect(await ask(pos, dora.body.id, '3819')).toMatchObject({ ok: true });
    await payCash(pos);
    expect(await ask(pos, dora.body.id, '3819')).toMatchObject({ reason: 'OVERUSE_CAP_REACHED' });

    // The next business day (04:00 in the venue's Berlin) starts the count again.
    world().clock.set('2026-11-22T02:59:00.000Z');
    await pos.must(c.staff.unlock, { pin: '7305' });
    expect(await ask(pos, dora.body.id, '3819')).toMatchObject({ reason: 'OVERUSE_CAP_REACHED' });
    world().clock.set('2026-11-22T03:00:00.000Z');
    expect(await ask(pos, dora.body.id, '3819')).toMatchObject({ ok: true });
  });
});
