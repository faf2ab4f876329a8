import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { findAppRoot } from '../../src-main/app-info';
import { backupDir, backupFileName, backupStore, listBackups } from '../../src-main/db/backup';
import { DATABASE_FILE, type Db } from '../../src-main/db/connection';
import { verifyOutboxChain } from '../../src-main/db/repos/outbox-repo';
import { SET_ASIDE_DIR } from '../../src-main/db/restore';
import { findStoreDamage } from '../../src-main/db/store-check';
import { createTerminal } from '../../src-main/terminal';
import { runHost } from '../helpers/host-process';
import { until } from '../helpers/printing';
import { makeTempDir } from '../helpers/temp-dir';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';
import { fillTerminalSales, sellTemplate } from '../helpers/terminal-sales';

// Backups with SQLite's online backup, made while the terminal sells, and the technician's restore
// (docs/OPERATIONS.md "Terminal backups", "Restoring a terminal").

const appRoot = findAppRoot();
const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const sales = (db: Db) => count(db, 'SELECT count(*) AS n FROM sales');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Lets the event loop run the backup's next step (better-sqlite3 runs one per setImmediate). */
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a copy must be: whole (integrity_check), a terminal store whose chain verifies, each sale with its outbox row. */
async function expectConsistentCopy(file: string): Promise<number> {
  expect(findStoreDamage(file, appRoot, 'full')).toBeNull();
  const folder = makeTempDir('pos-copy-');
  try {
    writeFileSync(join(folder.path, DATABASE_FILE), readFileSync(file));
    const copy = await createTerminal({ dataDir: folder.path, appRoot });
    try {
      expect(verifyOutboxChain(copy.db)).toBeNull();
      const sold = sales(copy.db);
      expect(count(copy.db, "SELECT count(*) AS n FROM outbox WHERE type = 'sale'")).toBe(sold);
      return sold;
    } finally {
      await copy.close();
    }
  } finally {
    folder.cleanup();
  }
}

describe('terminal backups', () => {
  let pos: TestTerminal;
  const out = makeTempDir('pos-backups-');
  beforeAll(async () => {
    pos = await startTestTerminal({ dataDir: join(out.path, 'terminal'), printer: { enabled: false } });
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    // About 13 MB: the copy takes many steps, with sales written between them.
    fillTerminalSales(pos.terminal.db, await sellTemplate(pos), pos.terminal.terminalId, 2_000);
  });
  afterAll(async () => {
    await pos.close();
    out.cleanup();
  });

  const sellOne = async () => {
    const payment = await sellTemplate(pos);
    expect(payment.sale.status).toBe('completed');
  };

  it('makes a consistent copy while sales are being written', async () => {
    const before = sales(pos.terminal.db);
    let done = false;
    let soldDuring = 0;
    const copying = backupStore(pos.terminal.db, join(out.path, 'during.sqlite'), { appRoot }).finally(() => {
      done = true;
    });
    while (!done) {
      await sellOne();
      soldDuring += 1;
      await nextTick();
    }
    const made = await copying;
    expect(soldDuring).toBeGreaterThan(1);
    const inCopy = await expectConsistentCopy(made.file);
    expect(inCopy).toBeGreaterThanOrEqual(before);
    expect(inCopy).toBeLessThanOrEqual(sales(pos.terminal.db));
    expect(existsSync(`${made.file}.partial`)).toBe(false);
  });

  it('backs up a running terminal from another process with npm run terminal:backup', async () => {
    const target = join(out.path, 'command.sqlite');
    const command = runHost('scripts/ops/terminal-backup.ts', {}, [
      '--data',
      pos.terminal.dataDir,
      '--out',
      target,
    ]);
    let ended = false;
    void command.exited.then(() => (ended = true));
    // The window keeps selling while the copy is made.
    while (!ended) {
      await sellOne();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await command.exited).toBe(0);
    expect(command.output()).toContain(`Backed up ${pos.terminal.dataDir} to ${target} (`);
    expect(await expectConsistentCopy(target)).toBeGreaterThanOrEqual(2_000);
  });

  it('keeps the newest backups after shift closes, and none beyond the number kept', async () => {
    const till = await startTestTerminal({ backups: { keep: 2 }, printer: { enabled: false } });
    try {
      for (let shift = 1; shift <= 3; shift++) {
        await till.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
        await till.must(c.shift.open, { openingFloat: 10_000 });
        await till.must(c.shift.close, { countedCash: 10_000 });
        const name = backupFileName(new Date(till.clock.now()));
        await until(
          () => listBackups(till.terminal.dataDir).some((f) => f.endsWith(name)),
          `backup ${shift}`,
        );
        till.clock.advance(8 * 3_600_000);
      }
      const kept = listBackups(till.terminal.dataDir);
      // Whole files only: no partial copy, no log or index beside a backup.
      expect(readdirSync(backupDir(till.terminal.dataDir)).sort()).toEqual(kept.map((f) => basename(f)));
      expect(kept.map((f) => f.slice(-40))).toEqual(
        [2, 3].map((n) => backupFileName(new Date(till.clock.now() - (4 - n) * 8 * 3_600_000)).slice(-40)),
      );
      for (const file of kept) await expectConsistentCopy(file);
    } finally {
      await till.close();
    }
  });

  it('restores only while the terminal is closed, and keeps the store it replaces', async () => {
    const dataDir = pos.terminal.dataDir;
    const backup = join(out.path, 'restore-me.sqlite');
    await backupStore(pos.terminal.db, backup, { appRoot });
    const inBackup = sales(pos.terminal.db);
    await sellOne();
    const restore = () =>
      runHost('scripts/ops/terminal-restore.ts', {}, ['--data', dataDir, '--from', backup]);

    const refused = restore();
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`A terminal is running on ${dataDir}. Nothing was changed`);

    const soldBefore = sales(pos.terminal.db);
    await pos.close();
    const replaced = sha256(join(dataDir, DATABASE_FILE));

    const notAStore = join(out.path, 'notes.txt');
    writeFileSync(notAStore, 'not a store\n'.repeat(100));
    const damaged = runHost('scripts/ops/terminal-restore.ts', {}, ['--data', dataDir, '--from', notAStore]);
    expect(await damaged.exited).toBe(1);
    expect(damaged.output()).toContain(`The backup ${notAStore} is damaged (`);
    expect(sha256(join(dataDir, DATABASE_FILE))).toBe(replaced);
    const restored = restore();
    expect(await restored.exited).toBe(0);
    expect(restored.output()).toContain(`Restored ${dataDir} from ${backup}: ${inBackup} sales`);
    const [, aside = ''] = /The store it replaced is kept in (\S+);/.exec(restored.output()) ?? [];
    expect(aside.startsWith(join(dataDir, SET_ASIDE_DIR))).toBe(true);
    expect(sha256(aside)).toBe(replaced);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(DATABASE_FILE))).toEqual([DATABASE_FILE]);

    pos = await startTestTerminal({ dataDir, printer: { enabled: false } });
    expect(sales(pos.terminal.db)).toBe(inBackup);
    expect(soldBefore).toBe(inBackup + 1);
    expect(verifyOutboxChain(pos.terminal.db)).toBeNull();
  });
});
