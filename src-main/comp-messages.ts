import type { Language } from '../shared/ipc/types';

// What the core says about comps (docs/CASH.md "Comps"), spread into messages.ts.
export const compMessages = {
  COMP_REASON_NOT_LISTED: {
    en: '"{reason}" is not on the list of comp reasons. Pick one of: {reasons}. Add details in the note.',
    de: '„{reason}“ steht nicht in der Liste der Gründe für Freikarten. Bitte einen wählen: {reasons}. Einzelheiten in die Notiz.',
  },
  COMP_APPROVAL_REQUIRED: {
    en: 'Your role may not give lines away on its own. Ask a supervisor to type their PIN to approve this comp.',
    de: 'Ihre Rolle darf nichts allein verschenken. Bitte eine Aufsicht, diese Freikarte mit ihrer PIN freizugeben.',
  },
  COMP_EMPTY_CART: {
    en: 'The cart is empty: add what the customer gets first, then comp it.',
    de: 'Der Warenkorb ist leer: Bitte zuerst hinzufügen, was der Kunde bekommt, dann verschenken.',
  },
  COMP_TOO_MANY_UNITS: {
    en: 'This line has {qty} units: comp at most that many.',
    de: 'Diese Position hat {qty} Stück: Bitte höchstens so viele verschenken.',
  },
  COMP_TOO_MANY: {
    en: 'One order can carry comps with at most {max} different reasons or approvers. Comp the whole order with one reason instead.',
    de: 'Eine Bestellung kann Freikarten mit höchstens {max} verschiedenen Gründen oder Freigaben tragen. Bitte stattdessen die ganze Bestellung mit einem Grund verschenken.',
  },
  COMP_ORDER_FIRST: {
    en: 'A complimentary payment is only for an order given away in full: comp the order first (pick a reason), then finish it as complimentary.',
    de: 'Eine Freikarten-Zahlung gilt nur für eine ganz verschenkte Bestellung: Bitte zuerst die Bestellung verschenken (Grund wählen), dann als Freikarte abschließen.',
  },
} satisfies Record<string, Record<Language, string>>;
