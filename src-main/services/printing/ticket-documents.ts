import type { PaperWidth } from '../../../shared/ipc/domains/printing';
import type { Language } from '../../../shared/ipc/types';
import { printedDateTime, printedWeekday } from '../../../shared/printed-date';
import {
  layoutOf,
  logoBase64,
  type PrintedTicket,
  type TicketLayout,
  type TicketLayouts,
} from '../../../shared/tickets/layout';
import { ticketFacts } from '../../../shared/tickets/words';
import { trainingMark } from './documents';
import { Markup, paperFor } from './markup';
import { paperWord, type PaperWord } from './print-messages';

// Admission tickets on the thermal printer (docs/TICKETS.md "Printing tickets"): ReceiptLine markup for
// one ticket after another, the paper cut between them so each is torn off alone. Pure, like
// documents.ts: the same markup prints and previews.

export interface TicketDocumentContext {
  language: Language;
  paperWidth: PaperWidth;
}

/**
 * Dots per QR module. receiptline encodes in byte mode, so a 164-character secret is a version 9 code
 * (53 modules): 424 dots (53 mm) on 80 mm paper, 318 (40 mm) of 58 mm paper's 384. Larger modules than a
 * receipt's scan more easily at a dim door.
 */
const QR_CELL: Record<PaperWidth, number> = { 80: 8, 58: 6 };

function ticket(doc: Markup, t: PrintedTicket, layout: TicketLayout, ctx: TicketDocumentContext): void {
  const w = (key: PaperWord) => paperWord(ctx.language, key);
  const logo = logoBase64(layout);
  if (t.training) trainingMark(doc, ctx.language);
  if (t.duplicate) doc.center(w('duplicate'), { size: 'big', invert: true });
  if (logo) doc.image(logo);
  doc.center(t.eventName, { size: 'big', bold: true });
  const zone = t.venue.timezone;
  // "Sat 21/11/2026 19:30" in double width fits 80 mm paper; 58 mm paper breaks it before the time.
  doc.center(
    `${printedWeekday(t.startsAt, zone, ctx.language)} ${printedDateTime(t.startsAt, zone, ctx.language)}`,
    { size: 'wide', bold: true },
  );
  doc.rule();
  for (const fact of ticketFacts(t, layout, ctx.language)) {
    // An amount never wraps, so the code goes beside the label and the price keeps its column.
    if (fact.field === 'pricePaid')
      doc.row(fact.code ? `${fact.label} (${fact.code})` : fact.label, fact.value, { bold: true });
    else doc.fact(fact.label, fact.value);
  }
  doc.rule();
  if (t.secret !== null) doc.qr(t.secret, QR_CELL[ctx.paperWidth]);
  else {
    doc.center(w('notValid'), { size: 'big', invert: true });
    doc.center(w('notValidWhy'));
  }
  // For staff to type when a code will not scan. A UUID (36 characters) is wider than 58 mm paper's 32
  // columns: there it goes under its label, broken after a hyphen rather than inside a group.
  const idLine = `${w('ticketId')} ${t.ticketId}`;
  if (idLine.length <= doc.paper.cpl) doc.center(idLine);
  else {
    doc.center(w('ticketId'));
    doc.center(t.ticketId.replace(/^((?:[^-]*-){4})/, '$1 '));
  }
  if (layout.freeText.length > 0) {
    doc.blank();
    for (const line of layout.freeText) doc.center(line);
  }
  if (t.duplicate) {
    doc.blank();
    doc.center(w('duplicate'), { size: 'big', invert: true });
  }
  if (t.training) {
    doc.blank();
    trainingMark(doc, ctx.language);
  }
}

/**
 * The tickets as one print job: each on its own length of paper, cut between them and after the last,
 * each in its layout (its event's, or one for all).
 */
export function ticketsDocument(
  tickets: readonly PrintedTicket[],
  layouts: TicketLayouts,
  ctx: TicketDocumentContext,
): string {
  if (tickets.length === 0) throw new Error('no tickets to print');
  const doc = new Markup(paperFor(ctx.paperWidth));
  tickets.forEach((t, i) => {
    if (i > 0) doc.cut();
    ticket(doc, t, layoutOf(layouts, t), ctx);
  });
  return doc.toString();
}
