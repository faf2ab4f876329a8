import type { Language } from '../shared/ipc/types';

// What the core says about reservations (docs/RESERVATIONS.md), spread into messages.ts.
export const reservationMessages = {
  RESERVE_EMPTY: {
    en: 'The cart has no tickets to reserve. Add tickets for a performance first.',
    de: 'Im Warenkorb sind keine Tickets zum Reservieren. Bitte zuerst Tickets für eine Vorstellung hinzufügen.',
  },
  RESERVE_TICKETS_ONLY: {
    en: 'Only tickets can be reserved. Remove the other items from the cart, or sell them now.',
    de: 'Reservieren lassen sich nur Tickets. Bitte die übrigen Artikel aus dem Warenkorb nehmen oder jetzt verkaufen.',
  },
  RESERVE_NO_CUSTOMER: {
    en: 'A reservation needs a customer with a name and a phone number or e-mail address. Add them to the cart first.',
    de: 'Eine Reservierung braucht einen Kunden mit Namen und Telefonnummer oder E-Mail-Adresse. Bitte zuerst im Warenkorb angeben.',
  },
  RESERVE_EXPIRY_PAST: {
    en: 'The hold would end in the past. Choose an expiry later than now.',
    de: 'Die Reservierung würde in der Vergangenheit enden. Bitte ein Ablaufdatum nach jetzt wählen.',
  },
  RESERVE_EXPIRY_AFTER_START: {
    en: 'A hold cannot last past the start of the performance ({startsAt}). Choose an earlier expiry.',
    de: 'Eine Reservierung kann nicht über den Beginn der Vorstellung ({startsAt}) hinaus gelten. Bitte ein früheres Ablaufdatum wählen.',
  },
  RESERVATION_UNKNOWN: {
    en: 'No reservation {reference} is known here. Check the reference with the customer, or search by name or phone.',
    de: 'Eine Reservierung {reference} ist hier nicht bekannt. Bitte die Nummer mit dem Kunden prüfen oder nach Name oder Telefon suchen.',
  },
  RESERVATION_ELSEWHERE: {
    en: 'Reservation {reference} is held at window “{terminal}”. Send the customer there to pick it up.',
    de: 'Die Reservierung {reference} liegt am Schalter „{terminal}“. Bitte den Kunden zur Abholung dorthin schicken.',
  },
  RESERVATION_EXPIRED: {
    en: 'Reservation {reference} expired at {at}; its seats went back on sale. Sell the tickets anew if seats are left.',
    de: 'Die Reservierung {reference} ist um {at} abgelaufen; ihre Plätze sind wieder im Verkauf. Bitte die Tickets neu verkaufen, falls noch Plätze frei sind.',
  },
  RESERVATION_CANCELLED: {
    en: 'Reservation {reference} was cancelled ({reason}). Sell the tickets anew if seats are left.',
    de: 'Die Reservierung {reference} wurde storniert ({reason}). Bitte die Tickets neu verkaufen, falls noch Plätze frei sind.',
  },
  RESERVATION_PICKED_UP: {
    en: 'Reservation {reference} was picked up already. Look the sale up in the journal to reprint its tickets.',
    de: 'Die Reservierung {reference} wurde bereits abgeholt. Zum Nachdrucken der Tickets den Verkauf im Journal suchen.',
  },
  RESERVATION_CANCEL_REASON: {
    en: 'Say why the reservation is cancelled (for example “customer called”).',
    de: 'Bitte angeben, warum die Reservierung storniert wird (zum Beispiel „Kunde hat angerufen“).',
  },
} as const satisfies Record<string, Record<Language, string>>;
