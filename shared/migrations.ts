// The rules both stores' migration runners share: how migration files are named and numbered, and how
// what a database has applied is checked against what the program ships. Reading files, hashing and
// SQL stay with each runner (SQLite in the terminal, PostgreSQL in the server).

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export type MigrationFailure =
  'DB_NEWER_THAN_APP' | 'MIGRATION_CHANGED' | 'MIGRATION_MISSING' | 'MIGRATIONS_INVALID' | 'MIGRATION_FAILED';

export class MigrationError extends Error {
  constructor(
    readonly reason: MigrationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Turns `NNNN_name.sql` files (sorted by name) into migrations; numbering must start at 1 and have no
 * gaps or duplicates.
 */
export function parseMigrations(
  files: readonly { file: string; sql: string }[],
  checksum: (sql: string) => string,
): Migration[] {
  return files.map(({ file, sql }, index): Migration => {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new MigrationError(
        'MIGRATIONS_INVALID',
        `Migration file ${file} must be named NNNN_snake_name.sql.`,
      );
    }
    const version = Number(match[1]);
    if (version !== index + 1) {
      throw new MigrationError(
        'MIGRATIONS_INVALID',
        `Migration ${file} should be number ${index + 1}: migrations are numbered 1, 2, 3… without gaps.`,
      );
    }
    return { version, name: match[2] as string, sql, checksum: checksum(sql) };
  });
}

/** How a runner names itself and its store in the sentences below. */
export interface MigrationWording {
  /** "data folder" / "database" */
  store: string;
  /** "app" / "server" */
  program: string;
  /** What to do when the store is newer than the program. */
  newerAdvice: string;
}

/**
 * Refuses a store written by a newer program (its version is beyond what we ship) and a shipped
 * migration edited or removed after it was applied: each would silently corrupt data.
 */
export function checkApplied(
  current: number,
  applied: readonly { version: number; name: string; checksum: string }[],
  migrations: readonly Migration[],
  wording: MigrationWording,
): void {
  const latest = migrations.length;
  if (current > latest) {
    throw new MigrationError(
      'DB_NEWER_THAN_APP',
      `This ${wording.store} was written by a newer version of the ${wording.program} (schema ${current}; this ${wording.program} knows up to ${latest}). ${wording.newerAdvice}`,
    );
  }
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (!known) {
      throw new MigrationError(
        'MIGRATION_MISSING',
        `Migration ${row.version} (${row.name}) was applied to this ${wording.store} but is missing from the ${wording.program}. Reinstall the ${wording.program}.`,
      );
    }
    if (known.checksum !== row.checksum) {
      throw new MigrationError(
        'MIGRATION_CHANGED',
        `Migration ${row.version} (${row.name}) changed after it was applied. Shipped migrations are never edited: ` +
          'restore the original file and add a new migration instead.',
      );
    }
  }
}
