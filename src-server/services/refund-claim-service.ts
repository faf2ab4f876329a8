import { REFUND_CLAIM_MINUTES, type RefundClaim, type RefundClaimRequest } from '../../shared/sync/protocol';
import { salePayloadSchema } from '../../shared/sync/payloads';
import type { RefundableOrder } from '../../shared/sync/refundable-order';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as ledger from '../db/repos/pos-ledger-repo';
import * as claims from '../db/repos/refund-claim-repo';
import { reject } from '../errors';

// POST /v1/refund-claims (docs/ORDERS.md "Refunds at another window"): a terminal about to refund
// another terminal's sale claims the units first. The claim refuses every other terminal's refund of
// them until it lapses or the claiming terminal's refund arrives (refund-apply.ts), so the money a
// cashier pays out once the claim is granted is never paid out twice.

export const UNKNOWN_SALE_SENTENCE =
  'This sale is not on the server yet. If it was sold at another window that has not synced it, refund it there, or try again once that window is online.';

export async function claimRefund(
  ctx: ServerContext,
  principal: Principal,
  request: RefundClaimRequest,
): Promise<RefundClaim> {
  if (principal.kind !== 'terminal' || principal.terminalId !== request.terminalId) {
    reject('FORBIDDEN', 'A terminal claims units only for itself: send its own device token.');
  }
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + REFUND_CLAIM_MINUTES * 60_000).toISOString();
  return ctx.db.transaction(async (tx) => {
    const sale = await ledger.lockSale(tx, principal.orgId, request.saleId);
    if (!sale) reject('UNKNOWN_SALE', UNKNOWN_SALE_SENTENCE);
    if (sale.status === 'voided')
      reject('ALREADY_VOIDED', 'This sale was voided already: nothing is left to refund.');
    const units = new Set(
      salePayloadSchema.parse(sale.payload).units.map((u) => `${u.lineId}:${u.unitIndex}`),
    );
    const refunded = await ledger.refundedUnits(tx, sale.id);
    for (const unit of request.units) {
      const key = `${unit.lineId}:${unit.unitIndex}`;
      if (!units.has(key))
        reject(
          'UNIT_NOT_REFUNDABLE',
          'This sale has no such item: open the sale again and pick from its items.',
        );
      if (refunded.has(key)) {
        reject(
          'UNIT_NOT_REFUNDABLE',
          'An item picked was given back already: open the sale again to see what is left.',
        );
      }
    }
    const held = await claims.claimUnits(tx, {
      orgId: principal.orgId,
      saleId: sale.id,
      claimId: request.claimId,
      terminalId: principal.terminalId,
      units: request.units,
      now: now.toISOString(),
      expiresAt,
    });
    if (held !== request.units.length) {
      reject(
        'UNIT_CLAIMED',
        `Another window is refunding an item of this sale right now. Try again in ${REFUND_CLAIM_MINUTES} minutes, or ask there.`,
      );
    }
    return { claimId: request.claimId, saleId: sale.id, expiresAt };
  });
}

/**
 * A line's name and VAT rate as the terminal sent them: the pushed schema strips both (the server reads
 * neither), the stored payload keeps them for the refund receipt another terminal prints.
 */
function receiptFactsOf(payload: unknown): Map<string, { name: string; vatRate: number }> {
  const lines = (payload as { lines?: unknown } | null)?.lines;
  const facts = new Map<string, { name: string; vatRate: number }>();
  if (!Array.isArray(lines)) return facts;
  for (const line of lines as { id?: unknown; name?: unknown; vatRate?: unknown }[]) {
    if (typeof line.id !== 'string') continue;
    facts.set(line.id, {
      name: typeof line.name === 'string' ? line.name.slice(0, 500) : '',
      vatRate:
        Number.isSafeInteger(line.vatRate) && (line.vatRate as number) >= 0 ? (line.vatRate as number) : 0,
    });
  }
  return facts;
}

/** GET /v1/sync/orders/:id: another terminal's sale as this terminal refunds it. */
export async function refundableOrder(
  ctx: ServerContext,
  principal: Principal,
  saleId: string,
): Promise<RefundableOrder> {
  if (principal.kind !== 'terminal') reject('FORBIDDEN', 'Only a terminal refunds a sale at the window.');
  const sale = await ledger.getSale(ctx.db, principal.orgId, saleId);
  if (!sale) reject('UNKNOWN_SALE', UNKNOWN_SALE_SENTENCE);
  const record = salePayloadSchema.parse(sale.payload);
  const facts = receiptFactsOf(sale.payload);
  const lines = new Map(record.lines.map((l) => [l.id, l]));
  const refunded = await ledger.refundedUnits(ctx.db, sale.id);
  return {
    saleId: sale.id,
    terminalId: sale.terminalId,
    terminalName: sale.terminalName,
    receiptNo: sale.receiptNo,
    currency: sale.currency,
    status: sale.status,
    createdAt: sale.createdAt,
    units: record.units.map((u) => {
      const line = lines.get(u.lineId);
      return {
        lineId: u.lineId,
        unitIndex: u.unitIndex,
        name: facts.get(u.lineId)?.name || (line?.itemId ?? u.lineId),
        kind: line?.kind ?? 'merch',
        vatRate: Math.min(facts.get(u.lineId)?.vatRate ?? 0, 100_000),
        performanceId: line?.performanceId ?? null,
        total: u.total,
        refunded: refunded.has(`${u.lineId}:${u.unitIndex}`),
      };
    }),
    payments: [
      ...record.payments.map((p) => ({ tender: p.tender, amount: p.amount })),
      ...(await ledger.refundPayments(ctx.db, sale.id)),
    ],
    codeId: record.sale.codeId,
    redemption: record.redemption && {
      itemUses: record.redemption.itemUses,
      discount: record.redemption.discount,
    },
    scopes: record.scopes,
    customer: record.sale.customer,
  };
}
