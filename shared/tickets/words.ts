import type { Language } from '../ipc/types';

// Words printed on tickets, in both languages, for the thermal printer (src-main/services/printing,
// where they join the receipt words) and the PDF (shared/node/tickets/ticket-pdf.ts): one place, so a
// ticket says the same whichever way it is printed.

export const TICKET_WORDS = {
  ticket: { en: 'Ticket', de: 'Eintrittskarte' },
  duplicate: { en: 'DUPLICATE', de: 'DUPLIKAT' },
  notValid: { en: 'NOT VALID FOR ENTRY', de: 'NICHT GÜLTIG FÜR DEN EINLASS' },
  notValidWhy: {
    en: 'This ticket has no entry code. Ask the box office to print a valid one.',
    de: 'Diese Karte hat keinen Einlasscode. Bitte an der Kasse eine gültige Karte drucken lassen.',
  },
  venue: { en: 'Venue', de: 'Spielstätte' },
  ticketType: { en: 'Ticket type', de: 'Kartenart' },
  priceBand: { en: 'Price band', de: 'Preiskategorie' },
  price: { en: 'Price', de: 'Preis' },
  code: { en: 'Code', de: 'Code' },
  orderRef: { en: 'Order', de: 'Bestellung' },
  ticketId: { en: 'Ticket no.', de: 'Karten-Nr.' },
} as const satisfies Record<string, Record<Language, string>>;

export type TicketWord = keyof typeof TICKET_WORDS;

export function ticketWord(language: Language, key: TicketWord): string {
  return TICKET_WORDS[key][language];
}
