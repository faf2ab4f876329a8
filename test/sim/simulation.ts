import { join } from 'node:path';
import { DEFAULT_REASONS } from '../../shared/cash/reasons';
import { roundCash } from '../../shared/money/cash-rounding';
import { channels as c } from '../../shared/ipc/channels';
import type { CashMovementView } from '../../shared/ipc/domains/shift';
import type { Result } from '../../shared/result';
import { activeLeases, heldUnits } from '../../src-main/db/repos/lease-repo';
import { appendOutbox, countPendingOutbox } from '../../src-main/db/repos/outbox-repo';
import { getSyncState } from '../../src-main/db/repos/sync-repo';
import { writeSettings } from '../../src-main/db/repos/settings-repo';
import { counterKey } from '../../shared/sync/protocol';
import type { Terminal } from '../../src-main/terminal';
import type { Database } from '../../src-server/db/database';
import { checkCashMovements } from './checks/cash-checks';
import { checkTrainingStaysHome } from './checks/training-checks';
import { checkVoucherBalances } from './checks/voucher-checks';
import { compareKeys, cursorKey } from './checks/cursor-order';
import { checkPoisonKept, checkQuarantine, checkRestores } from './checks/sync-checks';
import { catalogueDigest, checkTerminalStore, compareDigests } from './checks/terminal-checks';
import {
  checkConservation,
  checkLimits,
  checkSeqs,
  checkServerDeadlines,
  checkServerMoney,
  compareServerDigests,
  serverDigest,
  serverSaleCounts,
} from './checks/server-checks';
import { checkAdmissions } from './checks/ticket-checks';
import {
  checkSeatLeases,
  checkSeatStates,
  checkSeatsAgree,
  checkSeatsSoldOnce,
  countSeatNotHeld,
} from './checks/seat-checks';
import { printedTickets, SimDoors } from './sim-door';
import { nextId } from './sim-ids';
import { SimNetwork } from './sim-network';
import { seatSale, type SeatHost } from './sim-seats';
import { planSeatLeases, seedSeatedHall, type SeatedHall } from './sim-seating-world';
import { SimServer } from './sim-server';
import {
  adminClient,
  enrolmentCode,
  seedWorld,
  SIM_CASH_STEP,
  SIM_CODES,
  SUPERVISOR_PIN,
  SIM_VOUCHER_SHARE,
  type Admin,
  type SimWorld,
} from './sim-setup';
import { SimNode } from './sim-terminal';
import { describeStep, type Step } from './steps';

export const SIM_START = Date.parse('2026-11-21T10:00:00.000Z');
const CODE_ORDER = ['uses', 'items', 'budget', 'open', 'customer'] as const;

/** Percent of each counter one sim terminal may hold (PUT /v1/terminals/:id/lease-cap). */
const SIM_LEASE_CAP = 50;
export class InvariantViolation extends Error {
  constructor(
    readonly violations: string[],
    readonly trace: string[],
  ) {
    super(`${violations.slice(0, 12).join('\n')}\n--- last steps ---\n${trace.slice(-25).join('\n')}`);
    this.name = 'InvariantViolation';
  }
}

export type SimStats = Record<
  | 'sales'
  | 'refusedSales'
  | 'quarantined'
  | 'restoresDetected'
  | 'excess'
  | 'absorbed'
  | 'tenderMismatch'
  | 'overuses'
  | 'crashes'
  | 'restores'
  | 'scans'
  | 'admitted'
  | 'pushCrashes'
  | 'poisoned'
  | 'diskFaults'
  | 'leaseExpiries'
  | 'clockBackSales'
  | 'seatedSales'
  | 'leasedSeatSales'
  | 'seatRefusals'
  | 'seatNotHeld'
  | 'cashMovements'
  | 'trainingSales'
  | 'compSales'
  | 'voucherSales'
  | 'voucherSpends',
  number
>;

/** Tables a sale writes, for the disk-full step (the outbox twice: its row is the one sync depends on). */
const SALE_TABLES = [
  'sales',
  'sale_lines',
  'payments',
  'outbox',
  'outbox',
  'redemptions',
  'sale_escrow',
  'tickets',
] as const;

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && 'ok' in value;

/**
 * One simulation run: the real server app over a shared PGlite store (a new organisation per run),
 * several real terminal cores on their own folders, and the simulated network between them.
 */
export class Simulation implements SeatHost {
  time = SIM_START;
  readonly network: SimNetwork;
  readonly server: SimServer;
  readonly nodes: SimNode[] = [];
  readonly trace: string[] = [];
  /** Thrown errors from live terminal code: bugs by the project's own rule. */
  private readonly thrown: string[] = [];
  world!: SimWorld;
  admin!: Admin;
  hall!: SeatedHall;
  readonly stats: SimStats = {
    sales: 0,
    refusedSales: 0,
    quarantined: 0,
    restoresDetected: 0,
    excess: 0,
    absorbed: 0,
    tenderMismatch: 0,
    overuses: 0,
    crashes: 0,
    restores: 0,
    scans: 0,
    admitted: 0,
    pushCrashes: 0,
    poisoned: 0,
    diskFaults: 0,
    leaseExpiries: 0,
    clockBackSales: 0,
    seatedSales: 0,
    leasedSeatSales: 0,
    seatRefusals: 0,
    seatNotHeld: 0,
    cashMovements: 0,
    trainingSales: 0,
    voucherSales: 0,
    voucherSpends: 0,
    compSales: 0,
  };
  /** When each sale that sold seats from the cart's holds was checked out (docs/SEATING.md "A sold seat"). */
  readonly cartCheckouts = new Map<string, number>();
  /** Poison the terminals wrote into their outboxes (mutation ids), to find on the server at the end. */
  private readonly poison = new Set<string>();
  /** Gift vouchers sold so far and their codes, as their buyers keep them (voucherStep). */
  private readonly vouchers: { id: string; secret: string }[] = [];
  /** A disk fault is on: a till action failing on a storage error is what the step expects. */
  private storageFault = false;
  readonly doors: SimDoors;
  private readonly store: Database;

  constructor(
    store: Database,
    private readonly folder: string,
    private readonly run: number,
    private readonly terminals: number,
    private readonly appRoot: string,
  ) {
    this.store = store;
    this.server = new SimServer(store, () => new Date(this.time));
    this.network = new SimNetwork((request) => this.server.handle(request));
    this.doors = new SimDoors(
      this.server,
      store,
      () => this.world.orgId,
      () => this.world.managerToken,
      () => this.world.performanceIds[2] as string,
    );
  }

  log(line: string): void {
    this.trace.push(line);
  }

  /**
   * A step that never finishes is a liveness bug (something waits for an answer that cannot come);
   * fail with the trace instead of hanging the suite.
   */
  async guard<T>(work: Promise<T>, what: string, ms = 30_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new InvariantViolation(
              [`[liveness] the ${what} did not finish within ${ms / 1000} s`],
              this.trace,
            ),
          ),
        ms,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Lets the terminals' continuations run: answers are promises, the stores are synchronous. */
  async settle(): Promise<void> {
    for (let i = 0; i < 8; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private node(index: number): SimNode {
    return this.nodes[index % this.nodes.length] as SimNode;
  }

  async setup(): Promise<void> {
    const t0 = Date.now();
    await this.server.start();
    this.world = await seedWorld(this.server, this.time, this.run);
    this.log(`  seeded in ${Date.now() - t0} ms`);
    this.admin = adminClient(this.server, () => this.world.managerToken);
    this.hall = await seedSeatedHall(this.admin, this.world.venueId, this.time);
    for (let i = 0; i < this.terminals; i++) {
      const node = new SimNode(
        `T${i + 1}`,
        join(this.folder, `t${i + 1}`),
        this.network,
        () => this.time,
        () => this.world.supervisorId,
        this.appRoot,
      );
      this.nodes.push(node);
      await node.start();
      if (!(await this.enrol(node))) throw new Error(`${node.name} could not enrol`);
      if (!(await this.ready(node))) throw new Error(`${node.name} could not sign in after enrolment`);
      this.log(`  ${node.name} ready at ${Date.now() - t0} ms`);
    }
  }

  /** A manager makes a one-time code on the spot and types it into the terminal. */
  private async enrol(node: SimNode): Promise<boolean> {
    const code = await enrolmentCode(this.admin, this.world);
    this.forgetCursor(node);
    const result = await this.userAction(node, (t) => t.sync.enrol(code, node.name), true);
    if (isResult(result) && !result.ok) this.log(`  enrol ${node.name}: ${result.reason} ${result.message}`);
    const enrolled = isResult(result) && result.ok;
    // The sim's shows and codes are a handful of units: at the default cap (a quarter) a terminal would
    // hold one, too few for its two-seat sales. Half still keeps any one terminal from draining a pool.
    if (enrolled && node.terminal) {
      await this.admin('PUT', `/v1/terminals/${node.terminal.terminalId}/lease-cap`, {
        percent: SIM_LEASE_CAP,
      });
      await this.admin('PUT', `/v1/terminals/${node.terminal.terminalId}/voucher-share`, {
        percent: SIM_VOUCHER_SHARE,
      });
      // Supervisors grant overuses freely here; a terminal's cap (docs/CASH.md) would only cut them short.
      await this.admin('PUT', `/v1/terminals/${node.terminal.terminalId}/overuse-cap`, { cap: null });
      // Before its shift opens: opening it leases the planned seats.
      await planSeatLeases(this.admin, this.hall, node.terminal.terminalId, this.nodes.indexOf(node));
    }
    return enrolled;
  }

  /**
   * A person at the till: the call runs to its end. If it waits on the network, this terminal's
   * messages move in order (or time out while it is cut off) until it is answered.
   */
  /**
   * Signs the supervisor in and opens a shift if none is open. Opening a shift leases seats from the
   * server, so it runs as a till action: the network moves while it waits.
   */
  private ready(node: SimNode): Promise<boolean> {
    return node.ready((fn) => this.userAction(node, fn));
  }

  async userAction<T>(
    node: SimNode,
    fn: (t: Terminal) => Promise<T> | T,
    deliverOthers = false,
  ): Promise<T | undefined> {
    const t = node.terminal;
    if (!t) return undefined;
    let done = false;
    let value: T | undefined;
    let failure: unknown;
    const instance = node.instance;
    void Promise.resolve()
      .then(() => fn(t))
      .then(
        (v) => {
          value = v;
          done = true;
        },
        (error: unknown) => {
          failure = error;
          done = true;
        },
      );
    // PIN checks (scrypt) run on libuv's pool, so a call can be busy without waiting on the network.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await this.settle();
      if (done) break;
      const index = this.network.queue.findIndex((m) => m.node === node.name || deliverOthers);
      if (index < 0) await new Promise((resolve) => setTimeout(resolve, 2));
      else if (this.network.isPartitioned(node.name) || !this.server.up) this.network.drop(index);
      else await this.network.deliver(index);
    }
    if (!done)
      this.thrown.push(
        `[liveness] ${node.name}: a till action never finished (waiting on the network for ever)`,
      );
    // "Something went wrong" is the dispatcher's answer to an error no code path expected: a bug, like a
    // throw, unless the step broke the disk on purpose.
    if (isResult(value) && !value.ok && value.reason === 'INTERNAL' && !this.storageFault)
      this.thrown.push(`[no error] ${node.name}: a till action failed with INTERNAL: ${value.message}`);
    if (failure !== undefined && node.instance === instance) {
      if (this.storageFault) this.log(`  storage failure: ${describeError(failure).split('\n')[0]}`);
      else this.thrown.push(`[no error] ${node.name}: a till action threw ${describeError(failure)}`);
    }
    return value;
  }

  /** Starts a background sync step; the network decides when (and whether) it is answered. */
  private startOp(node: SimNode, what: string, fn: (t: Terminal) => unknown): void {
    const t = node.terminal;
    if (!t) return;
    const instance = node.instance;
    const op: Promise<unknown> = Promise.resolve()
      .then(() => fn(t))
      .then(
        (result) => {
          if (isResult(result) && !result.ok) this.log(`  ${node.name} ${what}: ${result.reason}`);
        },
        (error: unknown) => {
          // A crashed incarnation finishing against its closed store is expected and harmless.
          if (node.instance === instance && node.terminal === t)
            this.thrown.push(`[no error] ${node.name}: ${what} threw ${describeError(error)}`);
        },
      )
      .finally(() => node.ops.delete(op));
    node.ops.add(op);
  }

  async step(step: Step): Promise<void> {
    this.log(describeStep(step));
    switch (step.t) {
      case 'sell':
        return this.sell(step);
      case 'rush':
        return this.rush(step);
      case 'pushCrash':
        return this.pushCrash(step);
      case 'poison':
        return this.writePoison(step);
      case 'diskFull':
        return this.diskFull(step);
      case 'refund':
      case 'void':
        return this.refund(step.t, this.node(step.node), step.pick, step.seated ?? false);
      case 'seats':
        return seatSale(this, this.node(step.node), step);
      case 'cash':
        return this.moveCash(step);
      case 'training':
        return this.trainingSale(step);
      case 'comp':
        return this.compSale(step);
      case 'voucher':
        return this.voucherStep(step);
      case 'shift': {
        const node = this.node(step.node);
        await this.userAction(node, (t) => t.dispatch(c.shift.close, { countedCash: 0 }));
        await this.userAction(node, (t) => t.dispatch(c.shift.open, { openingFloat: 0 }));
        return;
      }
      case 'push':
        return this.startOp(this.node(step.node), 'push', (t) => t.sync.pushOnce());
      case 'pull':
        return this.startOp(this.node(step.node), 'pull', (t) => t.sync.pullOnce());
      case 'topUp':
        return this.startOp(this.node(step.node), 'topUp', (t) => t.sync.topUpOnce());
      case 'expire':
        return this.startOp(this.node(step.node), 'expire', (t) => t.sync.expireOnce());
      case 'deliver':
        if (this.server.up) await this.network.deliver(step.pick);
        else this.network.drop(step.pick);
        return;
      case 'drop':
        return this.network.drop(step.pick);
      case 'duplicate':
        return this.network.duplicate(step.pick);
      case 'deliverAll':
        return this.deliverAll();
      case 'partition':
        return this.network.partition(this.node(step.node).name);
      case 'unpartition':
        return this.network.unpartition(this.node(step.node).name);
      case 'crash': {
        const node = this.node(step.node);
        this.stats.crashes += 1;
        await node.crash(() => this.settle());
        await node.start();
        await this.ready(node);
        return;
      }
      case 'serverCrash':
        return this.server.crash();
      case 'serverRestart':
        return this.server.restart();
      case 'dbFault':
        return this.server.db.failAfterStatements(step.after);
      case 'tick':
        this.time += step.minutes * 60_000;
        return;
      case 'skew': {
        const node = this.node(step.node);
        const back = step.minutes * 60_000 < node.skewMs;
        node.skewMs = step.minutes * 60_000;
        // The window keeps selling after its clock was set back: that sale is the one that must not
        // trust the leases it held.
        if (back) await this.sell(this.oneTicket(node, step.node), true);
        return;
      }
      case 'backup': {
        const node = this.node(step.node);
        if (!node.terminal) return;
        const db = node.open.db;
        const seq = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number }).n;
        const sales = new Set(
          (db.prepare('SELECT id FROM sales').all() as { id: string }[]).map((r) => r.id),
        );
        await node.takeBackup(() => this.settle(), seq, sales);
        await this.ready(node);
        return;
      }
      case 'restore': {
        // Only a terminal with a backup can be restored: pick among those, or back one up first, so
        // that restores are not rare.
        if (!this.nodes.some((n) => n.backup)) await this.step({ t: 'backup', node: step.node });
        const backed = this.nodes.filter((n) => n.backup);
        const node = backed[step.node % Math.max(1, backed.length)];
        // What the till did after the backup reached the server first, as it would in a day's trading:
        // the restore then rolls back a future the server already holds.
        if (node?.terminal) {
          await this.sell(this.oneTicket(node, step.node));
          await seatSale(this, node, this.oneSeat(node, step.node));
          await this.userAction(node, (t) => t.sync.pushOnce());
        }
        if (node && (await node.restoreBackup(() => this.settle()))) {
          this.stats.restores += 1;
          this.forgetCursor(node);
          await this.ready(node);
          // The till keeps selling after the restore: its next seq is where the lost future already was,
          // and its leases still offer the seat it sold in that future.
          if (!step.idle) {
            await this.sell(this.oneTicket(node, step.node));
            await seatSale(this, node, this.oneSeat(node, step.node));
          }
        }
        return;
      }
      case 'catalogue':
        return this.catalogueChange(step.change);
      case 'scan': {
        this.stats.scans += 1;
        this.log(`  ${await this.doors.scan(step, printedTickets(this.nodes))}`);
        return;
      }
      case 'doorScan': {
        const node = this.node(step.node);
        this.stats.scans += 1;
        const tickets = printedTickets(this.nodes);
        this.log(
          `  ${await this.doors.scanAtTerminal(node, step, tickets, (fn) => this.userAction(node, fn))}`,
        );
        return;
      }
    }
  }

  private oneTicket(node: SimNode, offer: number): Extract<Step, { t: 'sell' }> {
    return {
      t: 'sell',
      node: this.nodes.indexOf(node),
      lines: [{ offer, qty: 1 }],
      code: null,
      customer: 0,
      cashPercent: 100,
      overuse: false,
    };
  }

  /** One seat of the window's leases (or of the map, without any), bought for cash. */
  private oneSeat(node: SimNode, pick: number): Extract<Step, { t: 'seats' }> {
    return {
      t: 'seats',
      node: this.nodes.indexOf(node),
      performance: pick,
      how: 'leased',
      picks: [pick + 1],
      band: null,
      ticketType: 0,
      then: 'buy',
      cashPercent: 100,
    };
  }

  /**
   * Cash for `cashPercent` of the total, the card for the rest. The organisation rounds cash to
   * SIM_CASH_STEP (docs/CASH.md "Cash rounding"): the cash part is rounded, the card's is exact, and a
   * cash part that rounds to nothing goes on the card.
   */
  tendersFor(total: number, cashPercent: number): unknown[] {
    const value = Math.floor((total * cashPercent) / 100);
    const cash = roundCash(value, SIM_CASH_STEP);
    const card = cash > 0 ? total - value : total;
    return [
      ...(cash > 0 || card === 0 ? [{ tender: 'cash', amount: cash, tendered: cash }] : []),
      ...(card > 0 ? [{ tender: 'card', amount: card, reference: 'SIM-CARD' }] : []),
    ];
  }

  /** A movement with the first listed reason; "no sale" moves nothing and a float change goes in. */
  private async moveCash(step: Extract<Step, { t: 'cash' }>): Promise<void> {
    const node = this.node(step.node);
    const moved = await this.userAction(node, (t) =>
      t.dispatch(c.cash.move, {
        kind: step.kind,
        amount: step.kind === 'no_sale' ? 0 : step.amount,
        ...(step.kind === 'float_change' ? { direction: 'in' } : {}),
        reason: DEFAULT_REASONS[step.kind][0],
      }),
    );
    if (moved?.ok) {
      node.movements.set((moved.value as CashMovementView).movement.id, { restoresBefore: node.restores });
      this.stats.cashMovements += 1;
    }
  }

  /**
   * docs/CASH.md "Training mode": the setting a manager's switch writes, one ticket sold, training off
   * again. A crash in between leaves the window in training (as a real one would stay); its sales are
   * then training too, which invariants 1 and 18 allow for.
   */
  private async trainingSale(step: Extract<Step, { t: 'training' }>): Promise<void> {
    const node = this.node(step.node);
    const at = () => new Date(node.clock.now()).toISOString();
    const training = () =>
      node.terminal
        ? (
            node.terminal.db.prepare('SELECT count(*) AS n FROM sales WHERE training = 1').get() as {
              n: number;
            }
          ).n
        : 0;
    if (!node.terminal) return;
    const before = training();
    writeSettings(node.terminal.db, { training: '1' }, at());
    await this.sell(this.oneTicket(node, step.offer));
    if (!node.terminal) return;
    writeSettings(node.terminal.db, { training: '0' }, at());
    this.stats.trainingSales += Math.max(0, training() - before);
  }

  /**
   * docs/CASH.md "Comps", through the cart's comp channel as the till's dialog sends it: the signed-in
   * supervisor's role holds sale.comp, so no PIN is asked. A comp the cart refuses leaves the sale to go
   * on at full price, as a cashier would.
   */
  private async compSale(step: Extract<Step, { t: 'comp' }>): Promise<void> {
    const { what, reason } = step;
    const node = this.node(step.node);
    const comped = () =>
      node.terminal
        ? (node.terminal.db.prepare('SELECT count(*) AS n FROM sales WHERE comp > 0').get() as { n: number })
            .n
        : 0;
    const before = comped();
    await this.sell({ ...step, t: 'sell', customer: 0, overuse: false }, false, async (at, view) => {
      const first = view.lines[0];
      const listed = DEFAULT_REASONS.comp;
      const given = await this.userAction(at, (t) =>
        t.dispatch(c.cart.comp, {
          ...(what === 'order' || !first ? {} : { lineId: first.id }),
          ...(what === 'units' && first && first.qty > 1 ? { qty: first.qty - 1 } : {}),
          reason: listed[reason % listed.length],
        }),
      );
      this.log(`  comp ${what}: ${given?.ok ? 'given' : (given?.reason ?? 'no answer')}`);
    });
    // A restore or crash in between can leave fewer; only what was added counts.
    this.stats.compSales += Math.max(0, comped() - before);
  }

  /**
   * docs/CASH.md "Gift vouchers", through the cart and checkout as the till does: a voucher sold for cash
   * (its code kept for later spends, as the customer keeps the paper), or part of what this window can
   * take of one, checked first as staff would, paying for a ticket with the rest by card.
   */
  private async voucherStep(step: Extract<Step, { t: 'voucher' }>): Promise<void> {
    const node = this.node(step.node);
    const t = node.terminal;
    if (!t) return;
    // Nothing sold yet to spend: the customer at the window buys one instead.
    if (step.action === 'sell' || this.vouchers.length === 0) {
      const act = <C extends Parameters<Terminal['dispatch']>[0]>(channel: C, request: unknown) =>
        this.userAction(node, (x) => x.dispatch(channel, request));
      await act(c.cart.clear, {});
      const added = await act(c.cart.addVoucher, {
        productId: this.world.voucherProductId,
        qty: 1,
        amount: step.amount,
      });
      if (!added?.ok) return this.log(`  voucher refused: ${added?.reason ?? 'no answer'}`);
      const cart = added.value as { id: string; total: number };
      const sold = await act(c.checkout.complete, {
        cartId: cart.id,
        tenders: this.tendersFor(cart.total, 100),
      });
      if (!sold?.ok) {
        this.log(`  voucher sale refused: ${sold?.reason ?? 'no answer'}`);
        await act(c.cart.clear, {});
        return;
      }
      this.sold(node, cart.id);
      this.stats.voucherSales += 1;
      for (const v of (sold.value as { vouchers: { id: string; secret: string | null }[] }).vouchers)
        if (v.secret) this.vouchers.push({ id: v.id, secret: v.secret });
      return;
    }
    const voucher = this.vouchers[step.pick % this.vouchers.length];
    if (!voucher) return;
    const spends = () =>
      node.terminal
        ? (
            node.terminal.db
              .prepare('SELECT count(*) AS n FROM payments WHERE voucher_id IS NOT NULL AND amount > 0')
              .get() as { n: number }
          ).n
        : 0;
    const before = spends();
    let take = 0;
    await this.sell(
      this.oneTicket(node, step.pick),
      true,
      async (at) => {
        const checked = await this.userAction(at, (x) =>
          x.dispatch(c.vouchers.check, { code: voucher.secret }),
        );
        if (!checked?.ok) return this.log(`  voucher check: ${checked?.reason ?? 'no answer'}`);
        const { spendableHere, live } = checked.value as { spendableHere: number; live: boolean };
        take = Math.floor((spendableHere * step.part) / 100);
        this.log(
          `  voucher ${voucher.id}: ${spendableHere} here (${live ? 'live' : 'last known'}), taking ${take}`,
        );
      },
      (total) => {
        const part = Math.min(take, total);
        if (part <= 0) return this.tendersFor(total, 50);
        return [
          { tender: 'voucher', amount: part, code: voucher.secret },
          ...(total > part ? this.tendersFor(total - part, 0) : []),
        ];
      },
    );
    this.stats.voucherSpends += Math.max(0, spends() - before);
  }

  sold(node: SimNode, saleId: string): void {
    node.committed.set(saleId, { restoresBefore: node.restores });
    this.stats.sales += 1;
  }

  private async rush(step: Extract<Step, { t: 'rush' }>): Promise<void> {
    for (let i = 0; i < step.sales; i++) {
      await this.sell(
        {
          t: 'sell',
          node: step.node,
          lines: [{ offer: step.offer + i, qty: 1 + (i % 2) }],
          code: step.code !== null && i % 3 === 1 ? step.code + i : null,
          customer: i % 3,
          cashPercent: [100, 0, 50][i % 3] as number,
          overuse: i % 3 === 1,
        },
        true,
      );
    }
  }

  /**
   * The server dies while it works on a push: a queued push request (or a new one) reaches it, the
   * database fails part-way (or the batch commits first), and the process is gone.
   */
  private async pushCrash(step: Extract<Step, { t: 'pushCrash' }>): Promise<void> {
    const node = this.node(step.node);
    if (!this.server.up || !node.terminal) return;
    const queued = () =>
      this.network.queue.findIndex((m) => m.request.path === '/v1/sync/push' && !m.response);
    if (queued() < 0) {
      this.startOp(node, 'push', (t) => t.sync.pushOnce());
      await this.settle();
    }
    const index = queued();
    if (index < 0 || this.network.isPartitioned(this.network.queue[index]?.node ?? '')) return;
    const message = this.network.queue[index];
    this.stats.pushCrashes += 1;
    this.server.db.failAfterStatements(step.after);
    await this.network.deliver(index);
    const answered = this.network.queue.findIndex((m) => m === message);
    if (answered >= 0) {
      if (step.answered) await this.network.deliver(answered);
      else this.network.drop(answered);
    }
    await this.server.crash();
  }

  /** Appends a mutation no server can apply, with a valid chain: only the server's apply may refuse it. */
  private writePoison(step: Extract<Step, { t: 'poison' }>): void {
    const node = this.node(step.node);
    const t = node.terminal;
    if (!t) return;
    const terminalId = getSyncState(t.db)?.terminalId;
    if (!terminalId) return;
    const mutationId = nextId();
    const at = new Date(node.clock.now()).toISOString();
    const payload =
      step.kind === 'shape'
        ? { terminalId, staffId: 'not-a-staff-id', ok: 'sometimes', at }
        : { terminalId, staffId: this.world.supervisorId, ok: false, at, note: 'bad\u0000byte' };
    t.db.transaction(() =>
      appendOutbox(t.db, { mutationId, type: 'pin.attempt', payload: payload as never, createdAt: at }),
    )();
    this.poison.add(mutationId);
    this.stats.poisoned += 1;
  }

  /**
   * The disk fills while a sale is written: one of its tables refuses the insert (a temporary trigger
   * on this connection only). The sale must fail whole, and the till must go on afterwards.
   */
  private async diskFull(step: Extract<Step, { t: 'diskFull' }>): Promise<void> {
    const node = this.node(step.node);
    const t = node.terminal;
    if (!t) return;
    const table = SALE_TABLES[step.table % SALE_TABLES.length] as string;
    this.stats.diskFaults += 1;
    t.db.exec(
      `CREATE TEMP TRIGGER sim_disk_full BEFORE INSERT ON main.${table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    this.storageFault = true;
    try {
      await this.sell({ ...this.oneTicket(node, step.offer), code: step.offer % 5, cashPercent: 50 });
    } finally {
      this.storageFault = false;
      // The node may have crashed meanwhile; a temporary trigger dies with its connection anyway.
      if (node.terminal === t) t.db.exec('DROP TRIGGER IF EXISTS temp.sim_disk_full');
    }
  }

  private async deliverAll(): Promise<void> {
    await this.settle();
    for (let i = 0; i < 400 && this.network.pending() > 0; i++) {
      if (this.server.up) await this.network.deliver(0);
      else this.network.drop(0);
      await this.settle();
    }
  }

  /**
   * What the till offers. `withSeats`: what a cashier with a queue picks, a performance not yet started
   * with seats left, that this window can sell now: one its leases hold seats for, or, while the server
   * answers, a big house (the small one's seats sit in the other windows' leases).
   */
  private offers(
    node: SimNode,
    t: Terminal,
    withSeats = false,
  ): { performanceId: string; ticketPriceId: string }[] {
    const rows = t.db
      .prepare(
        `SELECT p.id AS performanceId, tp.id AS ticketPriceId, p.capacity, p.starts_at AS startsAt,
           p.capacity - coalesce(ps.sold, 0) AS left FROM ticket_prices tp
         JOIN performances p ON p.event_id = tp.event_id AND (tp.performance_id IS NULL OR tp.performance_id = p.id)
         LEFT JOIN performance_sold ps ON ps.performance_id = p.id
         WHERE p.status = 'on_sale' AND p.seat_map_id IS NULL ORDER BY p.id, tp.id`,
      )
      .all() as {
      performanceId: string;
      ticketPriceId: string;
      capacity: number;
      startsAt: string;
      left: number;
    }[];
    const offline = !this.server.up || this.network.isPartitioned(node.name);
    const nowMs = node.clock.now();
    const now = new Date(nowMs).toISOString();
    const sellable = (o: (typeof rows)[number]) =>
      o.left >= 3 &&
      Date.parse(o.startsAt) > nowMs &&
      ((!offline && o.capacity >= 40) ||
        heldUnits(t.db, counterKey({ kind: 'capacity', id: o.performanceId }), now) >= 2);
    return rows
      .filter((o) => !withSeats || sellable(o))
      .map(({ performanceId, ticketPriceId }) => ({ performanceId, ticketPriceId }));
  }

  private async sell(
    step: Extract<Step, { t: 'sell' }>,
    withSeats = false,
    /** Before payment: gives some of the cart away (compSale), or checks a voucher (voucherStep). */
    beforePaying?: (node: SimNode, view: { lines: { id: string; qty: number }[] }) => Promise<void>,
    /** How the total is paid; by default the step's cash share and card (voucherStep pays by voucher). */
    payWith?: (total: number) => unknown[],
  ): Promise<void> {
    const node = this.node(step.node);
    const t = node.terminal;
    if (!t) return;
    const offers = this.offers(node, t, withSeats);
    if (offers.length === 0) return;
    const act = <C extends Parameters<Terminal['dispatch']>[0]>(channel: C, request: unknown) =>
      this.userAction(node, (x) => x.dispatch(channel, request));
    await act(c.cart.clear, {});
    for (const line of step.lines) {
      const offer = offers[line.offer % offers.length];
      if (offer) await act(c.cart.addTicket, { ...offer, qty: line.qty });
    }
    if (step.code !== null) {
      const which = CODE_ORDER[step.code % CODE_ORDER.length] ?? 'open';
      if (which === 'customer') {
        await act(c.cart.setCustomer, {
          customer: {
            id: `customer-${step.customer}`,
            name: `Customer ${step.customer}`,
            priorOrders: 1,
            groups: [],
          },
        });
      }
      const applied = await act(c.cart.applyCode, { input: SIM_CODES[which] });
      if (applied && !applied.ok) this.log(`  code refused: ${applied.reason}`);
    }
    let cart = await this.userAction(node, (x) => x.dispatch(c.cart.get, {}));
    let view = cart?.ok
      ? (cart.value as {
          id: string;
          total: number;
          lines: { id: string; qty: number; comped?: { qty: number } }[];
          code: { applies: boolean; overridable: boolean } | null;
        })
      : undefined;
    if (view && step.overuse && view.code && !view.code.applies && view.code.overridable) {
      const granted = await act(c.cart.grantOveruse, {
        approverId: this.world.supervisorId,
        pin: SUPERVISOR_PIN,
        // docs/CASH.md "Reasons": a listed reason, the simulation's words in the note.
        reason: 'Manager decision',
        note: 'Simulated supervisor overuse',
      });
      this.log(`  overuse: ${granted?.ok ? 'granted' : (granted?.reason ?? 'no answer')}`);
      if (granted?.ok) this.stats.overuses += 1;
      cart = await this.userAction(node, (x) => x.dispatch(c.cart.get, {}));
      view = cart?.ok ? (cart.value as typeof view) : undefined;
    }
    if (view && beforePaying) {
      await beforePaying(node, view);
      cart = await this.userAction(node, (x) => x.dispatch(c.cart.get, {}));
      view = cart?.ok ? (cart.value as typeof view) : undefined;
    }
    if (!view || view.lines.length === 0) return;
    // An order given away whole is finished with the complimentary tender (docs/CASH.md "Comps").
    const compedWhole = (v: NonNullable<typeof view>) => v.lines.every((l) => l.comped?.qty === l.qty);
    const tendersFor = (total: number) =>
      total === 0 && view && compedWhole(view)
        ? [{ tender: 'complimentary', amount: 0 }]
        : (payWith?.(total) ?? this.tendersFor(total, step.cashPercent));
    const staleLeases = this.leasesBehindHighWater(node);
    let sold = await act(c.checkout.complete, { cartId: view.id, tenders: tendersFor(view.total) });
    if (sold && !sold.ok && (sold.reason === 'TENDER_MISMATCH' || sold.reason === 'CASH_NOT_ROUNDED')) {
      // The total moved between the cart and checkout (checkout's own lease top-up changed what the
      // code may give). A cashier reads the new total and takes payment again.
      this.stats.tenderMismatch += 1;
      this.log(`  total moved at checkout: ${sold.message}`);
      const again = await this.userAction(node, (x) => x.dispatch(c.cart.get, {}));
      const total = again?.ok ? (again.value as { total: number }).total : view.total;
      sold = await act(c.checkout.complete, { cartId: view.id, tenders: tendersFor(total) });
    }
    if (withSeats && sold && !sold.ok && sold.reason === 'CODE_NOT_APPLICABLE') {
      // A queue does not wait: the cashier takes the code off and sells at the full price.
      this.log(`  code off at checkout: ${sold.message}`);
      await act(c.cart.removeCode, {});
      const again = await this.userAction(node, (x) => x.dispatch(c.cart.get, {}));
      const total = again?.ok ? (again.value as { total: number }).total : view.total;
      sold = await act(c.checkout.complete, { cartId: view.id, tenders: tendersFor(total) });
    }
    if (sold?.ok) {
      this.checkNoStaleLease(node, view.id, staleLeases);
      this.sold(node, view.id);
      this.log(`  sold ${view.id} total ${view.total}`);
    } else {
      this.stats.refusedSales += 1;
      this.log(`  checkout refused: ${sold?.reason ?? 'no answer'} ${sold && !sold.ok ? sold.message : ''}`);
      await act(c.cart.clear, {});
    }
  }

  /**
   * 5: a terminal whose clock stands behind the highest time it has seen cannot trust any deadline, so
   * none of the leases it held then may back a sale (docs/SYNC.md "Expiry"). Lists those leases.
   */
  private leasesBehindHighWater(node: SimNode): Set<string> | undefined {
    const db = node.terminal?.db;
    const high = db && getSyncState(db)?.clockHighWater;
    if (!db || high === undefined || node.clock.now() >= high) return undefined;
    this.stats.clockBackSales += 1;
    return new Set(activeLeases(db).map((lease) => lease.id));
  }

  private checkNoStaleLease(node: SimNode, saleId: string, stale: Set<string> | undefined): void {
    if (!stale || stale.size === 0 || !node.terminal) return;
    const used = node.terminal.db
      .prepare(
        'SELECT lease_id AS id FROM sale_escrow WHERE sale_id = ? AND lease_id IS NOT NULL AND units > 0',
      )
      .all(saleId) as { id: string }[];
    for (const { id } of used)
      if (stale.has(id))
        this.thrown.push(
          `[5 lease deadline] ${node.name}: sale ${saleId} used lease ${id} while the clock stood behind its high-water mark`,
        );
  }

  /** `seated`: among the units with a seat (sales with one, for a void), when the window has any. */
  private async refund(kind: 'refund' | 'void', node: SimNode, pick: number, seated: boolean): Promise<void> {
    const t = node.terminal;
    if (!t) return;
    const rows = <R>(sql: (seatedOnly: string) => string): R[] => {
      const only = seated ? (t.db.prepare(sql('AND u.seat_id IS NOT NULL')).all() as R[]) : [];
      return only.length > 0 ? only : (t.db.prepare(sql('')).all() as R[]);
    };
    if (kind === 'void') {
      const sales = rows<{ id: string }>(
        (only) => `SELECT id FROM sales s WHERE status = 'completed' AND (${only === '' ? 1 : 0} OR EXISTS (
           SELECT 1 FROM sale_units u JOIN sale_lines l ON l.id = u.line_id WHERE l.sale_id = s.id ${only}))
         ORDER BY receipt_no`,
      );
      const sale = sales[pick % Math.max(1, sales.length)];
      if (!sale) return;
      const result = await this.userAction(node, (x) =>
        x.dispatch(c.sales.void, { saleId: sale.id, reason: 'Wrong ticket sold', note: 'Simulated void' }),
      );
      this.log(`  void ${sale.id}: ${result?.ok ? 'ok' : (result?.reason ?? 'no answer')}`);
      return;
    }
    const units = rows<{ saleId: string; lineId: string; unitIndex: number }>(
      (only) => `SELECT l.sale_id AS saleId, u.line_id AS lineId, u.unit_index AS unitIndex FROM sale_units u
         JOIN sale_lines l ON l.id = u.line_id JOIN sales s ON s.id = l.sale_id
         WHERE u.refund_id IS NULL AND s.status = 'completed' ${only} ORDER BY s.receipt_no, l.line_no, u.unit_index`,
    );
    const unit = units[pick % Math.max(1, units.length)];
    if (!unit) return;
    const result = await this.userAction(node, (x) =>
      x.dispatch(c.sales.refund, {
        saleId: unit.saleId,
        units: [{ lineId: unit.lineId, unitIndex: unit.unitIndex }],
        reason: 'Customer request',
        note: 'Simulated refund',
      }),
    );
    this.log(
      `  refund ${unit.saleId}/${unit.lineId}#${unit.unitIndex}: ${result?.ok ? 'ok' : (result?.reason ?? 'no answer')}`,
    );
  }

  private async catalogueChange(change: Extract<Step, { t: 'catalogue' }>['change']): Promise<void> {
    const w = this.world;
    if (!this.server.up) return;
    this.server.db.clearFault();
    switch (change) {
      case 'newPerformance':
        await this.admin('POST', '/v1/performances', {
          eventId: w.eventId,
          startsAt: new Date(this.time + 4 * 86_400_000).toISOString(),
          capacity: 4,
        });
        return;
      case 'raiseCapacity': {
        const id = w.performanceIds[0] as string;
        const p = await this.admin<{ capacity: number }>('GET', `/v1/performances/${id}`);
        await this.admin('PATCH', `/v1/performances/${id}`, { capacity: p.capacity + 2 });
        return;
      }
      case 'raiseMaxUses': {
        const code = await this.admin<{ rules: Record<string, unknown> }>(
          'GET',
          `/v1/codes/${w.codeIds.uses}`,
        );
        const maxUses = typeof code.rules.maxUses === 'number' ? code.rules.maxUses : 0;
        await this.admin('PATCH', `/v1/codes/${w.codeIds.uses}`, {
          rules: { ...code.rules, maxUses: maxUses + 2 },
        });
        return;
      }
      case 'generateCodes': {
        this.parentCodeId ??= (
          await this.admin<{ id: string }>('POST', '/v1/codes', {
            code: 'SIMPARENT',
            name: 'Generated vouchers',
            benefit: { type: 'percentage', percent: 1000 },
            isParent: true,
          })
        ).id;
        await this.admin('POST', `/v1/codes/${this.parentCodeId}/children`, { count: 12 });
        await this.server.ctx.background.drain();
        return;
      }
      case 'webRedemption': {
        // An online sale on the server itself: it takes from the pool the terminals lease from.
        const reply = await this.server.handle({
          method: 'POST',
          path: '/v1/redemptions',
          token: w.managerToken,
          body: {
            id: nextId(),
            orderId: nextId(),
            code: SIM_CODES.uses,
            tickets: 1,
            discount: 450,
            revenue: 4050,
            currency: 'EUR',
            channel: 'online',
          },
        });
        this.log(`  web redemption: ${reply.status}`);
        return;
      }
    }
  }

  private witnesses = 0;
  private parentCodeId: string | undefined;

  /** The last pull position each terminal stood at, to check that it only moves forward. */
  private readonly cursors = new Map<string, { key: (string | number)[]; raw: string }>();

  /**
   * 6: a terminal's pull cursor never moves back, except to start over (enrolment, a restore, a reset
   * by the server). The cursor is opaque to the terminal; the test reads the server's encoding.
   */
  private checkCursor(node: SimNode): string[] {
    const row = node.terminal?.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as
      { cursor: string | null } | undefined;
    const raw = row?.cursor ?? null;
    const before = this.cursors.get(node.name);
    if (raw === null) {
      this.cursors.delete(node.name);
      return [];
    }
    if (before?.raw === raw) return [];
    const key = cursorKey(raw);
    this.cursors.set(node.name, { key, raw });
    // A snapshot (mode 0) is a fresh start: it may follow anything.
    if (!before || key[0] === 0 || key[1] !== before.key[1]) return [];
    return compareKeys(key, before.key) < 0
      ? [
          `[6 pull] ${node.name}: the pull cursor moved back from ${JSON.stringify(before.key)} to ${JSON.stringify(key)}`,
        ]
      : [];
  }

  /** Forgets a terminal's cursor when its store is replaced or re-enrolled: starting over is allowed. */
  forgetCursor(node: SimNode): void {
    this.cursors.delete(node.name);
  }

  /** Invariants that must hold between any two steps (8, 9 chain, 10, 5 on terminals; 4, 3 and 14 on the server). */
  /** Milliseconds spent in checkNow, to keep the per-step checks cheap (printed with --debug). */
  checkMs = 0;

  async checkNow(): Promise<void> {
    const started = Date.now();
    const violations: string[] = [...this.thrown, ...this.doors.violations];
    for (const node of this.nodes) {
      if (!node.terminal) continue;
      violations.push(...checkTerminalStore(node.name, node.terminal.db), ...this.checkCursor(node));
    }
    violations.push(...(await checkConservation(this.store, this.world.orgId)));
    violations.push(...(await checkSeatStates(this.store, this.world.orgId)));
    this.checkMs += Date.now() - started;
    if (violations.length > 0) throw new InvariantViolation(violations, this.trace);
  }

  /** Undo every fault: reconnect, restart, fix clocks, answer what is in flight, re-enrol restored terminals. */
  async heal(): Promise<void> {
    this.log('--- heal ---');
    this.network.healAll();
    this.server.db.clearFault();
    if (!this.server.up) await this.server.start();
    for (const node of this.nodes) {
      node.skewMs = 0;
      if (!node.terminal) {
        await node.start();
        await this.ready(node);
      }
    }
    await this.deliverAll();
  }

  private syncState(node: SimNode): { state: string } | undefined {
    return node.terminal?.db.prepare('SELECT state FROM sync_state WHERE id = 1').get() as
      { state: string } | undefined;
  }

  /** Push and pull until every outbox is acknowledged and nothing is in flight, then pull once more everywhere. */
  async drain(again = 1): Promise<void> {
    this.log('--- drain ---');
    for (let round = 0; round < 30; round++) {
      let busy = this.network.pending() > 0;
      for (const node of this.nodes) {
        if (this.syncState(node)?.state === 'restore_detected') {
          this.stats.restoresDetected += 1;
          this.log(`  re-enrol ${node.name}`);
          if (!(await this.enrol(node))) throw new Error(`${node.name} could not re-enrol`);
        }
        await this.userAction(node, (t) => t.sync.expireOnce());
        const pushed = await this.userAction(node, (t) => t.sync.pushOnce());
        if (!pushed?.ok) busy = true;
        if (countPendingOutbox(node.open.db) > 0) busy = true;
      }
      await this.deliverAll();
      if (!busy) break;
    }
    for (const node of this.nodes) await this.userAction(node, (t) => t.sync.pullOnce());
    await this.deliverAll();
    // A refused pull can be the first to tell a restored terminal (nothing left to push): once more.
    if (again > 0 && this.nodes.some((n) => this.syncState(n)?.state === 'restore_detected'))
      await this.drain(again - 1);
  }

  /** Invariants judged once everything has healed and drained. */
  async checkFinal(): Promise<void> {
    const v: string[] = [...this.thrown, ...this.doors.violations];
    const orgId = this.world.orgId;
    // 7: outboxes drained, nothing in flight.
    for (const node of this.nodes) {
      const pending = countPendingOutbox(node.open.db);
      if (pending > 0) v.push(`[7 convergence] ${node.name}: ${pending} outbox row(s) never acknowledged`);
    }
    for (const node of this.nodes)
      if (node.ops.size > 0)
        v.push(`[7 convergence] ${node.name}: ${node.ops.size} sync step(s) still waiting`);
    if (this.network.pending() > 0)
      v.push(`[7 convergence] ${this.network.pending()} message(s) still in flight`);
    // 1: every sale on a terminal (and every sale a terminal reported, unless a restore undid it) is on the server once.
    const onServer = await serverSaleCounts(this.store, orgId);
    for (const node of this.nodes) {
      const inStore = new Set(
        (node.open.db.prepare('SELECT id FROM sales').all() as { id: string }[]).map((r) => r.id),
      );
      // Training sales never go (invariant 18 checks that they did not).
      const training = new Set(
        (node.open.db.prepare('SELECT id FROM sales WHERE training = 1').all() as { id: string }[]).map(
          (r) => r.id,
        ),
      );
      for (const id of inStore) {
        if (training.has(id)) continue;
        const n = onServer.get(id) ?? 0;
        if (n !== 1) v.push(`[1 no lost sale] ${node.name}: sale ${id} is on the server ${n} times`);
      }
      for (const [id, at] of node.committed) {
        if (inStore.has(id) || onServer.has(id)) continue;
        // A restore rolls the store back: a sale made after the backup and never pushed is gone with it.
        if (at.restoresBefore < node.restores) continue;
        v.push(
          `[1 no lost sale] ${node.name}: sale ${id} was committed but is neither on the terminal nor on the server`,
        );
      }
    }
    const kinds = await this.store.query<{ kind: string; n: number }>(
      "SELECT kind, count(*)::int AS n FROM pos_sale_escrow WHERE org_id = $1 AND kind <> 'backed' GROUP BY kind",
      [orgId],
    );
    this.stats.excess = kinds.find((k) => k.kind === 'excess')?.n ?? 0;
    this.stats.absorbed = kinds.find((k) => k.kind === 'absorbed')?.n ?? 0;
    v.push(...(await checkLimits(this.store, orgId)));
    v.push(...(await checkConservation(this.store, orgId)));
    v.push(...(await checkSeqs(this.store, orgId)));
    v.push(...(await checkServerMoney(this.store, orgId)));
    v.push(...(await checkServerDeadlines(this.store, orgId)));
    // 12: a ticket of a sale that invariant 1 lets a restore lose may still have been scanned.
    const lostTicket = (ticketId: string) => {
      const sale = this.doors.scanned.get(ticketId);
      return (
        sale !== undefined &&
        !onServer.has(sale) &&
        this.nodes.some((n) => (n.committed.get(sale)?.restoresBefore ?? n.restores) < n.restores)
      );
    };
    v.push(...(await checkAdmissions(this.store, orgId, lostTicket)));
    this.stats.admitted = this.doors.outcomes.valid ?? 0;
    v.push(...(await checkQuarantine(this.store, orgId, this.network.delivered)));
    v.push(...(await checkPoisonKept(this.store, orgId, this.poison)));
    for (const node of this.nodes)
      this.stats.leaseExpiries += (
        node.open.db
          .prepare(
            "SELECT count(*) AS n FROM outbox WHERE type = 'lease.return' AND json_extract(payload, '$.why') <> 'surplus'",
          )
          .get() as { n: number }
      ).n;
    const quarantined = await this.store.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM quarantined_mutations WHERE org_id = $1',
      [orgId],
    );
    this.stats.quarantined = quarantined[0]?.n ?? 0;
    const terminals = this.nodes.map((n) => ({ name: n.name, db: n.open.db, restores: n.restores }));
    v.push(...(await checkRestores(this.store, orgId, terminals)));
    // 17: cash movements, once each.
    v.push(...(await checkCashMovements(this.store, orgId, this.nodes)));
    // 18: training sales stay on their terminal.
    v.push(...(await checkTrainingStaysHome(this.store, orgId, this.nodes)));
    // 19: no voucher is spent below zero.
    v.push(
      ...(await checkVoucherBalances(
        this.store,
        orgId,
        this.nodes.some((n) => n.restores > 0),
      )),
    );
    // 13–16: reserved seats.
    v.push(...(await checkSeatsSoldOnce(this.store, orgId, this.cartCheckouts)));
    v.push(...(await checkSeatStates(this.store, orgId)));
    v.push(...(await checkSeatLeases(this.store, orgId)));
    v.push(...(await checkSeatsAgree(this.store, orgId, terminals, this.cartCheckouts)));
    this.stats.seatNotHeld = await countSeatNotHeld(this.store, orgId);
    v.push(...(await this.checkConvergence()));
    for (const node of this.nodes) v.push(...checkTerminalStore(node.name, node.open.db));
    // 2: replaying every push the server answered (and every lease grant) changes nothing. Requests
    // answered 5xx are left out: they never committed, so a replay is their first delivery. An acquire
    // answered "nothing granted" is replayed too: the server remembers the refusal.
    const answered = (path: string) =>
      this.network.delivered.filter((d) => d.request.path === path && d.response.status < 500);
    for (const path of ['/v1/sync/push', '/v1/leases/acquire']) {
      const before = await serverDigest(this.store, orgId);
      for (const delivered of answered(path)) await this.server.handle(delivered.request);
      v.push(
        ...compareServerDigests(before, await serverDigest(this.store, orgId)).map(
          (m) => `${m} (replaying ${path})`,
        ),
      );
    }
    if (v.length > 0) throw new InvariantViolation(v, this.trace);
  }

  /** 7: each terminal's catalogue equals a freshly enrolled terminal's, and agrees with the server's rows. */
  private async checkConvergence(): Promise<string[]> {
    const out: string[] = [];
    const witness = new SimNode(
      'witness',
      // A fresh folder per check: an enrolled store cannot be enrolled again.
      join(this.folder, `witness-${++this.witnesses}`),
      this.network,
      () => this.time,
      () => this.world.supervisorId,
      this.appRoot,
    );
    await witness.start();
    try {
      if (!(await this.enrol(witness))) return ['[7 convergence] a fresh terminal could not enrol'];
      await this.deliverAll();
      const truth = catalogueDigest(witness.open.db);
      for (const node of this.nodes)
        out.push(...compareDigests(node.name, catalogueDigest(node.open.db), truth));
      const serverPerformances = await this.store.query<{ id: string; capacity: number; status: string }>(
        'SELECT id::text, capacity, status FROM performances WHERE org_id = $1 ORDER BY id',
        [this.world.orgId],
      );
      const serverCodes = await this.store.query<{
        id: string;
        version: number;
        status: string;
        max_uses: number | null;
      }>(
        `SELECT id::text, version, status, (rules->>'maxUses')::int AS max_uses FROM codes WHERE org_id = $1 ORDER BY id`,
        [this.world.orgId],
      );
      const expected = JSON.stringify([serverPerformances, serverCodes]);
      for (const node of [...this.nodes, witness]) {
        const db = node.open.db;
        const performances = db.prepare('SELECT id, capacity, status FROM performances ORDER BY id').all();
        const codes = db
          .prepare(
            `SELECT id, version, status, CASE WHEN json_valid(definition)
               THEN json_extract(definition, '$.rules.maxUses') END AS max_uses FROM codes ORDER BY id`,
          )
          .all();
        if (JSON.stringify([performances, codes]) !== expected)
          out.push(`[7 convergence] ${node.name}: performances or codes differ from the server's rows`);
      }
    } finally {
      await witness.close();
    }
    return out;
  }

  async dispose(): Promise<void> {
    if (process.env.SIM_DEBUG)
      console.log(
        'in flight at dispose',
        this.network.queue.map((m) => `${m.node} ${m.request.path} ${m.response ? 'answered' : ''}`),
      );
    // Closing waits for sync steps in flight; crash() answers them "unreachable" so nothing hangs.
    for (const node of this.nodes) await node.crash(() => this.settle());
    await this.server.crash();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
}
