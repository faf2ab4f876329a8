import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrate';
import { apiClient, seedOrganisation } from '../helpers/server-api';
import { createPostgresDatabase } from '../helpers/server-db';
import { spawnServer } from '../helpers/server-process';
import type { Figure } from './harness';

// server.redeem_mixed_per_s (issue 20): many clients redeeming many codes, the load of a large
// organisation's online shop and box offices at once. Redemptions of different codes share nothing but
// the organisation, so the rate should grow when a second server process joins the first on the same
// PostgreSQL. Both processes are real `npm run server` children.

const CODES = 100;
const CLIENTS = 64;
const REDEMPTIONS = 3000;

type Redeem = (url: string, code: string) => Promise<void>;

/** `REDEMPTIONS` spread over `CLIENTS` clients, each client on one of `urls` and a code of its own turn. */
async function rate(urls: readonly string[], redeem: Redeem): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const url = urls[client % urls.length] as string;
      while (next < REDEMPTIONS) {
        const n = next++;
        await redeem(url, `MIX${n % CODES}`);
      }
    }),
  );
  return REDEMPTIONS / ((performance.now() - started) / 1000);
}

/** One process, then two, on one fresh PostgreSQL database; `oneCode` is server.redeem_per_s of this run. */
export async function redeemMixed(oneCode: number): Promise<Figure[]> {
  const created = await createPostgresDatabase();
  const db = await openDatabase({ databaseUrl: created.url });
  const servers = [];
  try {
    await migrate(db);
    for (let i = 0; i < 2; i++) servers.push(await spawnServer({ DATABASE_URL: created.url }));
    const [first, second] = servers.map((s) => s.url) as [string, string];
    const org = await seedOrganisation(db, first, 'Bench mixed');
    for (let i = 0; i < CODES; i++) {
      const made = await org.api.post('/v1/codes', {
        code: `MIX${i}`,
        name: `Mixed ${i}`,
        benefit: { type: 'percentage', percent: 1000 },
      });
      if (made.status !== 201) throw new Error(`code not created: ${made.text}`);
    }
    const clients = new Map([first, second].map((url) => [url, apiClient(url, org.token)]));
    const redeem: Redeem = async (url, code) => {
      const reply = await clients.get(url)?.post('/v1/redemptions', {
        id: randomUUID(),
        orderId: randomUUID(),
        code,
        tickets: 2,
        discount: 500,
        revenue: 4500,
        currency: 'EUR',
      });
      if (reply?.status !== 201) throw new Error(`redemption failed: ${reply?.text}`);
    };
    await rate([first, second], redeem); // warm-up: connections, plans, both processes' JIT
    const single = await rate([first], redeem);
    const both = await rate([first, second], redeem);
    const load = `${CLIENTS} HTTP clients on ${CODES} codes, PostgreSQL`;
    return [
      {
        name: 'server.redeem_mixed_1proc_per_s',
        value: single,
        unit: '/s',
        note: `${load}, one server process`,
      },
      { name: 'server.redeem_mixed_per_s', value: both, unit: '/s', note: `${load}, two server processes` },
      {
        name: 'server.redeem_mixed_2_vs_1_ratio',
        value: both / single,
        unit: 'x',
        target: { op: '>=', value: 1.1 },
        note: 'the second process must add throughput',
      },
      {
        name: 'server.redeem_mixed_vs_one_code_ratio',
        value: both / oneCode,
        unit: 'x',
        target: { op: '>=', value: 3 },
        note: 'server.redeem_mixed_per_s ÷ server.redeem_per_s (one hot code, one process)',
      },
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.close();
    await created.drop();
  }
}
