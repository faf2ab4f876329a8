import {
  buyerOf,
  orderStatus,
  type OrderDetail,
  type OrderFilter,
  type OrderPage,
  type OrderQuery,
  type OrderRow,
} from '../../shared/reports/orders';
import { readCursor, writeCursor } from '../../shared/node/keyset-cursor';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/order-report-repo';
import { reject } from '../errors';
import { toCsv } from './csv';
import { orderDetail } from './order-detail';

// The orders report (docs/REPORTS.md "Orders"): keyset pages newest first, each row with its currency.

function decodeCursor(cursor: string): repo.OrderKey {
  return (
    readCursor(cursor) ??
    reject(
      'VALIDATION_FAILED',
      'The cursor is not one this report gave out: start again from the first page (leave cursor out).',
    )
  );
}

export function toOrderRow(row: repo.OrderDbRow): OrderRow {
  return {
    orderId: row.orderId,
    source: row.source,
    receiptNo: row.receiptNo,
    at: row.at,
    terminalId: row.terminalId,
    terminalName: row.terminalName,
    cashierId: row.cashierId,
    cashierName: row.cashierName,
    buyer: buyerOf(row),
    codeId: row.codeId,
    code: row.code,
    overuse: row.overuse,
    gross: row.gross,
    discount: row.discount,
    total: row.total,
    refunded: row.refunded,
    currency: row.currency,
    status: orderStatus(row),
  };
}

/** The report's page; the sales journal (journal-service.ts) adds its search. */
export async function listOrders(
  ctx: ServerContext,
  principal: Principal,
  q: OrderQuery & { search?: repo.OrderSearch | undefined },
): Promise<OrderPage> {
  const { limit, cursor, ...filter } = q;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const keys = await repo.orderKeys(ctx.db, principal.orgId, filter, limit + 1, after);
  const page = keys.slice(0, limit);
  const rows = await repo.orderRows(
    ctx.db,
    principal.orgId,
    page.map((k) => k.id),
  );
  const last = page.at(-1);
  return {
    rows: rows.map(toOrderRow),
    nextCursor: keys.length > limit && last ? writeCursor(last) : null,
    limit,
  };
}

export const ORDER_CSV_HEADER = [
  'order id',
  'source',
  'receipt',
  'at',
  'terminal',
  'cashier',
  'buyer',
  'code',
  'overuse',
  'gross',
  'discount',
  'total',
  'refunded',
  'currency',
  'status',
] as const;

/** Every matching order, walked page by page on the same keyset as the list. */
export async function ordersCsv(
  ctx: ServerContext,
  principal: Principal,
  filter: OrderFilter,
): Promise<string> {
  const rows: OrderRow[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await listOrders(ctx, principal, { ...filter, limit: 1000, cursor });
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return toCsv(
    ORDER_CSV_HEADER,
    rows.map((r) => [
      r.orderId,
      r.source,
      r.receiptNo,
      r.at,
      r.terminalName,
      r.cashierName,
      r.buyer,
      r.code,
      r.overuse ? 'yes' : 'no',
      r.gross,
      r.discount,
      r.total,
      r.refunded,
      r.currency,
      r.status,
    ]),
  );
}

export async function getOrder(ctx: ServerContext, principal: Principal, id: string): Promise<OrderDetail> {
  const [row] = await repo.orderRows(ctx.db, principal.orgId, [id]);
  if (!row)
    reject(
      'NOT_FOUND',
      'No order with this id in your organisation: check the id, or search the orders list.',
    );
  return orderDetail(ctx, principal, toOrderRow(row));
}
