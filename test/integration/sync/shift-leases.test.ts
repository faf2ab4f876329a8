import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { waitFor } from '../../helpers/server-api';
import {
  createCode,
  enrolledTerminal,
  enrolmentCode,
  sell,
  startSyncWorld,
  type SyncWorld,
} from '../../helpers/sync-fixture';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

const CAPACITY = 40;

interface Pool {
  limit: number;
  unallocated: number;
  absorbed: number;
  /** Σ(granted − returned) over every lease of the counter. */
  leased: number;
  /** Leases of the counter the server still counts as active. */
  active: number;
}

describe('sync: leases follow the shift', () => {
  let world: SyncWorld;
  const open: TestTerminal[] = [];
  beforeAll(async () => {
    world = await startSyncWorld(CAPACITY);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(() => world.close());

  const seats = () => `capacity:${world.catalogue.performanceId}`;

  /** The server's books for one counter; conservation must hold whenever they are read. */
  const pool = async (counter: string): Promise<Pool> => {
    const [row] = await world.server.db().query<Pool>(
      `SELECT c.limit_units::int AS "limit", c.unallocated::int AS unallocated, c.absorbed::int AS absorbed,
         coalesce(sum(l.granted - l.returned), 0)::int AS leased,
         count(l.id) FILTER (WHERE l.status = 'active')::int AS active
       FROM escrow_counters c LEFT JOIN escrow_leases l ON l.org_id = c.org_id AND l.counter = c.counter
       WHERE c.org_id = $1 AND c.counter = $2
       GROUP BY c.limit_units, c.unallocated, c.absorbed`,
      [world.org.organisationId, counter],
    );
    if (!row) throw new Error(`no counter ${counter} on the server`);
    expect(row.unallocated).toBeGreaterThanOrEqual(0);
    expect(row.unallocated + row.leased + row.absorbed).toBe(row.limit);
    return row;
  };
  /** This terminal's leases on the server: how many, and the units it still counts out to it. */
  const leasesOf = async (terminalId: string, counter = seats()) => {
    const [row] = await world.server.db().query<{ rows: number; out: number; active: number }>(
      `SELECT count(*)::int AS rows, coalesce(sum(granted - returned), 0)::int AS out,
         count(*) FILTER (WHERE status = 'active')::int AS active
       FROM escrow_leases WHERE terminal_id = $1 AND counter = $2`,
      [terminalId, counter],
    );
    return row ?? { rows: 0, out: 0, active: 0 };
  };
  const held = async (pos: TestTerminal) => (await pos.must(c.sync.status)).leases;
  const closeShift = async (pos: TestTerminal) => {
    await pos.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
    await pos.must(c.shift.close, { countedCash: 0 });
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
  };

  it('gives every unused unit back when the shift closes, asks for none until the next shift, then leases again', async () => {
    const codeId = await createCode(world.org.api, { code: 'SHIFT20', rules: { maxUses: 20 } });
    const codeUses = `code_uses:${codeId}`;
    const pos = await enrolledTerminal(world);
    open.push(pos);
    const terminalId = pos.terminal.terminalId;
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });

    // Enrolled but no shift: a round takes nothing.
    expect(await pos.terminal.sync.round()).toBe(true);
    expect(await held(pos)).toEqual([]);
    expect(await leasesOf(terminalId)).toEqual({ rows: 0, out: 0, active: 0 });

    // The shift opens: the next round prefetches seats and the capped code.
    await pos.must(c.shift.open, { openingFloat: 0 });
    expect(await pos.terminal.sync.round()).toBe(true);
    expect((await held(pos)).map((l) => l.counter)).toEqual(expect.arrayContaining([seats(), codeUses]));
    expect(await sell(pos, world.catalogue, { qty: 2, code: 'SHIFT20' })).toMatchObject({ ok: true });
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true });
    const seatsOpen = await pool(seats());
    const usesOpen = await pool(codeUses);
    expect(seatsOpen.leased).toBeGreaterThan(2);
    expect(usesOpen.leased).toBeGreaterThan(1);

    // Closing stops every lease in the close's own transaction, the returns right behind shift.close.
    await closeShift(pos);
    expect(await held(pos)).toEqual([]);
    const outbox = readOutbox(pos.terminal.db);
    const close = outbox.findIndex((m) => m.type === 'shift.close');
    const returns = outbox.slice(close + 1);
    expect(returns.map((m) => [m.type, m.createdAt])).toEqual(
      returns.map(() => ['lease.return', outbox[close]!.createdAt]),
    );
    expect(returns.map((m) => (m.payload as { counter: string }).counter)).toEqual(
      expect.arrayContaining([seats(), codeUses]),
    );
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });

    // The pools have everything back but what was sold: 2 seats, 1 use of the code.
    const seatsClosed = await pool(seats());
    const usesClosed = await pool(codeUses);
    expect(seatsClosed).toMatchObject({ leased: 2, active: 0, unallocated: CAPACITY - 2 });
    expect(usesClosed).toMatchObject({ leased: 1, active: 0, unallocated: 20 - 1 });
    expect(seatsClosed.unallocated).toBeGreaterThan(seatsOpen.unallocated);

    // No shift: rounds and top-ups ask for nothing, so the pools stay whole.
    const leasesClosed = await leasesOf(terminalId);
    expect(leasesClosed).toMatchObject({ out: 2, active: 0 });
    expect(await pos.terminal.sync.round()).toBe(true);
    expect(await pos.terminal.sync.topUpOnce()).toEqual({ ok: true, value: { requested: 0, granted: 0 } });
    expect(await held(pos)).toEqual([]);
    expect(await leasesOf(terminalId)).toEqual(leasesClosed);
    expect(await pool(seats())).toEqual(seatsClosed);

    // The next shift leases again.
    await pos.must(c.shift.open, { openingFloat: 0 });
    expect(await pos.terminal.sync.round()).toBe(true);
    expect((await held(pos)).map((l) => l.counter)).toEqual(expect.arrayContaining([seats(), codeUses]));
    expect((await pool(seats())).active).toBeGreaterThan(0);
    await closeShift(pos);
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true });
  });

  it('keeps its leases through a shift closed offline, sells on them in the next, and returns them once the server answers with no shift open', async () => {
    const pos = await enrolledTerminal(world);
    open.push(pos);
    const terminalId = pos.terminal.terminalId;
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    expect(await pos.terminal.sync.round()).toBe(true);
    const before = await pool(seats());
    const leased = (await leasesOf(terminalId)).out;
    expect(leased).toBeGreaterThan(1);

    await world.server.stop();
    try {
      expect(await pos.call(c.sync.now)).toMatchObject({ ok: false, reason: 'SERVER_UNREACHABLE' });
      await closeShift(pos);
      expect((await held(pos)).map((l) => l.counter)).toContain(seats());
      expect(readOutbox(pos.terminal.db).filter((m) => m.type === 'lease.return')).toEqual([]);
      // A new cashier takes over during the outage and sells a seat on the kept lease.
      expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
      await closeShift(pos);
    } finally {
      await world.server.restart();
    }

    // The first round that reaches the server pushes the sale and gives back the rest.
    expect(await pos.terminal.sync.round()).toBe(true);
    expect(await held(pos)).toEqual([]);
    expect(await pos.must(c.sync.status)).toMatchObject({ pendingSales: 0, lastError: null });
    expect(await leasesOf(terminalId)).toMatchObject({ out: 1, active: 0 });
    expect(await pool(seats())).toMatchObject({ unallocated: before.unallocated + leased - 1, active: 0 });
  });

  it('takes leases as soon as a shift opens and returns them as soon as it closes, with the scheduler running', async () => {
    const pos = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      // Only the shift's own kick can start a round within the test.
      sync: { intervalMs: 600_000 },
    });
    open.push(pos);
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
      name: 'Box 2',
    });
    const terminalId = pos.terminal.terminalId;
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    await waitFor(async () => ((await held(pos)).some((l) => l.counter === seats()) ? true : undefined));
    expect((await leasesOf(terminalId)).active).toBeGreaterThan(0);

    await closeShift(pos);
    await waitFor(async () => ((await leasesOf(terminalId)).active === 0 ? true : undefined));
    expect(await held(pos)).toEqual([]);
    expect((await pool(seats())).active).toBe(0);
  });
});
