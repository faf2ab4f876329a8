import { channels as c } from '../../shared/ipc/channels';
import { countPendingOutbox } from '../../src-main/db/repos/outbox-repo';
import { seedOrganisation, waitFor } from '../helpers/server-api';
import { startTestServer, type Backend } from '../helpers/server-db';
import { createCode, enrolTerminal, seedCatalogue } from '../helpers/sync-fixture';
import { switchableTransport } from '../helpers/switchable-transport';
import { startTestTerminal } from '../helpers/terminal';
import { bareBatchedInsert } from './bare-push';
import type { BenchSuite, Figure } from './harness';

const CHILD_CODES = 100_000;

/**
 * `queued` sales (a ticket each, every tenth with a capped code) queued offline, then pushed until
 * acknowledged: the push's seconds, and the bare baseline's for the same rows (bare-push.ts).
 */
async function pushQueued(backend: Backend, queued: number): Promise<{ push: number; bare: number }> {
  const server = await startTestServer(backend);
  const link = switchableTransport(server.url);
  const pos = await startTestTerminal({
    serverUrl: server.url,
    sync: { autoStart: false, transport: link.transport },
  });
  try {
    const org = await seedOrganisation(server.database.db, server.url, 'Bench sync');
    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const catalogue = await seedCatalogue(org, 1_000_000, startsAt);
    const codeId = await createCode(org.api, { code: 'BENCHCAP', rules: { maxUses: 100_000 } });
    await enrolTerminal(pos, org.api, catalogue.venueId, 'Bench');
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    // Leases for every seat and code use the queue will take, while still online.
    await pos.terminal.sync.topUpOnce([
      { counter: `capacity:${catalogue.performanceId}`, units: queued },
      { counter: `code_uses:${codeId}`, units: queued / 10 },
    ]);
    link.online(false);
    await pos.must(c.shift.open, { openingFloat: 10_000 });
    for (let i = 0; i < queued; i++) {
      await pos.must(c.cart.addTicket, {
        performanceId: catalogue.performanceId,
        ticketPriceId: catalogue.ticketPriceId,
        qty: 1,
      });
      if (i % 10 === 0) await pos.must(c.cart.applyCode, { input: 'BENCHCAP' });
      const cart = await pos.must(c.cart.get);
      await pos.must(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      });
    }
    const waiting = countPendingOutbox(pos.terminal.db);
    if (waiting < queued) throw new Error(`only ${waiting} outbox rows queued`);

    link.online(true);
    const started = performance.now();
    while (countPendingOutbox(pos.terminal.db) > 0) {
      const pushed = await pos.terminal.sync.pushOnce();
      if (!pushed.ok) throw new Error(`push failed: ${pushed.message}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = await server.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sales');
    if (rows[0]?.n !== queued) throw new Error(`the server holds ${rows[0]?.n} sales, not ${queued}`);
    return { push: seconds, bare: await bareBatchedInsert(server.database.db) };
  } finally {
    await pos.close();
    await server.close();
  }
}

/** A parent with 100,000 generated children; a fresh terminal enrols and pulls everything. */
async function pullCodes(backend: Backend): Promise<number> {
  const server = await startTestServer(backend);
  const pos = await startTestTerminal({ serverUrl: server.url, sync: { autoStart: false } });
  try {
    const org = await seedOrganisation(server.database.db, server.url, 'Bench pull');
    const catalogue = await seedCatalogue(org, 500, new Date(Date.now() + 86_400_000).toISOString());
    const parentId = await createCode(org.api, { code: 'PULLPARENT', isParent: true, rules: { maxUses: 1 } });
    const job = await org.api.post<{ id: string }>(`/v1/codes/${parentId}/children`, { count: CHILD_CODES });
    await waitFor(async () => {
      const j = await org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      if (j.body.status === 'failed') throw new Error('generation failed');
      return j.body.status === 'done' ? true : undefined;
    }, 180_000);

    const started = performance.now();
    await enrolTerminal(pos, org.api, catalogue.venueId, 'Bench');
    const seconds = (performance.now() - started) / 1000;
    const held = pos.terminal.db
      .prepare('SELECT count(*) AS n FROM codes WHERE parent_id IS NOT NULL')
      .get() as {
      n: number;
    };
    if (held.n !== CHILD_CODES)
      throw new Error(`the terminal holds ${held.n} child codes, not ${CHILD_CODES}`);
    return seconds;
  } finally {
    await pos.close();
    await server.close();
  }
}

export const syncSuite: BenchSuite = {
  name: 'sync',
  async run() {
    const postgres = Boolean(process.env.DATABASE_URL);
    const primary: Backend = postgres ? 'postgres' : 'pglite';
    const on = postgres ? 'PostgreSQL' : 'PGlite (set DATABASE_URL for PostgreSQL)';
    const tenK = await pushQueued(primary, 10_000);
    const fiftyK = await pushQueued(primary, 50_000);
    const figures: Figure[] = [
      {
        name: 'sync.push_10k_s',
        value: tenK.push,
        unit: 's',
        target: { op: '<=', value: 2.5 },
        note: `10,000 offline sales pushed over HTTP and acknowledged, on ${on}`,
      },
      {
        name: 'sync.push_10k_bare_s',
        value: tenK.bare,
        unit: 's',
        note: 'baseline: the same rows inserted 500 sales per transaction, one set-based INSERT per table',
      },
      {
        name: 'sync.push_10k_vs_bare_ratio',
        value: tenK.push / tenK.bare,
        unit: 'x',
        note: `push ${tenK.push.toFixed(3)} s ÷ bare insert ${tenK.bare.toFixed(3)} s, same run`,
      },
      {
        name: 'sync.push_50k_s',
        value: fiftyK.push,
        unit: 's',
        note: `50,000 offline sales pushed, on ${on}; bare insert ${fiftyK.bare.toFixed(3)} s`,
      },
      {
        name: 'sync.push_50k_vs_10k_ratio',
        value: fiftyK.push / tenK.push,
        unit: 'x',
        target: { op: '<=', value: 5 },
        note: 'five times the queue: at most five times the time (linear, not quadratic)',
      },
    ];
    if (postgres) {
      figures.push({
        name: 'sync.push_10k_pglite_s',
        value: (await pushQueued('pglite', 10_000)).push,
        unit: 's',
        note: 'the same on embedded PGlite',
      });
    }
    figures.push({
      name: 'sync.pull_100k_codes_s',
      value: await pullCodes(primary),
      unit: 's',
      target: { op: '<=', value: 5 },
      note: `enrol + full pull of 100,000 child codes into SQLite, on ${on}`,
    });
    return figures;
  },
};
