import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/server-api/page';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { openTill, seedHall, type Till } from '../../helpers/sync-server';

// docs/CASH.md "Training mode": the back office's per-terminal training switch (PUT
// /v1/terminals/:id/training), guarded like the other terminal settings, audited with the terminal's
// record before and after, listed on the Terminals screen and carried by every pull.

describe.each(backends)('a terminal put in training from the back office (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let box: Till;
  let bar: Till;
  let foreign: Till;

  const put = (api: SeededOrganisation['api'], till: Till, body: unknown) =>
    api.put<{ terminalId: string; training: boolean }>(`/v1/terminals/${till.id}/training`, body);
  const stored = async (till: Till) =>
    (await db.query<{ training: boolean }>('SELECT training FROM terminals WHERE id = $1', [till.id]))[0]
      ?.training;
  const pulled = async (till: Till) => {
    const reply = await till.api.post<{ training?: boolean }>('/v1/sync/pull', {
      terminalId: till.id,
      cursor: null,
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.training;
  };
  const listed = async (till: Till) =>
    (await org.api.get<Page<TerminalRow>>('/v1/terminals')).body.items.find((t) => t.id === till.id)
      ?.training;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url, 'Globe');
    other = await seedOrganisation(db, server.url, 'Rose');
    const { venueId } = await seedHall(org);
    box = await openTill(org, server.url, venueId, org.managerId);
    bar = await openTill(org, server.url, venueId, org.managerId);
    foreign = await openTill(other, server.url, (await seedHall(other)).venueId, other.managerId);
    // Two organisations, three enrolments and their scrypt hashes: slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('switches one terminal into training and out again, listed, pulled and audited each time', async () => {
    expect(await pulled(box)).toBe(false);
    expect(await listed(box)).toBe(false);

    const on = await put(org.api, box, { training: true });
    expect(on.status, on.text).toBe(200);
    expect(on.body).toEqual({ terminalId: box.id, training: true });
    expect(await listed(box)).toBe(true);
    expect(await pulled(box)).toBe(true);
    // Only that terminal: its neighbour at the same venue still sells for real.
    expect(await listed(bar)).toBe(false);
    expect(await pulled(bar)).toBe(false);

    const off = await put(org.api, box, { training: false });
    expect(off.body).toEqual({ terminalId: box.id, training: false });
    expect(await pulled(box)).toBe(false);

    const audit = await db.query<{ before: { training: boolean }; after: { training: boolean } }>(
      `SELECT before, after FROM audit_log WHERE action = 'terminal.training' AND entity_id = $1 ORDER BY id`,
      [box.id],
    );
    expect(audit.map((a) => [a.before.training, a.after.training])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('refuses a switch that is no yes or no, another organisation’s terminal and staff without the permission, changing nothing', async () => {
    for (const body of [
      { training: 'yes' },
      { training: 1 },
      { training: null },
      {},
      { training: true, extra: 1 },
    ]) {
      const refused = await put(org.api, bar, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    const named = await put(org.api, bar, { training: 'yes' });
    expect(named.text).toContain('training must be true (in training) or false (selling for real)');
    expect(await stored(bar)).toBe(false);

    const elsewhere = await put(org.api, foreign, { training: true });
    expect(elsewhere.status).toBe(404);
    expect(await stored(foreign)).toBe(false);

    const seller = await signInAs(other.api, server.url, 'seller');
    expect((await put(seller.api, foreign, { training: true })).status).toBe(403);
    expect(await stored(foreign)).toBe(false);
  });
});
