import { join } from 'node:path';
import type { Result } from '../../shared/result';
import type { Clock } from '../clock';
import {
  backupDir,
  backupFileName,
  backupStore,
  freeBytes,
  pruneBackups,
  storeBytes,
  type BackupMade,
} from '../db/backup';
import { ensurePrivateDir, type Db } from '../db/connection';

export interface BackupOptions {
  /** How many automatic backups stay in `<dataDir>/backups/`; 0 turns them off. Default 5. */
  keep?: number;
}

export const DEFAULT_BACKUPS_KEPT = 5;

/**
 * Free room a backup must leave: as much again as the store. A backup that took the last free space
 * would turn the next sale into "the disk is full" (docs/OPERATIONS.md "Disk full"); a skipped backup
 * only means the previous ones are the newest.
 */
const ROOM_FACTOR = 2;

export type BackupService = ReturnType<typeof createBackupService>;

/**
 * The terminal's own backups (docs/OPERATIONS.md "Terminal backups"): one after every shift close,
 * taken in the background with SQLite's online backup while the window goes on selling, the newest
 * `keep` kept. A backup never changes the answer of the close it follows; what goes wrong is logged.
 */
export function createBackupService(deps: {
  db: Db;
  dataDir: string;
  appRoot: string;
  clock: Clock;
  keep: number;
  logError: (error: unknown, context: string) => void;
}) {
  let running: Promise<BackupMade | null> | undefined;
  let closing = false;

  /** One backup now, or null when the disk has too little room for it (which is logged). */
  const backupNow = async (): Promise<BackupMade | null> => {
    const dir = backupDir(deps.dataDir);
    ensurePrivateDir(dir);
    const needed = storeBytes(deps.db) * ROOM_FACTOR;
    const free = freeBytes(dir);
    if (free < needed) {
      deps.logError(
        new Error(
          `Skipped the automatic backup: ${free} bytes free in ${dir}, ${needed} needed to copy the store and leave as much again for selling. Free space on the disk (docs/OPERATIONS.md).`,
        ),
        'automatic backup',
      );
      return null;
    }
    const made = await backupStore(deps.db, join(dir, backupFileName(new Date(deps.clock.now()))), {
      appRoot: deps.appRoot,
      aborted: () => closing,
    });
    pruneBackups(deps.dataDir, deps.keep);
    return made;
  };

  /** Runs one backup at a time: a second close while one is copying waits for the next close. */
  const start = (): Promise<BackupMade | null> => {
    if (running) return running;
    const current = backupNow()
      .catch((error: unknown) => {
        if (!closing) deps.logError(error, 'automatic backup');
        return null;
      })
      .finally(() => {
        running = undefined;
      });
    running = current;
    return current;
  };

  return {
    backupNow: start,
    /** Starts a backup once the shift's close has committed; the close's answer is passed on unchanged. */
    afterShiftClose<T>(result: Result<T>): Result<T> {
      if (result.ok && deps.keep > 0) void start();
      return result;
    },
    /** Stops a copy in progress (its partial file is removed) and waits for it, before the store closes. */
    async stop(): Promise<void> {
      closing = true;
      await running;
    },
  };
}
