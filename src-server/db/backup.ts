import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { databaseName } from '../store-location';
import { openDatabase, PGLITE_EXTENSIONS, type Database } from './database';
import { renewGenerations } from './repos/pull-repo';

// The server's backups (docs/OPERATIONS.md "Server backups"): pg_dump's custom format for PostgreSQL,
// PGlite's own tarball of its data folder for the embedded database. A restore goes into an empty
// database or folder only, so it never mixes with, or overwrites, data that is there.

export class ServerBackupRefused extends Error {
  constructor(
    readonly reason: 'EXISTS' | 'NOT_FOUND' | 'NOT_EMPTY' | 'RUNNING' | 'TOOL_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'ServerBackupRefused';
  }
}

/** PostgreSQL's lock file in a data folder: PGlite writes it while open and removes it on close. */
const PID_FILE = 'postmaster.pid';

function refuseExisting(out: string): void {
  if (existsSync(out))
    throw new ServerBackupRefused(
      'EXISTS',
      `${out} exists already. Nothing was written: name another --out file.`,
    );
}

function requireFile(from: string): void {
  if (!existsSync(from) || !statSync(from).isFile())
    throw new ServerBackupRefused(
      'NOT_FOUND',
      `There is no file ${from}. Nothing was changed: check the --from path.`,
    );
}

/** Runs a PostgreSQL client tool; its own words come back in the refusal when it fails. */
function runTool(tool: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ServerBackupRefused(
          'TOOL_FAILED',
          error.code === 'ENOENT'
            ? `${tool} is not installed here. Install the PostgreSQL client tools of the server's version (or newer), then ${what} again.`
            : `${tool} could not run: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ServerBackupRefused('TOOL_FAILED', `${tool} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/** `pg_dump --format=custom` of the database at `url` into `out`, which must not exist yet. */
export async function dumpPostgres(url: string, out: string): Promise<{ bytes: number }> {
  refuseExisting(out);
  const partial = `${out}.partial`;
  try {
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${url}`],
      'back up',
    );
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return { bytes: statSync(out).size };
}

/** Tables, sequences, views and the like outside PostgreSQL's own schemas. */
async function userObjects(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_%'`,
    );
    return rows.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * `pg_restore` of a custom-format dump into the empty database at `url`, in one transaction: a dump
 * that fails halfway leaves the database as empty as it was. A database holding anything is refused.
 * The restored positions get a new generation, so every terminal's next pull is a full snapshot.
 */
export async function restorePostgres(url: string, from: string): Promise<void> {
  requireFile(from);
  const found = await userObjects(url);
  if (found > 0) {
    throw new ServerBackupRefused(
      'NOT_EMPTY',
      `The database ${databaseName(url)} is not empty (${found} tables, sequences or other objects). Nothing was changed: create a new, empty database (createdb), point DATABASE_URL at it and restore again.`,
    );
  }
  await runTool(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      '--no-password',
      `--dbname=${url}`,
      from,
    ],
    'restore',
  );
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await renewGenerations(db);
  } finally {
    await db.close();
  }
}

/**
 * PGlite's tarball of its data folder (dumpDataDir), which only a stopped server may give: PGlite is one
 * process's database, and a second one opening the folder beside a running server would damage it.
 */
export async function dumpPglite(dataDir: string, out: string): Promise<{ bytes: number }> {
  refuseExisting(out);
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    throw new ServerBackupRefused(
      'NOT_FOUND',
      `There is no server data in ${dataDir}. Check SERVER_DATA_DIR (or set DATABASE_URL for PostgreSQL).`,
    );
  }
  if (existsSync(`${dataDir}/${PID_FILE}`)) {
    throw new ServerBackupRefused(
      'RUNNING',
      `The server is running on ${dataDir} (its ${PID_FILE} is there). Nothing was written: stop it (Ctrl+C), then back up again. If it is not running, it was stopped without closing: start it and stop it once, then back up.`,
    );
  }
  const db = new PGlite({ dataDir, extensions: PGLITE_EXTENSIONS });
  try {
    await db.waitReady;
    const dump = await db.dumpDataDir('gzip');
    writeFileSync(`${out}.partial`, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    renameSync(`${out}.partial`, out);
  } finally {
    rmSync(`${out}.partial`, { force: true });
    await db.close();
  }
  return { bytes: statSync(out).size };
}

/**
 * A PGlite tarball into a new or empty data folder (loadDataDir); a folder holding anything is
 * refused. As with PostgreSQL, the restored positions get a new generation.
 */
export async function restorePglite(dataDir: string, from: string): Promise<void> {
  requireFile(from);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new ServerBackupRefused(
      'NOT_EMPTY',
      `The folder ${dataDir} is not empty. Nothing was changed: restore into a new folder, then point SERVER_DATA_DIR at it.`,
    );
  }
  let db: Database | undefined;
  try {
    db = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(from)]) });
    await renewGenerations(db);
  } catch (error) {
    throw new ServerBackupRefused(
      'TOOL_FAILED',
      `${from} could not be restored as PGlite data (${(error as Error).message}): it must be a .tar.gz made by npm run server:backup without DATABASE_URL. Remove ${dataDir} before trying another file.`,
    );
  } finally {
    await db?.close().catch(() => undefined);
  }
}
