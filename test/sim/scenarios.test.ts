import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as UuidModule from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findAppRoot } from '../../src-main/app-info';
import { openDatabase, type Database } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrate';
import { resetIds } from './sim-ids';
import { Simulation } from './simulation';
import type { Step } from './steps';

vi.mock('uuid', async (importOriginal) => {
  const real = await importOriginal<typeof UuidModule>();
  const ids = await import('./sim-ids');
  return { ...real, v7: () => ids.nextId() };
});

// Hand-written runs for the paths random runs reach only now and then: each must pass every check,
// and must really have gone down its path (a restore detected, an excess reviewed, leases returned).

const sell = (node: number, code: number | null, overuse = false, qty = 1, offer = 0): Step => ({
  t: 'sell',
  node,
  lines: [{ offer, qty }],
  code,
  customer: 0,
  cashPercent: 50,
  overuse,
});

describe('sync simulation scenarios', { timeout: 120_000 }, () => {
  let store: Database;
  let folder: string;
  let run = 0;

  beforeAll(async () => {
    store = await openDatabase({});
    await migrate(store);
    folder = mkdtempSync(join(tmpdir(), 'pos-sim-scenario-'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function play(steps: Step[], terminals = 3): Promise<Simulation> {
    run += 1;
    resetIds(run, 800 + run);
    const sim = new Simulation(store, join(folder, `run-${run}`), 800 + run, terminals, findAppRoot());
    try {
      await sim.setup();
      await sim.checkNow();
      for (const step of steps) {
        await sim.step(step);
        await sim.settle();
        await sim.checkNow();
      }
      await sim.heal();
      await sim.drain();
      await sim.checkFinal();
      if (process.env.SIM_DEBUG) console.log(sim.trace.join('\n'), sim.stats);
      return sim;
    } finally {
      await sim.dispose();
    }
  }

  const reviewKinds = async (sim: Simulation) =>
    (
      await store.query<{ kind: string }>('SELECT kind FROM review_items WHERE org_id = $1', [
        sim.world.orgId,
      ])
    ).map((r) => r.kind);

  it('detects a terminal restored from a backup, re-enrols it and keeps every sale', async () => {
    const sim = await play([
      sell(0, null),
      { t: 'backup', node: 0 },
      sell(0, null),
      sell(0, 0),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
      { t: 'restore', node: 0 },
      // The restored store writes new sales at seqs the server already holds with other content.
      sell(0, null, false, 2),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
    ]);
    expect(await reviewKinds(sim)).toContain('restore_detected');
    expect(sim.stats.restoresDetected).toBeGreaterThan(0);
  });

  it('takes a supervisor overuse past an empty pool and sends the excess to review', async () => {
    const steps: Step[] = [];
    // Two terminals drain the three uses of the capped code (each lease holds one use), the second
    // tops up its seats, goes offline and sells the code twice more on a supervisor's overuse.
    for (let i = 0; i < 3; i++) steps.push(sell(i % 2, 0), { t: 'push', node: i % 2 }, { t: 'deliverAll' });
    steps.push(
      { t: 'topUp', node: 1 },
      { t: 'deliverAll' },
      { t: 'partition', node: 1 },
      sell(1, 0, true),
      sell(1, 0, true),
      { t: 'unpartition', node: 1 },
    );
    const sim = await play(steps, 2);
    expect(sim.stats.overuses).toBeGreaterThan(0);
    expect(await reviewKinds(sim)).toContain('overuse_excess');
  });

  it('returns every lease when a terminal clock goes back, and sells again once it catches up', async () => {
    const sim = await play([
      sell(0, 0),
      { t: 'skew', node: 0, minutes: -600 },
      { t: 'expire', node: 0 },
      sell(0, 1),
      { t: 'tick', minutes: 30 },
      { t: 'skew', node: 0, minutes: 0 },
      sell(0, 2),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
    ]);
    const returns = sim.network.delivered.flatMap((d) =>
      d.request.path === '/v1/sync/push'
        ? (d.request.body as { mutations: { type: string; payload: { why?: string } }[] }).mutations
        : [],
    );
    expect(returns.some((m) => m.type === 'lease.return' && m.payload.why === 'clock_moved_back')).toBe(true);
  });

  it('returns every lease when a shift closes, and leases again once the next shift sells', async () => {
    const sim = await play([
      sell(0, 0),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
      { t: 'shift', node: 0 },
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
      sell(0, 0),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
    ]);
    const pushed = sim.network.delivered.flatMap((d) =>
      d.request.path === '/v1/sync/push'
        ? (d.request.body as { mutations: { type: string; payload: { why?: string } }[] }).mutations
        : [],
    );
    const close = pushed.findIndex((m) => m.type === 'shift.close');
    expect(close).toBeGreaterThanOrEqual(0);
    expect(pushed[close + 1]).toMatchObject({ type: 'lease.return', payload: { why: 'surplus' } });
    expect(sim.stats.sales).toBe(2);
  });

  it('survives a lost answer after commit, a duplicate, a server crash and a failed statement', async () => {
    const sim = await play([
      sell(0, 1, false, 2),
      { t: 'push', node: 0 },
      { t: 'deliver', pick: 0 },
      { t: 'drop', pick: 0 },
      sell(1, 2),
      { t: 'push', node: 1 },
      { t: 'duplicate', pick: 0 },
      { t: 'dbFault', after: 3 },
      { t: 'deliverAll' },
      { t: 'serverCrash' },
      sell(2, null),
      { t: 'push', node: 2 },
      { t: 'deliverAll' },
      { t: 'serverRestart' },
      { t: 'catalogue', change: 'newPerformance' },
      { t: 'catalogue', change: 'raiseMaxUses' },
      { t: 'pull', node: 0 },
      { t: 'deliverAll' },
    ]);
    expect(sim.stats.sales).toBeGreaterThanOrEqual(2);
    // The first push was committed and its answer lost; the terminal learnt it only on a later push.
    expect(sim.network.delivered.filter((d) => d.request.path === '/v1/sync/push').length).toBeGreaterThan(2);
  });
});
