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

/**
 * The primary result code of an SQLite error (SQLITE_IOERR for SQLITE_IOERR_WRITE), if it is one of
 * `primaries`; undefined for other errors.
 */
export function sqlitePrimary<P extends string>(error: unknown, primaries: readonly P[]): P | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  const code = error.code;
  return primaries.find((primary) => code === primary || code.startsWith(`${primary}_`));
}

export function storageFault(error: unknown): StorageFault | null {
  if (error instanceof Database.SqliteError) {
    const primary = sqlitePrimary(
      error,
      SQLITE_FAULTS.map(([code]) => code),
    );
    return SQLITE_FAULTS.find(([code]) => code === primary)?.[1] ?? null;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (SYSTEM_FAULTS[code] ?? null) : null;
}
