import { formatMinor } from '../../../shared/money';
import { printedDateTime } from '../../../shared/printed-date';
import { voucherWord } from '../../../shared/vouchers/words';
import type { SaleRecord } from '../../../shared/ipc/domains/sales';
import type { Language } from '../../../shared/ipc/types';
import { percent, vatByRate } from '../printing/documents';
import { paperWord, type PaperWord } from '../printing/print-messages';
import { mailWord } from './mail-words';

// The mails' contents: pure functions of the sale, so a retry or a resend after a crash builds the same
// mail. A receipt is plain text and HTML with the same figures as the paper receipt; tickets and gift
// vouchers are a short text with the PDF attached (the attachment is made by the mail service from
// shared/node/tickets and shared/node/vouchers).

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailContext {
  language: Language;
  venue: { name: string; timezone: string; receiptHeader?: readonly string[] } | null;
  staffName: (staffId: string) => string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

type Row = { label: string; amount: string; strong?: boolean };

/** The receipt's rows, once, for both the text and the HTML part. */
function receiptRows(record: SaleRecord, ctx: MailContext): { facts: Row[]; lines: Row[]; totals: Row[] } {
  const { sale } = record;
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const money = (amount: number) => formatMinor(amount, sale.currency, ctx.language);
  const minus = (amount: number) => `-${money(amount)}`;
  const facts: Row[] = [
    { label: w('receiptNo'), amount: String(sale.receiptNo) },
    {
      label: w('date'),
      amount: printedDateTime(sale.createdAt, ctx.venue?.timezone ?? 'UTC', ctx.language),
    },
    { label: w('cashier'), amount: ctx.staffName(sale.cashierId) },
  ];
  const lines: Row[] = [];
  for (const line of record.lines) {
    lines.push({ label: `${line.qty} x ${line.name}`, amount: money(line.gross + line.comp) });
    if (line.codeDiscount > 0 && sale.codeText)
      lines.push({ label: `  ${w('code')} ${sale.codeText}`, amount: minus(line.codeDiscount) });
    if (line.customDiscount > 0)
      lines.push({ label: `  ${w('customDiscount')}`, amount: minus(line.customDiscount) });
    if (line.comp > 0)
      lines.push({ label: `  ${w('comp')}: ${line.compReason ?? ''}`, amount: minus(line.comp) });
  }
  const totals: Row[] = [{ label: w('subtotal'), amount: money(sale.gross + sale.comp) }];
  if (sale.codeDiscount > 0 && sale.codeText)
    totals.push({ label: `${w('code')} ${sale.codeText}`, amount: minus(sale.codeDiscount) });
  if (sale.customDiscount > 0)
    totals.push({ label: w('customDiscount'), amount: minus(sale.customDiscount) });
  if (sale.comp > 0) totals.push({ label: w('comps'), amount: minus(sale.comp) });
  totals.push({ label: `${w('total')} ${sale.currency}`, amount: money(sale.total), strong: true });
  for (const v of vatByRate(record.lines.map((l) => ({ vatRate: l.vatRate, gross: l.total })))) {
    totals.push({ label: `${w('vat')} ${percent(v.rate, ctx.language)}`, amount: money(v.vat) });
  }
  for (const payment of record.payments.filter((p) => p.refundId === null)) {
    const label =
      payment.tender === 'cash'
        ? w('cash')
        : payment.tender === 'card'
          ? `${w('card')} ${payment.reference ?? ''}`.trim()
          : w('complimentary');
    totals.push({ label, amount: money(payment.amount) });
    if (payment.tender === 'cash' && payment.tendered !== null && payment.tendered > payment.amount) {
      totals.push({ label: `  ${w('given')}`, amount: money(payment.tendered) });
      totals.push({
        label: `  ${w('change')}`,
        amount: money(payment.changeGiven ?? payment.tendered - payment.amount),
      });
    }
  }
  return { facts, lines, totals };
}

const textRows = (rows: readonly Row[]) => rows.map((r) => `${r.label}: ${r.amount}`).join('\n');

const htmlRows = (rows: readonly Row[]) =>
  rows
    .map((r) => {
      const cell = (s: string, align: string) =>
        `<td style="text-align:${align};padding:2px 8px">${r.strong ? `<strong>${escapeHtml(s)}</strong>` : escapeHtml(s)}</td>`;
      return `<tr>${cell(r.label.trim(), 'left')}${cell(r.amount, 'right')}</tr>`;
    })
    .join('');

/** The receipt of a completed sale as an e-mail. */
export function receiptMail(record: SaleRecord, ctx: MailContext): MailContent {
  const { sale } = record;
  const venueName = ctx.venue?.name ?? '';
  const header = ctx.venue ? [ctx.venue.name, ...(ctx.venue.receiptHeader ?? [])] : [];
  const { facts, lines, totals } = receiptRows(record, ctx);
  const intro = mailWord(ctx.language, 'receiptIntro');
  const thanks = paperWord(ctx.language, 'thanks');
  const noReply = mailWord(ctx.language, 'noReply');
  const orderRef = `${paperWord(ctx.language, 'orderRef')} ${sale.id}`;
  const text = [
    intro,
    '',
    ...header,
    '',
    textRows(facts),
    '',
    textRows(lines),
    '',
    textRows(totals),
    '',
    orderRef,
    thanks,
    '',
    noReply,
    '',
  ].join('\n');
  const table = (rows: readonly Row[]) =>
    `<table role="presentation" style="border-collapse:collapse;margin:8px 0">${htmlRows(rows)}</table>`;
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p>${escapeHtml(intro)}</p>`,
    ...header.map((line, i) =>
      i === 0 ? `<h1 style="font-size:1.2em">${escapeHtml(line)}</h1>` : `<div>${escapeHtml(line)}</div>`,
    ),
    table(facts),
    table(lines),
    table(totals),
    `<p>${escapeHtml(orderRef)}</p>`,
    `<p>${escapeHtml(thanks)}</p>`,
    `<p style="color:#555">${escapeHtml(noReply)}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    subject: mailWord(ctx.language, 'receiptSubject', { no: sale.receiptNo, venue: venueName }).trim(),
    text,
    html,
  };
}

/** The short mail the tickets' PDF is attached to. */
export function ticketsMail(record: SaleRecord, count: number, ctx: MailContext): MailContent {
  const body = mailWord(ctx.language, 'ticketsBody', { count });
  const noReply = mailWord(ctx.language, 'noReply');
  return {
    subject: mailWord(ctx.language, 'ticketsSubject', {
      no: record.sale.receiptNo,
      venue: ctx.venue?.name ?? '',
    }),
    text: `${body}\n\n${noReply}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif"><p>${escapeHtml(body)}</p><p style="color:#555">${escapeHtml(noReply)}</p></body></html>`,
  };
}

/** A voucher as the mail's text lists it beside the PDF: amount, expiry and its number, not its code. */
export interface MailedVoucher {
  voucherId: string;
  amount: number;
  currency: string;
  expiresAt: string;
}

/** The short mail the vouchers' PDF is attached to, listing each voucher's amount and expiry. */
export function vouchersMail(
  record: SaleRecord,
  vouchers: readonly MailedVoucher[],
  ctx: MailContext,
): MailContent {
  const body = mailWord(ctx.language, 'vouchersBody', { count: vouchers.length });
  const noReply = mailWord(ctx.language, 'noReply');
  const rows: Row[] = vouchers.map((v) => ({
    label: `${voucherWord(ctx.language, 'voucherId')} ${v.voucherId}, ${voucherWord(ctx.language, 'validUntil').toLowerCase()} ${printedDateTime(v.expiresAt, ctx.venue?.timezone ?? 'UTC', ctx.language)}`,
    amount: `${v.currency} ${formatMinor(v.amount, v.currency, ctx.language)}`,
  }));
  return {
    subject: mailWord(ctx.language, 'vouchersSubject', {
      no: record.sale.receiptNo,
      venue: ctx.venue?.name ?? '',
    }),
    text: `${body}\n\n${textRows(rows)}\n\n${noReply}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif"><p>${escapeHtml(body)}</p><table role="presentation" style="border-collapse:collapse;margin:8px 0">${htmlRows(rows)}</table><p style="color:#555">${escapeHtml(noReply)}</p></body></html>`,
  };
}

/**
 * A training sale's mail (docs/CASH.md "Training mode"): TRAINING before the subject and above the
 * text, so a practice mail sent to a real address cannot pass for a receipt or tickets.
 */
export function markTraining(mail: MailContent, language: MailContext['language']): MailContent {
  const mark = `${paperWord(language, 'training')}: ${paperWord(language, 'trainingWhy')}`;
  return {
    subject: `${paperWord(language, 'training')} – ${mail.subject}`,
    text: `${mark}\n\n${mail.text}`,
    html: mail.html.replace(
      '<body style="font-family:sans-serif">',
      `<body style="font-family:sans-serif"><p style="background:#000;color:#fff;font-weight:bold;padding:8px">${escapeHtml(mark)}</p>`,
    ),
  };
}
