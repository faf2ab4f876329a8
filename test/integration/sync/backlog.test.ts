import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { MAX_PUSH_BYTES } from '../../../shared/sync/protocol';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { enrolledTerminal, sell, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';

const SALES = 700;

describe('sync: a long offline backlog', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld(5_000);
  });
  afterAll(() => world.close());

  it('drains a backlog larger than one request may carry, in batches under the byte cap', async () => {
    const pos = await enrolledTerminal(world);
    try {
      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      const seats = `capacity:${world.catalogue.performanceId}`;
      expect(await pos.terminal.sync.topUpOnce([{ counter: seats, units: SALES }])).toMatchObject({
        ok: true,
      });
      await world.server.stop();
      for (let i = 0; i < SALES; i++) expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
      const bytes = readOutbox(pos.terminal.db, 0, 10_000).reduce((n, m) => n + JSON.stringify(m).length, 0);
      // More than a 500-row batch of these would have sent in one request.
      expect(bytes).toBeGreaterThan(MAX_PUSH_BYTES * 2);

      await world.server.restart();
      let batches = 0;
      for (;;) {
        const pushed = await pos.terminal.sync.pushOnce();
        if (!pushed.ok) throw new Error(pushed.message);
        if (pushed.value.sent === 0) break;
        batches++;
        if (pushed.value.remaining === 0) break;
      }
      expect(batches).toBeGreaterThanOrEqual(3);
      expect((await pos.must(c.sync.status)).pendingSales).toBe(0);
      const [row] = await world.server
        .db()
        .query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1', [
          pos.terminal.terminalId,
        ]);
      expect(row?.n).toBe(SALES);
    } finally {
      await pos.close();
    }
  }, 120_000);
});
