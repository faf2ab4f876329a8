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

  it('stops a terminal restored twice from a backup that holds nothing unpushed, at its next pull', async () => {
    const sim = await play([
      sell(0, null),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
      { t: 'backup', node: 0 },
      // Sells past the backup and pushes, restores, sells again at the same seq (not pushed yet).
      { t: 'restore', node: 0 },
      // This one's push is what tells the server; the restore right after it loses the answer, and
      // the store it brings back has nothing to push. Only a refused pull can tell the till now.
      { t: 'restore', node: 0, idle: true },
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

  it('spends a voucher sold at one window online and offline at another, never past its balance', async () => {
    const voucher = (node: number, action: 'sell' | 'spend', part = 100): Step => ({
      t: 'voucher',
      node,
      action,
      amount: 5000,
      pick: 0,
      part,
    });
    const sim = await play(
      [
        voucher(0, 'sell'),
        { t: 'push', node: 0 },
        { t: 'deliverAll' },
        { t: 'pull', node: 1 },
        { t: 'deliverAll' },
        // Online: what is still to pay of a ticket, from the server's balance.
        voucher(1, 'spend', 50),
        { t: 'push', node: 1 },
        { t: 'deliverAll' },
        // Node 1 holds its share ahead (half of what is left), goes offline and spends all it holds,
        // twice: the second finds nothing left here.
        { t: 'pull', node: 1 },
        { t: 'deliverAll' },
        { t: 'topUp', node: 1 },
        { t: 'deliverAll' },
        { t: 'partition', node: 1 },
        voucher(1, 'spend'),
        voucher(1, 'spend'),
        { t: 'unpartition', node: 1 },
      ],
      2,
    );
    expect(sim.stats.voucherSales).toBe(1);
    expect(sim.stats.voucherSpends).toBeGreaterThanOrEqual(2);
    expect(await reviewKinds(sim)).not.toContain('voucher_overspent');
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

  it('sends a restored copy’s second sale of a leased seat to review, and keeps the first', async () => {
    // The restore step sells a seat of T1's lease and pushes it, restores the backup taken before, and
    // sells the same seat again: the copy's lease still offers it.
    const sim = await play([{ t: 'restore', node: 0 }, { t: 'push', node: 0 }, { t: 'deliverAll' }], 2);
    expect(sim.stats.leasedSeatSales).toBeGreaterThanOrEqual(2);
    expect(await reviewKinds(sim)).toEqual(expect.arrayContaining(['restore_detected', 'seat_not_held']));
  });

  it('sends a sale from a cart hold to review only when it reaches the server after its checkout’s hold lapsed and another window took the seat', async () => {
    const stalls = (node: number): Step => ({
      t: 'seats',
      node,
      performance: 1,
      how: 'pick',
      // Stalls row C: neither window leases it.
      picks: [12],
      band: null,
      ticketType: 0,
      then: 'buy',
      cashPercent: 100,
    });
    // Twenty minutes later the checkout still holds the seat for the first window's push: refused.
    const held = await play(
      [stalls(0), { t: 'tick', minutes: 20 }, stalls(1), { t: 'push', node: 1 }, { t: 'deliverAll' }],
      2,
    );
    expect(held.stats.seatedSales).toBe(1);
    expect(await reviewKinds(held)).toEqual([]);
    // A day later its hold has lapsed: the second window sells the seat, and the first window's sale,
    // pushed only now, is kept whole with the seat in review.
    const lapsed = await play(
      [stalls(0), { t: 'tick', minutes: 25 * 60 }, stalls(1), { t: 'push', node: 1 }, { t: 'deliverAll' }],
      2,
    );
    expect(lapsed.stats.seatedSales).toBe(2);
    expect(await reviewKinds(lapsed)).toEqual(['seat_not_held']);
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
