import { randomUUID } from 'node:crypto';
import { apiClient, seedOrganisation, waitFor } from '../helpers/server-api';
import { startTestServer, type Backend, type TestDatabase } from '../helpers/server-db';
import type { BenchSuite, Figure } from './harness';
import { redeemMixed } from './redeem-mixed';
import { captureTransaction, pgbenchInstalled, pgbenchScript, runPgbench } from './pgbench';

const REDEMPTIONS = 3000;
const CONCURRENCY = 32;

/**
 * pgbench replaying the statements of one redemption, with the bench's clients and count, on the same
 * database after the HTTP run: `server.redeem_per_s` over it is the share of PostgreSQL's own rate the
 * server reaches. Skipped, with the reason, on PGlite or where pgbench is not installed.
 */
async function pgbenchBaseline(
  database: TestDatabase,
  redeem: (id: string, orderId: string) => Promise<void>,
): Promise<(perSecond: number) => Figure[]> {
  const skipped = (why: string) => () => [
    { name: 'server.redeem_pgbench_tps', value: Number.NaN, unit: 'tps', note: `skipped: ${why}` },
  ];
  if (!database.url) return skipped('pgbench needs PostgreSQL (set DATABASE_URL)');
  if (!pgbenchInstalled()) return skipped('pgbench is not installed (apt-get install postgresql-client)');
  const id = randomUUID();
  const orderId = randomUUID();
  const statements = await captureTransaction(database.db, () => redeem(id, orderId));
  const script = pgbenchScript(
    statements,
    new Map([
      [id, 'rid'],
      [orderId, 'oid'],
    ]),
  );
  const run = runPgbench(database.url, script, CONCURRENCY, Math.ceil(REDEMPTIONS / CONCURRENCY));
  return (perSecond) => [
    {
      name: 'server.redeem_pgbench_tps',
      value: run.tps,
      unit: 'tps',
      note: `pgbench, ${CONCURRENCY} clients replaying one redemption's ${statements.length} statements: ${run.line}`,
    },
    {
      name: 'server.redeem_vs_pgbench_ratio',
      value: perSecond / run.tps,
      unit: 'x',
      target: { op: '>=', value: 0.8 },
      note: 'server.redeem_per_s ÷ server.redeem_pgbench_tps, same database, same run',
    },
  ];
}

const skippedMixed: Figure = {
  name: 'server.redeem_mixed_per_s',
  value: Number.NaN,
  unit: '/s',
  note: 'skipped: two server processes share one database only on PostgreSQL (set DATABASE_URL)',
};

export const serverSuite: BenchSuite = {
  name: 'server',
  async run() {
    const backend: Backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    const on = backend === 'postgres' ? 'PostgreSQL' : 'PGlite (set DATABASE_URL for PostgreSQL)';
    const server = await startTestServer(backend);
    try {
      const org = await seedOrganisation(server.database.db, server.url, 'Bench');

      const parent = await org.api.post<{ id: string }>('/v1/codes', {
        code: 'BENCH-PARENT',
        name: 'Bench parent',
        isParent: true,
        benefit: { type: 'percentage', percent: 1000 },
        rules: { maxUses: 1 },
      });
      const started = performance.now();
      const job = await org.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, {
        count: 100_000,
      });
      const done = await waitFor(async () => {
        const j = await org.api.get<{ status: string; generated: number }>(
          `/v1/generation-jobs/${job.body.id}`,
        );
        return j.body.status === 'done' || j.body.status === 'failed' ? j.body : undefined;
      }, 120_000);
      const generateSeconds = (performance.now() - started) / 1000;
      if (done.status !== 'done' || done.generated !== 100_000) throw new Error('generation failed');

      await org.api.post('/v1/codes', {
        code: 'BENCH',
        name: 'Bench',
        benefit: { type: 'percentage', percent: 1000 },
      });
      const client = apiClient(server.url, org.token);
      const redeem = async (id: string = randomUUID(), orderId: string = randomUUID()) => {
        const reply = await client.post('/v1/redemptions', {
          id,
          orderId,
          code: 'BENCH',
          tickets: 2,
          discount: 500,
          revenue: 4500,
          currency: 'EUR',
        });
        if (reply.status !== 201) throw new Error(`redemption failed: ${reply.text}`);
      };
      for (let i = 0; i < 100; i++) await redeem();
      let next = 0;
      const redeemStarted = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REDEMPTIONS) {
            next++;
            await redeem();
          }
        }),
      );
      const perSecond = REDEMPTIONS / ((performance.now() - redeemStarted) / 1000);
      const baseline = await pgbenchBaseline(server.database, (id, orderId) => redeem(id, orderId));

      const figures: Figure[] = [
        {
          name: 'codes.generate_100k_s',
          value: generateSeconds,
          unit: 's',
          target: { op: '<=', value: 3 },
          note: `request to job done, over HTTP, on ${on}`,
        },
        {
          name: 'server.redeem_per_s',
          value: perSecond,
          unit: '/s',
          note: `${CONCURRENCY} concurrent HTTP clients, one code, one server process, on ${on}`,
        },
        ...baseline(perSecond),
      ];
      if (backend === 'postgres') figures.push(...(await redeemMixed(perSecond)));
      else figures.push(skippedMixed);
      return figures;
    } finally {
      await server.close();
    }
  },
};
