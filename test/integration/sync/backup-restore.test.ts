import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { createTerminal } from '../../../src-main/terminal';
import { runHost } from '../../helpers/host-process';
import { enrolledTerminal, sell, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import { makeTempDir } from '../../helpers/temp-dir';
import { testTerminalOf, type TestTerminal } from '../../helpers/terminal';

// The technician's backup and restore commands (docs/OPERATIONS.md) against a real server: a terminal
// restored from a backup older than what it pushed is caught at its next push by the server's restore
// detection (docs/SYNC.md "Enrolment and epochs"), never merged silently.

describe('a terminal restored with npm run terminal:restore', () => {
  let world: SyncWorld;
  const folder = makeTempDir('pos-restored-');
  const backups = makeTempDir('pos-restore-from-');
  beforeAll(async () => {
    world = await startSyncWorld();
  }, 120_000);
  afterAll(async () => {
    await world.close();
    folder.cleanup();
    backups.cleanup();
  });

  const command = async (entry: string, args: string[]) => {
    const run = runHost(entry, {}, args);
    const code = await run.exited;
    if (code !== 0) throw new Error(`${entry} exited with ${code}: ${run.output()}`);
    return run.output();
  };

  const dataDir = folder.path;
  const backup = join(backups.path, 'before-the-evening.sqlite');
  const openRestored = async () =>
    testTerminalOf(
      await createTerminal({
        dataDir,
        clock: world.clock,
        serverUrl: world.server.url,
        sync: { autoStart: false },
      }),
      world.clock,
    );
  const activeLeases = (pos: TestTerminal) =>
    (
      pos.terminal.db.prepare("SELECT count(*) AS n FROM leases WHERE status = 'active'").get() as {
        n: number;
      }
    ).n;

  it('is caught by the server at its next push after selling past the backup', async () => {
    const pos = await enrolledTerminal(world, dataDir);
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
    await pos.must(c.sync.now);
    // Backed up while the terminal runs; then the evening goes on and is pushed.
    await command('scripts/ops/terminal-backup.ts', ['--data', dataDir, '--out', backup]);
    expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
    expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
    expect(await pos.must(c.sync.now)).toMatchObject({ pendingSales: 0 });
    const terminalId = pos.terminal.terminalId;
    await pos.close();

    const said = await command('scripts/ops/terminal-restore.ts', ['--data', dataDir, '--from', backup]);
    expect(said).toContain('1 sales, outbox up to seq');

    const restored = await openRestored();
    try {
      expect(restored.terminal.terminalId).toBe(terminalId);
      await restored.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      // Its next sale takes a seq the server already holds with another sale.
      expect(await sell(restored, world.catalogue)).toMatchObject({ ok: true });
      expect(await restored.terminal.sync.pushOnce()).toMatchObject({
        ok: false,
        reason: 'RESTORED_FROM_BACKUP',
      });

      const items = await world.org.api.get<{
        items: { kind: string; terminalId: string; status: string }[];
      }>(`/v1/review-items?kind=restore_detected&terminalId=${terminalId}`);
      expect(items.status).toBe(200);
      expect(items.body.items).toEqual([
        expect.objectContaining({ kind: 'restore_detected', terminalId, status: 'open' }),
      ]);
      expect(await restored.must(c.sync.status)).toMatchObject({ state: 'restore_detected' });
    } finally {
      await restored.close();
    }
  });

  it('restored again with nothing left to push, is stopped by its next pull (its leases void)', async () => {
    // The same backup once more: every sale in it was pushed, so no push will ever carry the news.
    await command('scripts/ops/terminal-restore.ts', ['--data', dataDir, '--from', backup]);
    const restored = await openRestored();
    try {
      await restored.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      expect(await restored.must(c.sync.status)).toMatchObject({ state: 'enrolled', pendingSales: 0 });
      expect(activeLeases(restored)).toBeGreaterThan(0);
      expect(await restored.terminal.sync.pullOnce()).toMatchObject({
        ok: false,
        reason: 'RESTORED_FROM_BACKUP',
      });
      expect(await restored.must(c.sync.status)).toMatchObject({ state: 'restore_detected' });
      // The server voided them when it found the restore: the till must not sell on them any more.
      expect(activeLeases(restored)).toBe(0);
      expect(await sell(restored, world.catalogue)).toMatchObject({ ok: false, reason: 'RESTORE_DETECTED' });
    } finally {
      await restored.close();
    }
  });
});
