import type {
  OrderDetail,
  OrderFilter,
  OrderPage,
  OrderQuery,
  OrderRow,
  OrderStatus,
} from '../../shared/reports/orders';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/order-report-repo';
import { reject } from '../errors';
import { toCsv } from './csv';
import { orderDetail } from './order-detail';

// The orders report (docs/REPORTS.md "Orders"): keyset pages newest first, each row with its currency.

/** The cursor is the last row's key, opaque to the caller. */
function encodeCursor(key: repo.OrderKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): repo.OrderKey {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id)) {
      return { at, id };
    }
  } catch {
    // falls through to the refusal
  }
  return reject(
    'VALIDATION_FAILED',
    'The cursor is not one this report gave out: start again from the first page (leave cursor out).',
  );
}

/** The buyer in a few words: the name and email picked at the till, or as an online order recorded them. */
export function buyerOf(row: Pick<repo.OrderDbRow, 'customer' | 'customerId' | 'buyerText'>): string | null {
  if (row.customer) {
    try {
      const c = JSON.parse(row.customer) as { name?: unknown; email?: unknown };
      const parts = [c.name, c.email].filter((p): p is string => typeof p === 'string' && p !== '');
      if (parts.length > 0) return parts.join(' ');
    } catch {
      // a customer the terminal stored in another shape: its id still names them
    }
  }
  return row.buyerText ?? row.customerId ?? null;
}

function statusOf(row: repo.OrderDbRow): OrderStatus {
  if (row.saleStatus === 'voided' || (row.source === 'online' && row.releasedAt)) return 'voided';
  if (row.refundedUnits === 0) return 'completed';
  return row.units !== null && row.refundedUnits >= row.units ? 'refunded' : 'partly_refunded';
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
    status: statusOf(row),
  };
}

export async function listOrders(
  ctx: ServerContext,
  principal: Principal,
  q: OrderQuery,
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
    nextCursor: keys.length > limit && last ? encodeCursor(last) : null,
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
