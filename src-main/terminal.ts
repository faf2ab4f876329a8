import { join, resolve } from 'node:path';
import { ok } from '../shared/result';
import { findAppRoot, readAppVersion } from './app-info';
import { systemClock, type Clock } from './clock';
import type { Db } from './db/connection';
import { getSyncState } from './db/repos/sync-repo';
import { createFileSecretStore, type SecretStore } from './secret-store';
import { loadMigrations, schemaVersion } from './db/migrate';
import { openStore } from './open-store';
import { ensureMeta, getOfflineLimits } from './db/repos/meta-repo';
import { DEFAULT_TERMINAL_OVERUSE_CAP } from '../shared/auth/overuse-cap';
import { minutesWithoutServer } from '../shared/sync/offline-limits';
import { createEventHub, type EventHub } from './events';
import { newId } from './ids';
import { getVenue } from './db/repos/catalogue-repo';
import { countPendingOutbox } from './db/repos/outbox-repo';
import { hasStaff } from './db/repos/staff-repo';
import { createAuthorizer } from './ipc/access';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { storageFailure } from './ipc/storage-failure';
import { createTranslate, fail } from './messages';
import { createCartService } from './services/cart-service';
import { createBackupService, DEFAULT_BACKUPS_KEPT, type BackupOptions } from './services/backup-service';
import { createCatalogueService } from './services/catalogue-service';
import { createConnectivity } from './services/connectivity';
import { createDoorService } from './services/door/door-service';
import { createMailService } from './services/mail/mail-service';
import { createSmtpSend, DEFAULT_SMTP_TIMEOUTS, type SmtpTimeouts } from './services/mail/smtp-transport';
import { createCustomerService } from './services/customers/customer-service';
import { createJournalService } from './services/journal/journal-service';
import { createManageService } from './services/manage-service';
import { seedDemoData } from './services/demo-data';
import { createCheckoutService } from './services/checkout-service';
import { createReservationService } from './services/reservations/reservation-service';
import { createScheduler } from './services/sync/scheduler';
import { createRemoteRefundService } from './services/remote-refund-service';
import { createExchangeService } from './services/exchange-service';
import { createSaleService } from './services/sale-service';
import { createOveruseCaps } from './services/overuse-caps';
import { createVoucherService } from './services/vouchers/voucher-service';
import { createTicketService } from './services/ticket-service';
import { createSettingsService } from './services/settings-service';
import { createTraining } from './services/training';
import { createShiftService } from './services/shift-service';
import { createCashService } from './services/cash-service';
import {
  createNetworkOutput,
  DEFAULT_NETWORK_TIMEOUTS,
  type NetworkOutputOptions,
} from './services/printing/network-output';
import type { ShellPrintOutputs } from './services/printing/output';
import { createPrintService } from './services/printing/print-service';
import { createStaffService } from './services/staff-service';
import { createSeatLeases } from './services/seats/seat-leases';
import { createSeatService } from './services/seats/seat-service';
import { queuePinAttempt } from './services/sync/pin-attempts';
import { createSyncService, type SyncService } from './services/sync/sync-service';
import { createFetchTransport, type SyncTransport } from './services/sync/transport';

export interface TerminalOptions {
  /** Folder for the SQLite store and everything the terminal keeps on disk. */
  dataDir: string;
  /** Central server base URL; without it the terminal runs standalone. */
  serverUrl?: string;
  clock?: Clock;
  /** Folder with package.json and migrations/; found automatically outside Electron. */
  appRoot?: string;
  connectivity?: { intervalMs?: number; timeoutMs?: number };
  /**
   * Where the device token is kept: the Electron shell passes one sealed by the operating system;
   * by default a 0600 file in the data folder.
   */
  secrets?: SecretStore;
  /** Fill an empty store with the demo venue, staff and codes (the browser host and npm start do). */
  demoData?: boolean;
  /** Minutes without a call before the session locks itself. */
  idleMinutes?: number;
  /** Between sweeps that release expired reservations (docs/RESERVATIONS.md); default 30 s. */
  reservationSweepMs?: number;
  /**
   * Overuse grants this terminal may give per business day until a pull brings its manager's cap
   * (docs/CASH.md "Overuse caps"; null: no cap). Default: DEFAULT_TERMINAL_OVERUSE_CAP.
   */
  overuseCapPerDay?: number | null;
  logError?: (error: unknown, context: string) => void;
  /**
   * Offline sync (docs/SYNC.md). `transport` replaces HTTP to serverUrl (the simulation routes it
   * in-process); `autoStart: false` leaves every step to the caller (terminal.sync.pushOnce() …).
   */
  sync?: {
    transport?: SyncTransport;
    /** Between scheduler rounds while the server answers; default 15 s. */
    intervalMs?: number;
    /** Default: true when there is a server URL or a transport. */
    autoStart?: boolean;
    /** Per request over HTTP; default 10 s. */
    timeoutMs?: number;
    /** How long a checkout waits for a lease top-up; default 1.5 s. */
    prepareTimeoutMs?: number;
    /** Jitter source for the backoff; default Math.random. */
    random?: () => number;
    /** Rows per pull page; default 5,000. The simulation pages by a few rows to exercise cursors. */
    pullPageLimit?: number;
  };
  /** Automatic backups after each shift close (docs/OPERATIONS.md "Terminal backups"). */
  backups?: BackupOptions;
  /** The print queue: `enabled: false` keeps jobs queued without printing; tests shorten the waits. */
  printer?: {
    enabled?: boolean;
    /** First wait after a printer fault (doubles per fault in a row, up to retryCapMs); default 500 ms. */
    retryBaseMs?: number;
    retryCapMs?: number;
    network?: Partial<NetworkOutputOptions>;
    /** System printer and PDF, which only the Electron shell can provide. */
    outputs?: ShellPrintOutputs;
  };
  /** The mail queue (docs/MAIL.md): `enabled: false` keeps mails queued without sending; tests shorten the waits. */
  mail?: {
    enabled?: boolean;
    /** First wait after a failed attempt (doubles per failure in a row, up to retryCapMs); default 5 s. */
    retryBaseMs?: number;
    /** Default 5 minutes. */
    retryCapMs?: number;
    smtp?: Partial<SmtpTimeouts>;
  };
}

export interface Terminal {
  readonly dataDir: string;
  /** The server's terminal id once enrolled, the local one before. */
  readonly terminalId: string;
  /** The sync client's steps, for hosts and the simulation. */
  readonly sync: SyncService;
  dispatch: Dispatch;
  events: EventHub;
  /** Direct handle for tests and benches of the store; hosts use dispatch only. */
  readonly db: Db;
  close(): Promise<void>;
}

export { TerminalOpenError } from './open-store';

/** Builds the whole main-process core. The Electron shell, the browser shell and the tests all use this. */
export async function createTerminal(options: TerminalOptions): Promise<Terminal> {
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? ((error, context) => console.error(`[terminal] ${context}:`, error));
  const appRoot = options.appRoot ?? findAppRoot();
  const dataDir = resolve(options.dataDir);
  const iso = () => new Date(clock.now()).toISOString();

  const migrations = loadMigrations(join(appRoot, 'migrations', 'terminal'));
  const secrets = options.secrets ?? createFileSecretStore(dataDir);
  const store = openStore({ dataDir, appRoot, migrations, now: iso, secrets });
  const db: Db = store.db;

  const localTerminalId = ensureMeta(db, 'terminal_id', newId());
  ensureMeta(db, 'created_at', iso());
  const appVersion = readAppVersion(appRoot);
  const events = createEventHub((error) => logError(error, 'event listener'));
  const settings = createSettingsService(db, clock);
  const training = createTraining(db, clock);
  const t = createTranslate(() => settings.get().language);
  const language = () => settings.get().language;
  const transport =
    options.sync?.transport ??
    (options.serverUrl
      ? createFetchTransport(options.serverUrl, { timeoutMs: options.sync?.timeoutMs ?? 10_000 })
      : undefined);
  const sync = createSyncService({
    db,
    clock,
    t,
    transport,
    serverUrl: options.serverUrl,
    secrets,
    intervalMs: options.sync?.intervalMs ?? 15_000,
    prepareTimeoutMs: options.sync?.prepareTimeoutMs ?? 1_500,
    ...(options.sync?.random ? { random: options.sync.random } : {}),
    ...(options.sync?.pullPageLimit ? { pullPageLimit: options.sync.pullPageLimit } : {}),
    onStatus: (status) => events.emit({ type: 'sync-status', sync: status }),
    logError,
  });
  const connectivity = createConnectivity({
    serverUrl: options.serverUrl,
    clock,
    intervalMs: options.connectivity?.intervalMs ?? 5_000,
    timeoutMs: options.connectivity?.timeoutMs ?? 2_000,
    onChange: (server) => {
      events.emit({ type: 'server-status', server });
      // Sales made offline go as soon as the server answers, not after the sync backoff runs out.
      if (server.state === 'online') sync.resume();
    },
  });
  // After enrolment every payload carries the server's id for this terminal.
  const terminalId = () => sync.terminalId() ?? localTerminalId;
  const staff = createStaffService({
    db,
    clock,
    t,
    language,
    idleMinutes: options.idleMinutes ?? 5,
    training: training.applies,
    // Only an enrolled terminal has a server that counts a person's PINs across terminals; it is
    // told at once, so the other terminals hear of the failure on their next round.
    reportPinAttempt: (attempt) => {
      const enrolled = sync.terminalId();
      if (!enrolled) return;
      queuePinAttempt(db, enrolled, attempt);
      sync.afterWrite();
    },
  });
  const cart = createCartService({ db, clock, t, language, staff, escrow: sync.ledger });
  const serverLikelyUp = () => connectivity.current().state === 'online' || sync.reachable();
  const enrolled = () => getSyncState(db) !== undefined;
  const seatLeases = createSeatLeases({
    db,
    now: () => clock.now(),
    ask: (request) => sync.request(request),
    enrolled,
    serverLikelyUp,
    terminalId,
    afterWrite: () => sync.afterWrite(),
  });
  const shifts = createShiftService({
    db,
    clock,
    t,
    terminalId,
    onClose: (at) => {
      sync.shiftClosed(at);
      seatLeases.shiftClosed(at);
    },
  });
  const seats = createSeatService({
    db,
    clock,
    t,
    cart,
    leases: seatLeases,
    ask: (request) => sync.request(request),
    enrolled,
    serverLikelyUp,
    terminalId,
    training: training.applies,
  });
  const printing = createPrintService({
    db,
    clock,
    terminalId,
    language,
    zReport: (shiftId) => shifts.report(shiftId),
    outputs: {
      network: createNetworkOutput({ ...DEFAULT_NETWORK_TIMEOUTS, ...options.printer?.network }),
      ...options.printer?.outputs,
    },
    queue: {
      retryBaseMs: options.printer?.retryBaseMs ?? 500,
      retryCapMs: options.printer?.retryCapMs ?? 30_000,
    },
    logError,
  });
  const mail = createMailService({
    db,
    clock,
    t,
    terminalId,
    secrets,
    send: createSmtpSend({ ...DEFAULT_SMTP_TIMEOUTS, ...options.mail?.smtp }),
    queue: {
      retryBaseMs: options.mail?.retryBaseMs ?? 5_000,
      retryCapMs: options.mail?.retryCapMs ?? 300_000,
    },
    logError,
  });
  const customers = createCustomerService({
    db,
    clock,
    t,
    terminalId,
    ask: (request) => sync.request(request),
    enrolled: () => getSyncState(db) !== undefined,
    serverLikelyUp,
    cart,
    afterWrite: () => sync.afterWrite(),
  });
  const reservations = createReservationService({
    db,
    clock,
    t,
    cart,
    terminalId,
    escrow: sync.ledger,
    sync,
    ask: (request) => sync.request(request),
    serverLikelyUp,
  });
  // Expired holds are released on start and then every half minute, also offline and standalone.
  const reservationSweeper = createScheduler({
    round: () => Promise.resolve((reservations.sweep(), true)),
    intervalMs: options.reservationSweepMs ?? 30_000,
    onError: (error) => logError(error, 'reservation sweep'),
  });
  const vouchers = createVoucherService({
    db,
    clock,
    t,
    language,
    ownKey: () => sync.ticketSigner(),
    request: (request) => sync.request(request),
  });
  // One set of caps: the supervisor's grant is held to them and checkout asks them again as it writes.
  const overuseCaps = createOveruseCaps({
    db,
    clock,
    defaultTerminalCap:
      options.overuseCapPerDay === undefined ? DEFAULT_TERMINAL_OVERUSE_CAP : options.overuseCapPerDay,
  });
  const checkout = createCheckoutService({
    vouchers,
    db,
    customers,
    clock,
    t,
    language,
    cart,
    terminalId,
    escrow: sync.ledger,
    approvalSigner: () => sync.approvalSigner(),
    ticketSigner: () => sync.ticketSigner(),
    sync,
    printing,
    mail,
    reservations,
    seats,
    serverAnswers: async () => (await connectivity.check()).state === 'online',
    staff,
    offline: {
      limits: () => getOfflineLimits(db),
      minutes: () => {
        const state = getSyncState(db);
        return minutesWithoutServer(clock.now(), [
          connectivity.current().lastSeenAt,
          state?.lastPushAt,
          state?.lastPullAt,
        ]);
      },
    },
    training: training.applies,
    overuseCaps,
  });
  const sales = createSaleService({
    db,
    clock,
    t,
    language,
    terminalId,
    escrow: sync.ledger,
    sync,
    printing,
    training: training.applies,
    ticketSigner: () => sync.ticketSigner(),
  });
  const remoteRefunds = createRemoteRefundService({
    db,
    clock,
    t,
    language,
    terminalId,
    ask: (request) => sync.request(request),
    sync,
    printing,
    training: training.applies,
  });
  const exchanges = createExchangeService({
    db,
    clock,
    t,
    language,
    terminalId,
    cart,
    sales,
    remote: remoteRefunds,
    escrow: sync.ledger,
    ticketSigner: () => sync.ticketSigner(),
    sync,
    printing,
    training: training.applies,
  });
  const tickets = createTicketService({
    db,
    clock,
    t,
    terminalId,
    ticketSigner: () => sync.ticketSigner(),
    printing,
    sync,
  });
  const backups = createBackupService({
    db,
    dataDir,
    appRoot,
    clock,
    keep: options.backups?.keep ?? DEFAULT_BACKUPS_KEPT,
    logError,
  });
  const loadDemo = async () => {
    if (getVenue(db)) return { codes: 0 };
    return seedDemoData(db, clock);
  };
  if (options.demoData) await loadDemo();

  const handlers = createHandlers({
    status: () => ({
      appVersion,
      terminalId: terminalId(),
      dataDir,
      schemaVersion: schemaVersion(db),
      latestSchemaVersion: migrations.length,
      server: connectivity.current(),
      unsyncedEvents: countPendingOutbox(db),
      sync: sync.status(),
    }),
    loadDemo: async () => (getSyncState(db) ? fail(t, 'DEMO_ENROLLED') : ok(await loadDemo())),
    settings,
    staff,
    training,
    catalogue: createCatalogueService(db, t),
    cart,
    checkout,
    overuseCaps,
    vouchers,
    sales,
    remoteRefunds,
    exchanges,
    tickets,
    shifts,
    cash: createCashService({
      db,
      clock,
      t,
      language,
      terminalId,
      openDrawer: (why) => printing.openDrawer(why),
      report: (shiftId) => shifts.report(shiftId),
    }),
    printing,
    backups,
    manage: createManageService({ serverUrl: options.serverUrl, language }),
    sync,
    door: createDoorService({
      db,
      clock,
      t,
      terminalId,
      ask: (request) => sync.request(request),
      serverLikelyUp,
      afterWrite: () => sync.afterWrite(),
    }),
    mail,
    customers,
    journal: createJournalService({
      db,
      t,
      here: () => ({ terminalId: terminalId(), terminalName: getSyncState(db)?.terminalName ?? null }),
      enrolled: () => getSyncState(db) !== undefined,
      ask: (request) => sync.request(request),
      serverLikelyUp,
    }),
    reservations,
    seats,
    seatLeases,
  });
  if (options.sync?.autoStart ?? transport !== undefined) sync.start();
  if (options.printer?.enabled !== false) printing.start();
  reservationSweeper.start();
  if (options.mail?.enabled !== false) mail.start();

  let closed = false;
  return {
    dataDir,
    get terminalId() {
      return terminalId();
    },
    sync,
    db,
    events,
    dispatch: createDispatcher(
      handlers,
      createAuthorizer({
        staff,
        enrolled: () => getSyncState(db) !== undefined,
        staffless: () => !hasStaff(db),
        t,
      }),
      logError,
      storageFailure(t),
    ),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      connectivity.stop();
      // The job on the wire and a sync round in flight finish and are recorded before the store closes;
      // a backup being copied is stopped and its partial file removed.
      const stopping = [printing.stop(), mail.stop(), sync.stop(), backups.stop(), reservationSweeper.stop()];
      return Promise.all(stopping).then(() => {
        store.close();
      });
    },
  };
}
