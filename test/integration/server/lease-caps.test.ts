import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquireResponse } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import {
  acquireLease,
  assertConservation,
  counterState,
  newPerformance,
  openTill,
  seedHall,
  setLeaseCap,
  type Till,
} from '../../helpers/sync-server';
import type { Page } from '../../../shared/server-api/page';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';

/** The finding: 14 requests with a huge `want` took every seat of a performance. */
const HUGE = 1_000_000_000;

describe.each(backends)('per-terminal lease caps (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let eventId: string;

  const performance = (capacity: number) => newPerformance(org, eventId, capacity);
  const newTill = (): Promise<Till> => openTill(org, server.url, venueId, org.managerId);
  const granted = (answer: { body: AcquireResponse }) => answer.body.lease?.granted ?? 0;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    ({ venueId, eventId } = await seedHall(org));
  });
  afterAll(async () => {
    await server.close();
  });

  it('14 huge requests from one terminal leave three quarters of the seats, and the refusal says why', async () => {
    const key = `capacity:${await performance(100)}`;
    const till = await newTill();
    const answers = [];
    for (let i = 0; i < 14; i++) answers.push(await acquireLease(till, key, HUGE));
    expect(answers.map(granted).reduce((a, b) => a + b, 0)).toBe(25);
    expect(await counterState(db, key)).toEqual({ limit: 100, unallocated: 75, absorbed: 0 });
    const last = answers.at(-1)!;
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ lease: null, unallocated: 75, limit: 100 });
    expect(last.body.refusal?.reason).toBe('TERMINAL_CAP');
    expect(last.body.refusal?.message).toMatch(/holds 25 unused units.*cap \(25 of 100, 25 %\).*raise/);
    // Another terminal still gets seats.
    expect(granted(await acquireLease(await newTill(), key, HUGE))).toBeGreaterThan(0);
    await assertConservation(db);
  });

  it('a manager raises one terminal’s cap and it holds more; null returns it to the default', async () => {
    const key = `capacity:${await performance(100)}`;
    const till = await newTill();
    while (granted(await acquireLease(till, key, HUGE)) > 0);
    expect(await counterState(db, key)).toMatchObject({ unallocated: 75 });

    expect(await setLeaseCap(org, till.id, 60)).toEqual({
      terminalId: till.id,
      leaseCapPercent: 60,
      effectivePercent: 60,
    });
    while (granted(await acquireLease(till, key, HUGE)) > 0);
    expect(await counterState(db, key)).toMatchObject({ unallocated: 40 });
    const listed = await org.api.get<Page<TerminalRow>>('/v1/terminals');
    expect(listed.body.items.find((t) => t.id === till.id)?.leaseCapPercent).toBe(60);

    // Lowering the cap takes nothing back; it only stops new grants.
    expect(await setLeaseCap(org, till.id, null)).toMatchObject({
      leaseCapPercent: null,
      effectivePercent: 25,
    });
    expect((await acquireLease(till, key, 1)).body.refusal?.reason).toBe('TERMINAL_CAP');
    expect(await counterState(db, key)).toMatchObject({ unallocated: 40 });
    await assertConservation(db);
  });

  it('only a manager with terminals.enrol in its own organisation sets a cap, to a whole percent 1–100', async () => {
    const till = await newTill();
    const put = (api: typeof org.api, body: unknown) => api.put(`/v1/terminals/${till.id}/lease-cap`, body);
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    expect((await put(supervisor.api, { percent: 100 })).status).toBe(403);
    const other = await seedOrganisation(db, server.url, 'Other');
    const foreign = await put(other.api, { percent: 100 });
    expect(foreign.status).toBe(404);
    for (const percent of [0, 101, 12.5, '50']) {
      const bad = await put(org.api, { percent });
      expect(bad.status, String(percent)).toBe(400);
      expect(bad.text).toMatch(/percent/);
    }
    expect((await put(org.api, {})).status).toBe(400);
    const [row] = await db.query<{ cap: number | null }>(
      'SELECT lease_cap_percent AS cap FROM terminals WHERE id = $1',
      [till.id],
    );
    expect(row?.cap).toBeNull();
  });

  it('parallel acquires from several terminals never pass a cap or the pool', async () => {
    // 40 seats, 5 terminals of 10 each: together they could hold 50, so the pool runs dry too.
    const key = `capacity:${await performance(40)}`;
    const tills = await Promise.all(Array.from({ length: 5 }, () => newTill()));
    const answers = await Promise.all(
      tills.flatMap((till) =>
        Array.from({ length: 6 }, async () => ({ till, answer: await acquireLease(till, key, HUGE) })),
      ),
    );
    for (const { answer } of answers) expect(answer.status).toBe(200);
    const byTill = new Map<string, number>();
    for (const { till, answer } of answers) byTill.set(till.id, (byTill.get(till.id) ?? 0) + granted(answer));
    for (const [id, held] of byTill) expect(held, id).toBeLessThanOrEqual(10);
    const total = [...byTill.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(40);
    expect(await counterState(db, key)).toEqual({ limit: 40, unallocated: 40 - total, absorbed: 0 });
    await assertConservation(db);
  });
});
