import { createFetchTransport } from '../../../src-main/services/sync/transport';
import { openDatabase, type Database } from '../../../src-server/db/database';
import { setUpFirstOrganisation } from '../../helpers/server-api';
import { createPostgresDatabase } from '../../helpers/server-db';
import { invariantBreaks } from '../../helpers/server-invariants';
import { spawnServer, type ServerProcess } from '../../helpers/server-process';
import { createCode, seedCatalogue } from '../../helpers/sync-fixture';
import { enrol } from '../../helpers/till';
import { percentile } from '../harness';
import { LoadTill, seededRandom, type LoadStats } from './load-till';

// Many terminals pushing at once to several server processes on one fresh PostgreSQL database
// (test/bench/load.bench.ts, and its smoke test in CI). Every terminal is enrolled through the API with
// its own device token, sells for the given time and pushes as it goes, then pushes what is left; the
// run ends by checking the server holds every acknowledged sale exactly once.

export interface LoadOptions {
  /** A PostgreSQL server URL; the run creates its own database there and drops it afterwards. */
  adminUrl: string;
  terminals: number;
  servers: number;
  seconds: number;
  /** Progress lines (enrolment, the run's start); silent when left out. */
  log?: (line: string) => void;
}

export interface LoadResult {
  /** Seconds from the start until the last terminal's outbox was empty. */
  seconds: number;
  /** Sales the server acknowledged, across all terminals, and those that redeemed the capped code. */
  sales: number;
  codeSales: number;
  pushes: number;
  p50Ms: number;
  p99Ms: number;
  serverErrors: number;
  networkFailures: number;
  /** Acknowledged sales the server does not hold (or holds with another total). */
  lost: number;
  /** Sales the server holds more than once, or holds without any terminal having made them. */
  doubled: number;
  /** Anything else that does not add up, one sentence each. */
  problems: string[];
}

const CODE = 'LOADCAP';
/** Capped, and far above what the run redeems: a sale with the code never fails for want of uses. */
const CODE_MAX_USES = 1_000_000;
/** The most a performance may have: some 400,000 sales of 1–4 tickets. */
const SEATS = 1_000_000;

/** Runs `task` for 0 … n−1, `width` at a time. */
async function inGroups<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const database = await createPostgresDatabase(options.adminUrl);
  const servers: ServerProcess[] = [];
  let db: Database | undefined;
  try {
    servers.push(
      ...(await Promise.all(
        Array.from({ length: options.servers }, () => spawnServer({ DATABASE_URL: database.url })),
      )),
    );
    const urls = servers.map((s) => s.url);
    db = await openDatabase({ databaseUrl: database.url, poolSize: 2 });
    const org = await setUpFirstOrganisation(urls[0] as string, 'Load');
    const catalogue = await seedCatalogue(org, SEATS, new Date(Date.now() + 30 * 86_400_000).toISOString());
    const codeId = await createCode(org.api, { code: CODE, rules: { maxUses: CODE_MAX_USES } });

    const stats: LoadStats = { pushLatencies: [], serverErrors: 0, networkFailures: 0, quarantined: 0 };
    const links = urls.map((url) => createFetchTransport(url, { timeoutMs: 60_000 }));
    log(`enrolling ${options.terminals} terminals …`);
    const tills = await inGroups(options.terminals, 8, async (i) => {
      const reg = await enrol(org, urls[i % urls.length] as string, catalogue.venueId);
      const till = new LoadTill({
        links: [...links.slice(i % links.length), ...links.slice(0, i % links.length)],
        terminalId: reg.terminalId,
        epoch: reg.epoch,
        deviceToken: reg.deviceToken,
        signer: reg.signer,
        ticketSigner: reg.ticketSigner,
        sellerId: catalogue.sellerId,
        sellerRoleId: 'seller',
        performanceId: catalogue.performanceId,
        ticketPriceId: catalogue.ticketPriceId,
        code: CODE,
        codeShare: 0.3,
        maxTickets: 4,
        maxSalesPerPush: 5,
        random: seededRandom(i + 1),
        stats,
      });
      await till.start();
      return till;
    });

    log(
      `${options.terminals} terminals pushing to ${options.servers} server processes for ${options.seconds} s …`,
    );
    const started = performance.now();
    await Promise.all(tills.map((t) => t.run(started + options.seconds * 1000)));
    const seconds = (performance.now() - started) / 1000;

    const latencies = [...stats.pushLatencies].sort((a, b) => a - b);
    const checked = await check(db, tills, codeId);
    if (stats.quarantined > 0) checked.problems.push(`${stats.quarantined} mutations were quarantined`);
    return {
      seconds,
      sales: tills.reduce((n, t) => n + t.acknowledged.size, 0),
      codeSales: tills.reduce((n, t) => n + t.codeSales.size, 0),
      pushes: latencies.length,
      p50Ms: latencies.length > 0 ? percentile(latencies, 50) : 0,
      p99Ms: latencies.length > 0 ? percentile(latencies, 99) : 0,
      serverErrors: stats.serverErrors,
      networkFailures: stats.networkFailures,
      ...checked,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    await database.drop();
  }
}

/** The server's ledger against what the terminals were told: every sale once, every seq, nothing for review. */
async function check(
  db: Database,
  tills: readonly LoadTill[],
  codeId: string,
): Promise<Pick<LoadResult, 'lost' | 'doubled' | 'problems'>> {
  const problems: string[] = [];
  const acknowledged = new Map<string, number>();
  for (const till of tills) for (const [id, total] of till.acknowledged) acknowledged.set(id, total);
  const held = await db.query<{ id: string; total: number; copies: number }>(
    'SELECT id::text, total, count(*) OVER (PARTITION BY mutation_id)::int AS copies FROM pos_sales',
  );
  const byId = new Map(held.map((s) => [s.id, s.total]));
  const lost = [...acknowledged].filter(([id, total]) => byId.get(id) !== total).length;
  const doubled = held.filter((s) => s.copies > 1 || !acknowledged.has(s.id)).length;

  const seqs = await db.query<{ id: string; lastSeq: number; logged: number }>(
    `SELECT t.id::text, t.last_seq::int AS "lastSeq",
       (SELECT count(*)::int FROM sync_mutations m WHERE m.terminal_id = t.id) AS logged
     FROM terminals t`,
  );
  const byTerminal = new Map(seqs.map((s) => [s.id, s]));
  for (const till of tills) {
    const seen = byTerminal.get(till.terminalId);
    if (seen?.lastSeq !== till.tail || seen.logged !== till.tail)
      problems.push(
        `terminal ${till.terminalId} pushed through seq ${till.tail}; the server holds last_seq ${seen?.lastSeq} with ${seen?.logged} logged`,
      );
  }
  const [review] = await db.query<{ items: number; quarantined: number; redemptions: number }>(
    `SELECT (SELECT count(*)::int FROM review_items) AS items,
       (SELECT count(*)::int FROM quarantined_mutations) AS quarantined,
       (SELECT count(*)::int FROM redemptions WHERE code_id = $1) AS redemptions`,
    [codeId],
  );
  if (review?.items) problems.push(`${review.items} review items were opened`);
  if (review?.quarantined) problems.push(`${review.quarantined} mutations are in quarantine`);
  const codeSales = tills.reduce((n, t) => n + t.codeSales.size, 0);
  if (review?.redemptions !== codeSales)
    problems.push(`the code has ${review?.redemptions} redemptions for ${codeSales} sales that used it`);
  for (const broken of await invariantBreaks(db))
    problems.push(`${broken.rule}: ${JSON.stringify(broken.rows.slice(0, 3))}`);
  return { lost, doubled, problems };
}
