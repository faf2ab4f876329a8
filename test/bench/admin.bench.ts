import { apiClient, seedOrganisation, waitFor, type SeededOrganisation } from '../helpers/server-api';
import { startTestServer, type Backend } from '../helpers/server-db';
import type { Queryable } from '../../src-server/db/database';
import { orderKeys } from '../../src-server/db/repos/order-report-repo';
import { fillSales, salesWorld, type SalesWorld } from './fill-sales';
import { percentile, sample, type BenchSuite, type Figure } from './harness';

// The back office's list pages over HTTP (docs/REPORTS.md): the codes list with 100,000 codes, and
// the orders report with 1,000,000 sales on PostgreSQL. Each figure is the slowest p50 of its pages.

const CHILD_CODES = 100_000;
const SALES = 1_000_000;
const RUNS = 15;

async function p50(get: () => Promise<unknown>): Promise<number> {
  return percentile(await sample(get, RUNS, 3), 50);
}

async function timePages(org: SeededOrganisation, paths: Record<string, string>) {
  const times: Record<string, number> = {};
  for (const [name, path] of Object.entries(paths)) {
    times[name] = await p50(async () => {
      const reply = await org.api.get(path);
      if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${reply.text.slice(0, 200)}`);
    });
  }
  const worst = Math.max(...Object.values(times));
  const note = Object.entries(times)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');
  return { worst, note };
}

async function generateChildren(org: SeededOrganisation): Promise<string> {
  const parent = await org.api.post<{ id: string }>('/v1/codes', {
    code: 'ADMIN-PARENT',
    name: 'Admin bench parent',
    isParent: true,
    benefit: { type: 'percentage', percent: 1000 },
    rules: {},
  });
  const job = await org.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, {
    count: CHILD_CODES,
  });
  const done = await waitFor(async () => {
    const j = await org.api.get<{ status: string; generated: number }>(`/v1/generation-jobs/${job.body.id}`);
    return j.body.status === 'done' || j.body.status === 'failed' ? j.body : undefined;
  }, 180_000);
  if (done.status !== 'done' || done.generated !== CHILD_CODES) throw new Error('generation failed');
  return parent.body.id;
}

/** BENCH_EXPLAIN=1: the plans of the orders pages' key queries, to stderr, to check they stay on an index. */
async function explainOrders(db: Queryable, world: SalesWorld, parentId: string): Promise<void> {
  const explaining: Queryable = {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.error(plan.map((r) => r['QUERY PLAN']).join('\n'));
      return [] as T[];
    },
    exec: (sql) => db.exec(sql),
  };
  const filters = {
    first: {},
    cashierId: { cashierId: world.cashierIds[3] },
    performanceId: { performanceId: world.performanceIds[7] },
    parentId: { parentId },
    codeId: { codeId: world.codeIds[42] },
  };
  for (const [name, filter] of Object.entries(filters)) {
    console.error(`--- ${name}`);
    await orderKeys(explaining, world.orgId, filter, 51);
  }
}

export const adminSuite: BenchSuite = {
  name: 'admin',
  async run() {
    const backend: Backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    const on = backend === 'postgres' ? 'PostgreSQL' : 'PGlite (set DATABASE_URL for PostgreSQL)';
    const server = await startTestServer(backend);
    try {
      const org = await seedOrganisation(server.database.db, server.url, 'Admin bench');
      const parentId = await generateChildren(org);
      const sampleCode = (
        await org.api.get<{ items: { code: string }[] }>(`/v1/codes?parentId=${parentId}&offset=5000&limit=1`)
      ).body.items[0]?.code;
      const codes = await timePages(org, {
        first: '/v1/codes?limit=50',
        'q=part of a child': `/v1/codes?limit=50&q=${sampleCode?.slice(1, 6) ?? 'ADMIN'}`,
        'q=ADMIN': '/v1/codes?limit=50&q=ADMIN',
      });
      const figures: Figure[] = [
        {
          name: 'admin.codes_page_ms',
          value: codes.worst,
          unit: 'ms',
          target: { op: '<=', value: 300 },
          note: `GET /v1/codes p50 over HTTP with ${CHILD_CODES} codes on ${on}: ${codes.note}`,
        },
      ];
      if (backend !== 'postgres') {
        console.error('admin.orders_page_ms needs PostgreSQL (set DATABASE_URL): skipped');
        return figures;
      }

      const world = await salesWorld(org, server.database.db, parentId);
      const loadStarted = performance.now();
      await fillSales(server.database.db, world, SALES, '2025-01-01T00:00:00Z');
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const first = await apiClient(server.url, org.token).get<{ nextCursor: string }>(
        '/v1/reports/orders?limit=50',
      );
      const mid = await apiClient(server.url, org.token).get<{ nextCursor: string }>(
        '/v1/reports/orders?limit=50&to=2025-06-01T00:00:00Z',
      );
      const [cashier, terminal, performanceId, codeId] = [
        world.cashierIds[3],
        world.terminalIds[1],
        world.performanceIds[7],
        world.codeIds[42],
      ];
      const orders = await timePages(org, {
        first: '/v1/reports/orders?limit=50',
        next: `/v1/reports/orders?limit=50&cursor=${first.body.nextCursor}`,
        'deep (cursor mid-year)': `/v1/reports/orders?limit=50&cursor=${mid.body.nextCursor}`,
        cashierId: `/v1/reports/orders?limit=50&cashierId=${cashier}`,
        terminalId: `/v1/reports/orders?limit=50&terminalId=${terminal}`,
        performanceId: `/v1/reports/orders?limit=50&performanceId=${performanceId}`,
        parentId: `/v1/reports/orders?limit=50&parentId=${parentId}`,
        codeId: `/v1/reports/orders?limit=50&codeId=${codeId}`,
        'from/to': '/v1/reports/orders?limit=50&from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z',
      });
      if (process.env.BENCH_EXPLAIN) await explainOrders(server.database.db, world, parentId);
      figures.push({
        name: 'admin.orders_page_ms',
        value: orders.worst,
        unit: 'ms',
        target: { op: '<=', value: 300 },
        note: `GET /v1/reports/orders p50 over HTTP, ${SALES} sales (loaded in ${loadSeconds.toFixed(0)} s) on ${on}: ${orders.note}`,
      });
      return figures;
    } finally {
      await server.close();
    }
  },
};
