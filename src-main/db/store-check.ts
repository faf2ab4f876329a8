import { existsSync, rmSync, statSync } from 'node:fs';
import { openStoreFile, type Db } from './connection';
import { sqlitePrimary } from './storage-fault';

/** SQLite's answers that mean the file itself is damaged, not merely out of reach. */
const DAMAGE_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'] as const;

export function isDamageError(error: unknown): boolean {
  return sqlitePrimary(error, DAMAGE_CODES) !== undefined;
}

/** At most this much of SQLite's report goes into a sentence; the rest is the technician's to look up. */
const MAX_DETAIL = 240;

/**
 * Looks a store file over: `quick` is PRAGMA quick_check, run at every start (its cost on a large store
 * is measured by `npm run bench -- --only store`; docs/OPERATIONS.md "Damaged store" says why not
 * integrity_check), `full` is integrity_check, for the backup a restore is asked to use, where no
 * till is waiting. Returns SQLite's words for what is wrong, or null when the file is sound or does not exist
 * yet (a new data folder). The connection is read-only, so nothing is written to a damaged file, not
 * even the checkpoint a closing writer makes. Errors that are not damage (no permission) are thrown.
 */
export function findStoreDamage(
  file: string,
  appRoot: string,
  check: 'quick' | 'full' = 'quick',
): string | null {
  if (!existsSync(file)) return null;
  const sideFiles = SIDE_FILES.map((suffix) => file + suffix).filter((side) => !existsSync(side));
  let db: Db | undefined;
  try {
    db = openStoreFile(file, appRoot);
    const rows = db.pragma(check === 'quick' ? 'quick_check' : 'integrity_check') as Record<string, string>[];
    const report = rows.flatMap((row) => Object.values(row));
    if (report.length === 1 && report[0] === 'ok') return null;
    return summarise(report.join('; '));
  } catch (error) {
    if (isDamageError(error)) return summarise((error as Error).message);
    throw error;
  } finally {
    db?.close();
    removeEmptyLog(file, sideFiles);
  }
}

const SIDE_FILES = ['-wal', '-shm'];

/**
 * A read-only connection to a store in WAL mode creates an empty log and its index beside the file
 * and leaves them when it closes. Those it created, while the log is still empty, hold nothing and are
 * removed, so a check leaves the folder as it found it. Callers hold the folder's instance lock or
 * check a file no terminal uses (a copy, a backup), so no other connection can be sharing them.
 */
function removeEmptyLog(file: string, created: readonly string[]): void {
  const wal = file + '-wal';
  if (!created.includes(wal) || !existsSync(wal) || statSync(wal).size > 0) return;
  for (const side of created) rmSync(side, { force: true });
}

const summarise = (report: string) => {
  const flat = report
    .replace(/\*\*\* in database main \*\*\*\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1)}…` : flat;
};
