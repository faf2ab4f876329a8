import { supervisorOveruseCap } from '../../shared/auth/overuse-cap';
import type { Permission } from '../../shared/auth/permissions';
import type { ApprovalVerifier } from '../../shared/sync/approval-proof';
import type { Mutation } from '../../shared/sync/protocol';
import { approvalVerifier } from '../auth/approval-keys';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { entityExists } from '../db/repos/catalogue-repo';
import { lockOrganisationForSales } from '../db/repos/change-pos';
import { getCode, type CodeRow } from '../db/repos/code-repo';
import * as escrow from '../db/repos/escrow-repo';
import { insertSales, saleIdsTaken, type NewSale } from '../db/repos/pos-ledger-repo';
import { insertRedemptions, redemptionsTaken, type NewRedemption } from '../db/repos/redemption-repo';
import { getStaff, staffExists } from '../db/repos/staff-repo';
import { signingKeys, type TerminalSyncRow } from '../db/repos/terminal-repo';
import { insertTickets, ticketIdsTaken, type NewTicket } from '../db/repos/ticket-repo';
import { isUuid } from '../db/uuid';
import { findRole } from './auth-service';

// docs/SYNC.md "Push"; shared/sync/DECISIONS.md "Push". Apply code never holds the batch's transaction:
// it gets a MutationScope, which
// - reads staff, approvers, signing keys, performances, code terms and leases once per batch. The batch
//   holds the organisation's lock shared, and every back-office write to those rows takes it alone, so what it
//   read stays true to commit; a lease is locked FOR UPDATE on first use;
// - defers the rows whose content is known without the database (a sale, its pos_sale_escrow rows, a
//   lease's `used`, a plain code use: its ledger row and its count on the code); the batch writes them
//   with multi-row statements at the end, and before a mutation that reads them back. Code uses are
//   also written before any later mutation's first statement, which may read a count. They are
//   storable by construction, so that write fails only in ways a resend cures (a concurrent duplicate
//   sale id, a lost connection: 503);
// - runs every other statement through run(), which opens a SAVEPOINT before the mutation's first
//   statement, cache misses included. A mutation served by caches and deferred rows costs no savepoint.
// A rejection or a deterministic database error undoes the mutation (undo): back to its savepoint if it
// opened one, and whatever it deferred or first locked since is dropped.

/** What an approver may approve now. */
export interface Grantor {
  name: string;
  active: boolean;
  permissions: Permission[];
  /** Their overuse grants per business day (their own cap, else their role's); null: no cap. */
  overuseCap: number | null;
  /** Whose cap that is: the role's, or one a manager set for the person. */
  overuseCapSource: 'role' | 'staff';
}

/** Everything applying one pushed mutation may read or write. */
export interface MutationScope {
  readonly ctx: ServerContext;
  /** The pushing terminal, as locked for the batch. */
  readonly terminal: TerminalSyncRow;
  /** Runs statements in the mutation's savepoint (opened on first use): they are undone with it. */
  run<T>(statements: (tx: Queryable) => Promise<T>): Promise<T>;
  staffExists(id: string): Promise<boolean>;
  /** undefined: no staff member of this organisation. */
  grantor(id: string): Promise<Grantor | undefined>;
  /** Every key the terminal registered (one per enrolment), to verify its approvals with. */
  signingKeys(): Promise<ApprovalVerifier[]>;
  performanceExists(id: string): Promise<boolean>;
  /** A code's terms (rules, parent, string). Its usage counters move during the batch: not cached. */
  codeTerms(id: string, now: string): Promise<CodeRow | undefined>;
  /** The lease, locked until the batch commits; `used` is this batch's live count. */
  lease(id: string): Promise<escrow.LeaseRow | undefined>;
  /** A sale used `units` of a lease it got from lease(): `used` is written later. */
  addLeaseUse(lease: escrow.LeaseRow, units: number): void;
  /** Defers a sale's row; false when a sale with its id exists (pos_sales' id is global). */
  deferSale(sale: NewSale): Promise<boolean>;
  deferEscrow(row: escrow.SaleEscrowInsert): void;
  /**
   * Defers a sale's tickets, or a reissue's new ones; false when one of their ids exists (tickets' id is
   * global).
   */
  deferTickets(tickets: readonly NewTicket[]): Promise<boolean>;
  /**
   * Claims a sale's code use for the batch and, when `plain` (nothing else in the mutation reads or
   * names it), defers it: its ledger row and its count on the code. False: the caller writes it now,
   * because it is not plain, or because its id or order is taken (in the ledger, or claimed earlier in
   * the batch), and meets the duplicate there. A deferred use can therefore never clash when written.
   */
  deferRedemption(redemption: NewRedemption & { code: string }, plain: boolean): Promise<boolean>;
}

interface LeaseEntry {
  lease: escrow.LeaseRow | undefined;
  /** `used` as the database holds it now (the last flush, or the read). */
  stored: number;
}

/** What the scope held before a mutation, so undoing it leaves nothing of it behind. */
interface Mark {
  leases: Map<string, { used: number; stored: number }>;
  escrowRows: number;
  sales: number;
  tickets: number;
  redemptions: number;
}

const SAVEPOINT = 'apply_mutation';

/**
 * Refunds, voids and lease returns read pos_sale_escrow and leases in the database itself; a ticket
 * reissue reads the tickets it replaces, which a sale earlier in the batch may have deferred.
 */
const READS_DEFERRED: ReadonlySet<Mutation['type']> = new Set([
  'refund',
  'void',
  'lease.return',
  'ticket.reissue',
  // Reservations lock and write leases themselves (reservation-apply.ts).
  'reservation.create',
  'reservation.release',
  'reservation.pickup',
]);

/** The ticket ids a pushed mutation brings: a sale's tickets, a reissue's new ones. Unchecked payload. */
function ticketIdsIn(m: Mutation): string[] {
  const listed = m.type === 'sale' || m.type === 'ticket.reissue' ? m.payload.tickets : undefined;
  return Array.isArray(listed)
    ? listed.flatMap((t) => {
        const id = (t as { id?: unknown } | null)?.id;
        return typeof id === 'string' ? [id] : [];
      })
    : [];
}

/** The scope of one push batch (or one retried mutation), applying its mutations one at a time. */
export class BatchScope implements MutationScope {
  private readonly staff = new Map<string, boolean>();
  private readonly grantors = new Map<string, Grantor | undefined>();
  private keys: ApprovalVerifier[] | undefined;
  private readonly performances = new Map<string, boolean>();
  private readonly codes = new Map<string, CodeRow | undefined>();
  private readonly leases = new Map<string, LeaseEntry>();
  private escrowRows: escrow.SaleEscrowInsert[] = [];
  private sales: NewSale[] = [];
  private tickets: NewTicket[] = [];
  private redemptions: (NewRedemption & { code: string })[] = [];
  /** Redemption ids and orders the ledger holds or this batch claimed (lower case); read on the first use. */
  private redemptionKeys: { ids: Set<string>; orders: Set<string> } | undefined;
  /** Ticket ids the server holds or this batch recorded (lower case); read on the first mutation with tickets. */
  private ticketIds: Set<string> | undefined;
  /** Sale ids the server holds or this batch recorded (lower case); read on the first sale. */
  private saleIds: Set<string> | undefined;
  private organisationLocked = false;
  /** The mutation being applied: where it started, and whether it opened its savepoint. */
  private current: { mark: Mark; savepoint: boolean } | undefined;

  constructor(
    /** The batch's transaction: the batch's own statements and the deferred writes go here. */
    readonly tx: Queryable,
    readonly ctx: ServerContext,
    readonly terminal: TerminalSyncRow,
    /** The batch's mutations, for reading ahead which sale ids they need. */
    private readonly mutations: readonly Mutation[],
  ) {}

  /**
   * Starts a mutation. The organisation's lock first, always (change-pos.ts),
   * taken outside any savepoint and held to commit. A mutation that reads deferred rows back gets them
   * written first, and reads its leases afresh.
   */
  async begin(type: Mutation['type']): Promise<void> {
    if (this.current) throw new Error('a mutation is being applied already');
    if (!this.organisationLocked) {
      await lockOrganisationForSales(this.tx, this.terminal.orgId);
      this.organisationLocked = true;
    }
    if (READS_DEFERRED.has(type)) {
      await this.flush();
      this.leases.clear();
    }
    this.current = { mark: this.mark(), savepoint: false };
  }

  /** The mutation applied: what it wrote stays. */
  async end(): Promise<void> {
    if (this.finish().savepoint) await this.tx.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
  }

  /**
   * The mutation must leave nothing: its statements are rolled back, which also drops the row locks it
   * took, so leases it read first are forgotten (read and locked again when next needed).
   */
  async undo(): Promise<void> {
    const { mark, savepoint } = this.finish();
    if (savepoint) {
      await this.tx.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      await this.tx.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    }
    for (const [id, entry] of this.leases) {
      const before = mark.leases.get(id);
      if (!before) {
        this.leases.delete(id);
        continue;
      }
      if (entry.lease) entry.lease.used = before.used;
      entry.stored = before.stored;
    }
    if (mark.escrowRows < this.escrowRows.length) this.escrowRows.length = mark.escrowRows;
    if (mark.sales < this.sales.length) {
      for (const sale of this.sales.splice(mark.sales)) this.saleIds?.delete(sale.id.toLowerCase());
    }
    if (mark.tickets < this.tickets.length) {
      for (const t of this.tickets.splice(mark.tickets)) this.ticketIds?.delete(t.id.toLowerCase());
    }
    if (mark.redemptions < this.redemptions.length) {
      for (const r of this.redemptions.splice(mark.redemptions)) {
        this.redemptionKeys?.ids.delete(r.id.toLowerCase());
        this.redemptionKeys?.orders.delete(r.orderId.toLowerCase());
      }
    }
  }

  /**
   * Writes the deferred rows: the sales so far, their tickets, code uses, escrow rows and every lease
   * whose used moved.
   */
  async flush(): Promise<void> {
    await insertSales(this.tx, this.sales);
    this.sales = [];
    await insertTickets(this.tx, this.tickets);
    this.tickets = [];
    await this.flushRedemptions(this.redemptions.length);
    const changed = [...this.leases.values()].flatMap((e) =>
      e.lease && e.lease.used !== e.stored ? [e as { lease: escrow.LeaseRow; stored: number }] : [],
    );
    await escrow.setLeasesUsed(
      this.tx,
      changed.map((e) => e.lease),
    );
    await escrow.recordSaleEscrow(this.tx, this.escrowRows);
    for (const e of changed) e.stored = e.lease.used;
    this.escrowRows = [];
  }

  /**
   * Writes the first `count` deferred code uses. Outside any savepoint, so only those of mutations
   * applied already: the current one's stay deferred, to be dropped if it is undone.
   */
  private async flushRedemptions(count: number): Promise<void> {
    if (count === 0) return;
    await insertRedemptions(this.tx, this.redemptions.splice(0, count));
    if (this.current) this.current.mark.redemptions = Math.max(0, this.current.mark.redemptions - count);
  }

  async run<T>(statements: (tx: Queryable) => Promise<T>): Promise<T> {
    const current = this.current;
    if (!current) throw new Error('MutationScope.run outside a mutation');
    if (!current.savepoint) {
      // Any statement may read the ledger or a code's count (a customer's uses, a counter made from
      // the code's usage): the uses deferred before this mutation are written first.
      await this.flushRedemptions(current.mark.redemptions);
      await this.tx.query(`SAVEPOINT ${SAVEPOINT}`);
      current.savepoint = true;
    }
    return statements(this.tx);
  }

  async staffExists(id: string): Promise<boolean> {
    let known = this.staff.get(id);
    if (known === undefined) {
      known = await this.run((tx) => staffExists(tx, this.terminal.orgId, id));
      this.staff.set(id, known);
    }
    return known;
  }

  async grantor(id: string): Promise<Grantor | undefined> {
    if (!this.grantors.has(id)) {
      const { orgId } = this.terminal;
      const grantor = await this.run(async (tx) => {
        const staff = await getStaff(tx, orgId, id);
        if (!staff) return undefined;
        const role = await findRole(tx, orgId, staff.roleId);
        // No role found: nothing may be granted, whatever the person's own cap says.
        const cap = role ? supervisorOveruseCap(role.overuseCap, staff.overuseCap) : null;
        return {
          name: staff.name,
          active: staff.active,
          permissions: role?.permissions ?? [],
          overuseCap: cap ? cap.cap : 0,
          overuseCapSource: cap?.source ?? 'role',
        };
      });
      this.grantors.set(id, grantor);
    }
    return this.grantors.get(id);
  }

  async signingKeys(): Promise<ApprovalVerifier[]> {
    this.keys ??= (await this.run((tx) => signingKeys(tx, this.terminal.id))).map(approvalVerifier);
    return this.keys;
  }

  async performanceExists(id: string): Promise<boolean> {
    let known = this.performances.get(id);
    if (known === undefined) {
      known = await this.run((tx) => entityExists(tx, 'performances', this.terminal.orgId, id));
      this.performances.set(id, known);
    }
    return known;
  }

  async codeTerms(id: string, now: string): Promise<CodeRow | undefined> {
    if (!this.codes.has(id)) {
      this.codes.set(id, await this.run((tx) => getCode(tx, this.terminal.orgId, id, now)));
    }
    return this.codes.get(id);
  }

  async lease(id: string): Promise<escrow.LeaseRow | undefined> {
    let entry = this.leases.get(id);
    if (!entry) {
      const lease = await this.run((tx) => escrow.lockLease(tx, this.terminal.orgId, id));
      entry = { lease, stored: lease?.used ?? 0 };
      this.leases.set(id, entry);
    }
    return entry.lease;
  }

  addLeaseUse(lease: escrow.LeaseRow, units: number): void {
    lease.used += units;
  }

  async deferSale(sale: NewSale): Promise<boolean> {
    if (!this.saleIds) {
      const ids = this.mutations.flatMap((m) => {
        const id = m.type === 'sale' ? (m.payload.sale as { id?: unknown } | undefined)?.id : undefined;
        return typeof id === 'string' ? [id] : [];
      });
      const read = [...ids, sale.id].filter(isUuid);
      this.saleIds = await this.run((tx) => saleIdsTaken(tx, read));
    }
    const key = sale.id.toLowerCase();
    if (this.saleIds.has(key)) return false;
    this.saleIds.add(key);
    this.sales.push(sale);
    return true;
  }

  deferEscrow(row: escrow.SaleEscrowInsert): void {
    if (row.units > 0) this.escrowRows.push(row);
  }

  async deferTickets(tickets: readonly NewTicket[]): Promise<boolean> {
    if (tickets.length === 0) return true;
    if (!this.ticketIds) {
      const ids = this.mutations.flatMap(ticketIdsIn);
      const read = [...ids, ...tickets.map((t) => t.id)].filter(isUuid);
      this.ticketIds = await this.run((tx) => ticketIdsTaken(tx, read));
    }
    const taken = this.ticketIds;
    if (tickets.some((t) => taken.has(t.id.toLowerCase()))) return false;
    for (const t of tickets) taken.add(t.id.toLowerCase());
    this.tickets.push(...tickets);
    return true;
  }

  async deferRedemption(redemption: NewRedemption & { code: string }, plain: boolean): Promise<boolean> {
    if (!this.redemptionKeys) {
      const pushed = this.mutations.flatMap((m) => {
        if (m.type !== 'sale') return [];
        const id = (m.payload.redemption as { id?: unknown } | null | undefined)?.id;
        const order = (m.payload.sale as { id?: unknown } | undefined)?.id;
        return typeof id === 'string' && typeof order === 'string' ? [{ id, order }] : [];
      });
      const ids = [...pushed.map((p) => p.id), redemption.id].filter(isUuid);
      const orders = [...pushed.map((p) => p.order), redemption.orderId].filter(isUuid);
      this.redemptionKeys = await this.run((tx) => redemptionsTaken(tx, this.terminal.orgId, ids, orders));
    }
    const { ids, orders } = this.redemptionKeys;
    const id = redemption.id.toLowerCase();
    const order = redemption.orderId.toLowerCase();
    if (ids.has(id) || orders.has(order)) return false;
    ids.add(id);
    orders.add(order);
    if (!plain) return false;
    this.redemptions.push(redemption);
    return true;
  }

  private mark(): Mark {
    const leases = new Map<string, { used: number; stored: number }>();
    for (const [id, entry] of this.leases) {
      leases.set(id, { used: entry.lease?.used ?? 0, stored: entry.stored });
    }
    return {
      leases,
      escrowRows: this.escrowRows.length,
      sales: this.sales.length,
      tickets: this.tickets.length,
      redemptions: this.redemptions.length,
    };
  }

  private finish(): { mark: Mark; savepoint: boolean } {
    const current = this.current;
    if (!current) throw new Error('no mutation is being applied');
    this.current = undefined;
    return current;
  }
}
