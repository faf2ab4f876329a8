import { v7 as uuid } from 'uuid';
import { counterKey, parseCounterKey, type Mutation } from '../../shared/sync/protocol';
import type { RefundPayload, SalePayload } from '../../shared/sync/payloads';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { insertReviewItem } from '../db/repos/review-item-repo';
import type { TerminalSyncRow } from '../db/repos/terminal-repo';
import type { MutationScope } from './mutation-scope';

// docs/CASH.md "Gift vouchers", "On the server": what goes to a manager's review when a voucher's money
// did not add up at the window. The sale or refund is kept either way: the money moved at the window.

/**
 * A voucher payment the balance could not cover (voucher_overspent: the excess beyond the leases the sale
 * names and the pool; the balance stays at 0) or whose voucher is unknown (voucher_unknown). The sale is
 * kept either way: the money was taken at the window.
 */
export async function reviewVoucher(
  scope: MutationScope,
  mutation: Mutation,
  sale: SalePayload['sale'],
  kind: 'voucher_overspent' | 'voucher_unknown',
  e: { counter: string | null; units: number },
): Promise<void> {
  const { terminal } = scope;
  const voucherId = e.counter ? (parseCounterKey(e.counter)?.id ?? e.counter) : null;
  const amount = `${e.units} minor units of ${sale.currency}`;
  const summary =
    kind === 'voucher_overspent'
      ? `Sale ${sale.receiptNo} at this terminal spent ${amount} beyond what gift voucher ${voucherId} had ` +
        'left (no lease covered it and the balance was used up). Its balance stays at 0. Accept it as a ' +
        'loss, or flag it to follow up with the terminal.'
      : voucherId
        ? `Sale ${sale.receiptNo} at this terminal took ${amount} with gift voucher ${voucherId}, which this ` +
          'organisation does not know. The sale is kept; check the voucher and accept or flag it.'
        : `Sale ${sale.receiptNo} at this terminal took ${amount} by voucher without naming the voucher. ` +
          'The sale is kept; check it and accept or flag it.';
  await scope.run((tx) =>
    insertReviewItem(tx, {
      id: uuid(),
      orgId: terminal.orgId,
      kind,
      terminalId: terminal.id,
      mutationId: mutation.mutationId,
      redemptionId: null,
      counter: e.counter,
      units: e.units,
      summary,
      payload: { saleId: sale.id, voucherId, units: e.units },
      createdAt: scope.ctx.now().toISOString(),
    }),
  );
}

/**
 * docs/CASH.md "Refunding a sold voucher": the window takes a voucher back only while it holds its whole
 * value, so one voided here with less than its face value left was spent before the refund (a push in
 * flight, or a window that broke the rule). The refund stands, the money went back at the window: each
 * goes to review as voucher_refunded_spent.
 */
export async function reviewSpentVouchersTakenBack(
  tx: Queryable,
  at: {
    ctx: ServerContext;
    terminal: TerminalSyncRow;
    mutation: Mutation;
    refund: RefundPayload['refund'];
    currency: string;
  },
  voided: readonly { id: string; amount: number; balance: number }[],
): Promise<void> {
  const { terminal, refund, currency } = at;
  for (const v of voided) {
    if (v.balance >= v.amount) continue;
    const spent = v.amount - v.balance;
    await insertReviewItem(tx, {
      id: uuid(),
      orgId: terminal.orgId,
      kind: 'voucher_refunded_spent',
      terminalId: terminal.id,
      mutationId: at.mutation.mutationId,
      counter: counterKey({ kind: 'voucher_balance', id: v.id }),
      units: spent,
      summary:
        `${refund.kind === 'void' ? 'Void' : 'Refund'} ${refund.refundNo} at this terminal took back gift voucher ${v.id} ` +
        `for its face value of ${v.amount} minor units of ${currency}, but ${spent} of it had been spent. ` +
        'The voucher is void now. Accept it as a loss, or flag it to follow up with the terminal.',
      payload: { saleId: refund.saleId, refundId: refund.id, voucherId: v.id, spent },
      createdAt: at.ctx.now().toISOString(),
    });
  }
}
