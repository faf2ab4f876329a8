import type { Language } from '../shared/ipc/types';

// What the core says about reserved seats (docs/SEATING.md "At the window"), spread into messages.ts.
export const seatMessages = {
  SEAT_NOT_SEATED: {
    en: 'This performance has no seat map: sell its tickets by quantity.',
    de: 'Diese Vorstellung hat keinen Saalplan: Tickets bitte über die Anzahl verkaufen.',
  },
  SEAT_PICK_ON_MAP: {
    en: 'This performance has a seat map: pick its seats on the map (only general admission sells by quantity).',
    de: 'Diese Vorstellung hat einen Saalplan: Plätze bitte im Plan wählen (nur Stehplätze werden über die Anzahl verkauft).',
  },
  SEAT_UNKNOWN: {
    en: 'The seat map does not have a seat you picked. Pick the seats on the map again.',
    de: 'Ein gewählter Platz ist nicht im Saalplan. Bitte die Plätze im Plan neu wählen.',
  },
  SEAT_NO_PRICE: {
    en: 'There is no price for this ticket type in the band of {seats}. Pick another ticket type or seat.',
    de: 'Für diese Ticketart gibt es in der Preiskategorie von {seats} keinen Preis. Bitte eine andere Ticketart oder einen anderen Platz wählen.',
  },
  SEAT_TAKEN: {
    en: 'Already taken: {seats}. Pick other seats.',
    de: 'Bereits vergeben: {seats}. Bitte andere Plätze wählen.',
  },
  SEAT_NOT_SYNCED: {
    en: '{seats}: a refund of it here has not reached the server yet. It is sent by itself in a moment: pick it again then, or pick other seats.',
    de: '{seats}: Eine Rückgabe dieses Platzes hier ist noch nicht beim Server. Sie wird gleich von selbst gesendet: Bitte dann erneut wählen oder andere Plätze wählen.',
  },
  SEAT_IN_CART: {
    en: 'Already in this cart: {seats}.',
    de: 'Bereits im Warenkorb: {seats}.',
  },
  SEAT_NOT_LEASED: {
    en: 'The server does not answer, and this terminal holds no lease on {seats}: offline only the seats leased to this window can be sold, and {left} of them are left. Pick one of those, or sell general admission.',
    de: 'Der Server antwortet nicht, und diese Kasse hält {seats} nicht: Ohne Server lassen sich nur die dieser Kasse zugeteilten Plätze verkaufen, davon sind noch {left} übrig. Bitte einen davon wählen oder Stehplätze verkaufen.',
  },
  SEAT_CHECKOUT_OFFLINE: {
    en: 'The server does not answer, and {seats} are held for this cart on the server only: offline only the seats leased to this window can be sold. Take the payment when the server answers again, or remove them and pick leased seats.',
    de: 'Der Server antwortet nicht, und {seats} sind nur auf dem Server für diesen Warenkorb reserviert: Ohne Server lassen sich nur die dieser Kasse zugeteilten Plätze verkaufen. Bitte zahlen, sobald der Server wieder antwortet, oder die Plätze entfernen und zugeteilte wählen.',
  },
  SEAT_NOT_HELD: {
    en: 'This window no longer holds {seats} (its hold ran out, or the seat went elsewhere). Remove it from the cart and pick again.',
    de: 'Diese Kasse hält {seats} nicht mehr (die Reservierung lief ab oder der Platz ging anderswohin). Bitte aus dem Warenkorb nehmen und neu wählen.',
  },
  SEAT_LINE_QTY: {
    en: 'A line of chosen seats changes on the seat map: pick or remove seats there (or remove the whole line).',
    de: 'Eine Zeile mit gewählten Plätzen wird im Saalplan geändert: Plätze dort wählen oder entfernen (oder die ganze Zeile entfernen).',
  },
  SEAT_COUNT: {
    en: 'Name one seat for each new ticket of a seated performance.',
    de: 'Bitte für jedes neue Ticket einer Vorstellung mit Saalplan einen Platz angeben.',
  },
  SEAT_NOT_IN_CART: {
    en: 'None of those seats is in the cart.',
    de: 'Keiner dieser Plätze ist im Warenkorb.',
  },
  SEAT_SERVER_REFUSED: {
    en: 'The server did not take the seats: {message}',
    de: 'Der Server hat die Plätze nicht vergeben: {message}',
  },
  SEAT_RESERVE_UNSUPPORTED: {
    en: 'Performances with a seat map cannot be reserved yet: sell their tickets now, or remove them from the cart to reserve the rest.',
    de: 'Vorstellungen mit Saalplan lassen sich noch nicht reservieren: Bitte die Tickets jetzt verkaufen oder aus dem Warenkorb nehmen, um den Rest zu reservieren.',
  },
  BEST_TOGETHER: {
    en: '{n} seats together.',
    de: '{n} Plätze nebeneinander.',
  },
  BEST_SPLIT: {
    en: 'No {n} seats together: the best split is in {groups} groups.',
    de: 'Keine {n} Plätze nebeneinander: Die beste Aufteilung sind {groups} Gruppen.',
  },
  BEST_NONE: {
    en: 'Not enough seats are available for {n}.',
    de: 'Für {n} sind nicht genug Plätze frei.',
  },
  BEST_OFFLINE: {
    en: 'The server does not answer: only the seats leased to this window were searched.',
    de: 'Der Server antwortet nicht: Gesucht wurde nur unter den dieser Kasse zugeteilten Plätzen.',
  },
} as const satisfies Record<string, Record<Language, string>>;
