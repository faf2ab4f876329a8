import type { SaleRecord } from '../../../shared/ipc/domains/sales';
import { dateTime, type DocumentContext } from './documents';
import type { Markup } from './markup';
import { paperWord } from './print-messages';

// docs/CASH.md "Selling one": the receipt carries each voucher the sale issued, its code as a QR code
// with its amount and expiry, so the customer holds the voucher on the receipt itself.

/** As big as a ticket's code (ticket-documents.ts): 164 characters of base45 must scan at the window. */
const QR_CELL = { 80: 8, 58: 6 } as const;

/** "Voucher …1a2b": the last four of the voucher's id, enough for staff to tell two apart. */
export function voucherTenderLabel(word: string, voucherId: string | null): string {
  return voucherId ? `${word} …${voucherId.slice(-4)}` : word;
}

export function printVouchers(
  doc: Markup,
  record: Pick<SaleRecord, 'vouchers'>,
  ctx: DocumentContext,
  money: (amount: number) => string,
): void {
  const w = (key: Parameters<typeof paperWord>[1]) => paperWord(ctx.language, key);
  for (const voucher of record.vouchers ?? []) {
    doc.rule();
    doc.center(w('giftVoucher'), { size: 'wide', bold: true });
    doc.row(voucher.currency, money(voucher.amount), { bold: true });
    doc.fact(w('validUntil'), dateTime(voucher.expiresAt, ctx));
    // A training sale's voucher has no code: nothing must look spendable (docs/CASH.md "Training mode").
    if (voucher.secret) doc.qr(voucher.secret, QR_CELL[ctx.paperWidth]);
    else doc.center(w('voucherNotValid'), { size: 'big', invert: true });
    doc.text(`${w('voucherId')} ${voucher.id}`);
  }
}
