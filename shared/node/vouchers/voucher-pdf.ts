import type { Language } from '../../ipc/types';
import { formatMinor } from '../../money';
import { printedDateTime } from '../../printed-date';
import { ticketWord } from '../../tickets/words';
import { voucherWord, type VoucherWord } from '../../vouchers/words';
import { A4, band, drawQr, pagesPdf, type Doc } from '../tickets/ticket-pdf';

// docs/MAIL.md "What a mail holds": a sale's gift vouchers as one A4 PDF, a page per voucher with its
// amount, expiry and signed code as a QR code, drawn by the PDF tickets' machinery (ticket-pdf.ts) and
// sized as an A4 ticket's code, so the window scans a voucher on a phone as it scans an e-ticket. Only
// vouchers with a code are printed here: a training voucher, which has none, is never mailed.

/** One voucher as its page shows it. */
export interface PrintedVoucher {
  voucherId: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  expiresAt: string;
  /** The signed code (shared/node/vouchers/secret.ts). */
  secret: string;
  /** The sale that issued it, as the receipt numbers it. */
  orderRef: string;
}

export interface VoucherPdfOptions {
  language: Language;
  /** The venue's name above the voucher and its zone for the expiry; null: none, UTC. */
  venue: { name: string; timezone: string } | null;
  /** Deflate the page streams (the default); tests turn it off to read the pages' text. */
  compress?: boolean;
}

/** The PDF's file name: `vouchers-<receipt no.>.pdf`. */
export function vouchersPdfFileName(orderRef: string | number): string {
  return `vouchers-${String(orderRef).replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
}

function voucherPage(doc: Doc, v: PrintedVoucher, options: VoucherPdfOptions): void {
  const w = (key: VoucherWord) => voucherWord(options.language, key);
  const [pageWidth] = A4;
  const margin = 56;
  const width = pageWidth - 2 * margin;
  let y = margin;
  if (options.venue) {
    doc.font('Helvetica-Bold').fontSize(18).fillColor('black');
    doc.text(options.venue.name, margin, y, { width, align: 'center', height: 48, ellipsis: true });
    y = doc.y + 12;
  }
  y = band(doc, w('giftVoucher'), margin, y, width, 22) + 24;
  doc.font('Helvetica-Bold').fontSize(36).fillColor('black');
  doc.text(`${v.currency} ${formatMinor(v.amount, v.currency, options.language)}`, margin, y, {
    width,
    align: 'center',
  });
  const expiry = printedDateTime(v.expiresAt, options.venue?.timezone ?? 'UTC', options.language);
  doc.font('Helvetica-Bold').fontSize(16);
  doc.text(`${w('validUntil')} ${expiry}`, margin, doc.y + 8, { width, align: 'center' });
  // As big as an A4 ticket's code (ticket-pdf.ts a4Page).
  const side = 264;
  y = doc.y + 18;
  drawQr(doc, v.secret, (pageWidth - side) / 2, y, side);
  doc.font('Helvetica').fontSize(10).fillColor('black');
  doc.text(`${w('voucherId')} ${v.voucherId}`, margin, y + side + 6, { width, align: 'center' });
  doc.text(`${ticketWord(options.language, 'orderRef')} ${v.orderRef}`, margin, doc.y + 2, {
    width,
    align: 'center',
  });
  doc.font('Helvetica').fontSize(11);
  doc.text(w('voucherHowTo'), margin, doc.y + 18, { width, align: 'center' });
}

/** The vouchers as one A4 PDF, a page per voucher. */
export async function vouchersPdf(
  vouchers: readonly PrintedVoucher[],
  options: VoucherPdfOptions,
): Promise<Buffer> {
  if (vouchers.length === 0) throw new Error('no vouchers to print');
  return pagesPdf(
    vouchers,
    {
      size: A4,
      language: options.language,
      title: voucherWord(options.language, 'giftVoucher'),
      compress: options.compress,
    },
    (doc, v) => voucherPage(doc, v, options),
  );
}
