import { z } from 'zod';
import { text } from '../../shared/text';
import { approvalDetail, lineDetail, type OrderDetail, type OrderRow } from '../../shared/reports/orders';
import { refundPayloadSchema, salePayloadSchema } from '../../shared/sync/payloads';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/order-report-repo';

// One order's drill-down (GET /v1/reports/orders/:id): a pushed sale's lines, payments, approvals and
// refunds from its stored record, and the code use from the redemption ledger. The server parsed the
// record when it applied it; the fields only the terminal checks (a line's name, ticket type and price
// band) are read leniently, so an older terminal's sale shows with those left empty.

const terminalLineExtras = z.object({
  lines: z.array(
    z.object({
      id: text(),
      name: text().optional().catch(undefined),
      ticketTypeId: text().nullable().optional().catch(null),
      priceBandId: text().nullable().optional().catch(null),
    }),
  ),
  sale: z.object({
    customReason: text().nullable().optional().catch(null),
    customNote: text().nullable().optional().catch(null),
  }),
});

export async function orderDetail(
  ctx: ServerContext,
  principal: Principal,
  order: OrderRow,
): Promise<OrderDetail> {
  const { orgId } = principal;
  const redemptions = await repo.orderRedemptions(ctx.db, orgId, order.orderId);
  const empty = {
    order,
    customDiscountReason: null,
    customDiscountNote: null,
    lines: [],
    payments: [],
    refunds: [],
    approvals: [],
  };
  const ledger = order.source === 'pos' ? await repo.saleLedger(ctx.db, orgId, order.orderId) : undefined;
  const parsed = ledger ? salePayloadSchema.safeParse(ledger.payload) : undefined;
  if (!ledger || !parsed?.success) return { ...empty, redemptions };
  const sale = parsed.data;
  const extras = terminalLineExtras.safeParse(ledger.payload);
  const extraOf = new Map(extras.success ? extras.data.lines.map((l) => [l.id, l]) : []);

  const refunds = ledger.refunds.map((r) => {
    const p = refundPayloadSchema.safeParse(r.payload);
    return { row: r, payload: p.success ? p.data : undefined };
  });
  const refundedPerLine = new Map<string, number>();
  for (const r of refunds) {
    for (const u of r.payload?.units ?? [])
      refundedPerLine.set(u.lineId, (refundedPerLine.get(u.lineId) ?? 0) + 1);
  }
  const lines = sale.lines.map((l) => lineDetail(l, extraOf.get(l.id), refundedPerLine.get(l.id) ?? 0));

  const payments = [...sale.payments, ...refunds.flatMap((r) => r.payload?.payments ?? [])].map((p) => ({
    id: p.id,
    tender: p.tender,
    amount: p.amount,
    refundId: p.refundId,
    at: p.createdAt,
  }));
  const names = await repo.staffNames(
    ctx.db,
    orgId,
    sale.approvals.map((a) => a.approverId),
  );
  return {
    order,
    customDiscountReason: extras.success ? (extras.data.sale.customReason ?? null) : null,
    customDiscountNote: extras.success ? (extras.data.sale.customNote ?? null) : null,
    lines,
    payments,
    redemptions,
    refunds: refunds.map(({ row, payload }) => ({
      refundId: row.id,
      kind: row.kind,
      staffId: row.staffId,
      staffName: row.staffName,
      terminalId: row.terminalId,
      terminalName: row.terminalName,
      reason: payload?.refund.reason ?? null,
      note: payload?.refund.note ?? null,
      amount: row.amount,
      units: payload?.units.length ?? 0,
      at: row.createdAt,
    })),
    approvals: sale.approvals.map((a) => approvalDetail(a, names)),
  };
}
