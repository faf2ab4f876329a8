import type { Language } from '../ipc/types';
import { formatMinor } from '../money';
import type { PrintedTicket, TicketField, TicketLayout } from './layout';

// Words printed on tickets, in both languages, for the thermal printer (src-main/services/printing,
// where they join the receipt words) and the PDF (shared/node/tickets/ticket-pdf.ts): one place, so a
// ticket says the same whichever way it is printed.

export const TICKET_WORDS = {
  ticket: { en: 'Ticket', de: 'Eintrittskarte' },
  duplicate: { en: 'DUPLICATE', de: 'DUPLIKAT' },
  // docs/CASH.md "Training mode": on every document of a training sale, top and bottom.
  training: { en: 'TRAINING', de: 'TRAINING' },
  trainingWhy: {
    en: 'Practice only: no sale, no payment, no entry.',
    de: 'Nur zur Übung: kein Verkauf, keine Zahlung, kein Einlass.',
  },
  notValid: { en: 'NOT VALID FOR ENTRY', de: 'NICHT GÜLTIG FÜR DEN EINLASS' },
  notValidWhy: {
    en: 'This ticket has no entry code. Ask the box office to print a valid one.',
    de: 'Diese Karte hat keinen Einlasscode. Bitte an der Kasse eine gültige Karte drucken lassen.',
  },
  venue: { en: 'Venue', de: 'Spielstätte' },
  ticketType: { en: 'Ticket type', de: 'Kartenart' },
  priceBand: { en: 'Price band', de: 'Preiskategorie' },
  seat: { en: 'Seat', de: 'Platz' },
  price: { en: 'Price', de: 'Preis' },
  code: { en: 'Code', de: 'Code' },
  orderRef: { en: 'Order', de: 'Bestellung' },
  ticketId: { en: 'Ticket no.', de: 'Karten-Nr.' },
} as const satisfies Record<string, Record<Language, string>>;

export type TicketWord = keyof typeof TICKET_WORDS;

export function ticketWord(language: Language, key: TicketWord): string {
  return TICKET_WORDS[key][language];
}

/** One optional fact as a ticket prints it; `code` is the discount code beside the price, labelled. */
export interface TicketFact {
  /** 'seat' is not a layout field: a seated ticket always shows its seat, first. */
  field: TicketField | 'seat';
  label: string;
  value: string;
  code: string | null;
}

/** The layout's facts for one ticket, in the layout's order; a price band the ticket lacks is left out. */
export function ticketFacts(t: PrintedTicket, layout: TicketLayout, language: Language): TicketFact[] {
  const w = (key: TicketWord) => ticketWord(language, key);
  const facts: TicketFact[] = [];
  if (t.seatLabel) facts.push({ field: 'seat', label: w('seat'), value: t.seatLabel, code: null });
  for (const field of layout.fields) {
    const fact = (label: string, value: string, code: string | null = null) =>
      facts.push({ field, label, value, code });
    if (field === 'venue') fact(w('venue'), t.venue.name);
    else if (field === 'ticketType') fact(w('ticketType'), t.ticketTypeName);
    else if (field === 'priceBand') {
      if (t.priceBandName !== null) fact(w('priceBand'), t.priceBandName);
    } else if (field === 'pricePaid')
      fact(
        w('price'),
        `${t.currency} ${formatMinor(t.pricePaid, t.currency, language)}`,
        t.codeName === null ? null : `${w('code')} ${t.codeName}`,
      );
    else fact(w('orderRef'), t.orderRef);
  }
  return facts;
}
