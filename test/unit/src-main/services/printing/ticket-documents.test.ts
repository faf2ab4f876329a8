import { describe, expect, it } from 'vitest';
import { readTicketSecret } from '../../../../../shared/node/tickets/secret';
import { DEFAULT_TICKET_LAYOUT } from '../../../../../shared/tickets/layout';
import { paperFor } from '../../../../../src-main/services/printing/markup';
import { toEscPos, toSvg } from '../../../../../src-main/services/printing/render';
import { ticketsDocument } from '../../../../../src-main/services/printing/ticket-documents';
import { decodeEscPos, readQrCodes } from '../../../../helpers/escpos-decoder';
import { FRAME_LOGO, hamletTickets } from '../../../../helpers/printed-tickets';

/** A line of the print with its columns separated by any run of spaces. */
const row = (...cells: string[]) =>
  new RegExp(`^\\s*${cells.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}\\s*$`, 'm');
/** The text with wrapped lines and column gaps run together, for words that may wrap. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('thermal tickets', () => {
  for (const width of [80, 58] as const) {
    it(`prints three tickets on ${width} mm paper, cut apart, each QR reading back to its own secret`, () => {
      const tickets = hamletTickets(3);
      const markup = ticketsDocument(tickets, DEFAULT_TICKET_LAYOUT, { language: 'en', paperWidth: width });
      const print = decodeEscPos(toEscPos(markup, paperFor(width).cpl));

      expect(print.cuts).toBe(3);
      expect(print.pieces).toHaveLength(3);
      expect(Math.max(...print.lines.map((l) => l.length))).toBeLessThanOrEqual(paperFor(width).cpl);
      print.pieces.forEach((piece, i) => {
        const ticket = tickets[i]!;
        const [read, ...more] = readQrCodes(piece.images);
        expect(more).toEqual([]);
        expect(read).toBe(ticket.secret);
        expect(readTicketSecret(read!)?.ticketId).toBe(ticket.ticketId);

        expect(piece.text).toMatch(/^\s*Hamlet$/m);
        if (width === 80) expect(piece.text).toMatch(/^\s*Sat 21\/11\/2026 19:30$/m);
        // 18:30 UTC is 19:30 in Berlin.
        expect(flat(piece.text)).toContain('Sat 21/11/2026 19:30');
        expect(piece.text).toMatch(row('Venue', 'Demo Theatre'));
        expect(piece.text).toMatch(row('Ticket type', i === 2 ? 'Child' : 'Adult'));
        expect(piece.text).toMatch(row('Price band', 'Stalls'));
        expect(piece.text).toMatch(row('Order', '1042'));
        expect(piece.text.replace(/\s/g, '')).toContain(`Ticketno.${ticket.ticketId}`);
        expect(piece.text).not.toContain('DUPLICATE');
        expect(piece.text).not.toContain('NOT VALID');
      });
      expect(print.pieces[0]!.text).toMatch(row('Price', 'EUR 45.00'));
      expect(print.pieces[0]!.text).not.toContain('SUMMER20');
      // The code's name beside the price it discounted.
      expect(print.pieces[1]!.text).toMatch(row('Price (Code SUMMER20)', 'EUR 36.00'));
    });
  }

  it('prints DUPLICATE at the top and the bottom of a reprinted ticket', () => {
    const [ticket] = hamletTickets(1);
    const markup = ticketsDocument([{ ...ticket!, duplicate: true }], DEFAULT_TICKET_LAYOUT, {
      language: 'en',
      paperWidth: 80,
    });
    const print = decodeEscPos(toEscPos(markup, 48));
    expect(print.lines.filter((l) => l.trim() === 'DUPLICATE')).toHaveLength(2);
    expect(print.lines.findIndex((l) => l.trim() === 'DUPLICATE')).toBe(0);
    expect(readQrCodes(print.images)).toEqual([ticket!.secret]);
    expect(print.cuts).toBe(1);
  });

  it('prints NOT VALID FOR ENTRY and no QR code for a ticket without a secret, in German', () => {
    const tickets = hamletTickets(2).map((t) => ({ ...t, secret: null }));
    const markup = ticketsDocument(tickets, DEFAULT_TICKET_LAYOUT, { language: 'de', paperWidth: 58 });
    const print = decodeEscPos(toEscPos(markup, 32));

    expect(print.cuts).toBe(2);
    expect(print.images).toEqual([]);
    for (const piece of print.pieces) {
      expect(flat(piece.text)).toContain('NICHT GÜLTIG FÜR DEN EINLASS');
      expect(flat(piece.text)).toContain('Diese Karte hat keinen Einlasscode.');
      expect(piece.text).toMatch(/^\s*Sa 21\.11\.2026\n\s*19:30$/m);
      expect(piece.text).toMatch(row('Spielstätte', 'Demo Theatre'));
      expect(piece.text).toMatch(row('Kartenart', 'Adult'));
      expect(piece.text).toMatch(row('Preiskategorie', 'Stalls'));
      expect(piece.text).toMatch(row('Bestellung', '1042'));
    }
    expect(print.pieces[0]!.text).toMatch(row('Preis', 'EUR 45,00'));
    expect(flat(print.pieces[1]!.text)).toMatch(/Preis \(Code SUMMER20\) EUR 36,00/);
    expect(print.text).not.toContain('DUPLIKAT');
  });

  it('shows only the layout’s fields, in its order, with its logo and free text', () => {
    const [ticket] = hamletTickets(1);
    const layout = {
      fields: ['orderRef' as const, 'pricePaid' as const],
      logo: FRAME_LOGO,
      freeText: ['No re-entry after the interval.', 'www.demo-theatre.example'],
    };
    const print = decodeEscPos(
      toEscPos(ticketsDocument([ticket!], layout, { language: 'en', paperWidth: 80 }), 48),
    );

    expect(print.text).not.toMatch(/Venue|Ticket type|Price band|Demo Theatre|Stalls/);
    const order = print.lines.findIndex((l) => row('Order', '1042').test(l));
    const price = print.lines.findIndex((l) => row('Price', 'EUR 45.00').test(l));
    expect(order).toBeGreaterThan(0);
    expect(price).toBeGreaterThan(order);
    expect(print.text).toMatch(/^\s*No re-entry after the interval\.$/m);
    expect(print.text).toMatch(/^\s*www\.demo-theatre\.example$/m);
    // The logo first (96 × 32 dots, its frame black), then the QR code.
    expect(print.images).toHaveLength(2);
    expect(print.images[0]).toMatchObject({ width: 96, height: 32 });
    expect(print.images[0]!.rows[0]).toBe('1'.repeat(96));
    expect(readQrCodes(print.images)).toEqual([ticket!.secret]);
  });

  it('previews as an SVG with the logo and the tickets one under another', () => {
    const tickets = hamletTickets(2);
    const layout = { ...DEFAULT_TICKET_LAYOUT, logo: FRAME_LOGO };
    const svg = toSvg(ticketsDocument(tickets, layout, { language: 'en', paperWidth: 58 }), 32);
    expect(svg).toMatch(/^<svg width="384px"/);
    expect(svg.match(/<image href="data:image\/png;base64,/g)).toHaveLength(2);
    // Each character is its own tspan; the event's name, run together, shows once per ticket.
    const letters = svg.replace(/<[^>]*>/g, '');
    expect(letters.match(/Hamlet/g)).toHaveLength(2);
  });

  it('prints text from the catalogue literally even when it holds ReceiptLine syntax', () => {
    const [ticket] = hamletTickets(1);
    const tricky = {
      ...ticket!,
      eventName: 'A | {b} -c- "d"',
      ticketTypeName: 'Adult ^x^ `y`',
      orderRef: '=',
    };
    const print = decodeEscPos(
      toEscPos(ticketsDocument([tricky], DEFAULT_TICKET_LAYOUT, { language: 'en', paperWidth: 80 }), 48),
    );
    expect(print.cuts).toBe(1);
    expect(print.text).toMatch(/^\s*A \| \{b\} -c- "d"$/m);
    expect(print.text).toMatch(row('Ticket type', 'Adult ^x^ `y`'));
    expect(print.text).toMatch(row('Order', '='));
  });
});
