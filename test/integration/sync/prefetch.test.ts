import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { waitFor } from '../../helpers/server-api';
import {
  createCode,
  enrolledTerminal,
  sell,
  startSyncWorld,
  type SyncWorld,
} from '../../helpers/sync-fixture';

describe('sync: leases a terminal takes before it needs them', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld(6);
  });
  afterAll(() => world.close());

  it("sells several seats at once online although each grant is a quarter of the pool, once a manager raises the terminal's cap", async () => {
    const pos = await enrolledTerminal(world);
    try {
      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      // At the default cap (a quarter of the limit: 1 of 6 seats) one terminal cannot hold 3, and the
      // status bar says why.
      expect(await sell(pos, world.catalogue, { qty: 3 })).toMatchObject({ ok: false, reason: 'CAPACITY' });
      expect((await pos.must(c.sync.status)).lastError).toMatch(
        /its cap \(1 of 6, 25 %\).*raise its lease cap/,
      );
      // The venue's only till: a manager lets it hold the whole show.
      const raised = await world.org.api.put(`/v1/terminals/${pos.terminal.terminalId}/lease-cap`, {
        percent: 100,
      });
      expect(raised.status).toBe(200);
      // The next answers grant up to a quarter of the pool each; the checkout asks again until it holds 3.
      expect(await sell(pos, world.catalogue, { qty: 3 })).toMatchObject({ ok: true });
      expect((await pos.must(c.sync.now)).pendingSales).toBe(0);
    } finally {
      await pos.close();
    }
  });

  it('holds seats and capped codes from the first top-up, so it sells offline what it never sold online', async () => {
    await createCode(world.org.api, { code: 'PREFETCH5', rules: { maxUses: 5 } });
    // Generated children (rows without terms of their own) must not trip the scan for capped codes.
    const parentId = await createCode(world.org.api, {
      code: 'PREKIDS',
      isParent: true,
      rules: { maxUses: 1 },
    });
    const job = await world.org.api.post<{ id: string }>(`/v1/codes/${parentId}/children`, { count: 3 });
    await waitFor(async () => {
      const state = await world.org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      return state.body.status === 'done' ? true : undefined;
    });
    const pos = await enrolledTerminal(world);
    try {
      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      // Leases serve an open shift: the background top-up asks for nothing before one opens.
      expect(await pos.terminal.sync.topUpOnce()).toEqual({ ok: true, value: { requested: 0, granted: 0 } });
      await pos.must(c.shift.open, { openingFloat: 10_000 });
      expect(await pos.terminal.sync.topUpOnce()).toMatchObject({ ok: true });
      const leases = (await pos.must(c.sync.status)).leases.map((l) => l.counter);
      expect(leases).toEqual(
        expect.arrayContaining([
          `capacity:${world.catalogue.performanceId}`,
          expect.stringMatching(/^code_uses:/),
        ]),
      );
      await world.server.stop();
      try {
        expect(await sell(pos, world.catalogue, { code: 'PREFETCH5' })).toMatchObject({
          ok: true,
          value: { sale: { codeDiscount: 400 } },
        });
      } finally {
        await world.server.restart();
      }
      expect((await pos.must(c.sync.now)).pendingSales).toBe(0);
    } finally {
      await pos.close();
    }
  });
});
