import { join } from 'node:path';
import { backupDir, listBackups } from './db/backup';
import { DATABASE_FILE, ensurePrivateDir, openDatabase, type Db } from './db/connection';
import { acquireInstanceLock } from './db/instance-lock';
import { migrate, MigrationError, type Migration } from './db/migrate';
import { findStoreDamage, isDamageError } from './db/store-check';
import { clearLegacyDeviceToken, readLegacyDeviceToken } from './db/repos/sync-repo';
import type { SecretStore } from './secret-store';
import { DEVICE_TOKEN_SECRET } from './services/sync/context';

export class TerminalOpenError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'TerminalOpenError';
  }
}

/**
 * What staff and the technician read when the store is damaged (docs/OPERATIONS.md "Damaged store"):
 * what is wrong, that nothing was changed, and the two ways back, the newest backup named.
 */
export function storeDamagedMessage(dataDir: string, damage: string): string {
  const newest = listBackups(dataDir).at(-1);
  const restore = newest
    ? `restore the newest backup with: npm run terminal:restore -- --data "${dataDir}" --from "${newest}"`
    : `restore a backup with: npm run terminal:restore -- --data "${dataDir}" --from <backup file> (there is none in ${backupDir(dataDir)})`;
  return (
    `The terminal's store ${join(dataDir, DATABASE_FILE)} is damaged (${damage}), so the terminal did not start. ` +
    'Nothing was changed: the file is left as it is. Call the technician, who can either ' +
    `${restore}, or enrol this terminal again with an empty data folder: sales it already sent to the server are safe there. ` +
    'Sales it had not sent yet are only in the damaged file, which a restore keeps aside. See docs/OPERATIONS.md.'
  );
}

export interface OpenStore {
  db: Db;
  /** Closes the store, then lets the next terminal claim the data folder. */
  close(): void;
}

/**
 * Claims the data folder, opens the store and brings it to the shipped schema, or says in a sentence
 * why it cannot. Whatever was taken is given back when a later step fails.
 */
export function openStore(o: {
  dataDir: string;
  appRoot: string;
  migrations: readonly Migration[];
  now: () => string;
  secrets: SecretStore;
}): OpenStore {
  const unavailable = (error: unknown) =>
    new TerminalOpenError(
      'STORE_UNAVAILABLE',
      `The data folder ${o.dataDir} cannot be opened (${(error as Error).message}). Check that it exists and is writable.`,
    );
  let lock;
  try {
    ensurePrivateDir(o.dataDir);
    lock = acquireInstanceLock(o.dataDir, o.appRoot);
  } catch (error) {
    throw unavailable(error);
  }
  // Two processes writing one outbox would break its hash chain: one terminal per data folder.
  if (!lock) {
    throw new TerminalOpenError(
      'ALREADY_RUNNING',
      `Another Box Office terminal is already using the data folder ${o.dataDir}. Switch to its window, or close it and start again.`,
    );
  }
  // Before the store is opened for writing: a damaged file is reported, never touched (not even by
  // the checkpoint a closing writer makes).
  let damage: string | null;
  try {
    damage = findStoreDamage(join(o.dataDir, DATABASE_FILE), o.appRoot);
  } catch (error) {
    lock.release();
    throw unavailable(error);
  }
  if (damage !== null) {
    lock.release();
    throw new TerminalOpenError('STORE_DAMAGED', storeDamagedMessage(o.dataDir, damage));
  }
  let db: Db;
  try {
    db = openDatabase(o.dataDir, o.appRoot);
  } catch (error) {
    lock.release();
    if (isDamageError(error))
      throw new TerminalOpenError('STORE_DAMAGED', storeDamagedMessage(o.dataDir, (error as Error).message));
    throw unavailable(error);
  }
  try {
    migrate(db, o.migrations, o.now);
    // An older version kept the device token in the store: it moves to the host's secret store.
    const legacyToken = readLegacyDeviceToken(db);
    if (legacyToken !== null) {
      o.secrets.write(DEVICE_TOKEN_SECRET, legacyToken);
      clearLegacyDeviceToken(db);
    }
  } catch (error) {
    db.close();
    lock.release();
    if (error instanceof MigrationError) throw new TerminalOpenError(error.reason, error.message);
    throw error;
  }
  const held = lock;
  return {
    db,
    close() {
      db.close();
      held.release();
    },
  };
}
