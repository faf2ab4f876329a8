import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PAGES, backupStore, fileStamp } from './backup';
import { DATABASE_FILE, ensurePrivateDir, openStoreFile, type Db } from './connection';
import { acquireInstanceLock } from './instance-lock';
import { verifyOutboxChain } from './repos/outbox-repo';
import { findStoreDamage } from './store-check';

// `npm run terminal:restore` (docs/OPERATIONS.md "Restoring a terminal"): puts a backup in place of
// a data folder's store. Never while a terminal runs on the folder, and never by deleting: the store
// it replaces is moved aside, write-ahead log and all, so its unsent sales can still be recovered.

export const SET_ASIDE_DIR = 'set-aside';

export class RestoreRefused extends Error {
  constructor(
    readonly reason: 'NO_BACKUP' | 'RUNNING' | 'BACKUP_DAMAGED' | 'NOT_A_TERMINAL_STORE',
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface Restored {
  /** Where the store that was replaced now lies; null when the folder had none. */
  setAside: string | null;
  sales: number;
  /** The last seq of the backup's outbox: the chain the server will compare at the next push. */
  lastSeq: number;
}

/** What the backup holds, once it passed integrity_check; refused when it is no terminal store. */
function readBackup(db: Db, from: string): { sales: number; lastSeq: number } {
  const has = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
  if (!has('sales') || !has('outbox')) {
    throw new RestoreRefused(
      'NOT_A_TERMINAL_STORE',
      `${from} is a SQLite file but not a terminal store (it has no sales or outbox). Nothing was changed: pick a terminal backup (a terminal-….sqlite file).`,
    );
  }
  const broken = verifyOutboxChain(db);
  if (broken !== null) {
    throw new RestoreRefused(
      'BACKUP_DAMAGED',
      `The backup ${from} has a broken outbox chain at seq ${broken}, so the server would not take its sales. Nothing was changed: pick another backup.`,
    );
  }
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    sales: count('SELECT count(*) AS n FROM sales'),
    lastSeq: count('SELECT coalesce(max(seq), 0) AS n FROM outbox'),
  };
}

/**
 * Restores `from` into `dataDir`. Holds the folder's instance lock throughout, so no terminal can
 * start on it halfway; refuses while one runs. The backup is checked whole (integrity_check and its
 * outbox chain) before anything moves, and copied with SQLite's backup from a read-only connection, so
 * a backup that still has a write-ahead log beside it is restored with its log's contents.
 */
export async function restoreStore(o: {
  dataDir: string;
  from: string;
  appRoot: string;
  now: Date;
}): Promise<Restored> {
  if (!existsSync(o.from)) {
    throw new RestoreRefused(
      'NO_BACKUP',
      `There is no file ${o.from}. Nothing was changed: check the --from path.`,
    );
  }
  ensurePrivateDir(o.dataDir);
  const lock = acquireInstanceLock(o.dataDir, o.appRoot);
  if (!lock) {
    throw new RestoreRefused(
      'RUNNING',
      `A terminal is running on ${o.dataDir}. Nothing was changed: close it (quit the app, or press Ctrl+C where the browser host runs), then restore again.`,
    );
  }
  try {
    const damage = findStoreDamage(o.from, o.appRoot, 'full');
    if (damage !== null) {
      throw new RestoreRefused(
        'BACKUP_DAMAGED',
        `The backup ${o.from} is damaged (${damage}). Nothing was changed: pick another backup.`,
      );
    }
    const live = join(o.dataDir, DATABASE_FILE);
    const incoming = `${live}.restoring`;
    const source = openStoreFile(o.from, o.appRoot);
    let backup: { sales: number; lastSeq: number };
    try {
      backup = readBackup(source, o.from);
      await backupStore(source, incoming, { appRoot: o.appRoot, pagesPerStep: ALL_PAGES });
    } finally {
      source.close();
    }
    // The log and its index go with the file they belong to: together they are the store as it was.
    // The log goes first: left beside the restored file, SQLite would replay it into the wrong store.
    const present = ['-wal', '-shm', ''].filter((suffix) => existsSync(live + suffix));
    let setAside: string | null = null;
    if (present.length > 0) {
      const aside = join(o.dataDir, SET_ASIDE_DIR);
      ensurePrivateDir(aside);
      setAside = join(aside, `terminal-${fileStamp(o.now)}.sqlite`);
      for (const suffix of present) renameSync(live + suffix, setAside + suffix);
    }
    renameSync(incoming, live);
    return { setAside, ...backup };
  } finally {
    lock.release();
  }
}
