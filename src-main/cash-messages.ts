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
  REASON_NOT_LISTED: {
    en: '"{reason}" is not on your organisation\'s list of reasons for this. Pick one of: {reasons}. Add details in the note.',
    de: '„{reason}“ steht nicht in der Liste der Gründe Ihrer Organisation dafür. Bitte einen wählen: {reasons}. Einzelheiten in die Notiz.',
  },
  CASH_NOT_IN_DRAWER: {
    en: 'The drawer should hold only {drawer}, so {amount} cannot come out of it. Take out less, or count the drawer and pay in what is missing first.',
    de: 'In der Kasse sollten nur {drawer} liegen, {amount} können also nicht herausgenommen werden. Bitte weniger entnehmen oder die Kasse zählen und Fehlendes zuerst einlegen.',
  },
  OFFLINE_NOT_ALLOWED: {
    en: 'The server does not answer, and your role may not sell while it is away. Ask a supervisor to take this sale, or take it when the server answers again: the cart stays.',
    de: 'Der Server antwortet nicht, und Ihre Rolle darf ohne Server nicht verkaufen. Bitte eine Aufsicht, diesen Verkauf zu übernehmen, oder kassieren, sobald der Server wieder antwortet: Der Warenkorb bleibt.',
  },
  OFFLINE_SALE_TOO_LARGE: {
    en: 'The server does not answer, and this terminal may sell at most {max} in one sale while it is away; this sale is {total}. Take it when the server answers again (the cart stays), or ask a manager.',
    de: 'Der Server antwortet nicht, und diese Kasse darf ohne Server höchstens {max} pro Verkauf annehmen; dieser Verkauf hat {total}. Bitte kassieren, sobald der Server wieder antwortet (der Warenkorb bleibt), oder eine Leitung fragen.',
  },
  OFFLINE_TOO_LONG: {
    en: 'This terminal has not heard from the server for {minutes} minutes, longer than the {max} allowed: a supervisor must take each sale now. Ask one to type their PIN (Supervisor PIN) or to sign in, or wait for the server: the cart stays.',
    de: 'Diese Kasse hat seit {minutes} Minuten nichts vom Server gehört, länger als die erlaubten {max}: Jeden Verkauf muss jetzt eine Aufsicht übernehmen. Bitte eine ihre PIN eingeben (Aufsichts-PIN) oder sich anmelden lassen, oder auf den Server warten: Der Warenkorb bleibt.',
  },
  OFFLINE_OWN_APPROVAL: {
    en: 'Your own PIN cannot let your sale past the offline limit: ask a supervisor to type theirs, or wait for the server. The cart stays.',
    de: 'Die eigene PIN gibt den eigenen Verkauf nicht über die Offline-Grenze frei: Bitte eine Aufsicht ihre PIN eingeben lassen oder auf den Server warten. Der Warenkorb bleibt.',
  },
  DRAWER_FAILED: {
    en: 'Recorded, but the drawer did not open: the printer it hangs on did not answer. Open the drawer with its key.',
    de: 'Gebucht, aber die Kasse hat sich nicht geöffnet: Der Drucker, an dem sie hängt, antwortet nicht. Bitte die Kasse mit dem Schlüssel öffnen.',
  },
} satisfies Record<string, Record<Language, string>>;
