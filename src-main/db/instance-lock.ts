import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { resolveNativeBinding } from './native-binding';

export const LOCK_FILE = 'instance.lock';

export interface InstanceLock {
  release(): void;
}

/**
 * Claims a data folder for this process, or returns null when another process (or another terminal in
 * this process) holds it. The claim is an exclusive SQLite lock on a file of its own, held for the
 * life of the terminal: the operating system drops it when the process ends, however it ends, so there
 * is no stale lock to clean up after a crash, and SQLite's own locking makes the check and the claim
 * one step (two launches at the same moment cannot both win).
 */
export function acquireInstanceLock(dataDir: string, appRoot: string): InstanceLock | null {
  const nativeBinding = resolveNativeBinding(appRoot);
  const file = join(dataDir, LOCK_FILE);
  const db = new Database(file, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
