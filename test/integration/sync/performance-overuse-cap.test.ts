import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { askOveruse, payCash } from '../../helpers/overuse';
import { createCode, sell, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CASH.md "Per performance": a performance's overuse cap reaches the terminal with the pull, and
// its main process refuses a grant for a cart holding that performance once the cap is reached, with
// the server away too, before any PIN is asked and with nothing written.

describe('sync: a performance’s overuse cap at the terminal', () => {
  const { world, enrolled } = useSyncWorld();

  const rows = (pos: TestTerminal) =>
    pos.terminal.db
      .prepare(
        `SELECT (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM approvals) AS approvals,
           (SELECT count(*) FROM outbox) AS outbox`,
      )
      .get();
  const storedCap = (pos: TestTerminal) =>
    pos.terminal.db
      .prepare('SELECT overuse_cap AS cap FROM performances WHERE id = ?')
      .get(world().catalogue.performanceId);

  it('holds grants for the performance to its cap, offline too, until a manager lifts it', async () => {
    const { api } = world().org;
    const { catalogue } = world();
    await createCode(api, { code: 'SPENT', rules: { maxUses: 1 } });
    const path = `/v1/performances/${catalogue.performanceId}`;
    expect((await api.patch(path, { overuseCap: 1 })).status).toBe(200);
    const pos = await enrolled();
    expect(storedCap(pos)).toEqual({ cap: 1 });

    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    expect(await sell(pos, catalogue, { code: 'SPENT' })).toMatchObject({ ok: true });
    const supervisor = { id: catalogue.supervisorId, pin: '8142' };
    expect(await askOveruse(pos, catalogue, 'SPENT', supervisor)).toMatchObject({ ok: true });
    await payCash(pos);

    await world().server.stop();
    try {
      const before = rows(pos);
      // Refused before any PIN is asked: a wrong one is never even checked.
      const refused = await askOveruse(pos, catalogue, 'SPENT', { id: catalogue.supervisorId, pin: '0000' });
      expect(refused).toMatchObject({ ok: false, reason: 'PERFORMANCE_OVERUSE_CAP' });
      expect((refused as { message: string }).message).toMatch(
        /^1 overuse has been granted for Macbeth, \d{4}-\d{2}-\d{2} \d{2}:\d{2} this business day, and the performance's cap is 1 a day: a manager can raise the cap on the performance in the back office \(Events\), or sell without the code\.$/,
      );
      expect(rows(pos)).toEqual(before);
      const kept = await pos.must(c.cart.get);
      expect(kept.lines).toHaveLength(1);
      expect(kept.code).toMatchObject({ code: 'SPENT', applies: false, overridable: true, overuse: null });
    } finally {
      await world().server.restart();
    }

    // null lifts the cap with the next pull.
    expect((await api.patch(path, { overuseCap: null })).status).toBe(200);
    await pos.must(c.sync.now);
    expect(storedCap(pos)).toEqual({ cap: null });
    expect(await askOveruse(pos, catalogue, 'SPENT', supervisor)).toMatchObject({ ok: true });
  });
});
