import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as UuidModule from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findAppRoot } from '../../src-main/app-info';
import { openDatabase, type Database } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrate';
import { compareServerDigests, serverDigest } from './checks/server-checks';
import { nextId, resetIds } from './sim-ids';
import { InvariantViolation, Simulation } from './simulation';
import type { Step } from './steps';

vi.mock('uuid', async (importOriginal) => {
  const real = await importOriginal<typeof UuidModule>();
  const ids = await import('./sim-ids');
  return { ...real, v7: () => ids.nextId() };
});

// The simulation is only as good as its checkers: each test here breaks one invariant by hand, in a
// state a clean run produced, and expects the checker to name it.

const SALES: Step[] = [
  {
    t: 'sell',
    node: 0,
    lines: [{ offer: 0, qty: 2 }],
    code: 0,
    customer: 0,
    cashPercent: 50,
    overuse: false,
  },
  {
    t: 'sell',
    node: 1,
    lines: [{ offer: 1, qty: 1 }],
    code: null,
    customer: 0,
    cashPercent: 100,
    overuse: false,
  },
  { t: 'push', node: 0 },
  { t: 'deliverAll' },
];

/** Seated sales: T1 from its seat lease, T2 through its cart on the server; both pushed. */
const SEATED: Step[] = [
  ...SALES,
  ...[0, 1].map((node): Step => ({
    t: 'seats',
    node,
    performance: 1,
    how: node === 0 ? 'leased' : 'pick',
    // T2 picks in Stalls row B, which nobody leases (A1 is the house's).
    picks: node === 0 ? [0, 1] : [10, 11],
    band: null,
    ticketType: 0,
    then: 'buy',
    cashPercent: 100,
  })),
  { t: 'push', node: 0 },
  { t: 'push', node: 1 },
  { t: 'deliverAll' },
];

async function violationsOf(work: () => Promise<void>): Promise<string[]> {
  try {
    await work();
    return [];
  } catch (error) {
    if (error instanceof InvariantViolation) return error.violations;
    throw error;
  }
}

describe('sync simulation checkers', { timeout: 120_000 }, () => {
  let store: Database;
  let folder: string;
  let run = 0;

  beforeAll(async () => {
    store = await openDatabase({});
    await migrate(store);
    folder = mkdtempSync(join(tmpdir(), 'pos-sim-check-'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A clean, drained run with two sales, handed to `breakIt` and then checked again. */
  async function cleanRun(
    breakIt: (sim: Simulation) => Promise<void> | void,
    steps: Step[] = SALES,
  ): Promise<{ before: string[]; after: string[] }> {
    run += 1;
    resetIds(run, 900 + run);
    const sim = new Simulation(store, join(folder, `run-${run}`), 900 + run, 2, findAppRoot());
    try {
      await sim.setup();
      for (const step of steps) await sim.step(step);
      await sim.heal();
      await sim.drain();
      const before = await violationsOf(() => sim.checkFinal());
      await breakIt(sim);
      const after = [
        ...(await violationsOf(() => sim.checkNow())),
        ...(await violationsOf(() => sim.checkFinal())),
      ];
      return { before, after };
    } finally {
      await sim.dispose();
    }
  }

  const terminalDb = (sim: Simulation, i: number) =>
    (sim.nodes[i]?.terminal as NonNullable<(typeof sim.nodes)[number]['terminal']>).db;

  it('passes a clean run and names a tampered outbox row (9)', async () => {
    const { before, after } = await cleanRun((sim) => {
      terminalDb(sim, 0)
        .prepare(
          "UPDATE outbox SET payload = replace(payload, 'completed', 'complete') WHERE seq = (SELECT max(seq) FROM outbox WHERE type = 'sale')",
        )
        .run();
    });
    expect(before).toEqual([]);
    expect(after.some((v) => v.includes('[9 hash chain]'))).toBe(true);
  });

  it('names a sale whose payment vanished (8, 10)', async () => {
    const { after } = await cleanRun((sim) => {
      const db = terminalDb(sim, 1);
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM payments WHERE rowid = (SELECT min(rowid) FROM payments)').run();
    });
    expect(after.some((v) => v.includes('[8 crash atomicity]') && v.includes('payments'))).toBe(true);
    expect(after.some((v) => v.includes('[10 money]'))).toBe(true);
  });

  it('names a sale missing on the server (1)', async () => {
    const { after } = await cleanRun(async (sim) => {
      await store.exec('SET session_replication_role = replica');
      await store.query(
        'DELETE FROM pos_sales WHERE org_id = $1 AND id = (SELECT id FROM pos_sales WHERE org_id = $1 ORDER BY id LIMIT 1)',
        [sim.world.orgId],
      );
      await store.exec('SET session_replication_role = DEFAULT');
    });
    expect(after.some((v) => v.includes('[1 no lost sale]'))).toBe(true);
  });

  it('names a counter that stops adding up (4) and a leased unit used twice (3)', async () => {
    const { after } = await cleanRun(async (sim) => {
      await store.query('UPDATE escrow_counters SET unallocated = unallocated + 1 WHERE org_id = $1', [
        sim.world.orgId,
      ]);
      await store.query(
        `UPDATE escrow_counters SET absorbed = absorbed + limit_units + 1 WHERE org_id = $1
         AND counter = (SELECT min(counter) FROM escrow_counters WHERE org_id = $1)`,
        [sim.world.orgId],
      );
    });
    expect(after.some((v) => v.includes('[4 conservation]'))).toBe(true);
    expect(after.some((v) => v.includes('[3 limit]'))).toBe(true);
  });

  it('names a gap in a terminal’s mutation log (6)', async () => {
    const { after } = await cleanRun(async (sim) => {
      await store.query(
        `DELETE FROM sync_mutations WHERE org_id = $1 AND seq = 1
         AND terminal_id = (SELECT terminal_id FROM sync_mutations WHERE org_id = $1 AND seq = 2 LIMIT 1)`,
        [sim.world.orgId],
      );
    });
    expect(after.some((v) => v.includes('[6 contiguous]'))).toBe(true);
  });

  it('names a lease used after its deadline (5) and a catalogue that drifted (7)', async () => {
    const { after } = await cleanRun((sim) => {
      const db = terminalDb(sim, 0);
      db.prepare(
        "UPDATE leases SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id IN (SELECT lease_id FROM sale_escrow)",
      ).run();
      terminalDb(sim, 1).prepare('UPDATE performances SET capacity = capacity + 1').run();
    });
    expect(after.some((v) => v.includes('[5 lease deadline]'))).toBe(true);
    expect(after.some((v) => v.includes('[7 convergence] T2: table performances'))).toBe(true);
  });

  it('names a quarantine answer without the kept payload (11), a restore flagged on a terminal never restored and one never heard (9)', async () => {
    const { after } = await cleanRun(async (sim) => {
      const push = sim.network.delivered.find(
        (d) => d.request.path === '/v1/sync/push' && d.response.status === 200,
      );
      if (!push) throw new Error('the clean run pushed nothing');
      const mutations = (push.request.body as { mutations: { seq: number }[] }).mutations;
      sim.network.delivered.push({
        node: push.node,
        request: push.request,
        response: {
          status: 200,
          body: { lastSeq: 1, results: mutations.map((m) => ({ seq: m.seq, status: 'quarantined' })) },
        },
      });
      await store.query(
        `INSERT INTO review_items (id, org_id, kind, terminal_id, summary)
         SELECT gen_random_uuid(), org_id, 'restore_detected', id, 'forged by the checker test' FROM terminals WHERE org_id = $1`,
        [sim.world.orgId],
      );
      // As if the server had stopped the terminals and none of them heard.
      await store.query(`UPDATE terminals SET state = 'restore_detected' WHERE org_id = $1`, [
        sim.world.orgId,
      ]);
    });
    expect(after.some((v) => v.includes('[11 quarantine]'))).toBe(true);
    expect(after.some((v) => v.includes('[9 restore] T1 was flagged'))).toBe(true);
    expect(after.some((v) => v.includes('[9 restore] T1: the server stopped it as restored'))).toBe(true);
  });

  it('names poison applied instead of quarantined (11)', async () => {
    const { after } = await cleanRun(async (sim) => {
      await sim.step({ t: 'poison', node: 0, kind: 'shape' });
      await sim.step({ t: 'push', node: 0 });
      await sim.step({ t: 'deliverAll' });
      const quarantined = await store.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM quarantined_mutations WHERE org_id = $1',
        [sim.world.orgId],
      );
      // The clean run quarantines the poison; then it is made to look applied and the kept copy goes.
      expect(quarantined[0]?.n).toBe(1);
      await store.query(
        `UPDATE sync_mutations SET status = 'applied' WHERE org_id = $1 AND status = 'quarantined'`,
        [sim.world.orgId],
      );
      await store.query('DELETE FROM review_items WHERE org_id = $1 AND kind = $2', [
        sim.world.orgId,
        'quarantined',
      ]);
      await store.query('DELETE FROM quarantined_mutations WHERE org_id = $1', [sim.world.orgId]);
    });
    expect(after.some((v) => v.includes('[11 quarantine] poison') && v.includes('logged as applied'))).toBe(
      true,
    );
  });

  it('names an admission for another performance or of no ticket, and a second entry no review names (12)', async () => {
    const { before, after } = await cleanRun(async (sim) => {
      const orgId = sim.world.orgId;
      const [ticket] = await store.query<{ id: string; performance_id: string }>(
        'SELECT id::text, performance_id FROM tickets WHERE org_id = $1 ORDER BY id LIMIT 1',
        [orgId],
      );
      if (!ticket) throw new Error('the clean run issued no ticket');
      const other = sim.world.performanceIds.find((id) => id !== ticket.performance_id);
      const enter = (ticketId: string, admitted: boolean) =>
        store.query(
          `INSERT INTO checkins (id, org_id, ticket_id, performance_id, door, admitted, entered_at)
           VALUES ($1, $2, $3, $4, 'Test door', $5, now())`,
          [nextId(), orgId, ticketId, other, admitted],
        );
      await enter(ticket.id, true);
      await enter(ticket.id, false);
      await enter(nextId(), true);
    });
    expect(before).toEqual([]);
    expect(after).toEqual(
      expect.arrayContaining([
        expect.stringContaining('admitted for another performance than it was sold for'),
        expect.stringContaining('has 0 review items, not 1'),
        expect.stringContaining('was admitted but no sale on the server issued it'),
      ]),
    );
  });

  /** The seats the clean seated run sold on the server, with the selling terminal and lease. */
  const soldSeats = (sim: Simulation) =>
    store.query<{ seat_id: string; sale_id: string; terminal_id: string; sold_from_lease: string | null }>(
      `SELECT ps.seat_id::text, ps.sale_id::text, s.terminal_id::text, ps.sold_from_lease::text
       FROM performance_seats ps JOIN pos_sales s ON s.id = ps.sale_id
       WHERE ps.org_id = $1 AND ps.state = 'sold' ORDER BY ps.sold_from_lease NULLS LAST, ps.seat_id`,
      [sim.world.orgId],
    );

  it('names a seat the server sold to a sale that did not take it (13) and one whose state went missing (14)', async () => {
    const { before, after } = await cleanRun(async (sim) => {
      const sold = await soldSeats(sim);
      const other = sold.find((s) => s.sale_id !== sold[0]?.sale_id);
      if (!sold[0] || !other) throw new Error('the clean run sold no seats at two windows');
      await store.query(
        "UPDATE performance_seats SET sale_id = $2 WHERE org_id = $1 AND seat_id = $3 AND state = 'sold'",
        [sim.world.orgId, other.sale_id, sold[0].seat_id],
      );
      await store.query(
        `DELETE FROM performance_seats WHERE org_id = $1 AND state = 'free'
         AND seat_id = (SELECT seat_id FROM performance_seats WHERE org_id = $1 AND state = 'free' LIMIT 1)`,
        [sim.world.orgId],
      );
    }, SEATED);
    expect(before).toEqual([]);
    expect(
      after.some((v) => v.includes('[13 seat sold once]') && v.includes('holds no unrefunded unit')),
    ).toBe(true);
    expect(after.some((v) => v.includes('[14 seat states]'))).toBe(true);
  });

  it('names a seat sold from one window’s lease by another window’s sale (15)', async () => {
    const { after } = await cleanRun(async (sim) => {
      const sold = await soldSeats(sim);
      const fromLease = sold.find((s) => s.sold_from_lease !== null);
      const fromCart = sold.find((s) => s.terminal_id !== fromLease?.terminal_id);
      if (!fromLease || !fromCart)
        throw new Error('the clean run sold no seat from a lease and one from a cart');
      await store.query(
        "UPDATE performance_seats SET sold_from_lease = $2 WHERE org_id = $1 AND seat_id = $3 AND state = 'sold'",
        [sim.world.orgId, fromLease.sold_from_lease, fromCart.seat_id],
      );
    }, SEATED);
    expect(after.some((v) => v.includes('[15 seat lease]') && v.includes('by a sale of terminal'))).toBe(
      true,
    );
  });

  it('names a seat a window’s sale holds that the server did not sell to it (16)', async () => {
    const { after } = await cleanRun(async (sim) => {
      const db = terminalDb(sim, 1);
      const free = await store.query<{ seat_id: string }>(
        "SELECT seat_id::text FROM performance_seats WHERE org_id = $1 AND state = 'free' LIMIT 1",
        [sim.world.orgId],
      );
      db.prepare(
        'UPDATE sale_units SET seat_id = ? WHERE rowid = (SELECT max(rowid) FROM sale_units WHERE seat_id IS NOT NULL)',
      ).run(free[0]?.seat_id);
    }, SEATED);
    expect(after.some((v) => v.includes('[16 seats agree] T2') && v.includes('not sold'))).toBe(true);
  });

  it('names a cash movement the server lost, or holds with another amount (17)', async () => {
    const moves: Step[] = [
      ...SALES,
      { t: 'cash', node: 0, kind: 'paid_in', amount: 1_500 },
      { t: 'cash', node: 1, kind: 'no_sale', amount: 1 },
      { t: 'push', node: 0 },
      { t: 'push', node: 1 },
      { t: 'deliverAll' },
    ];
    const { before, after } = await cleanRun(async (sim) => {
      const [first] = await store.query<{ id: string }>(
        "SELECT id::text FROM pos_cash_movements WHERE org_id = $1 AND kind = 'paid_in'",
        [sim.world.orgId],
      );
      expect(first).toBeDefined();
      await store.query('UPDATE pos_cash_movements SET amount = 1600 WHERE id = $1', [first?.id]);
      await store.query("DELETE FROM pos_cash_movements WHERE org_id = $1 AND kind = 'no_sale'", [
        sim.world.orgId,
      ]);
    }, moves);
    expect(before).toEqual([]);
    expect(
      after.some(
        (v) => v.includes('[17 cash once]') && v.includes('paid_in 1500') && v.includes('paid_in 1600'),
      ),
    ).toBe(true);
    expect(after.some((v) => v.includes('[17 cash once]') && v.includes('not on the server'))).toBe(true);
  });

  it('passes a run with a training sale, and names a training sale found on the server (18)', async () => {
    const steps: Step[] = [
      ...SALES,
      { t: 'training', node: 0, offer: 0 },
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
    ];
    const { before, after } = await cleanRun((sim) => {
      const db = terminalDb(sim, 0);
      expect(
        (db.prepare('SELECT count(*) AS n FROM sales WHERE training = 1').get() as { n: number }).n,
      ).toBe(1);
      // A pushed sale now claims to be training: as if one had reached the server.
      db.prepare(
        'UPDATE sales SET training = 1 WHERE id = (SELECT id FROM sales WHERE training = 0 ORDER BY receipt_no LIMIT 1)',
      ).run();
    }, steps);
    expect(before).toEqual([]);
    expect(
      after.some((v) => v.includes('[18 training stays home]') && v.includes('on the server as a sale')),
    ).toBe(true);
  });

  it('passes a run with comps, and names a server sale comped without its approval or with a bad line (10)', async () => {
    // Each window sells what it sold before: T2 holds seats for one more ticket only.
    const comp = (node: number, what: 'units' | 'line' | 'order'): Step => ({
      t: 'comp',
      node,
      lines: [{ offer: node, qty: 2 - node }],
      what,
      reason: node,
      code: null,
      cashPercent: 50,
    });
    const steps: Step[] = [
      ...SALES,
      comp(0, 'units'),
      comp(1, 'order'),
      { t: 'push', node: 0 },
      { t: 'push', node: 1 },
      { t: 'deliverAll' },
    ];
    let comped = 0;
    const { before, after } = await cleanRun(async (sim) => {
      comped = sim.stats.compSales ?? 0;
      const orgId = sim.world.orgId;
      const sales = await store.query<{ id: string; tenders: string[] }>(
        `SELECT id, ARRAY(SELECT x->>'tender' FROM jsonb_array_elements(payload->'payments') x) AS tenders
         FROM pos_sales WHERE org_id = $1 AND (payload->'sale'->>'comp')::int > 0 ORDER BY id`,
        [orgId],
      );
      // One given away in part, one whole with the complimentary tender, both on the server.
      expect(sales.map((x) => x.tenders.includes('complimentary')).sort()).toEqual([false, true]);
      // Now one lost its comp approval, the other its first line's comp reason.
      await store.query(
        `UPDATE pos_sales SET payload = jsonb_set(payload, '{approvals}', '[]') WHERE org_id = $1 AND id = $2`,
        [orgId, sales[0]?.id],
      );
      await store.query(
        `UPDATE pos_sales SET payload = jsonb_set(payload, '{lines,0,compReason}', 'null') WHERE org_id = $1 AND id = $2`,
        [orgId, sales[1]?.id],
      );
    }, steps);
    expect(before).toEqual([]);
    expect(comped).toBe(2);
    expect(after.some((v) => v.includes('[10 money]') && v.includes('comped without a comp approval'))).toBe(
      true,
    );
    expect(after.some((v) => v.includes('[10 money]') && v.includes('a comp without a reason'))).toBe(true);
  });

  it('passes a run with a voucher spent, and names one spent past its face value or below zero (19)', async () => {
    const voucher = (node: number, action: 'sell' | 'spend'): Step => ({
      t: 'voucher',
      node,
      action,
      amount: 2500,
      pick: 0,
      part: 100,
    });
    const steps: Step[] = [
      voucher(0, 'sell'),
      { t: 'push', node: 0 },
      { t: 'deliverAll' },
      { t: 'pull', node: 1 },
      { t: 'deliverAll' },
      voucher(1, 'spend'),
      { t: 'push', node: 1 },
      { t: 'deliverAll' },
    ];
    let spends = 0;
    const { before, after } = await cleanRun(async (sim) => {
      spends = sim.stats.voucherSpends;
      const orgId = sim.world.orgId;
      // The pushed spend now claims twice the face value, and the lease that backed it used as much.
      await store.query(
        `UPDATE pos_sales SET payload = jsonb_set(payload, '{payments,0,amount}', '5000')
         WHERE org_id = $1 AND payload->'payments'->0->>'tender' = 'voucher'`,
        [orgId],
      );
      await store.query(
        `UPDATE escrow_leases SET used = used + 5000, granted = granted + 5000
         WHERE org_id = $1 AND counter LIKE 'voucher_balance:%'`,
        [orgId],
      );
    }, steps);
    expect(before).toEqual([]);
    expect(spends).toBe(1);
    expect(after.some((v) => v.includes('[19 voucher balance]') && v.includes('with no review item'))).toBe(
      true,
    );
    expect(after.some((v) => v.includes('[19 voucher balance]') && v.includes('below zero'))).toBe(true);
  });

  it('names a sale applied twice by its digest (2)', async () => {
    resetIds(77, 999);
    const sim = new Simulation(store, join(folder, 'digest'), 999, 1, findAppRoot());
    try {
      await sim.setup();
      await sim.step(SALES[0] as Step);
      await sim.step({ t: 'push', node: 0 });
      await sim.step({ t: 'deliverAll' });
      const before = await serverDigest(store, sim.world.orgId);
      // What a double count looks like: the same sale's effects once more.
      await store.query('UPDATE codes SET uses = uses + 1 WHERE org_id = $1', [sim.world.orgId]);
      const after = await serverDigest(store, sim.world.orgId);
      expect(compareServerDigests(before, after)).toEqual([
        '[2 no double count] replaying the delivered pushes changed table codes',
      ]);
    } finally {
      await sim.dispose();
    }
  });
});
