import type { ShiftFigures, ZReport } from '../../../shared/ipc/domains/shift';
import {
  dateTime,
  footer,
  header,
  minus,
  money,
  signed,
  type Amounts,
  type DocumentContext,
} from './documents';
import { Markup, paperFor } from './markup';
import { paperWord, type PaperWord } from './print-messages';

/**
 * The Z report of a shift: cash expected against counted, tenders, refunds, cash movements and the
 * discount section. The same report of a shift still open is its X report (docs/CASH.md), titled so.
 */
export function zReport(report: ZReport, currency: string, ctx: DocumentContext): string {
  const doc = new Markup(paperFor(ctx.paperWidth));
  const m: Amounts = { currency, language: ctx.language };
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const { shift, figures } = report;
  const tenderWord = (tender: string) =>
    tender === 'cash' ||
    tender === 'card' ||
    tender === 'complimentary' ||
    tender === 'exchange' ||
    tender === 'voucher'
      ? w(tender)
      : tender;

  header(doc, ctx, w(shift.closedAt ? 'zReport' : 'xReport'));
  doc.text(`${w('shift')} ${shift.id}`);
  doc.text(`${w('terminal')} ${ctx.terminalId}`);
  doc.fact(w('opened'), dateTime(shift.openedAt, ctx));
  doc.fact(w('staff'), report.openedByName);
  if (shift.closedAt) {
    doc.fact(w('closed'), dateTime(shift.closedAt, ctx));
    doc.fact(w('staff'), report.closedByName ?? '');
  } else doc.center(w('stillOpen'), { bold: true });
  doc.rule();

  doc.center(w('sales'), { bold: true });
  doc.row(w('orders'), String(figures.sales.count));
  doc.row(w('gross'), money(m, figures.sales.gross));
  doc.row(w('codeDiscounts'), minus(m, figures.sales.codeDiscount));
  doc.row(w('customDiscounts'), minus(m, figures.sales.customDiscount));
  doc.row(w('total'), money(m, figures.sales.total), { bold: true });
  // docs/CASH.md "Gift vouchers": stored value sold, in the total above but no takings of goods.
  if (figures.vouchersSold && figures.vouchersSold.count > 0)
    doc.row(`${w('vouchersSold')} (${figures.vouchersSold.count})`, money(m, figures.vouchersSold.amount));
  if (figures.voided.count > 0)
    doc.row(`${w('voidedSales')} (${figures.voided.count})`, money(m, figures.voided.total));
  // docs/CASH.md "Training mode": counted apart, in no figure above or below.
  if (figures.training.count > 0)
    doc.row(`${w('trainingSales')} (${figures.training.count})`, money(m, figures.training.total));
  doc.rule();

  doc.center(w('tenders'), { bold: true });
  for (const t of figures.byTender) doc.row(`${tenderWord(t.tender)} (${t.count})`, money(m, t.amount));
  if (figures.byTender.length === 0) doc.text(w('none'));
  for (const r of figures.refunds)
    doc.row(`${w(r.kind === 'void' ? 'voids' : 'refunds')} (${r.count})`, minus(m, r.amount));
  // docs/CASH.md "Cash rounding": what rounding the cash parts added to the drawer, in the cash above.
  if (figures.cashRounding !== 0) doc.row(w('cashRounding'), signed(m, figures.cashRounding));
  doc.rule();

  cashMovements(doc, figures, m, ctx);

  doc.center(w('byCode'), { bold: true });
  for (const c of figures.byCode) doc.row(`${c.code} (${c.orders})`, minus(m, c.discount));
  if (figures.byCode.length === 0) doc.text(w('none'));
  doc.center(w('customDiscounts'), { bold: true });
  for (const c of figures.customByReason) doc.row(`${c.reason} (${c.orders})`, minus(m, c.discount));
  if (figures.customByReason.length === 0) doc.text(w('none'));
  // docs/CASH.md "Comps": what was given away, at full price, per reason (units in brackets).
  doc.center(w('comps'), { bold: true });
  for (const c of figures.comps.byReason) doc.row(`${c.reason} (${c.count})`, minus(m, c.value));
  if (figures.comps.count > 0)
    doc.row(`${w('compsGiven')} (${figures.comps.count})`, minus(m, figures.comps.value), { bold: true });
  else doc.text(w('none'));
  doc.center(w('overuses'), { bold: true });
  for (const o of figures.overuses)
    doc.text(`#${o.receiptNo} ${o.code}: ${o.approver} – ${o.reason}${o.voided ? ` (${w('voided')})` : ''}`);
  if (figures.overuses.length === 0) doc.text(w('none'));
  doc.center(w('byCashier'), { bold: true });
  for (const c of figures.byCashier) {
    doc.row(`${c.cashier} (${c.orders})`, money(m, c.total));
    if (c.voided > 0) doc.text(`  ${w('voidedSales')}: ${c.voided}`);
  }
  doc.rule();

  doc.row(w('openingFloat'), money(m, shift.openingFloat));
  doc.row(w('expectedCash'), money(m, report.expectedCash));
  if (report.countedCash !== null) doc.row(w('countedCash'), money(m, report.countedCash));
  if (report.difference !== null) {
    doc.row(
      w('difference'),
      report.difference < 0 ? minus(m, report.difference) : money(m, report.difference),
      { bold: true },
    );
  }
  footer(doc, ctx, null);
  return doc.toString();
}

/** Paid in, paid out, drops and float changes with their reasons; no-sales by count and reason. */
function cashMovements(doc: Markup, figures: ShiftFigures, m: Amounts, ctx: DocumentContext): void {
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const signed = (amount: number) => (amount < 0 ? minus(m, amount) : money(m, amount));
  doc.center(w('cashMovements'), { bold: true });
  for (const t of figures.cashMovements) {
    if (t.kind === 'no_sale') doc.row(w('noSale'), String(t.count));
    else doc.row(`${w(t.kind)} (${t.count})`, signed(t.amount));
  }
  if (figures.cashMovements.length === 0) doc.text(w('none'));
  for (const mv of figures.movements) {
    const time = dateTime(mv.at, ctx);
    doc.text(`${time} ${w(mv.kind === 'no_sale' ? 'noSale' : mv.kind)} ${mv.staff}`);
    doc.row(`  ${mv.reason}${mv.note ? `: ${mv.note}` : ''}`, mv.kind === 'no_sale' ? '' : signed(mv.amount));
  }
  doc.rule();
}
