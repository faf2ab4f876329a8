import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, seedOrganisation } from '../../helpers/server-api';
import { freshDatabase, postgresBackends, type TestDatabase } from '../../helpers/server-db';
import { spawnServer } from '../../helpers/server-process';
import { makeTempDir } from '../../helpers/temp-dir';

describe('server entry (npm run server)', () => {
  it('starts on PGlite in its data folder, prints its port and answers /health', async () => {
    const temp = makeTempDir('pos-server-');
    const server = await spawnServer({ SERVER_DATA_DIR: temp.path });
    try {
      const health = await apiClient(server.url).get<{ ok: boolean }>('/health');
      expect(health.status).toBe(200);
      expect(health.body.ok).toBe(true);
    } finally {
      await server.stop();
      temp.cleanup();
    }
  });
});

describe.each(postgresBackends)('two server processes on one PostgreSQL (%s)', () => {
  let database: TestDatabase;
  let servers: Awaited<ReturnType<typeof spawnServer>>[];

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    servers = await Promise.all([
      spawnServer({ DATABASE_URL: database.url as string }),
      spawnServer({ DATABASE_URL: database.url as string }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database.dispose();
  });

  it('lets exactly 100 of 200 concurrent redemptions through on a code with maxUses 100', async () => {
    const [one, two] = servers;
    if (!one || !two) throw new Error('servers did not start');
    const org = await seedOrganisation(database.db, one.url);
    const created = await org.api.post<{ id: string }>('/v1/codes', {
      code: 'HUNDRED',
      name: 'Hundred',
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 100 },
    });
    expect(created.status).toBe(201);
    const clients = [apiClient(one.url, org.token), apiClient(two.url, org.token)];
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (clients[i % 2] ?? org.api).post('/v1/redemptions', {
          id: randomUUID(),
          orderId: randomUUID(),
          code: 'HUNDRED',
          tickets: 1,
          discount: 100,
          revenue: 900,
          currency: 'EUR',
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s === 409)).toHaveLength(100);
    expect(
      replies
        .filter((r) => r.status === 409)
        .every((r) => (r.body as { reason: string }).reason === 'MAX_USES'),
    ).toBe(true);
    const [counters] = await database.db.query<{ uses: number; ledger: number }>(
      `SELECT c.uses, (SELECT count(*)::int FROM redemptions r WHERE r.code_id = c.id) AS ledger FROM codes c WHERE c.id = $1`,
      [created.body.id],
    );
    expect(counters).toEqual({ uses: 100, ledger: 100 });
  });
});
