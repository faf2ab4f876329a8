import { chmodSync, existsSync, readdirSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATABASE_FILE, ensurePrivateDir, openStoreFile, type Db } from './connection';
import { findStoreDamage } from './store-check';

// Copies of the terminal store made with SQLite's online backup (docs/OPERATIONS.md "Terminal
// backups"). The device token is not in the store (docs/ARCHITECTURE.md "Credentials at rest"), so
// a backup carries no credential.

export const BACKUP_DIR = 'backups';
const PREFIX = 'terminal-';
const SUFFIX = '.sqlite';

/** Pages copied per step: about 400 KiB, so the till answers between steps of a large store. */
export const PAGES_PER_STEP = 100;
/** As many pages as there are: one step, one read transaction (see backupDataFolder). */
export const ALL_PAGES = 0x7fffffff;

export class BackupError extends Error {
  constructor(
    readonly reason: 'NO_STORE' | 'COPY_DAMAGED' | 'ABORTED',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupMade {
  file: string;
  bytes: number;
}

export function backupDir(dataDir: string): string {
  return join(dataDir, BACKUP_DIR);
}

/** `2026-11-21T10-00-00-000Z`: sorts by time, and carries no colon (Windows). */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** `terminal-2026-11-21T10-00-00-000Z.sqlite`. */
export function backupFileName(at: Date): string {
  return `${PREFIX}${fileStamp(at)}${SUFFIX}`;
}

/** The automatic backups in the data folder, oldest first. */
export function listBackups(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
    .sort()
    .map((name) => join(dir, name));
}

/** Deletes all but the newest `keep` automatic backups; returns what it deleted. */
export function pruneBackups(dataDir: string, keep: number): string[] {
  const all = listBackups(dataDir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const file of old) rmSync(file, { force: true });
  return old;
}

/** Free bytes for this process on the disk holding `dir`. */
export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/** The store's size as SQLite counts it (pages in use, the write-ahead log included). */
export function storeBytes(db: Db): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return pages * size;
}

/**
 * The copy carries the store's WAL mode in its header, so every read-only look at it would leave an
 * empty log and index beside it. In rollback mode it is one file, whole by itself, wherever it is
 * copied; the terminal that opens it after a restore puts it back in WAL mode (connection.ts).
 */
function selfContained(file: string, appRoot: string): void {
  const db = openStoreFile(file, appRoot, 'write');
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Copies the open store into `target` with SQLite's online backup, safely while the terminal sells:
 * each step reads a consistent snapshot, and a sale written on the same connection meanwhile is
 * carried into the copy by SQLite itself (a write from another connection restarts the copy). The
 * copy goes to `<target>.partial`, is checked with quick_check and only then renamed to `target`, so a
 * file under the final name is always a whole, checked copy; a failed or aborted copy leaves nothing.
 */
export async function backupStore(
  source: Db,
  target: string,
  o: { appRoot: string; pagesPerStep?: number; aborted?: () => boolean },
): Promise<BackupMade> {
  ensurePrivateDir(dirname(target));
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await source.backup(partial, {
      progress: () => {
        if (o.aborted?.())
          throw new BackupError('ABORTED', 'The backup was stopped: the terminal is closing.');
        return o.pagesPerStep ?? PAGES_PER_STEP;
      },
    });
    if (process.platform !== 'win32') chmodSync(partial, 0o600);
    selfContained(partial, o.appRoot);
    const damage = findStoreDamage(partial, o.appRoot);
    if (damage !== null) {
      throw new BackupError(
        'COPY_DAMAGED',
        `The copy of the store failed its check (${damage}), so it was not kept. The store itself may be damaged: see docs/OPERATIONS.md "Damaged store".`,
      );
    }
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * `npm run terminal:backup`: a copy of a data folder's store from a connection of its own, whether
 * or not the terminal is running (WAL lets a reader beside the writer). The copy is one step: one read
 * transaction, so the terminal's sales meanwhile cannot restart it, and it holds the store as it was
 * when the copy began.
 */
export async function backupDataFolder(
  dataDir: string,
  target: string,
  appRoot: string,
): Promise<BackupMade> {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    throw new BackupError(
      'NO_STORE',
      `There is no terminal store in ${dataDir} (no ${DATABASE_FILE}). Check the --data folder.`,
    );
  }
  const source = openStoreFile(file, appRoot);
  try {
    return await backupStore(source, target, { appRoot, pagesPerStep: ALL_PAGES });
  } finally {
    source.close();
  }
}
