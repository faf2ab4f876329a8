import type { Language } from '../../../shared/ipc/types';
import { fillIn } from '../printing/print-messages';

// The words of the mails themselves, in the mail's language (the receipt's figures use the paper words
// of src-main/services/printing/print-messages.ts, so paper and mail say the same).

export const MAIL_WORDS = {
  receiptSubject: { en: 'Your receipt no. {no} from {venue}', de: 'Ihr Beleg Nr. {no} von {venue}' },
  receiptIntro: {
    en: 'Thank you for your purchase. Here is your receipt.',
    de: 'Vielen Dank für Ihren Einkauf. Hier ist Ihr Beleg.',
  },
  ticketsSubject: {
    en: 'Your tickets from {venue} (order {no})',
    de: 'Ihre Tickets von {venue} (Bestellung {no})',
  },
  ticketsBody: {
    en: 'Your {count} ticket(s) are attached as a PDF. Show the QR code at the door, on your phone or printed. Each code admits once.',
    de: 'Ihre {count} Ticket(s) sind als PDF angehängt. Bitte den QR-Code am Einlass zeigen, auf dem Telefon oder ausgedruckt. Jeder Code gilt für einen Einlass.',
  },
  ticketsFile: { en: 'tickets', de: 'tickets' },
  vouchersSubject: {
    en: 'Your gift vouchers from {venue} (order {no})',
    de: 'Ihre Gutscheine von {venue} (Bestellung {no})',
  },
  vouchersBody: {
    en: 'Your {count} gift voucher(s) are attached as a PDF, each with its QR code. Show the code at the box office, on your phone or printed, to pay with it, in full or in part, until it expires. Whoever shows the code can spend it: keep this e-mail safe.',
    de: 'Ihre {count} Gutschein(e) sind als PDF angehängt, jeder mit seinem QR-Code. Bitte den Code an der Kasse zeigen, auf dem Telefon oder ausgedruckt, um damit zu bezahlen, ganz oder in Teilen, bis er abläuft. Wer den Code zeigt, kann ihn einlösen: bitte diese E-Mail sicher aufbewahren.',
  },
  testSubject: { en: 'Test e-mail from the box office terminal', de: 'Test-E-Mail vom Kassenterminal' },
  testBody: {
    en: 'This test e-mail was sent by terminal {terminal} through {server} at {at}. E-mail from this terminal works.',
    de: 'Diese Test-E-Mail hat das Terminal {terminal} über {server} um {at} gesendet. E-Mail von diesem Terminal funktioniert.',
  },
  noReply: {
    en: 'Please do not reply to this e-mail; ask at the box office.',
    de: 'Bitte nicht auf diese E-Mail antworten; fragen Sie an der Kasse.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type MailWord = keyof typeof MAIL_WORDS;

export function mailWord(
  language: Language,
  key: MailWord,
  values: Record<string, string | number> = {},
): string {
  return fillIn(MAIL_WORDS[key][language], values);
}
