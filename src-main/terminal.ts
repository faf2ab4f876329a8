import { join, resolve } from 'node:path';
import { channels } from '../shared/ipc/channels';
import { ok } from '../shared/result';
import { findAppRoot, readAppVersion } from './app-info';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/connection';
import { loadMigrations, migrate, MigrationError, schemaVersion } from './db/migrate';
import { ensureMeta } from './db/repos/meta-repo';
import { createEventHub, type EventHub } from './events';
import { newId } from './ids';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher';
import { createConnectivity } from './services/connectivity';
import { createSettingsService } from './services/settings-service';

export interface TerminalOptions {
  /** Folder for the SQLite store and everything the terminal keeps on disk. */
  dataDir: string;
  /** Central server base URL; without it the terminal runs standalone. */
  serverUrl?: string;
  clock?: Clock;
  /** Folder with package.json and migrations/; found automatically outside Electron. */
  appRoot?: string;
  connectivity?: { intervalMs?: number; timeoutMs?: number };
  logError?: (error: unknown, context: string) => void;
}

export interface Terminal {
  readonly dataDir: string;
  readonly terminalId: string;
  dispatch: Dispatch;
  events: EventHub;
  /** Direct handle for tests and benches of the store; hosts use dispatch only. */
  readonly db: Db;
  close(): Promise<void>;
}

export class TerminalOpenError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'TerminalOpenError';
  }
}

/** Builds the whole main-process core. The Electron shell, the browser shell and the tests all use this. */
export async function createTerminal(options: TerminalOptions): Promise<Terminal> {
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? ((error, context) => console.error(`[terminal] ${context}:`, error));
  const appRoot = options.appRoot ?? findAppRoot();
  const dataDir = resolve(options.dataDir);
  const iso = () => new Date(clock.now()).toISOString();

  const migrations = loadMigrations(join(appRoot, 'migrations', 'terminal'));
  let db: Db;
  try {
    db = openDatabase(dataDir);
  } catch (error) {
    throw new TerminalOpenError(
      'STORE_UNAVAILABLE',
      `The data folder ${dataDir} cannot be opened (${(error as Error).message}). Check that it exists and is writable.`,
    );
  }
  try {
    migrate(db, migrations, iso);
  } catch (error) {
    db.close();
    if (error instanceof MigrationError) throw new TerminalOpenError(error.reason, error.message);
    throw error;
  }

  const terminalId = ensureMeta(db, 'terminal_id', newId());
  ensureMeta(db, 'created_at', iso());
  const appVersion = readAppVersion(appRoot);
  const events = createEventHub((error) => logError(error, 'event listener'));
  const settings = createSettingsService(db, clock);
  const connectivity = createConnectivity({
    serverUrl: options.serverUrl,
    clock,
    intervalMs: options.connectivity?.intervalMs ?? 5_000,
    timeoutMs: options.connectivity?.timeoutMs ?? 2_000,
    onChange: (server) => events.emit({ type: 'server-status', server }),
  });

  const handlers: Handlers = {
    [channels.system.status]: () =>
      ok({
        appVersion,
        terminalId,
        dataDir,
        schemaVersion: schemaVersion(db),
        latestSchemaVersion: migrations.length,
        server: connectivity.current(),
      }),
    [channels.settings.get]: () => ok(settings.get()),
    [channels.settings.update]: (request) => ok(settings.update(request)),
  };

  let closed = false;
  return {
    dataDir,
    terminalId,
    db,
    events,
    dispatch: createDispatcher(handlers, logError),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      connectivity.stop();
      db.close();
      return Promise.resolve();
    },
  };
}
