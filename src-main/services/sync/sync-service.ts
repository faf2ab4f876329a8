import type { SyncStatus } from '../../../shared/ipc/domains/sync';
import type { ApprovalSigner } from '../../../shared/sync/approval-proof';
import type { TicketSigningKey } from '../../../shared/node/tickets/secret';
import { ok, type Result } from '../../../shared/result';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { heldUnits } from '../../db/repos/lease-repo';
import { getSyncState } from '../../db/repos/sync-repo';
import type { Translate } from '../../messages';
import type { SecretStore } from '../../secret-store';
import { createSyncContext, requireEnrolled } from './context';
import { enrol } from './enrol';
import { createEscrowLedger, type EscrowLedger } from './escrow';
import {
  createTopUp,
  expireOnce,
  returnIdleLeases,
  returnLeasesAtShiftClose,
  returnSurplus,
  type TopUpOutcome,
} from './leases';
import type { CounterNeed } from '../../../shared/sync/counters';
import { pullOnce, type PullOutcome } from './pull';
import { pushAll, pushOnce, type PushOutcome } from './push';
import { createScheduler } from './scheduler';
import { syncStatus } from './status';
import type { SyncAnswer, SyncRequest, SyncTransport } from './transport';

/** While the server is unreachable, a checkout tries a top-up at most this often. */
const OFFLINE_RETRY_MS = 10_000;

export interface SyncService {
  /**
   * Enrols with a manager's one-time code or enrolment link (shared/sync/enrolment-link.ts), then pulls the server's catalogue, staff and codes. */
  enrol(enrolmentCode: string, name: string): Promise<Result<SyncStatus>>;
  /** One batch of at most 500 outbox rows, oldest first. */
  pushOnce(): Promise<Result<PushOutcome>>;
  /** Every page of changes since the cursor, one transaction per page. */
  pullOnce(): Promise<Result<PullOutcome>>;
  /** Leases for counters below their low-water mark and for `needs`; retries recorded requests. */
  topUpOnce(needs?: readonly CounterNeed[]): Promise<Result<TopUpOutcome>>;
  /** Local only: expired leases (all of them if the clock went back) are stopped and returned. */
  expireOnce(): Result<{ returned: number; clockMovedBack: boolean }>;
  /** Returns every lease held on these counters. */
  returnSurplus(counters: readonly string[]): Result<{ returned: number }>;
  /**
   * Inside the shift close's transaction: while the server answers, every lease stops being used and
   * its return joins the outbox (DECISIONS.md "Escrow leases"). Returns how many leases went back.
   */
  shiftClosed(at: string): number;
  /** Push everything, then pull (and with no shift open, give the leases back): the "sync now" button. */
  syncNow(): Promise<Result<SyncStatus>>;
  /**
   * One scheduler round: expire, push, pull, then top up while a shift is open or give every lease
   * back while none is. True when the server was reached throughout.
   */
  round(): Promise<boolean>;
  start(): void;
  /** Resolves once a round in flight has finished. */
  stop(): Promise<void>;
  /**
   * Before a checkout or a code is applied: when the server is likely reachable, top up the leases
   * this cart needs (outside any transaction, bounded by a short timeout) so online and offline sales
   * take the same path through the leases.
   */
  prepare(needs: readonly CounterNeed[]): Promise<void>;
  /** A sale was recorded: tell the status bar and push soon. */
  afterWrite(): void;
  /** The server answers again (connectivity saw it): sync now rather than after the backoff. */
  resume(): void;
  status(): SyncStatus;
  /** The server's terminal id once enrolled. */
  terminalId(): string | undefined;
  reachable(): boolean;
  /**
   * One request with the device token outside the sync protocol (Door mode's check-ins), not queued
   * behind a sync round. Undefined when there is no enrolment to speak for: standalone, or waiting to
   * be enrolled again after a restore.
   */
  request(request: Omit<SyncRequest, 'token'>): Promise<SyncAnswer | undefined>;
  ledger: EscrowLedger;
  /** Signs the approvals a checkout records, once enrolled (docs/SECURITY.md "Overuse proof"). */
  approvalSigner(): ApprovalSigner | undefined;
  /** Signs the tickets a checkout makes with the same key, once enrolled (docs/TICKETS.md). */
  ticketSigner(): TicketSigningKey | undefined;
}

export function createSyncService(deps: {
  db: Db;
  clock: Clock;
  t: Translate;
  transport: SyncTransport | undefined;
  /** The server the transport talks to, which an enrolment link must name; unknown for a test transport. */
  serverUrl?: string | undefined;
  secrets: SecretStore;
  intervalMs: number;
  /** How long a checkout waits for a top-up before selling on what it holds. */
  prepareTimeoutMs: number;
  random?: () => number;
  pullPageLimit?: number;
  onStatus: (status: SyncStatus) => void;
  logError: (error: unknown, context: string) => void;
}): SyncService {
  const { db, clock, t } = deps;
  const noServer: SyncTransport = () =>
    Promise.resolve({ status: 0, body: { message: 'no server configured' } });
  let lastEmitted = '';
  const status = () => syncStatus(db, new Date(clock.now()).toISOString());
  const changed = () => {
    const next = status();
    const key = JSON.stringify(next);
    if (key === lastEmitted) return;
    lastEmitted = key;
    deps.onStatus(next);
  };
  const ctx = createSyncContext({
    db,
    clock,
    t,
    transport: deps.transport ?? noServer,
    changed,
    secrets: deps.secrets,
    ...(deps.pullPageLimit ? { pullPageLimit: deps.pullPageLimit } : {}),
  });
  const topUp = createTopUp(ctx);
  let lastPrepareAttempt = -Infinity;

  // Steps touching the network run one at a time, so the scheduler and a checkout's top-up never
  // race each other over the same request rows or cursor.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const ledger = createEscrowLedger({
    db,
    now: () => clock.now(),
    reachable: ctx.reachable,
    expire: () => void expireOnce(ctx),
  });

  /** The server has just answered: with no shift open, what the terminal holds goes back now. */
  const returnIdle = async (): Promise<Result<unknown>> => {
    const idle = returnIdleLeases(ctx);
    return idle.ok && idle.value.returned > 0 ? serial(() => pushAll(ctx)) : idle;
  };

  const round = async (): Promise<boolean> => {
    const state = getSyncState(db);
    // Standalone, or waiting for a manager to re-enrol after a restore: nothing to do, nothing failed.
    if (state?.state !== 'enrolled') return true;
    expireOnce(ctx);
    const pushed = await serial(() => pushAll(ctx));
    if (!pushed.ok) return false;
    const pulled = await serial(() => pullOnce(ctx));
    if (!pulled.ok) return false;
    const topped = await serial(() => topUp());
    if (!topped.ok) return false;
    return (await returnIdle()).ok;
  };

  const scheduler = createScheduler({
    round,
    intervalMs: deps.intervalMs,
    ...(deps.random ? { random: deps.random } : {}),
    onError: (error) => deps.logError(error, 'sync round'),
  });

  return {
    async enrol(enrolmentCode, name) {
      const enrolled = await serial(() => enrol(ctx, { enrolmentCode, name }, deps.serverUrl));
      if (!enrolled.ok) return enrolled;
      // The first full pull replaces the catalogue; if it fails, the scheduler pulls again.
      await serial(() => pullOnce(ctx));
      scheduler.kick();
      return ok(status());
    },
    pushOnce: () => serial(() => pushOnce(ctx)),
    pullOnce: () => serial(() => pullOnce(ctx)),
    topUpOnce: (needs) => serial(() => topUp(needs)),
    expireOnce: () => expireOnce(ctx),
    returnSurplus: (counters) => returnSurplus(ctx, counters),
    shiftClosed: (at) => returnLeasesAtShiftClose(ctx, at),
    async syncNow() {
      expireOnce(ctx);
      const pushed = await serial(() => pushAll(ctx));
      if (!pushed.ok) return pushed;
      const pulled = await serial(() => pullOnce(ctx));
      if (!pulled.ok) return pulled;
      const returned = await returnIdle();
      if (!returned.ok) return returned;
      return ok(status());
    },
    round,
    approvalSigner: () => ctx.approvalSigner(),
    ticketSigner: () => ctx.ticketSigner(),
    start: () => scheduler.start(),
    async stop() {
      await scheduler.stop();
      // A checkout's top-up may still be on the wire; it writes to the store when it lands.
      await queue;
    },
    async prepare(needs) {
      if (needs.length === 0 || getSyncState(db)?.state !== 'enrolled') return;
      const now = new Date(clock.now()).toISOString();
      if (needs.every((n) => heldUnits(db, n.counter, now) >= n.units)) return;
      // Offline, a refused connection costs nothing but a black hole costs the whole timeout: try
      // again only now and then until the server answers.
      if (!ctx.reachable() && clock.now() - lastPrepareAttempt < OFFLINE_RETRY_MS) return;
      lastPrepareAttempt = clock.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deps.prepareTimeoutMs);
      });
      const topped = serial(() => topUp(needs)).then(
        () => undefined,
        (error: unknown) => deps.logError(error, 'lease top-up'),
      );
      await Promise.race([topped, timeout]);
      clearTimeout(timer);
    },
    afterWrite() {
      changed();
      scheduler.kick();
    },
    resume: () => scheduler.resume(),
    status,
    terminalId: () => getSyncState(db)?.terminalId,
    reachable: ctx.reachable,
    async request(request) {
      const enrolled = requireEnrolled(ctx);
      if (!enrolled.ok) return undefined;
      return ctx.send({ ...request, token: enrolled.value.deviceToken });
    },
    ledger,
  };
}
