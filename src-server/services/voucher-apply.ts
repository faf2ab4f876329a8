import { counterKey, parseCounterKey } from '../../shared/sync/protocol';
import type { RefundPayload, SalePayload } from '../../shared/sync/payloads';
import type { Queryable } from '../db/database';
import type { VoucherRow } from '../../shared/sync/sale-record';
import { MAX_VOUCHERS_PER_SALE } from '../../shared/vouchers/rules';
import { isStorableInstant } from '../db/instant';
import * as escrow from '../db/repos/escrow-repo';
import {
  insertVouchers,
  voucherCurrencies,
  voucherIdsTaken,
  type NewVoucher,
} from '../db/repos/voucher-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';

// docs/CASH.md "Gift vouchers", "On the server": the vouchers a pushed sale issued, the credit vouchers a
// pushed refund paid out onto, and the checks on what a pushed sale says of vouchers (their review
// items are voucher-review.ts). Runs inside the sale's or the refund's savepoint: a reject() quarantines
// it.

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
 * What every issued voucher must be, sold or credit: of its sale, in the sale's currency, with an issue
 * time and expiry the server can store, and listed once (`seen` holds the ids checked so far).
 */
function checkVoucher(
  v: VoucherRow,
  what: string,
  sale: { id: string; currency: string },
  seen: Set<string>,
): void {
  if (v.saleId !== sale.id) reject('INVALID_PAYLOAD', `${what} names sale ${v.saleId}.`);
  if (v.currency !== sale.currency) {
    reject('INVALID_PAYLOAD', `${what} is in ${v.currency}, the sale in ${sale.currency}.`);
  }
  if (!isStorableInstant(v.issuedAt) || !isStorableInstant(v.expiresAt) || v.expiresAt <= v.issuedAt) {
    reject('INVALID_PAYLOAD', `${what} has an issue time or expiry the server cannot store.`);
  }
  if (seen.has(v.id.toLowerCase())) reject('INVALID_PAYLOAD', `${what} is listed twice.`);
  seen.add(v.id.toLowerCase());
}

/**
 * Stores checked vouchers, each with a balance counter whose limit is its face value, all unallocated.
 * An id the server holds already is DUPLICATE_VOUCHER: a voucher is issued once.
 */
async function storeVouchers(
  tx: Queryable,
  terminal: { orgId: string; id: string },
  vouchers: readonly VoucherRow[],
  by: string,
): Promise<void> {
  const rows: NewVoucher[] = vouchers.map((v) => ({ ...v, orgId: terminal.orgId, terminalId: terminal.id }));
  const taken = await voucherIdsTaken(
    tx,
    rows.map((r) => r.id),
  );
  if (taken.size > 0) reject('DUPLICATE_VOUCHER', `A voucher of ${by} reached the server already.`);
  await insertVouchers(tx, rows);
  for (const v of rows) {
    await escrow.ensureCounter(tx, {
      orgId: terminal.orgId,
      counter: counterKey({ kind: 'voucher_balance', id: v.id }),
      limit: v.amount,
      used: 0,
    });
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
  if (p.vouchers.length > MAX_VOUCHERS_PER_SALE) {
    reject(
      'INVALID_PAYLOAD',
      `Sale ${sale.id} issues ${p.vouchers.length} vouchers, more than ${MAX_VOUCHERS_PER_SALE}.`,
    );
  }
  const lineById = new Map(p.lines.map((l) => [l.id, l]));
  const unitByKey = new Map(p.units.map((u) => [`${u.lineId}:${u.unitIndex}`, u]));
  const seen = new Set<string>();
  for (const v of p.vouchers) {
    const key = `${v.lineId}:${v.unitIndex}`;
    const what = `Voucher ${v.id} of sale ${sale.id}`;
    // A sale issues sold vouchers only: a credit voucher is a refund's (issueCreditVouchers).
    const unit = v.lineId === null ? undefined : unitByKey.get(key);
    if (!unit || lineById.get(unit.lineId)?.kind !== 'voucher') {
      reject('INVALID_PAYLOAD', `${what} names no sold unit of a voucher line (${key}).`);
    }
    if (unit.total !== v.amount) {
      reject('INVALID_PAYLOAD', `${what} is worth ${v.amount} but its unit was charged ${unit.total}.`);
    }
    if (seen.has(key)) reject('INVALID_PAYLOAD', `${what} is a second voucher for unit ${key}.`);
    seen.add(key);
    checkVoucher(v, what, sale, seen);
  }
  await scope.run((tx) => storeVouchers(tx, scope.terminal, p.vouchers, `sale ${sale.id}`));
}

/**
 * The credit vouchers a refund paid out onto (docs/CASH.md "Refunds onto a voucher"), each checked
 * against the refund (it names this refund, in the sale's currency, worth exactly what the refund's one
 * voucher payment naming it paid out, issued once) and stored as a sold voucher is. Runs in the refund's
 * savepoint, after its refund row. Returns their ids: their payments are no give-back onto a voucher.
 */
export async function issueCreditVouchers(
  tx: Queryable,
  terminal: { orgId: string; id: string },
  p: RefundPayload,
  sale: { id: string; currency: string },
): Promise<Set<string>> {
  const ids = new Set<string>();
  if (p.vouchers.length === 0) return ids;
  const { refund } = p;
  const seen = new Set<string>();
  for (const v of p.vouchers) {
    const what = `Credit voucher ${v.id} of ${refund.kind} ${refund.id}`;
    if (v.refundId !== refund.id) {
      reject('INVALID_PAYLOAD', `${what} names ${v.refundId ? `refund ${v.refundId}` : 'a sold unit'}.`);
    }
    checkVoucher(v, what, sale, seen);
    const naming = p.payments.filter((x) => x.voucherId?.toLowerCase() === v.id.toLowerCase());
    const paid = naming.length === 1 && naming[0]?.tender === 'voucher' ? -naming[0].amount : null;
    if (paid !== v.amount) {
      reject(
        'INVALID_PAYLOAD',
        `${what} is worth ${v.amount} but the ${refund.kind}'s voucher payment naming it paid out ${paid ?? 'nothing (or more than one payment names it)'}.`,
      );
    }
    ids.add(v.id.toLowerCase());
  }
  await storeVouchers(tx, terminal, p.vouchers, `${refund.kind} ${refund.id}`);
  return ids;
}

/** What the sale paid by voucher without naming one: no balance can be counted for it. */
export function unnamedVoucherPayments(p: SalePayload): number {
  return p.payments
    .filter((x) => x.tender === 'voucher' && !x.voucherId && x.amount > 0)
    .reduce((n, x) => n + x.amount, 0);
}
