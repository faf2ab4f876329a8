import type { Language } from '../ipc/types';

// Words printed on a gift voucher (docs/CASH.md "Gift vouchers"), in both languages, for the receipt
// that carries it (src-main/services/printing, where they join the paper words) and the e-mailed PDF
// (shared/node/vouchers/voucher-pdf.ts): one place, so a voucher says the same on paper and by mail.

export const VOUCHER_WORDS = {
  giftVoucher: { en: 'GIFT VOUCHER', de: 'GUTSCHEIN' },
  validUntil: { en: 'Valid until', de: 'Gültig bis' },
  voucherId: { en: 'Voucher', de: 'Gutschein' },
  voucherNotValid: { en: 'TRAINING: NOT A VOUCHER', de: 'TRAINING: KEIN GUTSCHEIN' },
  voucherHowTo: {
    en: 'Show this code at the box office to pay with the voucher, in full or in part, until it expires. Whoever shows the code can spend it: keep it safe.',
    de: 'Diesen Code an der Kasse zeigen, um mit dem Gutschein zu bezahlen, ganz oder in Teilen, bis er abläuft. Wer den Code zeigt, kann ihn einlösen: bitte sicher aufbewahren.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type VoucherWord = keyof typeof VOUCHER_WORDS;

export function voucherWord(language: Language, key: VoucherWord): string {
  return VOUCHER_WORDS[key][language];
}
