import type { PrinterFault } from '../../../shared/ipc/domains/printing';
import type { Language } from '../../../shared/ipc/types';
import { TICKET_WORDS } from '../../../shared/tickets/words';
import { VOUCHER_WORDS } from '../../../shared/vouchers/words';

// Words printed on paper and sentences about the printer, in both UI languages. Paper words follow the
// printer's language setting; status sentences follow the terminal's.

export const PAPER_WORDS = {
  // Tickets' words live in shared/ because the PDF tickets print them too; receipts use some of them.
  ...TICKET_WORDS,
  // A gift voucher's words likewise: the e-mailed voucher PDF prints them too.
  ...VOUCHER_WORDS,
  receipt: { en: 'RECEIPT', de: 'BELEG' },
  refund: { en: 'REFUND', de: 'ERSTATTUNG' },
  void: { en: 'VOID', de: 'STORNO' },
  zReport: { en: 'Z REPORT', de: 'Z-BERICHT' },
  xReport: { en: 'X REPORT', de: 'X-BERICHT' },
  cashMovements: { en: 'Cash movements', de: 'Bargeldbewegungen' },
  paid_in: { en: 'Paid in', de: 'Einlage' },
  paid_out: { en: 'Paid out', de: 'Auszahlung' },
  drop: { en: 'Cash drop', de: 'Abschöpfung' },
  float_change: { en: 'Float change', de: 'Wechselgeld geändert' },
  noSale: { en: 'No sale', de: 'Kein Verkauf' },
  testPage: { en: 'TEST PRINT', de: 'TESTDRUCK' },
  copy: { en: 'Copy {n} of {of}', de: 'Kopie {n} von {of}' },
  receiptNo: { en: 'Receipt no.', de: 'Beleg-Nr.' },
  refundNo: { en: 'Refund no.', de: 'Erstattungs-Nr.' },
  originalReceipt: { en: 'Sale receipt', de: 'Ursprungsbeleg' },
  soldAt: { en: 'Sold at', de: 'Verkauft an' },
  date: { en: 'Date', de: 'Datum' },
  cashier: { en: 'Cashier', de: 'Kasse' },
  staff: { en: 'Staff', de: 'Mitarbeiter' },
  terminal: { en: 'Terminal', de: 'Terminal' },
  customDiscount: { en: 'Discount', de: 'Rabatt' },
  reason: { en: 'Reason', de: 'Grund' },
  subtotal: { en: 'Subtotal', de: 'Zwischensumme' },
  total: { en: 'TOTAL', de: 'SUMME' },
  vat: { en: 'VAT', de: 'MwSt.' },
  vatRate: { en: 'Rate', de: 'Satz' },
  net: { en: 'Net', de: 'Netto' },
  gross: { en: 'Gross', de: 'Brutto' },
  cash: { en: 'Cash', de: 'Bar' },
  card: { en: 'Card', de: 'Karte' },
  complimentary: { en: 'Complimentary', de: 'Freikarte' },
  exchange: { en: 'Exchange credit', de: 'Umtauschguthaben' },
  // docs/CASH.md "Gift vouchers".
  voucher: { en: 'Voucher', de: 'Gutschein' },
  vouchersSold: { en: 'Gift vouchers sold (not takings)', de: 'Verkaufte Gutscheine (kein Umsatz)' },
  given: { en: 'Given', de: 'Gegeben' },
  change: { en: 'Change', de: 'Rückgeld' },
  paidBack: { en: 'Paid back', de: 'Ausgezahlt' },
  cashRounding: { en: 'Cash rounding', de: 'Bargeldrundung' },
  approvedBy: { en: 'Approved by', de: 'Freigabe' },
  overuse: { en: 'Overuse', de: 'Überschreitung' },
  offlineSale: { en: 'Offline sale', de: 'Verkauf ohne Server' },
  thanks: { en: 'Thank you for your visit!', de: 'Vielen Dank für Ihren Besuch!' },
  shift: { en: 'Shift', de: 'Schicht' },
  opened: { en: 'Opened', de: 'Geöffnet' },
  closed: { en: 'Closed', de: 'Geschlossen' },
  stillOpen: { en: 'Shift still open', de: 'Schicht noch offen' },
  openingFloat: { en: 'Opening float', de: 'Anfangsbestand' },
  sales: { en: 'Sales', de: 'Verkäufe' },
  orders: { en: 'Orders', de: 'Bestellungen' },
  codeDiscounts: { en: 'Code discounts', de: 'Code-Rabatte' },
  customDiscounts: { en: 'Custom discounts', de: 'Freie Rabatte' },
  comp: { en: 'Comp', de: 'Freikarte' },
  comps: { en: 'Comps', de: 'Freikarten' },
  compsGiven: { en: 'Given away', de: 'Verschenkt' },
  units: { en: 'Units', de: 'Stück' },
  tenders: { en: 'Tenders', de: 'Zahlarten' },
  refunds: { en: 'Refunds', de: 'Erstattungen' },
  voids: { en: 'Voids', de: 'Stornos' },
  voidedSales: { en: 'Voided sales (not in sales)', de: 'Stornierte Verkäufe (nicht in Verkäufen)' },
  trainingSales: { en: 'Training sales (not in sales)', de: 'Trainingsverkäufe (nicht in Verkäufen)' },
  voided: { en: 'voided', de: 'storniert' },
  byCode: { en: 'Discounts by code', de: 'Rabatte nach Code' },
  overuses: { en: 'Overuses', de: 'Überschreitungen' },
  byCashier: { en: 'By cashier', de: 'Nach Kassierer' },
  expectedCash: { en: 'Expected cash', de: 'Soll-Bargeld' },
  countedCash: { en: 'Counted cash', de: 'Gezähltes Bargeld' },
  difference: { en: 'Difference', de: 'Differenz' },
  none: { en: 'none', de: 'keine' },
  testBody: {
    en: 'If you can read this, the printer works.',
    de: 'Wenn Sie dies lesen können, funktioniert der Drucker.',
  },
  paperWidth: { en: 'Paper width', de: 'Papierbreite' },
  address: { en: 'Address', de: 'Adresse' },
} as const satisfies Record<string, Record<Language, string>>;

export type PaperWord = keyof typeof PAPER_WORDS;

/** `{name}` in a sentence replaced by its value; a name without a value stays visible as `{name}`. */
export function fillIn(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function paperWord(
  language: Language,
  key: PaperWord,
  values: Record<string, string | number> = {},
): string {
  return fillIn(PAPER_WORDS[key][language], values);
}

/** What stops printing, and what staff can do about it. */
const FAULTS: Record<PrinterFault, Record<Language, string>> = {
  NOT_CONFIGURED: {
    en: 'No printer is set up on this terminal. Ask a manager to enter the printer in the settings.',
    de: 'An diesem Terminal ist kein Drucker eingerichtet. Bitte eine Leitung, den Drucker in den Einstellungen einzutragen.',
  },
  UNREACHABLE: {
    en: 'The printer at {address} cannot be reached. Check that it is switched on and its network cable is plugged in; printing resumes by itself.',
    de: 'Der Drucker unter {address} ist nicht erreichbar. Bitte prüfen, ob er eingeschaltet und das Netzwerkkabel eingesteckt ist; der Druck läuft dann von selbst weiter.',
  },
  CONNECTION_LOST: {
    en: 'The connection to the printer at {address} broke off during printing. The document will be printed again in full.',
    de: 'Die Verbindung zum Drucker unter {address} ist beim Drucken abgebrochen. Das Dokument wird noch einmal vollständig gedruckt.',
  },
  NO_STATUS: {
    en: 'The printer at {address} does not answer. Switch it off and on again; printing resumes by itself.',
    de: 'Der Drucker unter {address} antwortet nicht. Bitte aus- und wieder einschalten; der Druck läuft dann von selbst weiter.',
  },
  PAPER_END: {
    en: 'Printer is out of paper. Put in a new roll; printing resumes by itself.',
    de: 'Der Drucker hat kein Papier mehr. Bitte eine neue Rolle einlegen; der Druck läuft dann von selbst weiter.',
  },
  COVER_OPEN: {
    en: 'The printer cover is open. Close it; printing resumes by itself.',
    de: 'Die Druckerabdeckung ist offen. Bitte schließen; der Druck läuft dann von selbst weiter.',
  },
  OFFLINE: {
    en: 'The printer is offline. Check its lights and clear any jam; printing resumes by itself.',
    de: 'Der Drucker ist offline. Bitte die Anzeigen prüfen und einen Papierstau beheben; der Druck läuft dann von selbst weiter.',
  },
  OUTPUT_UNAVAILABLE: {
    en: 'The system printer and PDF output work only in the desktop app. Choose a network printer here.',
    de: 'Systemdrucker und PDF gibt es nur in der Desktop-App. Bitte hier einen Netzwerkdrucker wählen.',
  },
};

export function faultMessage(
  language: Language,
  fault: PrinterFault,
  values: Record<string, string | number> = {},
): string {
  return fillIn(FAULTS[fault][language], values);
}

export const PAPER_NEAR_END: Record<Language, string> = {
  en: 'The paper roll is nearly used up. Have a new roll ready.',
  de: 'Die Papierrolle ist fast aufgebraucht. Bitte eine neue Rolle bereitlegen.',
};

/** A job the terminal itself could not turn into paper; it is set aside so the queue moves on. */
export function brokenJobMessage(language: Language, detail: string): string {
  return language === 'de'
    ? `Dieses Dokument konnte wegen eines Fehlers im Terminal nicht gedruckt werden (${detail}). Bitte erneut drucken; wenn es wieder passiert, eine Aufsicht informieren.`
    : `This document could not be printed because of an error in the terminal (${detail}). Print it again; if it happens again, tell your supervisor.`;
}

/** Refusals of print requests. */
export const PRINT_REFUSALS = {
  NO_PRINTER: FAULTS.NOT_CONFIGURED,
  UNKNOWN_SALE: {
    en: 'No sale with that number on this terminal. Check the receipt number.',
    de: 'Kein Verkauf mit dieser Nummer an diesem Terminal. Bitte die Belegnummer prüfen.',
  },
  NO_TICKETS: {
    en: 'This sale has no valid tickets to print: it sold none, or they were refunded.',
    de: 'Dieser Verkauf hat keine gültigen Tickets zum Drucken: keine verkauft oder bereits erstattet.',
  },
  UNKNOWN_REFUND: {
    en: 'No refund with that number on this terminal. Look the sale up again.',
    de: 'Keine Erstattung mit dieser Nummer an diesem Terminal. Bitte den Verkauf erneut aufrufen.',
  },
  UNKNOWN_SHIFT: {
    en: 'No shift with that number on this terminal. Pick the shift again.',
    de: 'Keine Schicht mit dieser Nummer an diesem Terminal. Bitte die Schicht erneut wählen.',
  },
  HOST_REQUIRED: {
    en: "Enter the network printer's IP address or host name.",
    de: 'Bitte die IP-Adresse oder den Hostnamen des Netzwerkdruckers eingeben.',
  },
  ONE_DOCUMENT: {
    en: 'Preview one document at a time: give a sale, a refund or a shift.',
    de: 'Bitte genau ein Dokument angeben: einen Verkauf, eine Erstattung oder eine Schicht.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type PrintRefusal = keyof typeof PRINT_REFUSALS;
