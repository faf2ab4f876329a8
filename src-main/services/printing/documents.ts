import { reasonWithNote } from '../../../shared/cash/reasons';
import { formatMinor, mulDivRoundHalfUp } from '../../../shared/money';
import { printedDateTime } from '../../../shared/printed-date';
import type { PaperWidth } from '../../../shared/ipc/domains/printing';
import type { PaymentRow, RefundRow, SaleLineRow, SaleRecord } from '../../../shared/ipc/domains/sales';
import type { Language } from '../../../shared/ipc/types';
import { Markup, paperFor } from './markup';
import { paperWord, type PaperWord } from './print-messages';
import { printVouchers, voucherTenderLabel } from './voucher-documents';

// Builders of the printed documents: a SaleRecord or a refund in (the Z report is in z-report.ts), ReceiptLine markup out.
// Pure functions of their input, so the same document prints on paper and shows as the on-screen preview.

export interface DocumentContext {
  language: Language;
  paperWidth: PaperWidth;
  /** The venue, with the lines its organisation prints under the venue's name (legal name, VAT id …). */
  venue: { name: string; timezone: string; receiptHeader?: readonly string[] } | null;
  terminalId: string;
  /** Staff names by id, for cashier and approver lines. */
  staffName: (staffId: string) => string;
  /** A reprint: DUPLICATE is printed at the top and the bottom. */
  duplicate?: boolean;
  /** Of a training sale (docs/CASH.md "Training mode"): TRAINING, and why, at the top and the bottom. */
  training?: boolean;
  copy?: { n: number; of: number };
}

export type Amounts = { currency: string; language: Language };

export const money = (m: Amounts, amount: number) => formatMinor(amount, m.currency, m.language);
/** A signed adjustment (a cash rounding): "+0.02" or "-0.02". */
export const signed = (m: Amounts, amount: number) => (amount > 0 ? '+' : '') + money(m, amount);
export const minus = (m: Amounts, amount: number) =>
  amount === 0 ? money(m, 0) : `-${money(m, Math.abs(amount))}`;

/** 700 basis points → "7%", 550 → "5.5%" / "5,5%". */
export function percent(bp: number, language: Language): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return `${whole}%`;
  const fraction = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${whole}${language === 'de' ? ',' : '.'}${fraction}%`;
}

/** A date on a document, in its venue's time zone (shared/printed-date.ts, the format tickets use too). */
export function dateTime(iso: string, ctx: DocumentContext): string {
  return printedDateTime(iso, ctx.venue?.timezone ?? 'UTC', ctx.language);
}

/** The VAT contained in gross amounts at each rate, rounded half-up once per rate. */
export function vatByRate(
  parts: readonly { vatRate: number; gross: number }[],
): { rate: number; gross: number; vat: number; net: number }[] {
  const byRate = new Map<number, number>();
  for (const part of parts) byRate.set(part.vatRate, (byRate.get(part.vatRate) ?? 0) + part.gross);
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rate, gross]) => {
      const vat = mulDivRoundHalfUp(gross, rate, 10_000 + rate);
      return { rate, gross, vat, net: gross - vat };
    });
}

/** VAT letters (A, B, …) by ascending rate, printed beside each line and in the VAT table. */
function vatLetters(lines: readonly Pick<SaleLineRow, 'vatRate'>[]): Map<number, string> {
  const rates = [...new Set(lines.map((l) => l.vatRate))].sort((a, b) => a - b);
  return new Map(rates.map((rate, i) => [rate, String.fromCharCode(65 + i)]));
}

/** The TRAINING mark: big and inverted, so nobody takes the paper for a real receipt or ticket. */
export function trainingMark(doc: Markup, language: DocumentContext['language']): void {
  doc.center(paperWord(language, 'training'), { size: 'big', invert: true });
  doc.center(paperWord(language, 'trainingWhy'));
}

export function header(doc: Markup, ctx: DocumentContext, title: string): void {
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  if (ctx.training) trainingMark(doc, ctx.language);
  if (ctx.duplicate) doc.center(w('duplicate'), { size: 'big', invert: true });
  if (ctx.venue) {
    doc.center(ctx.venue.name, { size: 'wide', bold: true });
    for (const line of ctx.venue.receiptHeader ?? []) doc.center(line);
  }
  doc.center(title, { bold: true });
  if (ctx.copy && ctx.copy.of > 1)
    doc.center(paperWord(ctx.language, 'copy', { n: ctx.copy.n, of: ctx.copy.of }));
  doc.rule();
}

export function footer(doc: Markup, ctx: DocumentContext, orderId: string | null): void {
  if (orderId) {
    doc.blank();
    doc.qr(orderId);
    doc.center(`${paperWord(ctx.language, 'orderRef')} ${orderId}`);
  }
  if (ctx.duplicate) {
    doc.blank();
    doc.center(paperWord(ctx.language, 'duplicate'), { size: 'big', invert: true });
  }
  if (ctx.training) {
    doc.blank();
    trainingMark(doc, ctx.language);
  }
}

function vatTable(
  doc: Markup,
  ctx: DocumentContext,
  m: Amounts,
  parts: { vatRate: number; gross: number }[],
  letters: Map<number, string>,
  sign: 1 | -1,
): void {
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const show = (amount: number) => (sign < 0 ? minus(m, amount) : money(m, amount));
  doc.row3(w('vatRate'), w('net'), w('vat'));
  for (const v of vatByRate(parts)) {
    doc.row3(`${letters.get(v.rate) ?? ''} ${percent(v.rate, ctx.language)}`, show(v.net), show(v.vat));
  }
}

/** A comp's reason as printed: the listed reason, and its note when there is one. */

/** The customer's receipt for a completed sale. */
export function saleReceipt(record: SaleRecord, ctx: DocumentContext): string {
  const { sale } = record;
  const doc = new Markup(paperFor(ctx.paperWidth));
  const m: Amounts = { currency: sale.currency, language: ctx.language };
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const letters = vatLetters(record.lines);

  header(doc, ctx, w('receipt'));
  doc.fact(w('receiptNo'), String(sale.receiptNo));
  doc.fact(w('date'), dateTime(sale.createdAt, ctx));
  doc.fact(w('cashier'), ctx.staffName(sale.cashierId));
  doc.text(`${w('terminal')} ${ctx.terminalId}`);
  doc.rule();

  for (const line of record.lines) {
    // At list price: a comp below takes its units back off (gross + comp = unit price × quantity).
    const listed = line.gross + line.comp;
    doc.row(`${line.qty} x ${line.name}`, `${money(m, listed)} ${letters.get(line.vatRate) ?? ''}`);
    if (line.qty > 1) doc.text(`${line.qty} x ${money(m, line.unitPrice)}`, 2);
    // Reserved seats (docs/SEATING.md): each unit's seat under its line.
    for (const unit of record.units)
      if (unit.lineId === line.id && unit.seatLabel) doc.text(unit.seatLabel, 2);
    if (line.codeDiscount > 0 && sale.codeText)
      doc.row(`${w('code')} ${sale.codeText}`, minus(m, line.codeDiscount), { indent: 2 });
    if (line.customDiscount > 0) doc.row(w('customDiscount'), minus(m, line.customDiscount), { indent: 2 });
    // docs/CASH.md "Comps": what was given away, at its full price, and why.
    if (line.comp > 0) {
      const count = record.units.filter((u) => u.lineId === line.id && u.comp > 0).length;
      doc.row(`${w('comp')} ${count} x`, minus(m, line.comp), { indent: 2 });
      if (line.compReason) doc.text(`${w('reason')}: ${reasonWithNote(line.compReason, line.compNote)}`, 4);
    }
  }
  doc.rule();
  doc.row(w('subtotal'), money(m, sale.gross + sale.comp));
  if (sale.comp > 0) doc.row(w('comps'), minus(m, sale.comp));
  if (sale.codeDiscount > 0 && sale.codeText)
    doc.row(`${w('code')} ${sale.codeText}`, minus(m, sale.codeDiscount));
  if (sale.customDiscount > 0) {
    doc.row(w('customDiscount'), minus(m, sale.customDiscount));
    if (sale.customReason)
      doc.text(`${w('reason')}: ${reasonWithNote(sale.customReason, sale.customNote)}`, 2);
  }
  for (const approval of record.approvals) {
    const what =
      approval.kind === 'overuse'
        ? `${w('overuse')} ${sale.codeText ?? ''}`.trim()
        : approval.kind === 'comp'
          ? w('comp')
          : approval.kind === 'offline'
            ? w('offlineSale')
            : w('customDiscount');
    doc.text(`${what}: ${w('approvedBy')} ${ctx.staffName(approval.approverId)}`, 2);
  }
  doc.row(`${w('total')} ${sale.currency}`, money(m, sale.total), { size: 'wide', bold: true });
  doc.rule();

  vatTable(
    doc,
    ctx,
    m,
    record.lines.map((l) => ({ vatRate: l.vatRate, gross: l.total })),
    letters,
    1,
  );
  doc.rule();

  // docs/CASH.md "Cash rounding": the cash part was rounded; the tenders below add up to total + this.
  if (sale.cashRounding !== 0) doc.row(w('cashRounding'), signed(m, sale.cashRounding));
  for (const payment of record.payments.filter((p) => p.refundId === null)) {
    if (payment.tender === 'cash') {
      doc.row(w('cash'), money(m, payment.amount));
      if (payment.tendered !== null && payment.tendered > payment.amount) {
        doc.row(w('given'), money(m, payment.tendered), { indent: 2 });
        doc.row(w('change'), money(m, payment.changeGiven ?? payment.tendered - payment.amount), {
          indent: 2,
        });
      }
    } else if (payment.tender === 'card') {
      doc.row(`${w('card')} ${payment.reference ?? ''}`.trim(), money(m, payment.amount));
    } else if (payment.tender === 'exchange') {
      doc.row(w('exchange'), money(m, payment.amount));
    } else if (payment.tender === 'voucher') {
      doc.row(voucherTenderLabel(w('voucher'), payment.voucherId), money(m, payment.amount));
    } else {
      doc.row(w('complimentary'), money(m, payment.amount));
    }
  }
  // The credit vouchers its refunds paid out onto print on their refund receipts, not here.
  const sold = record.vouchers.filter((v) => v.refundId === null);
  printVouchers(doc, { vouchers: sold }, ctx, (amount) => money(m, amount));
  footer(doc, ctx, sale.id);
  doc.blank();
  doc.center(w('thanks'));
  return doc.toString();
}

/**
 * A refund or void as its receipt prints it: of a sale in this store, or of another terminal's sale
 * (docs/ORDERS.md "Refunds at another window"), whose facts the refund keeps.
 */
export interface RefundPaper {
  refund: Pick<
    RefundRow,
    'kind' | 'refundNo' | 'createdAt' | 'staffId' | 'reason' | 'note' | 'amount' | 'cashRounding'
  >;
  saleId: string;
  receiptNo: number;
  currency: string;
  /** The terminal that made the sale, when it is not this one. */
  saleTerminal: string | null;
  lines: { name: string; vatRate: number; count: number; amount: number }[];
  paidBack: {
    tender: PaymentRow['tender'];
    reference: string | null;
    amount: number;
    voucherId?: string | null;
  }[];
  /** The credit vouchers the refund paid out onto (docs/CASH.md "Refunds onto a voucher"). */
  vouchers?: SaleRecord['vouchers'];
}

/** The receipt for a refund or void: what went back, the money paid back, and the reason. */
export function refundReceipt(record: SaleRecord, refund: RefundRow, ctx: DocumentContext): string {
  const units = record.units.filter((u) => u.refundId === refund.id);
  const lines = record.lines.flatMap((line) => {
    const mine = units.filter((u) => u.lineId === line.id);
    if (mine.length === 0) return [];
    const amount = mine.reduce((n, u) => n + u.total, 0);
    return [{ name: line.name, vatRate: line.vatRate, count: mine.length, amount }];
  });
  return refundPaper(
    {
      refund,
      saleId: record.sale.id,
      receiptNo: record.sale.receiptNo,
      currency: record.sale.currency,
      saleTerminal: null,
      lines,
      paidBack: record.payments.filter((p) => p.refundId === refund.id),
      vouchers: record.vouchers.filter((v) => v.refundId === refund.id),
    },
    ctx,
  );
}

export function refundPaper(paper: RefundPaper, ctx: DocumentContext): string {
  const { refund } = paper;
  const doc = new Markup(paperFor(ctx.paperWidth));
  const m: Amounts = { currency: paper.currency, language: ctx.language };
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const letters = vatLetters(paper.lines);

  header(doc, ctx, w(refund.kind === 'void' ? 'void' : 'refund'));
  doc.fact(w('refundNo'), String(refund.refundNo));
  doc.fact(w('originalReceipt'), String(paper.receiptNo));
  if (paper.saleTerminal) doc.text(`${w('soldAt')} ${paper.saleTerminal}`);
  doc.fact(w('date'), dateTime(refund.createdAt, ctx));
  doc.fact(w('staff'), ctx.staffName(refund.staffId));
  doc.text(`${w('terminal')} ${ctx.terminalId}`);
  doc.text(`${w('reason')}: ${reasonWithNote(refund.reason, refund.note)}`);
  doc.rule();

  const parts: { vatRate: number; gross: number }[] = [];
  for (const line of paper.lines) {
    parts.push({ vatRate: line.vatRate, gross: line.amount });
    doc.row(`${line.count} x ${line.name}`, `${minus(m, line.amount)} ${letters.get(line.vatRate) ?? ''}`);
  }
  doc.rule();
  doc.row(`${w('total')} ${paper.currency}`, minus(m, refund.amount), { size: 'wide', bold: true });
  doc.rule();
  vatTable(doc, ctx, m, parts, letters, -1);
  doc.rule();
  if (refund.cashRounding !== 0) doc.row(w('cashRounding'), signed(m, refund.cashRounding));
  for (const payment of paper.paidBack) {
    doc.row(
      `${w('paidBack')}: ${payment.tender === 'voucher' ? voucherTenderLabel(w('voucher'), payment.voucherId ?? null) : w(payment.tender)} ${payment.reference ?? ''}`.trim(),
      money(m, Math.abs(payment.amount)),
    );
  }
  printVouchers(doc, { vouchers: paper.vouchers ?? [] }, ctx, (amount) => money(m, amount));
  footer(doc, ctx, paper.saleId);
  return doc.toString();
}

/** A short page that proves the printer, its width and its language are right. */
export function testPage(ctx: DocumentContext, printer: { address: string; at: string }): string {
  const doc = new Markup(paperFor(ctx.paperWidth));
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  header(doc, ctx, w('testPage'));
  doc.text(w('testBody'));
  doc.fact(w('address'), printer.address);
  doc.fact(w('paperWidth'), `${ctx.paperWidth} mm`);
  doc.text(`${w('terminal')} ${ctx.terminalId}`);
  doc.fact(w('date'), dateTime(printer.at, ctx));
  doc.center('0123456789'.repeat(ctx.paperWidth === 58 ? 3 : 4).slice(0, ctx.paperWidth === 58 ? 32 : 48));
  return doc.toString();
}
