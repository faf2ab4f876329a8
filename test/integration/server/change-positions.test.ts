import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../../shared/sync/protocol';
import { retryingDeadlocks } from '../../../src-server/db/database';
import { NEXT_POS, positionCte } from '../../../src-server/db/repos/change-pos';
import { renewGenerations } from '../../../src-server/db/repos/pull-repo';
import {
  apiClient,
  seedOrganisation,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { postgresBackends, startTestServer, type Backend, type TestServer } from '../../helpers/server-db';
import { enrol, seedHall } from '../../helpers/sync-server';

// Change positions without an organisation-wide lock (shared/sync/DECISIONS.md "Pull"): a writer takes
// its transaction's position and locks nothing shared, and a pull reads only below the watermark. Each
// case holds a transaction open on its own connection, as a slow push batch would, and watches what
// the others do meanwhile. PostgreSQL only: PGlite serves one connection at a time.

const suite =
  postgresBackends.length > 0 ? describe.each(postgresBackends) : describe.skip.each<Backend>(['postgres']);

/** Whether `work` is still waiting after `ms`: 'waiting', or what it resolved to. */
async function after<T>(work: Promise<T>, ms: number): Promise<T | 'waiting'> {
  return Promise.race([work, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms))]);
}

suite('change positions and the organisation lock (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let held: pg.Client | undefined;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Positions');
    ({ venueId } = await seedHall(org));
  });
  afterEach(async () => {
    await held?.query('ROLLBACK').catch(() => undefined);
    await held?.end();
    held = undefined;
  });
  afterAll(async () => {
    await server.close();
  });

  /** A transaction on its own connection, left open. */
  async function openTransaction(): Promise<pg.Client> {
    held = new pg.Client({ connectionString: server.database.url });
    await held.connect();
    await held.query('BEGIN');
    return held;
  }

  async function newCode(name: string): Promise<string> {
    const reply = await org.api.post<{ id: string }>('/v1/codes', {
      code: name,
      name,
      benefit: { type: 'percentage', percent: 1000 },
    });
    expect(reply.status, reply.text).toBe(201);
    return reply.body.id;
  }

  async function terminal(): Promise<{ id: string; api: ApiClient }> {
    const reg = await enrol(org, server.url, venueId);
    return { id: reg.terminalId, api: apiClient(server.url, reg.deviceToken) };
  }

  /** Pulls until the server says there is no more; the changes in order and the cursor to go on from. */
  async function pullAll(t: { id: string; api: ApiClient }, cursor: string | null) {
    const changes: Change[] = [];
    let next = cursor;
    for (;;) {
      const page = await t.api.post<PullResponse>('/v1/sync/pull', { terminalId: t.id, cursor: next });
      expect(page.status, page.text).toBe(200);
      changes.push(...page.body.changes);
      next = page.body.cursor;
      if (!page.body.more) return { changes, cursor: next };
    }
  }

  const codeNames = (changes: Change[]) =>
    changes.flatMap((c) => (c.entity === 'code' && 'data' in c ? [c.data.name] : []));

  it('never lets a pull pass a change still being written, though a later one committed first', async () => {
    const slow = await newCode(`SLOW${randomUUID().slice(0, 6)}`.toUpperCase());
    const t = await terminal();
    const start = await pullAll(t, null);

    // A transaction takes its position first and commits last, as a long push batch does.
    const tx = await openTransaction();
    await tx.query(
      `WITH ${positionCte()} UPDATE codes SET name = 'Slow renamed', change_pos = ${NEXT_POS} WHERE id = $1`,
      [slow],
    );
    const fast = `FAST${randomUUID().slice(0, 6)}`.toUpperCase();
    await newCode(fast);

    const during = await pullAll(t, start.cursor);
    expect(codeNames(during.changes)).toEqual([]);

    await tx.query('COMMIT');
    const afterwards = await pullAll(t, during.cursor);
    expect(codeNames(afterwards.changes)).toEqual(['Slow renamed', fast]);
  });

  it('redeems one code while another code’s selling transaction is still open', async () => {
    const busy = `BUSY${randomUUID().slice(0, 6)}`.toUpperCase();
    const busyId = await newCode(busy);
    const free = `FREE${randomUUID().slice(0, 6)}`.toUpperCase();
    await newCode(free);
    const tx = await openTransaction();
    await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended('organisation:' || $1::text, 0))`, [
      org.organisationId,
    ]);
    await tx.query(
      `WITH ${positionCte()} UPDATE codes SET uses = uses + 1, usage_pos = ${NEXT_POS} WHERE id = $1`,
      [busyId],
    );

    const redeem = (code: string) =>
      org.api.post('/v1/redemptions', {
        id: randomUUID(),
        orderId: randomUUID(),
        code,
        tickets: 1,
        discount: 100,
        revenue: 900,
        currency: 'EUR',
      });
    const reply = await after(redeem(free), 5000);
    expect(reply === 'waiting' ? 'waiting' : reply.status).toBe(201);
    // The same code waits for its row, as it must.
    const same = redeem(busy);
    expect(await after(same, 300)).toBe('waiting');
    await tx.query('COMMIT');
    expect((await same).status).toBe(201);
  });

  it('holds a back-office edit until the selling side’s open transactions commit', async () => {
    const id = await newCode(`EDIT${randomUUID().slice(0, 6)}`.toUpperCase());
    const tx = await openTransaction();
    await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended('organisation:' || $1::text, 0))`, [
      org.organisationId,
    ]);
    const edit = org.api.patch(`/v1/codes/${id}`, { name: 'Edited while selling' });
    expect(await after(edit, 300)).toBe('waiting');
    await tx.query('COMMIT');
    expect((await edit).status).toBe(200);
  });

  it('runs again a transaction PostgreSQL rolled back to break a deadlock, so both sides commit', async () => {
    const db = server.database.db;
    const a = await newCode(`DLA${randomUUID().slice(0, 6)}`.toUpperCase());
    const b = await newCode(`DLB${randomUUID().slice(0, 6)}`.toUpperCase());
    let runs = 0;
    let bothLocked: () => void = () => undefined;
    const firstLocked = new Promise<void>((r) => (bothLocked = r));
    let waiting = 0;
    // Each locks its first code, waits until the other has too, then asks for the other's.
    const crossing = (first: string, second: string) =>
      retryingDeadlocks(() =>
        db.transaction(async (tx) => {
          runs += 1;
          await tx.query('UPDATE codes SET uses = uses + 1 WHERE id = $1', [first]);
          waiting += 1;
          if (waiting === 2) bothLocked();
          await firstLocked;
          await tx.query('UPDATE codes SET uses = uses + 1 WHERE id = $1', [second]);
        }),
      );
    await Promise.all([crossing(a, b), crossing(b, a)]);
    expect(runs).toBe(3);
    const uses = await db.query<{ uses: number }>('SELECT uses FROM codes WHERE id = ANY($1::uuid[])', [
      [a, b],
    ]);
    expect(uses.map((u) => u.uses)).toEqual([2, 2]);
  });

  it('moves the clock above every restored position when generations are renewed', async () => {
    const id = await newCode(`HIGH${randomUUID().slice(0, 6)}`.toUpperCase());
    const db = server.database.db;
    // As if restored from a cluster whose transaction ids ran far ahead of this one's.
    await db.query('UPDATE codes SET change_pos = change_pos + 1000000000 WHERE id = $1', [id]);
    const [{ pos: restored } = { pos: 0 }] = await db.query<{ pos: number }>(
      'SELECT change_pos AS pos FROM codes WHERE id = $1',
      [id],
    );
    await renewGenerations(db);
    const edited = await newCode(`NEXT${randomUUID().slice(0, 6)}`.toUpperCase());
    const [{ pos } = { pos: 0 }] = await db.query<{ pos: number }>(
      'SELECT change_pos AS pos FROM codes WHERE id = $1',
      [edited],
    );
    expect(pos).toBeGreaterThan(restored);
  });
});
