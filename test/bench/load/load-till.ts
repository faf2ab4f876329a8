import type { CodeRecord } from '../../../shared/codes/types';
import type { Performance, TicketPrice, Venue } from '../../../shared/catalogue/types';
import {
  evaluateCode,
  priceBasket,
  type Basket,
  type EvaluationContext,
  type Usage,
} from '../../../shared/discounts';
import { ticketSealer, type TicketSigningKey } from '../../../shared/node/tickets/secret';
import { signApproval, type ApprovalSigner } from '../../../shared/sync/approval-proof';
import { saleNeeds, ticketsPerPerformance, type CounterNeed } from '../../../shared/sync/counters';
import type { MutationPayloads } from '../../../shared/sync/payloads';
import {
  acquireResponseSchema,
  parseCounterKey,
  pullResponseSchema,
  pushConflictSchema,
  pushResponseSchema,
  type Change,
  type CounterKind,
  type Escrow,
  type LeaseView,
  type MutationType,
} from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/canonical-json';
import {
  nextOutboxEntry,
  type OutboxEntry,
  type OutboxMutation,
} from '../../../src-main/db/repos/outbox-repo';
import { newId } from '../../../src-main/ids';
import { buildSaleRecord } from '../../../src-main/services/build-sale-record';
import type { CartLine, PricedCart } from '../../../src-main/services/cart-service';
import { pushBatch } from '../../../src-main/services/sync/push';
import type { SyncAnswer, SyncRequest, SyncTransport } from '../../../src-main/services/sync/transport';

// One simulated terminal of the load bench (docs/SYNC.md "Push"). A full terminal core per till would
// make 200 SQLite stores in the bench's one process the bottleneck, so this keeps its outbox and leases
// in memory, but every byte it sends is built the way the core builds it: the engine prices the cart,
// buildSaleRecord makes the sale record (tickets sealed and approvals signed with the device key),
// saleNeeds says which leases it spends, nextOutboxEntry chains it and pushBatch cuts the batch, all
// imported from the terminal's own code; answers are parsed with the protocol's schemas.

/** What every till counts; one object shared by all tills of a run. */
export interface LoadStats {
  /** Push round trips answered 200, in ms. */
  pushLatencies: number[];
  /** Answers 500–599, to any request. */
  serverErrors: number;
  /** Requests that never got an answer (refused, reset, timed out), resent. */
  networkFailures: number;
  quarantined: number;
}

export interface LoadTillOptions {
  /** One transport per server process: requests take turns, as behind a round-robin balancer. */
  links: readonly SyncTransport[];
  terminalId: string;
  epoch: number;
  deviceToken: string;
  signer: ApprovalSigner | undefined;
  ticketSigner: TicketSigningKey | undefined;
  /** The staff member who opens the shift and sells. */
  sellerId: string;
  sellerRoleId: string;
  performanceId: string;
  ticketPriceId: string;
  /** The capped code some sales redeem. */
  code: string;
  /** Of every sale: the share that redeems the code, and how many tickets at most. */
  codeShare: number;
  maxTickets: number;
  /** At most this many sales go into the outbox between two pushes. */
  maxSalesPerPush: number;
  random: () => number;
  stats: LoadStats;
}

/** Lease units asked for at a time: more than the core's background top-up, so the bench measures pushes. */
const LEASE_WANT: Record<CounterKind, number> = {
  capacity: 200,
  code_uses: 50,
  code_item_uses: 200,
  code_budget: 50_000,
  // The bench pays no voucher; a voucher counter grants what is asked (docs/CASH.md "Paying with one").
  voucher_balance: 0,
};
const RETRY_MS = 200;

interface HeldLease {
  id: string;
  counter: string;
  granted: number;
  used: number;
  expiresAt: string;
}

/** mulberry32: a seeded stream, so each till's run is the same sequence of carts. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class LoadTill {
  /** Sales the server acknowledged, by id, with their totals. */
  readonly acknowledged = new Map<string, number>();
  /** Of those, the ones that redeemed the code. */
  readonly codeSales = new Set<string>();
  /** Unacknowledged outbox rows, oldest first; acknowledged ones are dropped to keep memory flat. */
  private outbox: OutboxEntry[] = [];
  private last: { seq: number; hash: string } | undefined;
  private pushedThrough = 0;
  private leases: HeldLease[] = [];
  private sent = 0;
  private receiptNo = 0;
  private shiftId = '';
  private venue!: Venue;
  private performance!: Performance;
  private price!: TicketPrice;
  private codeRecord!: CodeRecord;

  constructor(private readonly o: LoadTillOptions) {}

  get terminalId(): string {
    return this.o.terminalId;
  }

  /** The seq of the newest outbox row. */
  get tail(): number {
    return this.last?.seq ?? 0;
  }

  /** Pulls the catalogue as a terminal does after enrolment, then opens a shift. */
  async start(): Promise<void> {
    const changes: Change[] = [];
    let cursor: string | null = null;
    for (;;) {
      const answer = await this.send('/v1/sync/pull', { terminalId: this.o.terminalId, cursor });
      const page = pullResponseSchema.parse(answer.body);
      changes.push(...(page.changes as Change[]));
      cursor = page.cursor;
      if (!page.more) break;
    }
    const data = <T>(entity: Change['entity'], match: (d: T) => boolean): T => {
      for (const change of changes)
        if (change.entity === entity && 'data' in change && match(change.data as T)) return change.data as T;
      throw new Error(`the pull brought no ${entity} the load needs`);
    };
    this.performance = data<Performance>('performance', (p) => p.id === this.o.performanceId);
    this.price = data<TicketPrice>('ticket_price', (p) => p.id === this.o.ticketPriceId);
    this.venue = data<Venue>('venue', () => true);
    this.codeRecord = data<CodeRecord>('code', (c) => c.code === this.o.code);

    const openedAt = new Date().toISOString();
    this.shiftId = newId();
    this.append(
      'shift.open',
      {
        terminalId: this.o.terminalId,
        id: this.shiftId,
        openedBy: this.o.sellerId,
        openedAt,
        openingFloat: 10_000,
      },
      openedAt,
    );
  }

  /** Sells and pushes until `deadline` (performance.now()), then pushes what is left. */
  async run(deadline: number): Promise<void> {
    while (performance.now() < deadline) {
      const sales = 1 + Math.floor(this.o.random() * this.o.maxSalesPerPush);
      for (let i = 0; i < sales; i++) await this.sell();
      await this.pushAll();
    }
    await this.pushAll();
  }

  /** One checkout as checkout-service.ts does it: price, top up the leases it needs, record, spend. */
  async sell(): Promise<void> {
    const qty = 1 + Math.floor(this.o.random() * this.o.maxTickets);
    const code = this.o.random() < this.o.codeShare ? this.codeRecord : null;
    const line: CartLine & { kind: 'ticket' } = {
      id: newId(),
      sourceId: this.price.id,
      itemId: this.price.ticketTypeId,
      ticketTypeId: this.price.ticketTypeId,
      kind: 'ticket',
      name: 'Load · Adult',
      detail: this.performance.startsAt,
      unitPrice: this.price.unitPrice,
      qty,
      vatRate: this.price.vatRate,
      eventId: this.price.eventId,
      scheduleId: this.performance.id,
      priceBandId: this.price.priceBandId,
    };
    const { name: _n, detail: _d, sourceId: _s, ticketTypeId: _t, ...basketLine } = line;
    const basket: Basket = { currency: this.venue.currency, lines: [basketLine] };
    const seats = ticketsPerPerformance([{ kind: 'ticket', performanceId: this.performance.id, qty }]);
    // The leases the cart needs, from the code's evaluation without its limits (cart-service escrowNeeds).
    const uncapped = code ? evaluateCode(code, basket, this.context(undefined, true)) : null;
    await this.topUp(saleNeeds(seats, code, uncapped?.ok ? uncapped : null));

    const now = new Date().toISOString();
    const evaluation = code ? evaluateCode(code, basket, this.context(this.usage(code), false)) : null;
    const applied = evaluation?.ok ? evaluation : null;
    const priced = priceBasket(basket, applied);
    const saleId = newId();
    const cart: PricedCart['cart'] = {
      id: saleId,
      lines: [line],
      customer: null,
      manualCodeId: code?.id ?? null,
      overuse: null,
      custom: null,
    };
    const signer = this.o.signer;
    const record = buildSaleRecord({
      priced: { cart, basket, code, evaluation, source: code ? 'manual' : null, priced },
      tenders: [{ tender: 'cash', amount: priced.total }],
      saleId,
      shiftId: this.shiftId,
      cashierId: this.o.sellerId,
      now,
      ids: newId,
      sign: (approval) => signApproval(approval, this.o.terminalId, signer),
      sealTicket: this.o.ticketSigner && ticketSealer(this.o.ticketSigner),
    });
    const escrow = this.take(saleNeeds(seats, applied ? code : null, applied), now);
    this.receiptNo += 1;
    this.append(
      'sale',
      {
        terminalId: this.o.terminalId,
        ...record,
        sale: { ...record.sale, receiptNo: this.receiptNo },
        // The bench sells tickets only: no voucher, so none without a code.
        vouchers: [],
        escrow,
      },
      now,
    );
  }

  /** Pushes batch after batch until the server holds the whole outbox; resends after a failure. */
  async pushAll(): Promise<void> {
    while (this.outbox.length > 0) {
      const mutations = pushBatch(this.outbox);
      const started = performance.now();
      const answer = await this.send('/v1/sync/push', {
        terminalId: this.o.terminalId,
        epoch: this.o.epoch,
        mutations,
      });
      if (answer.status === 200) {
        this.o.stats.pushLatencies.push(performance.now() - started);
        const body = pushResponseSchema.parse(answer.body);
        for (const result of body.results) {
          if (result.status === 'quarantined') this.o.stats.quarantined += 1;
          const row = mutations.find((m) => m.seq === result.seq);
          if (row?.type !== 'sale' || result.status === 'quarantined') continue;
          const sale = (row.payload as MutationPayloads['sale']).sale;
          this.acknowledged.set(sale.id, sale.total);
          if (sale.codeId) this.codeSales.add(sale.id);
        }
        this.acknowledge(Math.min(body.lastSeq, this.tail));
        continue;
      }
      const conflict = answer.status === 409 ? pushConflictSchema.safeParse(answer.body) : undefined;
      if (conflict?.success && conflict.data.reason === 'SEQ_GAP') {
        this.acknowledge(Math.min(conflict.data.lastSeq ?? 0, this.tail));
        continue;
      }
      throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  }

  private acknowledge(lastSeq: number): void {
    this.pushedThrough = Math.max(this.pushedThrough, lastSeq);
    this.outbox = this.outbox.filter((m) => m.seq > this.pushedThrough);
  }

  /** As appendOutbox: chained onto the tail, the payload kept as the store's canonical JSON reads back. */
  private append<T extends MutationType>(type: T, payload: MutationPayloads[T], createdAt: string): void {
    const stored = JSON.parse(canonicalJson(payload)) as MutationPayloads[T];
    const mutation = { mutationId: newId(), type, payload: stored, createdAt } as OutboxMutation;
    const entry = nextOutboxEntry(this.last, mutation);
    this.outbox.push(entry);
    this.last = entry;
  }

  private context(usage: Usage | undefined, overuse: boolean): EvaluationContext {
    return {
      now: new Date().toISOString(),
      channel: 'box_office',
      staffRoles: [this.o.sellerRoleId],
      usage,
      overuse,
      performances: { [this.performance.id]: { startsAt: this.performance.startsAt } },
    };
  }

  /** The code's usage as an enrolled terminal's engine sees it: the limit less what its leases hold. */
  private usage(code: CodeRecord): Usage {
    const floor = (kind: 'code_uses' | 'code_item_uses' | 'code_budget', limit: number | undefined) =>
      limit === undefined ? 0 : Math.max(0, limit - this.held(`${kind}:${code.id}`));
    return {
      uses: floor('code_uses', code.rules.maxUses),
      itemUses: floor('code_item_uses', code.rules.maxItemUses),
      discountGiven: floor('code_budget', code.rules.budget),
      customerUses: 0,
      customerItemUses: 0,
      customerUsesByEvent: {},
      customerUsesBySchedule: {},
    };
  }

  private spendable(counter: string): HeldLease[] {
    const now = new Date().toISOString();
    return this.leases.filter((l) => l.counter === counter && l.expiresAt > now && l.used < l.granted);
  }

  private held(counter: string): number {
    return this.spendable(counter).reduce((n, l) => n + l.granted - l.used, 0);
  }

  /** Asks for leases until each need is covered or the pool gives nothing more (leases.ts topUpOnce). */
  private async topUp(needs: readonly CounterNeed[]): Promise<void> {
    for (const need of needs) {
      const kind = parseCounterKey(need.counter)?.kind;
      if (!kind) continue;
      for (let round = 0; round < 8; round++) {
        const short = need.units - this.held(need.counter);
        if (short <= 0) break;
        const answer = await this.send('/v1/leases/acquire', {
          terminalId: this.o.terminalId,
          epoch: this.o.epoch,
          requestId: newId(),
          counter: need.counter,
          want: Math.max(short, LEASE_WANT[kind]),
        });
        if (answer.status !== 200 && answer.status !== 201)
          throw new Error(`lease answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        const lease: LeaseView | null = acquireResponseSchema.parse(answer.body).lease;
        if (!lease || lease.granted === 0) break;
        this.leases.push({ ...lease, used: 0 });
      }
    }
    this.leases = this.leases.filter((l) => l.used < l.granted);
  }

  /** Spends the units from held leases, as escrow.ts take does; no overuse, so a short lease is a bug here. */
  private take(needs: readonly CounterNeed[], now: string): Escrow {
    const escrow: Escrow = { leaseUses: [], unbacked: [] };
    for (const need of needs) {
      let left = need.units;
      for (const lease of this.spendable(need.counter)) {
        if (left === 0) break;
        const units = Math.min(left, lease.granted - lease.used);
        lease.used += units;
        left -= units;
        escrow.leaseUses.push({ leaseId: lease.id, counter: need.counter, units });
      }
      if (left > 0) throw new Error(`no lease left for ${need.counter} at ${now}`);
    }
    return escrow;
  }

  /**
   * One request to the next server process in turn. 5xx answers and unanswered requests are counted
   * and sent again after a pause, as the sync client's backoff would (every request here is safe to resend).
   */
  private async send(path: string, body: unknown): Promise<SyncAnswer> {
    const request: SyncRequest = { method: 'POST', path, token: this.o.deviceToken, body };
    for (;;) {
      const link = this.o.links[this.sent++ % this.o.links.length] as SyncTransport;
      const answer = await link(request);
      if (answer.status >= 500) this.o.stats.serverErrors += 1;
      else if (answer.status === 0) this.o.stats.networkFailures += 1;
      else return answer;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
