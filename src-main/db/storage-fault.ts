import Database from 'better-sqlite3';

/**
 * What a failed write says about the disk under the store: `full` (no room left), `failed` (the disk
 * refused the write or the store could not be read back), or null for any other error, which stays a bug.
 */
export type StorageFault = 'full' | 'failed';

// SQLite's primary result codes (extended ones such as SQLITE_IOERR_WRITE start with them) and the
// operating system's, for the files the core writes itself (the device token, PDFs).
const SQLITE_FAULTS: readonly (readonly [string, StorageFault])[] = [
  ['SQLITE_FULL', 'full'],
  ['SQLITE_IOERR', 'failed'],
  ['SQLITE_READONLY', 'failed'],
  ['SQLITE_CORRUPT', 'failed'],
  ['SQLITE_NOTADB', 'failed'],
  ['SQLITE_CANTOPEN', 'failed'],
];
const SYSTEM_FAULTS: Readonly<Record<string, StorageFault>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EIO: 'failed',
  EROFS: 'failed',
};

export function storageFault(error: unknown): StorageFault | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (error instanceof Database.SqliteError) {
    const found = SQLITE_FAULTS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
    return found ? found[1] : null;
  }
  return SYSTEM_FAULTS[code] ?? null;
}
