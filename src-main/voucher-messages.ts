import type { Language } from '../shared/ipc/types';
import type { VoucherRefusal } from '../shared/vouchers/rules';

// What the core says about gift vouchers (docs/CASH.md "Gift vouchers"), spread into messages.ts.
const refusals = {
  VOUCHER_UNKNOWN: {
    en: 'This is not a gift voucher code, or no window issued it. Scan the voucher again, or take another payment.',
    de: 'Das ist kein Gutscheincode, oder keine Kasse hat ihn ausgegeben. Bitte den Gutschein erneut scannen oder anders bezahlen lassen.',
  },
  VOUCHER_FORGED: {
    en: 'This voucher’s signature does not check out: the code was changed or made up. Do not accept it; take another payment.',
    de: 'Die Signatur dieses Gutscheins stimmt nicht: Der Code wurde verändert oder erfunden. Bitte nicht annehmen und anders bezahlen lassen.',
  },
  VOUCHER_KEY_UNKNOWN: {
    en: 'This window does not know the key that signed this voucher yet (a window enrolled since its last sync, or not this organisation’s). Sync this terminal and scan again; until then take another payment.',
    de: 'Diese Kasse kennt den Schlüssel, mit dem dieser Gutschein signiert wurde, noch nicht (eine seit der letzten Synchronisierung registrierte Kasse oder keine dieser Organisation). Bitte dieses Terminal synchronisieren und erneut scannen; bis dahin anders bezahlen lassen.',
  },
  VOUCHER_KEY_REVOKED: {
    en: 'This voucher was signed by a terminal taken out of service, after it was revoked. Do not accept it; take another payment and ask a manager to check the voucher.',
    de: 'Dieser Gutschein wurde von einer stillgelegten Kasse signiert, nachdem sie gesperrt wurde. Bitte nicht annehmen, anders bezahlen lassen und eine Leitung bitten, den Gutschein zu prüfen.',
  },
  VOUCHER_EXPIRED: {
    en: 'This voucher expired on {date}. It cannot pay; take another payment.',
    de: 'Dieser Gutschein ist am {date} abgelaufen. Er kann nicht bezahlen; bitte anders bezahlen lassen.',
  },
  VOUCHER_CURRENCY: {
    en: 'This voucher is in {currency}, the sale in {saleCurrency}. Take another payment.',
    de: 'Dieser Gutschein lautet auf {currency}, der Verkauf auf {saleCurrency}. Bitte anders bezahlen lassen.',
  },
  VOUCHER_EXHAUSTED: {
    en: 'Nothing is left on this voucher. Take another payment.',
    de: 'Auf diesem Gutschein ist nichts mehr übrig. Bitte anders bezahlen lassen.',
  },
  VOUCHER_OVER_BALANCE: {
    en: 'At most {max} can be taken from this voucher here now. Take {max} from it and the rest in cash or by card.',
    de: 'Von diesem Gutschein können hier jetzt höchstens {max} genommen werden. Bitte {max} vom Gutschein und den Rest bar oder mit Karte nehmen.',
  },
  VOUCHER_NOT_SYNCED: {
    en: 'This voucher is genuine but the server does not know it yet: it can be spent once the window that sold it has synced. Take another payment for now.',
    de: 'Dieser Gutschein ist echt, aber dem Server noch nicht bekannt: Er kann bezahlen, sobald die Kasse, die ihn verkauft hat, synchronisiert hat. Bitte vorerst anders bezahlen lassen.',
  },
  VOUCHER_VOID: {
    en: 'This voucher was voided and cannot pay. Take another payment.',
    de: 'Dieser Gutschein wurde storniert und kann nicht bezahlen. Bitte anders bezahlen lassen.',
  },
} satisfies Record<VoucherRefusal, Record<Language, string>>;

export const voucherMessages = {
  ...refusals,
  VOUCHER_NOT_A_VOUCHER_PRODUCT: {
    en: 'This product is no gift voucher. Add it as a product.',
    de: 'Dieser Artikel ist kein Gutschein. Bitte als Artikel hinzufügen.',
  },
  VOUCHER_ADD_AS_VOUCHER: {
    en: 'A gift voucher is added with “Gift voucher”, where its amount is set. Use that button.',
    de: 'Ein Gutschein wird über „Gutschein“ hinzugefügt, wo sein Betrag festgelegt wird. Bitte diese Schaltfläche verwenden.',
  },
  VOUCHER_FIXED_AMOUNT: {
    en: 'This voucher sells at its price of {price}; no other amount can be typed. Leave the amount empty, or pick an open-amount voucher.',
    de: 'Dieser Gutschein wird zu seinem Preis von {price} verkauft; ein anderer Betrag ist nicht möglich. Bitte den Betrag leer lassen oder einen Gutschein mit freiem Betrag wählen.',
  },
  VOUCHER_AMOUNT_NEEDED: {
    en: 'This voucher has an open amount: type the amount the customer wants on it.',
    de: 'Dieser Gutschein hat einen freien Betrag: Bitte den gewünschten Betrag eingeben.',
  },
  VOUCHER_TOO_MANY: {
    en: 'One sale issues at most {max} vouchers. Sell the rest in another sale.',
    de: 'Ein Verkauf gibt höchstens {max} Gutscheine aus. Bitte den Rest in einem weiteren Verkauf verkaufen.',
  },
  VOUCHER_NOT_DISCOUNTED: {
    en: 'A gift voucher is money: it cannot be given away or discounted. Comp the other lines only.',
    de: 'Ein Gutschein ist Geld: Er kann nicht verschenkt oder rabattiert werden. Bitte nur die anderen Positionen als Freikarte buchen.',
  },
  VOUCHER_NEEDS_ENROLMENT: {
    en: 'Enrol this terminal before selling gift vouchers or refunding onto one: a voucher must be signed, and only an enrolled terminal has a key.',
    de: 'Bitte dieses Terminal zuerst registrieren, bevor Gutscheine verkauft oder Erstattungen auf einen Gutschein gebucht werden: Ein Gutschein muss signiert sein, und nur ein registriertes Terminal hat einen Schlüssel.',
  },
  VOUCHER_CREDIT_OVER: {
    en: 'At most {max} of this sale can go onto a gift voucher: the money it still holds. Give back fewer items onto the voucher.',
    de: 'Von diesem Verkauf können höchstens {max} auf einen Gutschein gehen: das Geld, das er noch hält. Bitte weniger Positionen auf den Gutschein erstatten.',
  },
  VOUCHER_CREDIT_VOID_PAID: {
    en: 'This sale was paid partly by gift voucher: voiding it puts that money back on the voucher by itself. Void it without “To a gift voucher”.',
    de: 'Dieser Verkauf wurde teils mit Gutschein bezahlt: Ein Storno bucht dieses Geld von selbst auf den Gutschein zurück. Bitte ohne „Auf einen Gutschein“ stornieren.',
  },
  VOUCHER_PAYS_TOO_MUCH: {
    en: 'A voucher gives no change: take at most {max} from it, what is still to pay.',
    de: 'Ein Gutschein gibt kein Wechselgeld: Bitte höchstens {max} davon nehmen, den noch offenen Betrag.',
  },
  VOUCHER_TWICE: {
    en: 'This voucher is already among the payments. Change its amount there instead.',
    de: 'Dieser Gutschein ist schon unter den Zahlungen. Bitte dort den Betrag ändern.',
  },
  VOUCHER_NOT_REFUNDED: {
    en: 'A gift voucher sold at another window is refunded at that window, which makes sure nothing of it was spent.',
    de: 'Ein an einer anderen Kasse verkaufter Gutschein wird an jener Kasse erstattet, die prüft, dass nichts davon ausgegeben wurde.',
  },
  VOUCHER_REFUND_UNSURE: {
    en: 'Gift voucher …{voucher} cannot be taken back: this window cannot make sure its whole value is unspent. It may have been spent in part, another window may hold part of it for offline sales, or the server cannot be reached. Check its balance (F5): a voucher with its whole value left can be refunded once the server answers.',
    de: 'Gutschein …{voucher} kann nicht zurückgenommen werden: Diese Kasse kann nicht sicherstellen, dass sein ganzer Wert unverbraucht ist. Er kann teils ausgegeben sein, eine andere Kasse kann einen Teil für Offline-Verkäufe halten, oder der Server ist nicht erreichbar. Bitte das Guthaben prüfen (F5): Ein Gutschein mit vollem Wert kann erstattet werden, sobald der Server antwortet.',
  },
  VOUCHER_REFUND_OVERRIDE: {
    en: 'This sale was paid partly by gift voucher: that part goes back onto the voucher, never out in cash or by card. Refund without the tender override.',
    de: 'Dieser Verkauf wurde teils mit Gutschein bezahlt: Dieser Teil geht auf den Gutschein zurück, nie bar oder auf Karte. Bitte ohne Zahlungsart-Ausnahme erstatten.',
  },
  VOUCHER_REMOTE_REFUND: {
    en: 'This sale was paid by gift voucher at another window: refund or void it at that window, which puts the money back on the voucher.',
    de: 'Dieser Verkauf wurde an einer anderen Kasse mit Gutschein bezahlt: Bitte dort erstatten oder stornieren, damit das Geld auf den Gutschein zurückgeht.',
  },
  VOUCHER_TRAINING: {
    en: 'A voucher cannot pay in training, and a voucher sold in training is never valid. Take another payment, or ask a manager to end training.',
    de: 'Im Training kann kein Gutschein bezahlen, und ein im Training verkaufter Gutschein ist nie gültig. Bitte anders bezahlen lassen oder eine Leitung bitten, das Training zu beenden.',
  },
} satisfies Record<string, Record<Language, string>>;
