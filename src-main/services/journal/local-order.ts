import { reasonWithNote } from '../../../shared/cash/reasons';
import type { JournalHistoryEntry } from '../../../shared/ipc/domains/journal';
import type { JournalOrderDetail } from '../../../shared/reports/journal';
import {
  approvalDetail,
  buyerOf,
  lineDetail,
  orderStatus,
  type OrderRow,
} from '../../../shared/reports/orders';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import type { LocalOrderRow, ReprintRow } from '../../db/repos/journal-repo';
import type { RefundElsewhereRow } from '../../db/repos/sale-repo';

// This terminal's own sales in the journal's shapes (shared/reports): the same rows and order view the
// server's journal gives, read from the terminal's store instead.

export interface Here {
  terminalId: string;
  terminalName: string | null;
}

export function localOrderRow(row: LocalOrderRow, here: Here): OrderRow {
  return {
    orderId: row.orderId,
    source: 'pos',
    receiptNo: row.receiptNo,
    at: row.at,
    terminalId: here.terminalId,
    terminalName: here.terminalName,
    cashierId: row.cashierId,
    cashierName: row.cashierName,
    buyer: buyerOf({ customer: row.customer, customerId: row.customerId, buyerText: null }),
    codeId: row.codeId,
    code: row.code,
    overuse: Boolean(row.overuse),
    gross: row.gross,
    discount: row.discount,
    total: row.total,
    refunded: row.refunded,
    currency: row.currency,
    status: orderStatus({ ...row, source: 'pos' }),
    training: row.training === 1,
  };
}

/** The order view of a sale this terminal holds; `names` are staff names by id. */
export function localOrderDetail(
  record: SaleRecord,
  here: Here,
  names: ReadonlyMap<string, string>,
  /** Its refunds made at other terminals (docs/ORDERS.md "Refunds at another window"). */
  elsewhere: readonly RefundElsewhereRow[] = [],
): JournalOrderDetail {
  const { sale } = record;
  const refundedUnits = record.units.filter((u) => u.refundId !== null || u.refundedElsewhereId !== null);
  const order = localOrderRow(
    {
      orderId: sale.id,
      receiptNo: sale.receiptNo,
      at: sale.createdAt,
      cashierId: sale.cashierId,
      cashierName: names.get(sale.cashierId) ?? null,
      customer: sale.customer,
      customerId: sale.customerId,
      codeId: sale.codeId,
      code: sale.codeText,
      overuse: record.redemption?.overuse ?? 0,
      gross: sale.gross,
      discount: sale.codeDiscount + sale.customDiscount,
      total: sale.total,
      refunded: [...record.refunds, ...elsewhere].reduce((n, r) => n + r.amount, 0),
      units: record.units.length,
      refundedUnits: refundedUnits.length,
      currency: sale.currency,
      saleStatus: sale.status,
      releasedAt: record.redemption?.releasedAt ?? null,
      training: sale.training,
    },
    here,
  );
  const overuse = record.approvals.find((a) => a.kind === 'overuse');
  return {
    order,
    customDiscountReason: sale.customReason,
    customDiscountNote: sale.customNote,
    lines: record.lines.map((l) => lineDetail(l, l, refundedUnits.filter((u) => u.lineId === l.id).length)),
    payments: record.payments.map((p) => ({
      id: p.id,
      tender: p.tender,
      amount: p.amount,
      refundId: p.refundId,
      at: p.createdAt,
    })),
    redemptions: record.redemption
      ? [
          {
            redemptionId: record.redemption.id,
            codeId: record.redemption.codeId,
            code: sale.codeText ?? '',
            parentId: null,
            channel: 'box_office',
            tickets: record.lines.filter((l) => l.kind === 'ticket').reduce((n, l) => n + l.qty, 0),
            discount: record.redemption.discount,
            revenue: sale.total,
            overuse: record.redemption.overuse === 1,
            overuseReason: overuse?.reason ?? null,
            grantedBy: overuse?.approverId ?? null,
            grantedByName: overuse ? (names.get(overuse.approverId) ?? null) : null,
            releasedAt: record.redemption.releasedAt,
            at: record.redemption.createdAt,
          },
        ]
      : [],
    refunds: [
      ...record.refunds.map((r) => ({
        refundId: r.id,
        kind: r.kind,
        staffId: r.staffId,
        staffName: names.get(r.staffId) ?? null,
        terminalId: here.terminalId,
        terminalName: here.terminalName,
        reason: r.reason,
        note: r.note,
        amount: r.amount,
        units: record.units.filter((u) => u.refundId === r.id).length,
        at: r.createdAt,
      })),
      // The other terminal's name is the server's to know; its id is what this store holds.
      ...elsewhere.map((r) => ({
        refundId: r.id,
        kind: r.kind,
        staffId: r.staffId,
        staffName: names.get(r.staffId) ?? null,
        terminalId: r.terminalId,
        terminalName: null,
        reason: null,
        note: null,
        amount: r.amount,
        units: record.units.filter((u) => u.refundedElsewhereId === r.id).length,
        at: r.createdAt,
      })),
    ],
    approvals: record.approvals.map((a) => approvalDetail(a, names)),
    tickets: record.tickets.map((t) => ({
      id: t.id,
      lineId: t.lineId,
      unitIndex: t.unitIndex,
      performanceId: t.performanceId,
      ticketTypeId: t.ticketTypeId,
      status: t.status,
      issuedAt: t.issuedAt,
      replaces: t.replaces,
    })),
  };
}

/**
 * What happened to the order, oldest first: the sale, its refunds and voids (from whichever terminal),
 * tickets reissued with new barcodes, exchanges to and from other orders, and the reprints marked
 * DUPLICATE this terminal printed.
 */
export function orderHistory(
  detail: JournalOrderDetail,
  reprints: readonly ReprintRow[],
): JournalHistoryEntry[] {
  const { order } = detail;
  const entries: JournalHistoryEntry[] = [
    {
      kind: 'sale',
      at: order.at,
      staffName: order.cashierName,
      terminalName: order.terminalName,
      amount: order.total,
      reason: null,
    },
    ...detail.refunds.map((r) => ({
      kind: r.kind,
      at: r.at,
      staffName: r.staffName,
      terminalName: r.terminalName,
      amount: r.amount,
      reason: r.reason === null ? null : reasonWithNote(r.reason, r.note),
    })),
    ...detail.tickets
      .filter((t) => t.replaces !== null)
      .map((t) => ({
        kind: 'ticket_reissue' as const,
        at: t.issuedAt,
        staffName: null,
        terminalName: null,
        amount: null,
        reason: null,
      })),
    ...(detail.exchanges ?? []).map((x) => ({
      kind: x.direction === 'of' ? ('exchange_of' as const) : ('exchanged_for' as const),
      at: x.at,
      staffName: null,
      terminalName: null,
      amount: null,
      reason: null,
      receiptNo: x.receiptNo,
    })),
    ...reprints.map((p) => ({
      kind: p.kind === 'sale' ? ('reprint_receipt' as const) : ('reprint_tickets' as const),
      at: p.createdAt,
      staffName: null,
      terminalName: null,
      amount: null,
      reason: null,
    })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
