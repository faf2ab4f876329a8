import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveNativeBinding } from './native-binding';

export type Db = Database.Database;

export const DATABASE_FILE = 'terminal.sqlite';

/**
 * The data folder holds the device's credentials beside the sales: only its owner may enter it.
 * Created 0700, and tightened if an older version left it 0755.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/**
 * Opens the terminal store. WAL lets readers run beside the writer; synchronous=FULL because a
 * committed sale is money and must survive a power cut; foreign keys are off by default in SQLite.
 * Under Electron the addon built for Electron's ABI is loaded (see native-binding.ts).
 */
export function openDatabase(dataDir: string, appRoot: string): Db {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  const nativeBinding = resolveNativeBinding(appRoot);
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (process.platform !== 'win32') {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
    }
  }
  return db;
}

/**
 * A connection to a store file that must exist, for checks and copies rather than selling (no pragmas
 * of openDatabase). Read-only by default, which also means that closing it never checkpoints a
 * write-ahead log into the file, so a damaged store or a backup stays byte for byte as it was.
 */
export function openStoreFile(file: string, appRoot: string, mode: 'read' | 'write' = 'read'): Db {
  const nativeBinding = resolveNativeBinding(appRoot);
  return new Database(file, {
    readonly: mode === 'read',
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement kept for the life of the connection. Preparing costs more than running a small
 * statement, which matters where one runs per row: a pull of 100,000 codes, or a sale's lines.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

const runners = new WeakMap<Db, (run: () => unknown) => unknown>();

/**
 * Runs `run` in a transaction, or in a savepoint inside the caller's: db.transaction(run)() without
 * making the wrapper again for every call (better-sqlite3 builds four functions each time).
 */
export function transact<T>(db: Db, run: () => T): T {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.transaction((fn: () => unknown) => fn());
    runners.set(db, runner);
  }
  return runner(run) as T;
}
