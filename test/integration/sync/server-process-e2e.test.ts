import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { setUpFirstOrganisation, type ApiClient, type SeededOrganisation } from '../../helpers/server-api';
import { createPostgresDatabase } from '../../helpers/server-db';
import { spawnServer, type ServerProcess } from '../../helpers/server-process';
import {
  createCode,
  enrolledAtServer,
  seedCatalogue,
  sell,
  type Catalogue,
} from '../../helpers/sync-fixture';
import { makeTempDir } from '../../helpers/temp-dir';
import type { TestTerminal } from '../../helpers/terminal';
import type { Page } from '../../../shared/server-api/page';

// The whole offline story with nothing in-process on the server side: `npm run server` as a child
// process on 127.0.0.1 (PostgreSQL when DATABASE_URL is set, else PGlite in a folder), two terminal
// cores talking to it over HTTP, the server stopped and started again on the same port.

const LIMIT = 6;

describe('two terminals and a server process', () => {
  const folder = makeTempDir('pos-server-process-');
  let env: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | undefined;
  let server: ServerProcess;
  let org: SeededOrganisation;
  let catalogue: Catalogue;
  const terminals: TestTerminal[] = [];

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const database = await createPostgresDatabase();
      env = { DATABASE_URL: database.url };
      dropDatabase = () => database.drop();
    } else {
      env = { SERVER_DATA_DIR: folder.path };
    }
    server = await spawnServer(env);
    org = await setUpFirstOrganisation(server.url);
    catalogue = await seedCatalogue(org, 500, new Date(Date.now() + 7 * 86_400_000).toISOString());
  }, 60_000);

  afterAll(async () => {
    await Promise.all(terminals.map((t) => t.close()));
    await server.stop();
    await dropDatabase?.();
    folder.cleanup();
  });

  const api = (): ApiClient => org.api;

  async function enrolled(name: string): Promise<TestTerminal> {
    // Two windows share a code of 6 uses: each may hold half (the default quarter is one use each).
    const pos = await enrolledAtServer(server.url, org, catalogue, { name, leaseCapPercent: 50 });
    terminals.push(pos);
    return pos;
  }

  it('sells offline on both until the leases run out, takes one overuse, and drains with nothing lost or doubled', async () => {
    const codeId = await createCode(api(), { code: 'FEWLEFT', rules: { maxUses: LIMIT } });
    const one = await enrolled('Window 1');
    const two = await enrolled('Window 2');

    // Online: one sale each takes a lease on the code; a sync round tops the leases up.
    for (const pos of [one, two]) {
      expect(await sell(pos, catalogue, { code: 'FEWLEFT' })).toMatchObject({ ok: true });
      await pos.must(c.sync.now);
    }
    const onlineSales = 2;

    await server.stop();
    let offlineSales = 0;
    for (const pos of [one, two]) {
      for (;;) {
        const sold = await sell(pos, catalogue, { code: 'FEWLEFT' });
        if (!sold.ok) {
          expect(sold.reason).toBe('CODE_NOT_APPLICABLE');
          expect(sold.message).toContain('The maximum number of orders for this discount code has been met.');
          break;
        }
        offlineSales++;
        expect(offlineSales).toBeLessThanOrEqual(LIMIT);
      }
    }
    expect(offlineSales).toBeGreaterThan(0);
    // The leases never let the two windows together past the limit.
    expect(onlineSales + offlineSales).toBeLessThanOrEqual(LIMIT);

    // A supervisor lets one more through on window 1, with a reason.
    await one.must(c.cart.grantOveruse, {
      approverId: catalogue.supervisorId,
      pin: '8142',
      reason: 'Manager decision',
    });
    const cart = await one.must(c.cart.get);
    expect(
      await one.call(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      }),
    ).toMatchObject({ ok: true });
    expect((await one.must(c.sync.status)).pendingSales).toBeGreaterThan(0);
    for (const pos of [one, two]) expect(await pos.call(c.sync.now)).toMatchObject({ ok: false });

    server = await spawnServer({ ...env, PORT: new URL(server.url).port });
    for (const pos of [one, two]) {
      const drained = await pos.must(c.sync.now);
      expect(drained).toMatchObject({ pendingSales: 0, lastError: null });
    }

    // Counted once each: the code's orders equal the sales made with it, and each terminal's last
    // seq on the server is the tail of its own outbox.
    const report = await api().get<{ rows: { codeId: string; orders: number; overuses: number }[] }>(
      `/v1/reports/codes?codeId=${codeId}`,
    );
    expect(report.status).toBe(200);
    const row = report.body.rows.find((r) => r.codeId === codeId);
    expect(row).toMatchObject({ orders: onlineSales + offlineSales + 1 });
    for (const pos of [one, two]) {
      const tail = readOutbox(pos.terminal.db, 0, 1_000_000).at(-1)?.seq;
      const view = await api().get<{ lastSeq: number; state: string }>(
        `/v1/terminals/${pos.terminal.terminalId}/sync`,
      );
      expect(view.body).toMatchObject({ lastSeq: tail, state: 'active' });
    }

    // The overuse is in the report with who granted it and why.
    const overuses = await api().get<{ rows: { codeId: string; reason: string; grantedBy: string }[] }>(
      `/v1/reports/overuse?codeId=${codeId}`,
    );
    expect(overuses.body.rows).toEqual([
      expect.objectContaining({ codeId, reason: 'Manager decision', grantedBy: catalogue.supervisorId }),
    ]);
    // Nothing was quarantined.
    const quarantined = await api().get<Page<unknown>>('/v1/review-items?kind=quarantined');
    expect(quarantined.status).toBe(200);
    expect(quarantined.body).toMatchObject({ items: [], total: 0 });
  }, 120_000);
});
