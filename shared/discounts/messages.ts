import type { LocalizedMessage, ReasonCode } from './types';

// The English sentences are the contract's table, word for word; the German ones say the same thing
// in the register a box office uses with its customers.
export const REASON_MESSAGES: Readonly<Record<ReasonCode, Readonly<LocalizedMessage>>> = deepFreeze({
  INVALID_CODE: {
    en: 'This is not a valid discount code.',
    de: 'Dies ist kein gültiger Rabattcode.',
  },
  NOT_YET_ACTIVE: {
    en: 'This code is not yet active.',
    de: 'Dieser Code ist noch nicht aktiv.',
  },
  EXPIRED: {
    en: 'This code has expired.',
    de: 'Dieser Code ist abgelaufen.',
  },
  OUTSIDE_PERFORMANCE_WINDOW: {
    en: 'This discount code is outside of its validity period.',
    de: 'Dieser Rabattcode ist außerhalb seines Gültigkeitszeitraums.',
  },
  MAX_USES: {
    en: 'The maximum number of orders for this discount code has been met.',
    de: 'Die maximale Anzahl an Bestellungen für diesen Rabattcode ist erreicht.',
  },
  MAX_ITEM_USES: {
    en: 'The maximum number of item uses for this discount code has been met.',
    de: 'Die maximale Anzahl an rabattierten Artikeln für diesen Rabattcode ist erreicht.',
  },
  CUSTOMER_MAX_USES: {
    en: 'The maximum number of orders for this discount code has been met for this customer.',
    de: 'Die maximale Anzahl an Bestellungen für diesen Rabattcode ist für diesen Kunden erreicht.',
  },
  CUSTOMER_MAX_ITEM_USES: {
    en: 'The maximum number of item uses for this discount code has been met for this customer.',
    de: 'Die maximale Anzahl an rabattierten Artikeln für diesen Rabattcode ist für diesen Kunden erreicht.',
  },
  CUSTOMER_EVENT_MAX_USES: {
    en: 'The maximum number of orders for this discount code has been met for this customer for one or more events.',
    de: 'Die maximale Anzahl an Bestellungen für diesen Rabattcode ist für diesen Kunden bei einer oder mehreren Veranstaltungen erreicht.',
  },
  CUSTOMER_SCHEDULE_MAX_USES: {
    en: 'The maximum number of orders for this discount code has been met for this customer for one or more event schedules.',
    de: 'Die maximale Anzahl an Bestellungen für diesen Rabattcode ist für diesen Kunden bei einem oder mehreren Vorstellungsterminen erreicht.',
  },
  BUDGET_EXHAUSTED: {
    en: "This discount code's budget has been used up.",
    de: 'Das Budget dieses Rabattcodes ist aufgebraucht.',
  },
  WRONG_CURRENCY: {
    en: 'This discount code is not valid for this currency.',
    de: 'Dieser Rabattcode gilt nicht für diese Währung.',
  },
  MIN_SPEND: {
    en: 'The minimum spend for this discount has not been met.',
    de: 'Der Mindestbestellwert für diesen Rabatt ist nicht erreicht.',
  },
  MAX_SPEND: {
    en: 'The order is above the maximum value for this discount.',
    de: 'Die Bestellung liegt über dem Höchstwert für diesen Rabatt.',
  },
  MIN_QTY: {
    en: 'Not enough eligible tickets in the basket for this discount.',
    de: 'Für diesen Rabatt liegen nicht genug berechtigte Tickets im Warenkorb.',
  },
  REQUIRED_ITEMS_MISSING: {
    en: 'Required items are not present in basket for this discount.',
    de: 'Für diesen Rabatt benötigte Artikel fehlen im Warenkorb.',
  },
  CROSS_EVENT: {
    en: 'Eligible items must be purchased from the same event for this discount.',
    de: 'Für diesen Rabatt müssen die berechtigten Artikel für dieselbe Veranstaltung gekauft werden.',
  },
  DISTINCT_EVENTS: {
    en: 'Eligible items must come from more events for this discount.',
    de: 'Für diesen Rabatt müssen die berechtigten Artikel aus mehr Veranstaltungen stammen.',
  },
  GROUP_TOO_SMALL: {
    en: 'The group is too small for this discount.',
    de: 'Die Gruppe ist für diesen Rabatt zu klein.',
  },
  NO_ELIGIBLE_ITEMS: {
    en: 'This discount code does not apply to any items in the basket.',
    de: 'Dieser Rabattcode gilt für keinen Artikel im Warenkorb.',
  },
  WRONG_CHANNEL: {
    en: 'This discount code cannot be used in this sales point.',
    de: 'Dieser Rabattcode kann an dieser Verkaufsstelle nicht verwendet werden.',
  },
  NEW_CUSTOMERS_ONLY: {
    en: "This discount code can only be used on a customer's first order.",
    de: 'Dieser Rabattcode kann nur bei der ersten Bestellung eines Kunden verwendet werden.',
  },
  CUSTOMER_GROUP: {
    en: 'This discount code requires the customer to be in a specific customer group.',
    de: 'Für diesen Rabattcode muss der Kunde einer bestimmten Kundengruppe angehören.',
  },
  CUSTOMER_REQUIRED: {
    en: 'You must select a customer to use this discount code.',
    de: 'Sie müssen einen Kunden auswählen, um diesen Rabattcode zu verwenden.',
  },
  NOT_IN_BOX_OFFICE: {
    en: 'This discount code is not available in box office.',
    de: 'Dieser Rabattcode ist an der Kasse nicht verfügbar.',
  },
  MAX_DISCOUNT_ZERO: {
    en: "This discount code's maximum discount is zero.",
    de: 'Der Höchstrabatt dieses Rabattcodes ist null.',
  },
  INVALID_INPUT: {
    en: 'The discount could not be checked because some data is invalid.',
    de: 'Der Rabatt konnte nicht geprüft werden, weil Daten ungültig sind.',
  },
});

// Frozen because evaluations hand these objects out as their message: a caller editing one must not
// change the sentence for every later evaluation.
function deepFreeze<T extends Record<string, LocalizedMessage>>(table: T): Readonly<T> {
  for (const key of Object.keys(table)) Object.freeze(table[key]);
  return Object.freeze(table);
}

export const CODE_FORMAT_MESSAGE: LocalizedMessage = {
  en: 'A discount code has 1 to 64 characters: letters, digits and - _ ( ) / \\ + @ . but no spaces.',
  de: 'Ein Rabattcode hat 1 bis 64 Zeichen: Buchstaben, Ziffern und - _ ( ) / \\ + @ . aber keine Leerzeichen.',
};

export type InputProblem =
  | { kind: 'required' }
  | { kind: 'text' }
  | { kind: 'boolean' }
  | { kind: 'list' }
  | { kind: 'object' }
  | { kind: 'minor' }
  | { kind: 'integer' }
  | { kind: 'count'; min: number }
  | { kind: 'percent' }
  | { kind: 'currency' }
  | { kind: 'instant' }
  | { kind: 'oneOf'; options: readonly string[] }
  | { kind: 'unknownRule' }
  | { kind: 'duplicate' }
  | { kind: 'notBefore'; other: string }
  | { kind: 'tooLarge'; max: number }
  | { kind: 'tooManyUnits'; max: number }
  | { kind: 'mismatch' };

function describe(problem: InputProblem): LocalizedMessage {
  switch (problem.kind) {
    case 'required':
      return { en: 'is missing', de: 'fehlt' };
    case 'text':
      return { en: 'must be text', de: 'muss ein Text sein' };
    case 'boolean':
      return { en: 'must be true or false', de: 'muss true oder false sein' };
    case 'list':
      return { en: 'must be a list', de: 'muss eine Liste sein' };
    case 'object':
      return { en: 'must be an object', de: 'muss ein Objekt sein' };
    case 'minor':
      return {
        en: 'must be a whole, non-negative amount in minor units',
        de: 'muss ein ganzzahliger, nicht negativer Betrag in der kleinsten Währungseinheit sein',
      };
    case 'integer':
      return { en: 'must be a whole number', de: 'muss eine ganze Zahl sein' };
    case 'count':
      return {
        en: `must be a whole number of at least ${problem.min}`,
        de: `muss eine ganze Zahl von mindestens ${problem.min} sein`,
      };
    case 'percent':
      return {
        en: 'must be whole basis points from 0 to 10000',
        de: 'muss in ganzen Basispunkten von 0 bis 10000 angegeben sein',
      };
    case 'currency':
      return {
        en: 'must be a known ISO 4217 currency code such as EUR',
        de: 'muss ein bekannter ISO-4217-Währungscode wie EUR sein',
      };
    case 'instant':
      return {
        en: 'must be an ISO 8601 instant such as 2025-07-15T12:00:00Z',
        de: 'muss ein ISO-8601-Zeitpunkt wie 2025-07-15T12:00:00Z sein',
      };
    case 'oneOf':
      return {
        en: `must be one of ${problem.options.join(', ')}`,
        de: `muss einer der Werte ${problem.options.join(', ')} sein`,
      };
    case 'unknownRule':
      return {
        en: 'is not known to this version of the engine; update the terminal before using this code',
        de: 'ist dieser Version der Rabattlogik unbekannt; aktualisieren Sie das Terminal, bevor Sie diesen Code verwenden',
      };
    case 'duplicate':
      return { en: 'repeats an id already used in this basket', de: 'wiederholt eine bereits verwendete ID' };
    case 'notBefore':
      return {
        en: `must not be less than ${problem.other}`,
        de: `darf nicht kleiner als ${problem.other} sein`,
      };
    case 'tooLarge':
      return { en: `must not be more than ${problem.max}`, de: `darf nicht größer als ${problem.max} sein` };
    case 'tooManyUnits':
      return {
        en: `must not hold more than ${problem.max} units`,
        de: `darf nicht mehr als ${problem.max} Einheiten enthalten`,
      };
    case 'mismatch':
      return {
        en: 'does not match the basket; evaluate the code again',
        de: 'passt nicht zum Warenkorb; prüfen Sie den Code erneut',
      };
  }
}

/** The sentence shown for INVALID_INPUT: it names the field so support can find the bad record. */
export function invalidInputMessage(field: string, problem: InputProblem): LocalizedMessage {
  const text = describe(problem);
  return {
    en: `The discount could not be checked: ${field} ${text.en}.`,
    de: `Der Rabatt konnte nicht geprüft werden: ${field} ${text.de}.`,
  };
}
