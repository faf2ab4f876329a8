import type { Permission } from '../../shared/auth/permissions';
import type { ApprovalVerifier } from '../../shared/sync/approval-proof';
import type { Mutation } from '../../shared/sync/protocol';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { entityExists } from '../db/repos/catalogue-repo';
import { getCode, type CodeRow } from '../db/repos/code-repo';
import * as escrow from '../db/repos/escrow-repo';
import { getStaff } from '../db/repos/staff-repo';
import * as sync from '../db/repos/sync-repo';
import { signingKeys } from '../db/repos/terminal-repo';
import { approvalVerifier } from '../auth/approval-keys';
import { rolePermissions } from './auth-service';
import { isUuid } from '../db/uuid';

// DECISIONS.md "Push": a push batch is applied in one transaction that holds the terminal's row and the
// organisation's change-position row locked from before the first mutation is applied to commit. Every
// write to a synced row (staff, performances, codes) takes that position lock, so what the batch reads
// of them stays true until it commits and is read once per batch. The leases the batch uses are locked
// FOR UPDATE on first use; their `used` is kept here and written once (see flush), as are the rows of
// pos_sale_escrow. Nothing outside the batch reads either before it commits.

interface LeaseEntry {
  lease: escrow.LeaseRow | undefined;
  /** `used` as the database holds it now (the last flush, or the read). */
  stored: number;
}

/** What apply() changed in memory since a mark, so a quarantined mutation leaves nothing behind. */
export interface BatchMark {
  leases: Map<string, { used: number; stored: number }>;
  escrowRows: number;
  sales: number;
}

interface Grantor {
  active: boolean;
  permissions: Permission[];
}

export class PushBatch {
  private readonly staff = new Map<string, boolean>();
  private readonly grantors = new Map<string, Grantor | undefined>();
  private keys: ApprovalVerifier[] | undefined;
  private readonly performances = new Map<string, boolean>();
  private readonly codes = new Map<string, CodeRow | undefined>();
  private readonly leases = new Map<string, LeaseEntry>();
  private escrowRows: escrow.SaleEscrowInsert[] = [];
  private sales: sync.NewSale[] = [];
  /** Sale ids the server holds or this batch recorded (lower case); read on the first sale. */
  private saleIds: Set<string> | undefined;

  constructor(
    /** The batch transaction itself: reads and the flush go here, never through a tracking wrapper. */
    readonly tx: Queryable,
    readonly ctx: ServerContext,
    readonly terminal: sync.TerminalSyncRow,
    /** The batch's mutations, for reading ahead what their sales need. */
    private readonly mutations: readonly Mutation[],
    /** With a savepoint per mutation, sales are written at once and everything flushed per mutation. */
    readonly savepoints: boolean,
  ) {}

  /**
   * Records a sale; false when a sale with its id exists (pos_sales' id is global). Without savepoints the
   * row is kept for one multi-row INSERT: the ids were all read up front under the terminal's lock.
   */
  async insertSale(tx: Queryable, sale: sync.NewSale): Promise<boolean> {
    if (this.savepoints) return sync.insertSale(tx, sale);
    if (!this.saleIds) {
      const ids = this.mutations.flatMap((m) => {
        const id = m.type === 'sale' ? (m.payload.sale as { id?: unknown } | undefined)?.id : undefined;
        return typeof id === 'string' && isUuid(id) ? [id] : [];
      });
      this.saleIds = await sync.saleIdsTaken(this.tx, [...ids, sale.id].filter(isUuid));
    }
    const key = sale.id.toLowerCase();
    if (this.saleIds.has(key)) return false;
    this.saleIds.add(key);
    this.sales.push(sale);
    return true;
  }

  async staffExists(id: string): Promise<boolean> {
    let known = this.staff.get(id);
    if (known === undefined) {
      known = await sync.staffExists(this.tx, this.terminal.orgId, id);
      this.staff.set(id, known);
    }
    return known;
  }

  /** What an approver may approve now (undefined: no staff member of this organisation). */
  async grantor(id: string): Promise<Grantor | undefined> {
    if (!this.grantors.has(id)) {
      const staff = await getStaff(this.tx, this.terminal.orgId, id);
      this.grantors.set(
        id,
        staff && {
          active: staff.active,
          permissions: await rolePermissions(this.tx, this.terminal.orgId, staff.roleId),
        },
      );
    }
    return this.grantors.get(id);
  }

  /** Every key the terminal registered (one per enrolment), to verify its approvals with. */
  async signingKeys(): Promise<ApprovalVerifier[]> {
    this.keys ??= (await signingKeys(this.tx, this.terminal.id)).map(approvalVerifier);
    return this.keys;
  }

  async performanceExists(id: string): Promise<boolean> {
    let known = this.performances.get(id);
    if (known === undefined) {
      known = await entityExists(this.tx, 'performances', this.terminal.orgId, id);
      this.performances.set(id, known);
    }
    return known;
  }

  /** A code's terms (rules, parent, string). Its usage counters move during the batch: not read here. */
  async codeTerms(id: string, now: string): Promise<CodeRow | undefined> {
    if (!this.codes.has(id)) this.codes.set(id, await getCode(this.tx, this.terminal.orgId, id, now));
    return this.codes.get(id);
  }

  /** The lease, locked until the batch commits; `used` is this batch's live count. */
  async lease(id: string): Promise<escrow.LeaseRow | undefined> {
    let entry = this.leases.get(id);
    if (!entry) {
      const lease = await escrow.lockLease(this.tx, this.terminal.orgId, id);
      entry = { lease, stored: lease?.used ?? 0 };
      this.leases.set(id, entry);
    }
    return entry.lease;
  }

  /** A sale used `units` of a lease it got from lease(). */
  addLeaseUse(lease: escrow.LeaseRow, units: number): void {
    lease.used += units;
  }

  recordEscrow(row: escrow.SaleEscrowInsert): void {
    if (row.units > 0) this.escrowRows.push(row);
  }

  mark(): BatchMark {
    const leases = new Map<string, { used: number; stored: number }>();
    for (const [id, entry] of this.leases)
      leases.set(id, { used: entry.lease?.used ?? 0, stored: entry.stored });
    return { leases, escrowRows: this.escrowRows.length, sales: this.sales.length };
  }

  /**
   * Back to a mark: after ROLLBACK TO SAVEPOINT (which also drops row locks taken since, so leases first
   * read since are read and locked again when next needed), or after a rejection before any write.
   */
  rollback(mark: BatchMark): void {
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
  }

  /** Writes what is kept in memory: the sales so far, their escrow rows and every lease whose used moved. */
  async flush(tx: Queryable = this.tx): Promise<void> {
    await sync.insertSales(tx, this.sales);
    this.sales = [];
    const rows = this.escrowRows;
    const changed = [...this.leases.values()].flatMap((e) =>
      e.lease && e.lease.used !== e.stored ? [e as { lease: escrow.LeaseRow; stored: number }] : [],
    );
    await escrow.setLeasesUsed(
      tx,
      changed.map((e) => e.lease),
    );
    await escrow.recordSaleEscrow(tx, rows);
    for (const e of changed) e.stored = e.lease.used;
    this.escrowRows = [];
  }

  /** Flushes, then forgets the leases: the next step changes them in the database itself. */
  async flushAndForgetLeases(): Promise<void> {
    await this.flush();
    this.leases.clear();
  }
}
