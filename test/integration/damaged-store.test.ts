import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { findAppRoot } from '../../src-main/app-info';
import { backupDir, backupFileName, backupStore } from '../../src-main/db/backup';
import { DATABASE_FILE } from '../../src-main/db/connection';
import { reportStartFailure, START_FAILURE_TITLE } from '../../src-main/shells/electron/start-failure';
import { createTerminal, TerminalOpenError } from '../../src-main/terminal';
import { runHost } from '../helpers/host-process';
import { makeTempDir } from '../helpers/temp-dir';
import { startTestTerminal } from '../helpers/terminal';
import { fillTerminalSales, sellTemplate } from '../helpers/terminal-sales';

// A damaged store is found at start (PRAGMA quick_check, docs/OPERATIONS.md "Damaged store"), said in a
// sentence in both hosts, and never written to.

const appRoot = findAppRoot();
const PAGE = 4096;

type Damage = (file: string) => void;

const damages: Record<string, Damage> = {
  'three pages in the middle overwritten': (file) => {
    const middle = Math.floor(statSync(file).size / PAGE / 2) * PAGE;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(3 * PAGE, 0xa5), 0, 3 * PAGE, middle);
    closeSync(fd);
  },
  'not a database at all': (file) => writeFileSync(file, 'Box office notes\n'.repeat(1_000)),
  'cut off at half its length': (file) => truncateSync(file, Math.floor(statSync(file).size / 2)),
};

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a damaged terminal store', () => {
  const temp = makeTempDir('pos-damaged-');
  /** A store that was closed cleanly after 300 sales. */
  const pristine = join(temp.path, 'pristine', DATABASE_FILE);
  let folders = 0;

  beforeAll(async () => {
    const pos = await startTestTerminal({ dataDir: join(temp.path, 'pristine') });
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    fillTerminalSales(pos.terminal.db, await sellTemplate(pos), pos.terminal.terminalId, 300);
    await pos.close();
  });
  afterAll(() => temp.cleanup());

  /** A data folder holding a copy of the pristine store, damaged as told. */
  const damagedFolder = (damage: Damage) => {
    const dataDir = join(temp.path, `folder-${++folders}`);
    mkdirSync(dataDir, { mode: 0o700 });
    copyFileSync(pristine, join(dataDir, DATABASE_FILE));
    damage(join(dataDir, DATABASE_FILE));
    return dataDir;
  };

  const startError = async (dataDir: string) => {
    const error = await createTerminal({ dataDir, appRoot }).then(
      async (terminal) => {
        await terminal.close();
        throw new Error('the terminal started on a damaged store');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TerminalOpenError);
    return error as TerminalOpenError;
  };

  it.each(Object.entries(damages))(
    'refuses to start on a store with %s, says so, and changes nothing',
    async (_name, damage) => {
      const dataDir = damagedFolder(damage);
      const file = join(dataDir, DATABASE_FILE);
      const before = sha256(file);

      const error = await startError(dataDir);
      expect(error.reason).toBe('STORE_DAMAGED');
      expect(error.message).toContain(`The terminal's store ${file} is damaged (`);
      expect(error.message).toContain('Nothing was changed: the file is left as it is.');
      expect(error.message).toContain(
        `npm run terminal:restore -- --data "${dataDir}" --from <backup file> (there is none in ${backupDir(dataDir)})`,
      );
      expect(error.message).toContain('enrol this terminal again with an empty data folder');
      expect(error.message).toContain('sales it already sent to the server are safe there');
      expect(sha256(file)).toBe(before);
      // Not even an empty log beside it: the folder holds what it held, and the instance lock.
      expect(readdirSync(dataDir).filter((name) => !name.startsWith('instance.lock'))).toEqual([
        DATABASE_FILE,
      ]);
      // The folder was let go: the next start says the same, not "already running".
      expect((await startError(dataDir)).reason).toBe('STORE_DAMAGED');
      expect(sha256(file)).toBe(before);
    },
  );

  it('names the newest backup and the command that restores it', async () => {
    const dataDir = damagedFolder(() => undefined);
    const pos = await startTestTerminal({ dataDir });
    const older = join(backupDir(dataDir), backupFileName(new Date('2026-11-20T22:00:00Z')));
    const newer = join(backupDir(dataDir), backupFileName(new Date('2026-11-21T22:00:00Z')));
    await backupStore(pos.terminal.db, older, { appRoot });
    await backupStore(pos.terminal.db, newer, { appRoot });
    await pos.close();
    damages['three pages in the middle overwritten']?.(join(dataDir, DATABASE_FILE));

    const error = await startError(dataDir);
    expect(error.message).toContain(
      `restore the newest backup with: npm run terminal:restore -- --data "${dataDir}" --from "${newer}"`,
    );
  });

  it('shows the sentence in a dialog in the desktop app and exits with 1', async () => {
    const dataDir = damagedFolder(damages['not a database at all'] as Damage);
    const error = await startError(dataDir);
    const shown: { title: string; content: string }[] = [];
    const exits: number[] = [];
    const handled = await reportStartFailure(error, dataDir, {
      exit: (code) => exits.push(code),
      showErrorBox: (title, content) => shown.push({ title, content }),
      knock: () => Promise.resolve(null),
    });
    expect(handled).toBe(true);
    expect(shown).toEqual([{ title: START_FAILURE_TITLE, content: error.message }]);
    expect(exits).toEqual([1]);
  });

  it('prints the sentence in the browser host and exits with 1', async () => {
    const dataDir = damagedFolder(damages['cut off at half its length'] as Damage);
    const host = runHost('src-main/shells/browser/main.ts', { POS_DATA_DIR: dataDir, PORT: '0' });
    expect(await host.exited).toBe(1);
    expect(host.output()).toContain(`The terminal's store ${join(dataDir, DATABASE_FILE)} is damaged (`);
    expect(host.output()).toContain('Nothing was changed');
    expect(host.output()).not.toContain('Open: http');
  });
});
