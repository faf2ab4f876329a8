import { prepared, type Db } from '../connection';
import { fromRow, insertRow as insert, toSnake } from '../rows';
import type { RefundElsewhere } from '../../../shared/sync/protocol';
import { addSold } from './catalogue-repo';
import { releaseSeatOfSale, seatOfUnit } from './seat-repo';
import { insertVouchers, listSaleVouchers, type StoredVoucherRow } from './voucher-repo';
import {
  saleRowSchema,
  type ApprovalRow,
  type PaymentRow,
  type RedemptionRow,
  type RefundRow,
  type SaleLineRow,
  type SaleRecord,
  type SaleRow,
  type SaleUnitRow,
  type TicketRow,
} from '../../../shared/sync/sale-record';

export function nextReceiptNo(db: Db): number {
  return (prepared(db, 'SELECT coalesce(max(receipt_no), 0) + 1 AS n FROM sales').get() as { n: number }).n;
}

/** Refunds of this terminal's sales and of other terminals' share one numbering (docs/ORDERS.md). */
export function nextRefundNo(db: Db): number {
  return (
    // The tables, not the shift_refunds view: the view leaves training refunds out (docs/CASH.md
    // "Training mode"), and their numbers are taken all the same.
    (
      prepared(
        db,
        `SELECT max(coalesce((SELECT max(refund_no) FROM refunds), 0),
         coalesce((SELECT max(refund_no) FROM remote_refunds), 0)) + 1 AS n`,
      ).get() as { n: number }
    ).n
  );
}

/** Writes a sale and its parts; call inside the sale transaction. */
export function insertSale(
  db: Db,
  record: Omit<SaleRecord, 'refunds' | 'vouchers'> & { vouchers: readonly StoredVoucherRow[] },
): void {
  insert(db, 'sales', record.sale);
  for (const line of record.lines) insert(db, 'sale_lines', line);
  for (const unit of record.units) insert(db, 'sale_units', unit);
  for (const payment of record.payments) insert(db, 'payments', payment);
  if (record.redemption) {
    insert(db, 'redemptions', record.redemption);
    for (const scope of record.scopes)
      insert(db, 'redemption_scopes', { redemptionId: record.redemption.id, ...scope });
  }
  for (const approval of record.approvals) insert(db, 'approvals', approval);
  for (const ticket of record.tickets) insert(db, 'tickets', ticket);
  insertVouchers(db, record.vouchers);
}

/** A unit given back admits no one: its ticket (or the reprint that replaced it) is void. */
function voidUnitTicket(db: Db, unit: { lineId: string; unitIndex: number }): void {
  prepared(
    db,
    "UPDATE tickets SET status = 'void' WHERE line_id = ? AND unit_index = ? AND status = 'valid'",
  ).run(unit.lineId, unit.unitIndex);
}

export function insertRefund(
  db: Db,
  refund: RefundRow,
  units: { lineId: string; unitIndex: number }[],
  payments: PaymentRow[],
): void {
  insert(db, 'refunds', refund);
  const mark = prepared(
    db,
    'UPDATE sale_units SET refund_id = ? WHERE line_id = ? AND unit_index = ? AND refund_id IS NULL',
  );
  for (const unit of units) {
    if (mark.run(refund.id, unit.lineId, unit.unitIndex).changes !== 1)
      throw new Error('unit already refunded');
    voidUnitTicket(db, unit);
  }
  for (const payment of payments) insert(db, 'payments', payment);
}

/**
 * This terminal's sales refunded or voided at another terminal, as pull brings them (docs/ORDERS.md
 * "Refunds at another window"): each once, for a sale this store holds. Their units are given back as a
 * refund here gives them back, tickets voided and seats freed, but no money moves here: the other
 * terminal paid it out. A void that leaves nothing charged voids the sale and releases its code use.
 */
export function recordRefundsElsewhere(
  db: Db,
  refunds: readonly RefundElsewhere[],
  here: { now: string; terminalId: string },
): void {
  const record = prepared(
    db,
    `INSERT INTO refunds_elsewhere (id, sale_id, terminal_id, kind, staff_id, amount, created_at)
     SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sales WHERE id = ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const mark = prepared(
    db,
    `UPDATE sale_units SET refunded_elsewhere_id = ?
     WHERE line_id = ? AND unit_index = ? AND refund_id IS NULL AND refunded_elsewhere_id IS NULL`,
  );
  const performanceOf = prepared(
    db,
    "SELECT performance_id FROM sale_lines WHERE id = ? AND kind = 'ticket'",
  );
  const open = prepared(
    db,
    `SELECT count(*) AS n FROM sale_units u JOIN sale_lines l ON l.id = u.line_id
     WHERE l.sale_id = ? AND u.refund_id IS NULL AND u.refunded_elsewhere_id IS NULL`,
  );
  for (const r of refunds) {
    const args = [r.id, r.saleId, r.terminalId, r.kind, r.staffId, r.amount, r.createdAt, r.saleId];
    if (record.run(...args).changes === 0) continue;
    for (const unit of r.units) {
      if (mark.run(r.id, unit.lineId, unit.unitIndex).changes === 0) continue;
      voidUnitTicket(db, unit);
      // A seated unit took its seat, not a unit of capacity (docs/SEATING.md): its seat is released.
      const seat = seatOfUnit(db, unit);
      const line = performanceOf.get(unit.lineId) as { performance_id: string | null } | undefined;
      if (seat) releaseSeatOfSale(db, seat, here.now, here.terminalId);
      else if (line?.performance_id) addSold(db, line.performance_id, -1);
    }
    if (r.kind === 'void' && (open.get(r.saleId) as { n: number }).n === 0)
      markVoided(db, r.saleId, r.createdAt);
  }
}

/** A refund of this sale made at another terminal, as pull brought it. */
export interface RefundElsewhereRow {
  id: string;
  saleId: string;
  terminalId: string;
  kind: 'refund' | 'void';
  staffId: string;
  amount: number;
  createdAt: string;
}

export function refundsElsewhereOf(db: Db, saleId: string): RefundElsewhereRow[] {
  return prepared(db, 'SELECT * FROM refunds_elsewhere WHERE sale_id = ? ORDER BY created_at, id')
    .all(saleId)
    .map((r) => fromRow<RefundElsewhereRow>(r));
}

export function markVoided(db: Db, saleId: string, at: string): void {
  prepared(db, "UPDATE sales SET status = 'voided' WHERE id = ?").run(saleId);
  // insertRefund voided each unit's ticket already; a voided sale admits no one whatever else holds.
  prepared(db, "UPDATE tickets SET status = 'void' WHERE sale_id = ? AND status = 'valid'").run(saleId);
  prepared(db, 'UPDATE redemptions SET released_at = ? WHERE sale_id = ? AND released_at IS NULL').run(
    at,
    saleId,
  );
}

export function findSaleId(
  db: Db,
  ref: { saleId?: string | undefined; receiptNo?: number | undefined },
): string | undefined {
  const row = ref.saleId
    ? prepared(db, 'SELECT id FROM sales WHERE id = ?').get(ref.saleId)
    : prepared(db, 'SELECT id FROM sales WHERE receipt_no = ?').get(ref.receiptNo);
  return (row as { id: string } | undefined)?.id;
}

/** The record's columns only: the journal's virtual search columns (migration 0019) stay out. */
const SALE_COLUMNS = Object.keys(saleRowSchema.shape).map(toSnake).join(', ');

export function loadSale(db: Db, id: string): SaleRecord | undefined {
  const sale = prepared(db, `SELECT ${SALE_COLUMNS} FROM sales WHERE id = ?`).get(id);
  if (!sale) return undefined;
  const all = (sql: string) =>
    prepared(db, sql)
      .all(id)
      .map((r) => fromRow(r));
  const redemption = prepared(db, 'SELECT * FROM redemptions WHERE sale_id = ?').get(id);
  return {
    sale: fromRow<SaleRow>(sale),
    lines: all('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no') as SaleLineRow[],
    units: all(
      `SELECT u.* FROM sale_units u JOIN sale_lines l ON l.id = u.line_id WHERE l.sale_id = ? ORDER BY l.line_no, u.unit_index`,
    ) as SaleUnitRow[],
    payments: all('SELECT * FROM payments WHERE sale_id = ? ORDER BY created_at, id') as PaymentRow[],
    redemption: redemption ? fromRow<RedemptionRow>(redemption) : null,
    scopes: redemption
      ? prepared(
          db,
          `SELECT event_id, performance_id FROM redemption_scopes WHERE redemption_id = ?
           ORDER BY event_id, performance_id`,
        )
          .all((redemption as { id: string }).id)
          .map((r) => fromRow<{ eventId: string; performanceId: string }>(r))
      : [],
    approvals: all('SELECT * FROM approvals WHERE sale_id = ? ORDER BY created_at') as ApprovalRow[],
    tickets: all(
      `SELECT t.* FROM tickets t JOIN sale_lines l ON l.id = t.line_id WHERE t.sale_id = ? ORDER BY l.line_no, t.unit_index, t.issued_at`,
    ) as TicketRow[],
    refunds: all('SELECT * FROM refunds WHERE sale_id = ? ORDER BY refund_no') as RefundRow[],
    vouchers: listSaleVouchers(db, id) as SaleRecord['vouchers'],
  };
}

/** Overuse grants in sales made here since `since`: all of them, or one approver's. */
/**
 * The overuse approvals since `since` in sales holding a ticket of `performanceId` (docs/CASH.md
 * "Per performance"), training sales left out as for the other caps.
 */
export function countPerformanceOverusesSince(db: Db, since: string, performanceId: string): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM approvals WHERE kind = 'overuse' AND created_at >= @since
       AND sale_id IN (SELECT sale_id FROM sale_lines WHERE performance_id = @performanceId)
       AND sale_id NOT IN (SELECT id FROM sales WHERE training = 1)`,
  ).get({ since, performanceId }) as { n: number };
  return row.n;
}

export function countOverusesSince(db: Db, since: string, approverId?: string): number {
  // A training sale's grants count towards no cap (docs/CASH.md "Training mode").
  const sql = `SELECT count(*) AS n FROM approvals WHERE kind = 'overuse' AND created_at >= ?
    AND sale_id NOT IN (SELECT id FROM sales WHERE training = 1)`;
  const row =
    approverId === undefined
      ? prepared(db, sql).get(since)
      : prepared(db, `${sql} AND approver_id = ?`).get(since, approverId);
  return (row as { n: number }).n;
}
