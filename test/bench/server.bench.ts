import { randomUUID } from 'node:crypto';
import { apiClient, seedOrganisation, waitFor } from '../helpers/server-api';
import { startTestServer, type Backend } from '../helpers/server-db';
import type { BenchSuite, Figure } from './harness';

const REDEMPTIONS = 3000;
const CONCURRENCY = 32;

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
      const redeem = async () => {
        const reply = await client.post('/v1/redemptions', {
          id: randomUUID(),
          orderId: randomUUID(),
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
      ];
      return figures;
    } finally {
      await server.close();
    }
  },
};
