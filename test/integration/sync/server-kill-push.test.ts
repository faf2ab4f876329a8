import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { Result } from '../../../shared/result';
import { counterKey } from '../../../shared/sync/protocol';
import type { CounterNeed } from '../../../shared/sync/counters';
import { countPendingOutbox } from '../../../src-main/db/repos/outbox-repo';
import { getSyncState, lastOutboxSeq } from '../../../src-main/db/repos/sync-repo';
import type { PushOutcome } from '../../../src-main/services/sync/push';
import { openDatabase, type Database } from '../../../src-server/db/database';
import { setUpFirstOrganisation, waitFor, type SeededOrganisation } from '../../helpers/server-api';
import { createPostgresDatabase } from '../../helpers/server-db';
import { assertInvariants } from '../../helpers/server-invariants';
import { spawnServer, type ServerProcess } from '../../helpers/server-process';
import { switchableTransport } from '../../helpers/switchable-transport';
import {
  createCode,
  enrolledAtServer,
  seedCatalogue,
  sell,
  serverUses,
  type Catalogue,
} from '../../helpers/sync-fixture';
import { newPerformance } from '../../helpers/till';
import type { TestTerminal } from '../../helpers/terminal';

// A server process dies (SIGKILL: no shutdown code, its transaction cut off) while a terminal core is in
// the middle of pushing a long offline backlog over HTTP (docs/SYNC.md "Push": one transaction per batch).
// To kill it inside a batch every time, the test holds a row lock on the leases that only the later
// sales use: the batch that reaches them waits in its open transaction, which pg_stat_activity shows,
// and that is when the process is killed. A new process on the same database then takes the resend.

const databaseUrl = process.env.DATABASE_URL;
const suite = databaseUrl ? describe : describe.skip;

/**
 * Sales before the locked counter's first use and after. A batch stops at 512 KB, some 170–210 of these
 * sales, so the early ones fill two batches and part of the third, in which the first late sale waits.
 */
const EARLY_SALES = 500;
const LATE_SALES = 150;

suite(
  databaseUrl
    ? 'a server process killed (SIGKILL) in the middle of a push, on PostgreSQL'
    : 'a server process killed in the middle of a push (skipped: it needs PostgreSQL, set DATABASE_URL)',
  () => {
    let database: { url: string; drop(): Promise<void> };
    let db: Database;
    let server: ServerProcess;
    let org: SeededOrganisation;
    let catalogue: Catalogue;
    let laterPerformanceId: string;
    const terminals: TestTerminal[] = [];

    beforeAll(async () => {
      database = await createPostgresDatabase();
      server = await spawnServer({ DATABASE_URL: database.url });
      db = await openDatabase({ databaseUrl: database.url });
      org = await setUpFirstOrganisation(server.url);
      catalogue = await seedCatalogue(org, 100_000, new Date(Date.now() + 7 * 86_400_000).toISOString());
      laterPerformanceId = await newPerformance(org, catalogue.eventId, 100_000);
    }, 120_000);

    afterAll(async () => {
      await Promise.all(terminals.map((t) => t.close()));
      await server?.stop();
      await db?.close();
      await database?.drop();
    }, 60_000);

    /** An enrolled terminal holding leases for `needs`, its shift open, its line then cut: it sells offline. */
    async function offlineTill(name: string, needs: CounterNeed[]) {
      const link = switchableTransport(server.url);
      const pos = await enrolledAtServer(server.url, org, catalogue, {
        name,
        leaseCapPercent: 100,
        sync: { autoStart: false, transport: link.transport },
      });
      terminals.push(pos);
      await pos.must(c.shift.open, { openingFloat: 10_000 });
      expect(await pos.terminal.sync.topUpOnce(needs)).toMatchObject({ ok: true });
      link.online(false);
      return { pos, link };
    }

    async function sellAll(pos: TestTerminal, n: number, options: Parameters<typeof sell>[2]) {
      for (let i = 0; i < n; i++) expect(await sell(pos, catalogue, options)).toMatchObject({ ok: true });
    }

    /** Pushes batch after batch, as the sync round does, until the outbox is drained or a push fails. */
    async function pushUntilDone(pos: TestTerminal): Promise<Result<PushOutcome>[]> {
      const results: Result<PushOutcome>[] = [];
      for (;;) {
        const pushed = await pos.terminal.sync.pushOnce();
        results.push(pushed);
        if (!pushed.ok || pushed.value.remaining === 0) return results;
      }
    }

    async function count(sql: string, params: unknown[]): Promise<number> {
      const [row] = await db.query<{ n: number }>(sql, params);
      return row?.n ?? 0;
    }

    /**
     * Brings the line back and pushes while this test holds `lockedCounter`'s leases locked; kills the
     * server once a batch waits on that lock inside its transaction. Returns the seq the terminal had
     * acknowledged by then.
     */
    async function killMidPush(
      pos: TestTerminal,
      link: ReturnType<typeof switchableTransport>,
      lockedCounter: string,
    ): Promise<number> {
      const tail = lastOutboxSeq(pos.terminal.db);
      const lock = new pg.Client({ connectionString: database.url });
      await lock.connect();
      let pushing: Promise<unknown> | undefined;
      try {
        await lock.query('BEGIN');
        const locked = await lock.query(
          'SELECT id FROM escrow_leases WHERE terminal_id = $1 AND counter = $2 FOR UPDATE',
          [pos.terminal.terminalId, lockedCounter],
        );
        expect(locked.rowCount).toBeGreaterThan(0);
        const ours = (await lock.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;

        link.online(true);
        const run = pushUntilDone(pos);
        pushing = run;
        // Read outside the lock's transaction, which would see pg_stat_activity as it was at its start.
        const waiting = await waitFor(async () => {
          const [row] = await db.query<{ pid: number; query: string; xact: boolean }>(
            `SELECT pid, query, xact_start IS NOT NULL AS xact FROM pg_stat_activity
             WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [ours],
          );
          return row;
        }, 30_000);
        // The server's batch is inside its transaction, at the first sale that uses the locked leases.
        expect(waiting.xact).toBe(true);
        expect(waiting.query).toContain('escrow_leases');
        const acked = getSyncState(pos.terminal.db)?.pushedThrough ?? 0;
        // Earlier batches were committed and acknowledged; the one in flight applied some sales before
        // it reached the lock at the first late sale.
        expect(acked).toBeGreaterThan(1);
        expect(acked + 1).toBeLessThan(tail - LATE_SALES + 1);

        await server.kill();
        const results = await run;
        expect(results.at(-1)).toMatchObject({ ok: false, reason: 'SERVER_UNREACHABLE' });
        expect(results.slice(0, -1).every((r) => r.ok)).toBe(true);
        expect(getSyncState(pos.terminal.db)?.pushedThrough).toBe(acked);

        await lock.query('ROLLBACK');
        // The dead server's backend gets the lock, finds its client gone and rolls its batch back.
        await waitFor(async () => {
          const left = await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting.pid]);
          return left.length === 0 ? true : undefined;
        }, 30_000);
        return acked;
      } finally {
        await lock.end();
        // A failed check leaves the push running: it ends once the lock is gone.
        await pushing;
      }
    }

    /** What the server holds of the terminal after the kill: exactly the acknowledged batches. */
    async function expectOnlyAcknowledged(pos: TestTerminal, acked: number): Promise<void> {
      const id = pos.terminal.terminalId;
      const ackedSales = pos.terminal.db
        .prepare("SELECT count(*) AS n FROM outbox WHERE type = 'sale' AND seq <= ?")
        .get(acked) as { n: number };
      expect(await count('SELECT last_seq::int AS n FROM terminals WHERE id = $1', [id])).toBe(acked);
      expect(await count('SELECT count(*)::int AS n FROM sync_mutations WHERE terminal_id = $1', [id])).toBe(
        acked,
      );
      expect(await count('SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1', [id])).toBe(
        ackedSales.n,
      );
    }

    /** A new server process on the same database and port; the terminal pushes until its outbox is empty. */
    async function restartAndDrain(pos: TestTerminal): Promise<void> {
      server = await spawnServer({ DATABASE_URL: database.url, PORT: new URL(server.url).port });
      const results = await pushUntilDone(pos);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(countPendingOutbox(pos.terminal.db)).toBe(0);
    }

    /** Every sale on the server once, with its money, tickets and escrow; nothing for review. */
    async function expectConsistent(pos: TestTerminal, codeSales: Record<string, number>): Promise<void> {
      const id = pos.terminal.terminalId;
      const local = pos.terminal.db.prepare('SELECT id, total FROM sales').all() as {
        id: string;
        total: number;
      }[];
      const held = await db.query<{ id: string; total: number; copies: number }>(
        `SELECT id::text, total, count(*) OVER (PARTITION BY mutation_id)::int AS copies FROM pos_sales
         WHERE terminal_id = $1`,
        [id],
      );
      expect(held.filter((s) => s.copies !== 1)).toEqual([]);
      expect(new Map(held.map((s) => [s.id, s.total]))).toEqual(new Map(local.map((s) => [s.id, s.total])));
      expect(held).toHaveLength(local.length);

      const paid = pos.terminal.db.prepare('SELECT coalesce(sum(amount), 0) AS n FROM payments').get() as {
        n: number;
      };
      expect(
        await count(
          `SELECT coalesce(sum((p->>'amount')::bigint), 0)::int AS n
           FROM pos_sales s, jsonb_array_elements(s.payload->'payments') p WHERE s.terminal_id = $1`,
          [id],
        ),
      ).toBe(paid.n);
      const tickets = pos.terminal.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
      expect(await count('SELECT count(*)::int AS n FROM tickets WHERE terminal_id = $1', [id])).toBe(
        tickets.n,
      );

      const tail = lastOutboxSeq(pos.terminal.db);
      const view = await org.api.get<{ lastSeq: number; state: string }>(`/v1/terminals/${id}/sync`);
      expect(view.body).toMatchObject({ lastSeq: tail, state: 'active' });
      expect(
        await db.query(
          'SELECT status, count(*)::int AS n FROM sync_mutations WHERE terminal_id = $1 GROUP BY status',
          [id],
        ),
      ).toEqual([{ status: 'applied', n: tail }]);

      // The kill left nothing for a manager to sort out.
      expect(await count('SELECT count(*)::int AS n FROM review_items', [])).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM quarantined_mutations', [])).toBe(0);

      // Escrow: every unit lease-backed, each lease's use on the server the terminal's own, counters whole.
      await assertInvariants(db);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM pos_sale_escrow e JOIN pos_sales s ON s.id = e.sale_id
           WHERE s.terminal_id = $1 AND e.kind <> 'backed'`,
          [id],
        ),
      ).toBe(0);
      expect(await count('SELECT coalesce(sum(absorbed), 0)::int AS n FROM escrow_counters', [])).toBe(0);
      const leases = await db.query<{ id: string; used: number }>(
        'SELECT id::text, used FROM escrow_leases WHERE terminal_id = $1',
        [id],
      );
      const localLeases = pos.terminal.db.prepare('SELECT id, used FROM leases').all() as {
        id: string;
        used: number;
      }[];
      expect(new Map(leases.map((l) => [l.id, l.used]))).toEqual(
        new Map(localLeases.map((l) => [l.id, l.used])),
      );
      for (const [codeId, sales] of Object.entries(codeSales)) {
        expect(await serverUses(org.api, codeId)).toBe(sales);
        expect(await count('SELECT count(*)::int AS n FROM redemptions WHERE code_id = $1', [codeId])).toBe(
          sales,
        );
      }
    }

    it('loses and doubles nothing when the server dies inside a batch of plain sales', async () => {
      const early = counterKey({ kind: 'capacity', id: catalogue.performanceId });
      const late = counterKey({ kind: 'capacity', id: laterPerformanceId });
      const { pos, link } = await offlineTill('Window 1', [
        { counter: early, units: EARLY_SALES },
        { counter: late, units: LATE_SALES },
      ]);
      await sellAll(pos, EARLY_SALES, {});
      await sellAll(pos, LATE_SALES, { performanceId: laterPerformanceId });

      const acked = await killMidPush(pos, link, late);
      await expectOnlyAcknowledged(pos, acked);
      await restartAndDrain(pos);
      await expectConsistent(pos, {});
    }, 180_000);

    it('keeps capped codes’ counters whole when the server dies inside a batch of redemptions', async () => {
      const one = await createCode(org.api, { code: 'KILLONE', rules: { maxUses: 10_000 } });
      const two = await createCode(org.api, { code: 'KILLTWO', rules: { maxUses: 10_000 } });
      const late = counterKey({ kind: 'code_uses', id: two });
      const { pos, link } = await offlineTill('Window 2', [
        {
          counter: counterKey({ kind: 'capacity', id: catalogue.performanceId }),
          units: EARLY_SALES + LATE_SALES,
        },
        { counter: counterKey({ kind: 'code_uses', id: one }), units: EARLY_SALES },
        { counter: late, units: LATE_SALES },
      ]);
      await sellAll(pos, EARLY_SALES, { code: 'KILLONE' });
      await sellAll(pos, LATE_SALES, { code: 'KILLTWO' });

      const acked = await killMidPush(pos, link, late);
      await expectOnlyAcknowledged(pos, acked);
      // Only the acknowledged batches' redemptions count, and the counters still add up.
      await assertInvariants(db);
      await restartAndDrain(pos);
      await expectConsistent(pos, { [one]: EARLY_SALES, [two]: LATE_SALES });
    }, 180_000);
  },
);
