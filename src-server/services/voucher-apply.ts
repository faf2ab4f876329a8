import { v7 as uuid } from 'uuid';
import { counterKey, parseCounterKey, type Mutation } from '../../shared/sync/protocol';
import type { RefundPayload, SalePayload } from '../../shared/sync/payloads';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import type { TerminalSyncRow } from '../db/repos/terminal-repo';
import { MAX_VOUCHERS_PER_SALE } from '../../shared/vouchers/rules';
import { isStorableInstant } from '../db/instant';
import * as escrow from '../db/repos/escrow-repo';
import { insertReviewItem } from '../db/repos/review-item-repo';
import {
  insertVouchers,
  voucherCurrencies,
  voucherIdsTaken,
  type NewVoucher,
} from '../db/repos/voucher-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';

// docs/CASH.md "Gift vouchers", "On the server": the vouchers a pushed sale issued, and the review items
// its voucher payments may raise. Runs inside applySale's savepoint: a reject() quarantines the sale.

export const isVoucherCounter = (counter: string): boolean =>
  parseCounterKey(counter)?.kind === 'voucher_balance';

/**
 * docs/CASH.md decision 1, checked on what a terminal pushed: a voucher line is money, not merchandise,
 * so it carries VAT 0 and no code discount, custom discount or comp, on the line or on any of its units;
 * and a voucher pays only in its own currency. Unknown vouchers are left to the review (reviewVoucher).
 */
export async function checkVoucherMoney(scope: MutationScope, p: SalePayload): Promise<void> {
  const { sale } = p;
  const voucherLines = new Set<string>();
  for (const l of p.lines) {
    if (l.kind !== 'voucher') continue;
    voucherLines.add(l.id);
    const what = `Voucher line ${l.lineNo} (${l.id}) of sale ${sale.id}`;
    // Every terminal that sells vouchers pushes the line's VAT rate: one left out is no 0 either.
    if (l.vatRate !== 0) {
      reject(
        'INVALID_PAYLOAD',
        `${what} carries VAT rate ${l.vatRate ?? 'none'}: a gift voucher carries none, its VAT is due on what it buys.`,
      );
    }
    const discounted = (x: { codeDiscount: number; customDiscount: number; comp: number }) =>
      x.codeDiscount !== 0 || x.customDiscount !== 0 || x.comp !== 0;
    const unit = p.units.find((u) => u.lineId === l.id && discounted(u));
    if (discounted(l) || unit) {
      const d = unit ?? l;
      reject(
        'INVALID_PAYLOAD',
        `${what} is discounted (code ${d.codeDiscount}, custom ${d.customDiscount}, comp ${d.comp} minor ` +
          'units): a gift voucher is money and is sold at its full amount, never discounted or comped.',
      );
    }
  }
  const paying = p.payments.filter((x) => x.tender === 'voucher' && x.voucherId);
  if (paying.length === 0) return;
  const currencies = await scope.run((tx) =>
    voucherCurrencies(tx, scope.terminal.orgId, [...new Set(paying.map((x) => x.voucherId ?? ''))]),
  );
  for (const x of paying) {
    const currency = currencies.get((x.voucherId ?? '').toLowerCase());
    if (currency !== undefined && currency !== sale.currency) {
      reject(
        'INVALID_PAYLOAD',
        `Voucher payment ${x.id} of sale ${sale.id} spends gift voucher ${x.voucherId} in ${sale.currency}, ` +
          `but the voucher is in ${currency}: a voucher pays only in its own currency.`,
      );
    }
  }
}

/**
 * The sale's vouchers, each checked against the sale (a unit of one of its voucher lines, charged the
 * voucher's amount in the sale's currency, issued once), stored with a balance counter whose limit is
 * the face value, all unallocated.
 */
export async function issueVouchers(scope: MutationScope, p: SalePayload): Promise<void> {
  if (p.vouchers.length === 0) return;
  const { sale } = p;
  const { terminal } = scope;
  if (p.vouchers.length > MAX_VOUCHERS_PER_SALE) {
    reject(
      'INVALID_PAYLOAD',
      `Sale ${sale.id} issues ${p.vouchers.length} vouchers, more than ${MAX_VOUCHERS_PER_SALE}.`,
    );
  }
  const lineById = new Map(p.lines.map((l) => [l.id, l]));
  const unitByKey = new Map(p.units.map((u) => [`${u.lineId}:${u.unitIndex}`, u]));
  const seen = new Set<string>();
  const rows: NewVoucher[] = p.vouchers.map((v) => {
    const key = `${v.lineId}:${v.unitIndex}`;
    const what = `Voucher ${v.id} of sale ${sale.id}`;
    if (v.saleId !== sale.id) reject('INVALID_PAYLOAD', `${what} names sale ${v.saleId}.`);
    const unit = unitByKey.get(key);
    if (lineById.get(v.lineId)?.kind !== 'voucher' || !unit) {
      reject('INVALID_PAYLOAD', `${what} names no sold unit of a voucher line (${key}).`);
    }
    if (unit.total !== v.amount) {
      reject('INVALID_PAYLOAD', `${what} is worth ${v.amount} but its unit was charged ${unit.total}.`);
    }
    if (v.currency !== sale.currency) {
      reject('INVALID_PAYLOAD', `${what} is in ${v.currency}, the sale in ${sale.currency}.`);
    }
    if (!isStorableInstant(v.issuedAt) || !isStorableInstant(v.expiresAt) || v.expiresAt <= v.issuedAt) {
      reject('INVALID_PAYLOAD', `${what} has an issue time or expiry the server cannot store.`);
    }
    if (seen.has(key) || seen.has(v.id.toLowerCase())) {
      reject('INVALID_PAYLOAD', `${what} is a second voucher for unit ${key} or listed twice.`);
    }
    seen.add(key);
    seen.add(v.id.toLowerCase());
    return { ...v, orgId: terminal.orgId, terminalId: terminal.id };
  });
  await scope.run(async (tx) => {
    const taken = await voucherIdsTaken(
      tx,
      rows.map((r) => r.id),
    );
    if (taken.size > 0) {
      reject(
        'DUPLICATE_VOUCHER',
        `A voucher of sale ${sale.id} reached the server already with another sale.`,
      );
    }
    await insertVouchers(tx, rows);
    for (const v of rows) {
      await escrow.ensureCounter(tx, {
        orgId: terminal.orgId,
        counter: counterKey({ kind: 'voucher_balance', id: v.id }),
        limit: v.amount,
        used: 0,
      });
    }
  });
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

/** What the sale paid by voucher without naming one: no balance can be counted for it. */
export function unnamedVoucherPayments(p: SalePayload): number {
  return p.payments
    .filter((x) => x.tender === 'voucher' && !x.voucherId && x.amount > 0)
    .reduce((n, x) => n + x.amount, 0);
}

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
