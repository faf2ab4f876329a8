import type { Language } from '../shared/ipc/types';

// What the core says about cash movements and the drawer (docs/CASH.md), spread into messages.ts.
export const cashMessages = {
  CASH_AMOUNT_REQUIRED: {
    en: 'Enter the amount that goes into or out of the drawer, more than 0.',
    de: 'Bitte den Betrag eingeben, der in die Kasse kommt oder sie verlässt (mehr als 0).',
  },
  CASH_NO_SALE_AMOUNT: {
    en: 'A "no sale" moves no money: leave the amount at 0, or record a paid in or paid out instead.',
    de: '„Kein Verkauf“ bewegt kein Geld: Betrag bei 0 lassen oder stattdessen eine Einlage oder Auszahlung buchen.',
  },
  CASH_DIRECTION_REQUIRED: {
    en: 'Say whether the float change adds cash to the drawer or takes cash out.',
    de: 'Bitte angeben, ob die Wechselgeldänderung Geld in die Kasse legt oder herausnimmt.',
  },
  CASH_REASON_NOT_LISTED: {
    en: '"{reason}" is not on the list of reasons. Pick one of: {reasons}. Add details in the note.',
    de: '„{reason}“ steht nicht in der Liste der Gründe. Bitte einen wählen: {reasons}. Einzelheiten in die Notiz.',
  },
  CASH_NOT_IN_DRAWER: {
    en: 'The drawer should hold only {drawer}, so {amount} cannot come out of it. Take out less, or count the drawer and pay in what is missing first.',
    de: 'In der Kasse sollten nur {drawer} liegen, {amount} können also nicht herausgenommen werden. Bitte weniger entnehmen oder die Kasse zählen und Fehlendes zuerst einlegen.',
  },
  OFFLINE_NOT_ALLOWED: {
    en: 'The server does not answer, and your role may not sell while it is away. Ask a supervisor to take this sale, or take it when the server answers again: the cart stays.',
    de: 'Der Server antwortet nicht, und Ihre Rolle darf ohne Server nicht verkaufen. Bitte eine Aufsicht, diesen Verkauf zu übernehmen, oder kassieren, sobald der Server wieder antwortet: Der Warenkorb bleibt.',
  },
  DRAWER_FAILED: {
    en: 'Recorded, but the drawer did not open: the printer it hangs on did not answer. Open the drawer with its key.',
    de: 'Gebucht, aber die Kasse hat sich nicht geöffnet: Der Drucker, an dem sie hängt, antwortet nicht. Bitte die Kasse mit dem Schlüssel öffnen.',
  },
} satisfies Record<string, Record<Language, string>>;
