import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { DATABASE_FILE } from '../../../src-main/db/connection';
import { listLeaseRequests, insertLeaseRequest } from '../../../src-main/db/repos/lease-repo';
import { verifyOutboxChain } from '../../../src-main/db/repos/outbox-repo';
import { getSyncState, markPushedThrough } from '../../../src-main/db/repos/sync-repo';
import { createTerminal, type Terminal } from '../../../src-main/terminal';
import {
  createCode,
  enrolledTerminal,
  enrolmentCode,
  sell,
  serverUses,
  startSyncWorld,
  type SyncWorld,
} from '../../helpers/sync-fixture';
import { makeTempDir } from '../../helpers/temp-dir';
import type { TestTerminal } from '../../helpers/terminal';

describe('sync: crashes and restores', () => {
  let world: SyncWorld;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => world.close());

  const count = async (sql: string, params: unknown[]) =>
    ((await world.server.db().query<{ n: number }>(sql, params))[0] as { n: number }).n;
  const salesOf = (terminalId: string) =>
    count('SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1', [terminalId]);

  /** A terminal on `dataDir`, opened the way a restart (or a crash and restart) opens it. */
  const reopen = async (dataDir: string): Promise<TestTerminal> => {
    const terminal: Terminal = await createTerminal({
      dataDir,
      clock: world.clock,
      serverUrl: world.server.url,
      sync: { autoStart: false },
    });
    const call = ((channel: string, request: unknown = {}) =>
      terminal.dispatch(channel, request)) as TestTerminal['call'];
    const must = (async (channel: string, request: unknown = {}) => {
      const result = await terminal.dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.reason}: ${result.message}`);
      return result.value;
    }) as TestTerminal['must'];
    return { terminal, clock: world.clock, call, must, close: () => terminal.close() };
  };

  it('pushes a sale recorded just before a crash once, and a resent batch changes nothing', async () => {
    const folder = makeTempDir('pos-crash-');
    cleanups.push(folder.cleanup);
    const codeId = await createCode(world.org.api, { code: 'CRASH5', rules: { maxUses: 5 } });
    const first = await enrolledTerminal(world, folder.path);
    await first.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await first.must(c.sync.now);
    expect(await sell(first, world.catalogue, { code: 'CRASH5' })).toMatchObject({ ok: true });
    await first.terminal.close();

    const again = await reopen(folder.path);
    cleanups.push(() => again.close());
    const terminalId = again.terminal.terminalId;
    expect(await again.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await salesOf(terminalId)).toBe(1);
    expect(await serverUses(world.org.api, codeId)).toBe(1);

    // The answer was lost: the terminal sends the whole outbox again.
    markPushedThrough(again.terminal.db, 0, new Date(world.clock.now()).toISOString());
    expect(await again.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await salesOf(terminalId)).toBe(1);
    expect(await serverUses(world.org.api, codeId)).toBe(1);
  });

  it('asks again with the same request id after a lost lease answer and gets the same lease', async () => {
    const pos = await enrolledTerminal(world);
    cleanups.push(() => pos.close());
    const counter = `capacity:${world.catalogue.performanceId}`;
    expect(await pos.terminal.sync.topUpOnce([{ counter, units: 2 }])).toMatchObject({ ok: true });
    const lease = pos.terminal.db
      .prepare('SELECT id, request_id AS requestId, granted FROM leases WHERE counter = ?')
      .get(counter) as {
      id: string;
      requestId: string;
      granted: number;
    };
    const epoch = getSyncState(pos.terminal.db)?.epoch ?? 1;
    insertLeaseRequest(pos.terminal.db, {
      requestId: lease.requestId,
      counter,
      want: 10,
      epoch,
      createdAt: 'crash',
    });
    expect(await pos.terminal.sync.topUpOnce()).toMatchObject({ ok: true });
    expect(listLeaseRequests(pos.terminal.db)).toEqual([]);
    const leases = pos.terminal.db.prepare('SELECT id, granted FROM leases WHERE counter = ?').all(counter);
    expect(leases).toEqual([{ id: lease.id, granted: lease.granted }]);
  });

  it('is caught restored from a backup, stops, and after re-enrolment re-pushes its whole outbox without duplicates', async () => {
    const folder = makeTempDir('pos-restore-');
    const backups = makeTempDir('pos-backup-');
    cleanups.push(folder.cleanup, backups.cleanup);
    const codeId = await createCode(world.org.api, { code: 'BACKUP9', rules: { maxUses: 9 } });
    const pos = await enrolledTerminal(world, folder.path);
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    expect(await sell(pos, world.catalogue, { code: 'BACKUP9' })).toMatchObject({ ok: true });
    await pos.must(c.sync.now);
    const backup = join(backups.path, DATABASE_FILE);
    await pos.terminal.db.backup(backup);
    // The future the backup will forget: two more sales, pushed.
    expect(await sell(pos, world.catalogue, { code: 'BACKUP9' })).toMatchObject({ ok: true });
    expect(await sell(pos, world.catalogue, { code: 'BACKUP9' })).toMatchObject({ ok: true });
    await pos.must(c.sync.now);
    const terminalId = pos.terminal.terminalId;
    await pos.terminal.close();

    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(folder.path, DATABASE_FILE + suffix), { force: true });
    copyFileSync(backup, join(folder.path, DATABASE_FILE));
    const restored = await reopen(folder.path);
    cleanups.push(() => restored.close());
    await restored.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    expect(await sell(restored, world.catalogue)).toMatchObject({ ok: true });
    const caught = await restored.terminal.sync.pushOnce();
    expect(caught).toMatchObject({ ok: false, reason: 'RESTORED_FROM_BACKUP' });
    const status = await restored.must(c.sync.status);
    expect(status).toMatchObject({ state: 'restore_detected', leases: [] });
    expect(status.lastError).toContain('enrol the terminal again');
    expect(await sell(restored, world.catalogue)).toMatchObject({ ok: false, reason: 'RESTORE_DETECTED' });

    await restored.must(c.staff.signIn, { staffId: world.catalogue.managerId, pin: '907153' });
    await restored.must(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
      name: 'Box 1',
    });
    expect(restored.terminal.terminalId).toBe(terminalId);
    expect(getSyncState(restored.terminal.db)).toMatchObject({ state: 'enrolled', epoch: 2 });
    // Re-enrolment registered a new signing key; the first epoch's stays for approvals signed under it.
    const keys = await world.server
      .db()
      .query<{ epoch: number; key: string }>(
        'SELECT epoch, public_key AS key FROM terminal_signing_keys WHERE terminal_id = $1 ORDER BY epoch',
        [terminalId],
      );
    expect(keys.map((k) => k.epoch)).toEqual([1, 2]);
    expect(new Set(keys.map((k) => k.key)).size).toBe(2);
    expect(await restored.terminal.sync.syncNow()).toMatchObject({ ok: true, value: { pendingSales: 0 } });
    // One sale from before the backup, two the backup forgot, one made after the restore: each once.
    expect(await salesOf(terminalId)).toBe(4);
    expect(await serverUses(world.org.api, codeId)).toBe(3);
    expect(verifyOutboxChain(restored.terminal.db)).toBeNull();
  });
});
