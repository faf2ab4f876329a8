import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Language } from '../../ipc/types';
import { printedDateTime, printedWeekday } from '../../printed-date';
import {
  layoutOf,
  logoBase64,
  logoSize,
  type PrintedTicket,
  type TicketLayout,
  type TicketLayouts,
  type TicketPdfFormat,
} from '../../tickets/layout';
import { ticketFacts, ticketWord, type TicketWord } from '../../tickets/words';

// PDF tickets (docs/TICKETS.md "Printing tickets"), one ticket per page, for the terminal's "Save
// tickets as PDF" and the server's order download (GET /v1/orders/:id/tickets.pdf):
// - 'a4': print at home, A4 portrait, a big QR code and nothing to cut along;
// - 'stock': ticket stock of 5.5 × 2 inches (396 × 144 pt, landscape), the common size of fan-fold
//   thermal ticket stock (BOCA and similar printers), the QR code on the right.
// The words are the thermal tickets' (shared/tickets/words.ts). The QR code is drawn as vector squares
// from the `qrcode` package at error correction M; for a base45 secret it picks alphanumeric mode,
// a version 7 code (45 modules) where byte mode would need version 9. The e-mailed gift vouchers
// (shared/node/vouchers/voucher-pdf.ts) are drawn with the same code, band and document below.

export interface TicketPdfOptions {
  format: TicketPdfFormat;
  language: Language;
  /** Deflate the page streams (the default); tests turn it off to read the pages' text. */
  compress?: boolean;
}

export type Doc = PDFKit.PDFDocument;

export const A4: [number, number] = [595.28, 841.89];
const STOCK: [number, number] = [396, 144];
/** Modules of white a scanner needs around the code. */
const QUIET = 4;

/** The code's dark squares, one rectangle per run in a row, filled at once, inside a `side` square. */
export function drawQr(doc: Doc, data: string, x: number, y: number, side: number): void {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const cell = side / (modules.size + 2 * QUIET);
  const left = x + QUIET * cell;
  const top = y + QUIET * cell;
  for (let row = 0; row < modules.size; row++) {
    let run = 0;
    for (let col = 0; col <= modules.size; col++) {
      if (col < modules.size && modules.get(row, col)) run += 1;
      else if (run > 0) {
        doc.rect(left + (col - run) * cell, top + row * cell, run * cell, cell);
        run = 0;
      }
    }
  }
  doc.fillColor('black').fill();
}

/** A black band with the word in white across `width`. */
export function band(doc: Doc, word: string, x: number, y: number, width: number, size: number): number {
  const height = size * 1.6;
  doc.rect(x, y, width, height).fillColor('black').fill();
  doc
    .font('Helvetica-Bold')
    .fontSize(size)
    .fillColor('white')
    .text(word, x, y + size * 0.35, { width, align: 'center', lineBreak: false });
  doc.fillColor('black');
  return y + height;
}

function drawLogo(doc: Doc, layout: TicketLayout, x: number, y: number, box: [number, number]): number {
  const png = logoBase64(layout);
  const size = logoSize(layout);
  if (!png || !size) return y;
  const scale = Math.min(box[0] / size.width, box[1] / size.height);
  doc.image(Buffer.from(png, 'base64'), x, y, { width: size.width * scale, height: size.height * scale });
  return y + size.height * scale;
}

const when = (t: PrintedTicket, language: Language) =>
  `${printedWeekday(t.startsAt, t.venue.timezone, language)} ${printedDateTime(t.startsAt, t.venue.timezone, language)}`;

const factValue = (fact: { value: string; code: string | null }) =>
  fact.code ? `${fact.value} (${fact.code})` : fact.value;

function a4Page(doc: Doc, t: PrintedTicket, layout: TicketLayout, language: Language): void {
  const w = (key: TicketWord) => ticketWord(language, key);
  const [pageWidth, pageHeight] = A4;
  const margin = 56;
  const width = pageWidth - 2 * margin;
  let y = margin;
  if (t.training) y = band(doc, `${w('training')}: ${w('trainingWhy')}`, margin, y, width, 14) + 14;
  if (t.duplicate) y = band(doc, w('duplicate'), margin, y, width, 22) + 14;
  y = drawLogo(doc, layout, margin, y, [200, 80]);
  if (layout.logo) y += 14;
  doc.font('Helvetica-Bold').fontSize(28).fillColor('black');
  doc.text(t.eventName, margin, y, { width, height: 72, ellipsis: true });
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(when(t, language), margin, doc.y + 4, { width });
  y = doc.y + 18;
  for (const fact of ticketFacts(t, layout, language)) {
    doc.font('Helvetica').fontSize(11).fillColor('#444444');
    doc.text(fact.label, margin, y + 2, { width: 130, height: 28, ellipsis: true });
    doc.font('Helvetica-Bold').fontSize(13).fillColor('black');
    doc.text(factValue(fact), margin + 140, y, { width: width - 140, height: 34, ellipsis: true });
    y = Math.max(doc.y, y + 16) + 6;
  }
  const side = 264;
  const qrX = (pageWidth - side) / 2;
  y += 14;
  if (t.secret !== null) drawQr(doc, t.secret, qrX, y, side);
  else notValid(doc, w, qrX, y, side, 24);
  doc.font('Helvetica').fontSize(10).fillColor('black');
  doc.text(`${w('ticketId')} ${t.ticketId}`, margin, y + side + 6, { width, align: 'center' });
  const bottom = pageHeight - margin - (t.duplicate ? 22 * 1.6 + 14 : 0);
  if (layout.freeText.length > 0)
    doc.text(layout.freeText.join('\n'), margin, doc.y + 14, {
      width,
      align: 'center',
      height: Math.max(12, bottom - doc.y - 14),
      ellipsis: true,
    });
  if (t.duplicate) band(doc, w('duplicate'), margin, pageHeight - margin - 22 * 1.6, width, 22);
}

/** In place of the code: a framed "NOT VALID FOR ENTRY" and what to do. */
function notValid(
  doc: Doc,
  w: (key: TicketWord) => string,
  x: number,
  y: number,
  side: number,
  size: number,
) {
  doc
    .lineWidth(size / 6)
    .rect(x, y, side, side)
    .stroke();
  const inner = side - size;
  doc.font('Helvetica-Bold').fontSize(size).fillColor('black');
  doc.text(w('notValid'), x + size / 2, y + side * 0.22, { width: inner, align: 'center' });
  doc.font('Helvetica').fontSize(size / 2.2);
  doc.text(w('notValidWhy'), x + size / 2, doc.y + size / 2, { width: inner, align: 'center' });
}

function stockPage(doc: Doc, t: PrintedTicket, layout: TicketLayout, language: Language): void {
  const w = (key: TicketWord) => ticketWord(language, key);
  const [pageWidth, pageHeight] = STOCK;
  const pad = 9;
  const side = pageHeight - 2 * pad;
  const width = pageWidth - 3 * pad - side;
  let y = pad;
  if (t.training) y = band(doc, w('training'), pad, y, width, 8) + 2;
  if (t.duplicate) y = band(doc, w('duplicate'), pad, y, width, 8) + 2;
  y = drawLogo(doc, layout, pad, y, [width, 16]);
  if (layout.logo) y += 3;
  doc.font('Helvetica-Bold').fontSize(12).fillColor('black');
  doc.text(t.eventName, pad, y, { width, height: 14, ellipsis: true });
  doc
    .font('Helvetica-Bold')
    .fontSize(9.5)
    .text(when(t, language), pad, y + 14, { width, lineBreak: false });
  y += 27;
  for (const fact of ticketFacts(t, layout, language)) {
    doc.font('Helvetica').fontSize(7).fillColor('#444444');
    doc.text(fact.label, pad, y, { width: 62, height: 8.5, ellipsis: true });
    doc.font('Helvetica-Bold').fontSize(7).fillColor('black');
    doc.text(factValue(fact), pad + 64, y, { width: width - 64, height: 8.5, ellipsis: true });
    y += 8.5;
  }
  const idY = pageHeight - pad - 6;
  if (layout.freeText.length > 0 && idY - y - 4 >= 7) {
    doc.font('Helvetica').fontSize(6);
    doc.text(layout.freeText.join('\n'), pad, y + 2, { width, height: idY - y - 4, ellipsis: true });
  }
  doc.font('Helvetica').fontSize(5.5).fillColor('black');
  doc.text(`${w('ticketId')} ${t.ticketId}`, pad, idY, { width, lineBreak: false });
  const qrX = pageWidth - pad - side;
  if (t.secret !== null) drawQr(doc, t.secret, qrX, pad, side);
  else notValid(doc, w, qrX, pad, side, 12);
}

/**
 * One PDF of `items`, a page of `size` each drawn by `page`, as the buffer pdfkit writes. `compress`:
 * deflate the page streams (the default); tests turn it off to read the pages' text.
 */
export async function pagesPdf<T>(
  items: readonly T[],
  options: { size: [number, number]; language: Language; title: string; compress?: boolean | undefined },
  page: (doc: Doc, item: T) => void,
): Promise<Buffer> {
  const { size } = options;
  const doc = new PDFDocument({
    size,
    margin: 0,
    autoFirstPage: false,
    compress: options.compress ?? true,
    lang: options.language,
    info: { Title: options.title },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const item of items) {
    doc.addPage({ size, margin: 0 });
    page(doc, item);
  }
  doc.end();
  return done;
}

/** The tickets as one PDF, a page per ticket, each in its layout (its event's, or one for all). */
export async function ticketsPdf(
  tickets: readonly PrintedTicket[],
  layouts: TicketLayouts,
  options: TicketPdfOptions,
): Promise<Buffer> {
  if (tickets.length === 0) throw new Error('no tickets to print');
  const size = options.format === 'a4' ? A4 : STOCK;
  return pagesPdf(
    tickets,
    {
      size,
      language: options.language,
      title: ticketWord(options.language, 'ticket'),
      compress: options.compress,
    },
    (doc, t) => {
      const layout = layoutOf(layouts, t);
      if (options.format === 'a4') a4Page(doc, t, layout, options.language);
      else stockPage(doc, t, layout, options.language);
    },
  );
}
