import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { channels as c } from '../../shared/ipc/channels';
import type { Clock } from '../../src-main/clock';
import { DATABASE_FILE } from '../../src-main/db/connection';
import { createTerminal, type Terminal } from '../../src-main/terminal';
import type { SimNetwork } from './sim-network';
import { SUPERVISOR_PIN } from './sim-setup';

const FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];

/** What a backup held when it was taken, to judge a later restore. */
export interface Backup {
  dir: string;
  /** Highest outbox seq in the copy. */
  seq: number;
  saleIds: Set<string>;
}

/**
 * One terminal of the simulation: a data folder that outlives its incarnations. A crash closes the
 * core mid-whatever and builds a new one on the same folder; the network forgets the old one.
 */
export class SimNode {
  terminal: Terminal | undefined;
  instance = 0;
  /** Minutes this terminal's wall clock is off from the simulation's. */
  skewMs = 0;
  backup: Backup | undefined;
  restores = 0;
  /** Every sale this terminal reported committed, with the number of restores before it. */
  readonly committed = new Map<string, { restoresBefore: number }>();
  /** Every cash movement this terminal reported recorded, with the number of restores before it. */
  readonly movements = new Map<string, { restoresBefore: number }>();
  /** Operations in flight on the current incarnation. */
  readonly ops = new Set<Promise<unknown>>();
  readonly clock: Clock;

  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly network: SimNetwork,
    globalTime: () => number,
    private readonly supervisorId: () => string,
    private readonly appRoot: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.clock = { now: () => globalTime() + this.skewMs };
  }

  get open(): Terminal {
    if (!this.terminal) throw new Error(`${this.name} is not running`);
    return this.terminal;
  }

  async start(): Promise<void> {
    this.instance += 1;
    const instance = this.instance;
    this.terminal = await createTerminal({
      dataDir: this.dir,
      appRoot: this.appRoot,
      clock: this.clock,
      demoData: false,
      printer: { enabled: false },
      // Sim time jumps by hours; an idle lock would only make every step sign in again.
      idleMinutes: 1_000_000,
      overuseCapPerDay: 1_000,
      sync: {
        transport: this.network.transportFor(this.name, () => instance),
        autoStart: false,
        // Never let the wall clock decide whether a checkout waited for its lease: the till action
        // pumps the network until the top-up is answered or times out by the simulation's choice.
        prepareTimeoutMs: 1_000_000_000,
        // Pages of a few rows, so pulls cross page boundaries (and cursors inside one position) often.
        pullPageLimit: 7,
      },
      logError: () => undefined,
    });
  }

  /**
   * Signs the supervisor in (after enrolment has brought the staff) and opens a shift if none is.
   * Opening a shift asks the server for seat leases: `act` runs it as a till action, moving the network.
   */
  async ready(
    act: (fn: (t: Terminal) => Promise<unknown>) => Promise<unknown> = (fn) => fn(this.open),
  ): Promise<boolean> {
    const t = this.open;
    const signed = await t.dispatch(c.staff.signIn, { staffId: this.supervisorId(), pin: SUPERVISOR_PIN });
    if (!signed.ok) return false;
    const shift = await t.dispatch(c.shift.current, {});
    if (shift.ok && shift.value === null) await act((x) => x.dispatch(c.shift.open, { openingFloat: 0 }));
    return true;
  }

  /**
   * The process dies: the store closes at once, and whatever the old incarnation was waiting for on
   * the network will be answered "unreachable" so its promises settle against a closed store.
   */
  async crash(settle: () => Promise<void>): Promise<void> {
    const t = this.terminal;
    if (!t) return;
    this.terminal = undefined;
    const closing = t.close();
    const closed = await Promise.race([closing.then(() => true), settle().then(() => false)]);
    this.network.orphan(this.name, this.instance);
    if (!closed) await closing;
    await settle();
    this.ops.clear();
  }

  /** Copies the store while the terminal is down, as an operator's file backup would. */
  async takeBackup(settle: () => Promise<void>, seq: number, saleIds: Set<string>): Promise<void> {
    await this.crash(settle);
    const dir = `${this.dir}-backup`;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of FILES)
      if (existsSync(join(this.dir, file))) copyFileSync(join(this.dir, file), join(dir, file));
    this.backup = { dir, seq, saleIds };
    await this.start();
  }

  /** Puts the backup's files in place of the live ones (a missing -wal or -shm stays missing). */
  async restoreBackup(settle: () => Promise<void>): Promise<boolean> {
    if (!this.backup) return false;
    await this.crash(settle);
    for (const file of FILES) {
      rmSync(join(this.dir, file), { force: true });
      if (existsSync(join(this.backup.dir, file)))
        copyFileSync(join(this.backup.dir, file), join(this.dir, file));
    }
    this.restores += 1;
    await this.start();
    return true;
  }

  async close(): Promise<void> {
    const t = this.terminal;
    this.terminal = undefined;
    if (t) await t.close();
  }
}
