import type { BasketLine, PricedBasket } from '../../../shared/discounts/types';

// docs/CASH.md "Gift vouchers", decision 1: a voucher is money, not merchandise. Its lines never reach
// the discount engine (no code, custom discount or comp touches them, and they count towards no
// minimum spend); they join the priced basket afterwards at full price with VAT 0, so the cart's and
// the sale's totals still add up.

/** A cart line: what the engine prices, or a gift voucher priced beside it. */
export type SellableKind = BasketLine['kind'] | 'voucher';

export const isVoucherLine = (line: { kind: SellableKind }): boolean => line.kind === 'voucher';

/** The lines the engine may see: every line but the vouchers. */
export function engineLines<L extends { kind: SellableKind }>(
  lines: readonly L[],
): (L & { kind: BasketLine['kind'] })[] {
  return lines.filter((l): l is L & { kind: BasketLine['kind'] } => l.kind !== 'voucher');
}

/** The engine's answer with the voucher lines added at full price: no discount, VAT 0. */
export function withVoucherLines(
  priced: PricedBasket,
  lines: readonly { id: string; kind: SellableKind; unitPrice: number; qty: number }[],
): PricedBasket {
  const vouchers = lines.filter(isVoucherLine);
  if (vouchers.length === 0) return priced;
  const added = vouchers.map((l) => ({
    lineId: l.id,
    gross: l.unitPrice * l.qty,
    codeDiscount: 0,
    customDiscount: 0,
    total: l.unitPrice * l.qty,
  }));
  const sum = added.reduce((n, l) => n + l.total, 0);
  const zero = priced.vat.find((v) => v.rate === 0);
  const vat = zero
    ? priced.vat.map((v) => (v === zero ? { ...v, gross: v.gross + sum, net: v.net + sum } : v))
    : [...priced.vat, { rate: 0, gross: sum, net: sum, vat: 0 }];
  return {
    ...priced,
    gross: priced.gross + sum,
    total: priced.total + sum,
    lines: [...priced.lines, ...added],
    vat,
  };
}
