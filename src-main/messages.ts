import type { Language } from '../shared/ipc/types';
import { err, type Err } from '../shared/result';
import { reservationMessages } from './reservation-messages';
import { seatMessages } from './seat-messages';
import { cashMessages } from './cash-messages';
import { trainingMessages } from './training-messages';
import { compMessages } from './comp-messages';
import { voucherMessages } from './voucher-messages';

// Sentences the core says to staff, in both UI languages. Each says what happened and what to do.
const catalogue = {
  NOT_SIGNED_IN: { en: 'Sign in with your PIN first.', de: 'Bitte zuerst mit der PIN anmelden.' },
  SESSION_LOCKED: {
    en: 'The terminal locked itself after {minutes} minutes without use: enter your PIN to unlock it.',
    de: 'Das Terminal hat sich nach {minutes} Minuten ohne Nutzung gesperrt: zum Entsperren die PIN eingeben.',
  },
  FORBIDDEN: {
    en: 'Your role ({role}) may not {action}. Ask a supervisor.',
    de: 'Ihre Rolle ({role}) darf nicht {action}. Bitte eine Aufsicht fragen.',
  },
  UNKNOWN_STAFF: {
    en: 'This staff member is not known on this terminal. Pick a name from the list.',
    de: 'Diese Person ist an diesem Terminal nicht bekannt. Bitte einen Namen aus der Liste wählen.',
  },
  WRONG_PIN: {
    en: 'Wrong PIN. {left} more tries before the account locks for {minutes} minutes.',
    de: 'Falsche PIN. Noch {left} Versuche, dann wird das Konto für {minutes} Minuten gesperrt.',
  },
  LOCKED_OUT: {
    en: 'Too many wrong PINs (on any terminal): this account is locked until {until}. Wait until then, or ask a manager to set a new PIN.',
    de: 'Zu viele falsche PINs (an irgendeiner Kasse): Das Konto ist bis {until} Uhr gesperrt. Bitte bis dahin warten oder eine Leitung um eine neue PIN bitten.',
  },
  APPROVER_NOT_ALLOWED: {
    en: '{name} may not approve this. Ask a supervisor with that right.',
    de: '{name} darf das nicht freigeben. Bitte eine berechtigte Aufsicht fragen.',
  },
  NOT_ON_SALE: {
    en: 'This performance is not on sale. Pick another one.',
    de: 'Diese Vorstellung ist nicht im Verkauf. Bitte eine andere wählen.',
  },
  CAPACITY: {
    en: 'Only {left} seats are left for this performance. Lower the quantity or pick another performance.',
    de: 'Für diese Vorstellung sind nur noch {left} Plätze frei. Bitte die Menge verringern oder eine andere Vorstellung wählen.',
  },
  UNKNOWN_ITEM: {
    en: 'This item is not in the catalogue any more. Refresh the screen and pick again.',
    de: 'Dieser Artikel ist nicht mehr im Katalog. Bitte die Ansicht aktualisieren und neu wählen.',
  },
  UNKNOWN_LINE: {
    en: 'That line is no longer in the cart. Check the cart and try again.',
    de: 'Diese Zeile ist nicht mehr im Warenkorb. Bitte den Warenkorb prüfen und erneut versuchen.',
  },
  NOTHING_TO_OVERRIDE: {
    en: 'There is no code on this order that a supervisor could let past its limits.',
    de: 'Auf dieser Bestellung ist kein Code, dessen Grenzen eine Aufsicht aufheben könnte.',
  },
  APPROVAL_REQUIRED: {
    en: 'This discount is above your limit of {limit}: a supervisor must approve it with their PIN.',
    de: 'Dieser Rabatt liegt über Ihrer Grenze von {limit}: Eine Aufsicht muss ihn mit ihrer PIN freigeben.',
  },
  ABOVE_APPROVER_LIMIT: {
    en: 'The discount is above what {name} may approve. Ask a manager.',
    de: 'Der Rabatt liegt über dem, was {name} freigeben darf. Bitte eine Leitung fragen.',
  },
  TENDER_MISMATCH: {
    en: 'The payments add up to {paid} but the order is {total}. Adjust the amounts.',
    de: 'Die Zahlungen ergeben {paid}, die Bestellung kostet {total}. Bitte die Beträge anpassen.',
  },
  CASH_NOT_ROUNDED: {
    en: 'Cash is rounded to {step} here: take {cash} in cash for the {due} left to pay, then try again.',
    de: 'Bargeld wird hier auf {step} gerundet: Für die offenen {due} bitte {cash} in bar nehmen und erneut versuchen.',
  },
  CASH_SHORT: {
    en: 'The cash handed over is less than the cash amount. Enter what the customer gave.',
    de: 'Das erhaltene Bargeld ist weniger als der Barbetrag. Bitte den erhaltenen Betrag eingeben.',
  },
  STALE_CART: {
    en: 'This order changed on the terminal in the meantime. Check the cart and take payment again.',
    de: 'Diese Bestellung hat sich inzwischen geändert. Bitte den Warenkorb prüfen und erneut kassieren.',
  },
  NO_SHIFT: {
    en: 'Open a shift with a cash float first.',
    de: 'Bitte zuerst eine Schicht mit Wechselgeld öffnen.',
  },
  EMPTY_CART: {
    en: 'The cart is empty. Add tickets or items first.',
    de: 'Der Warenkorb ist leer. Bitte zuerst Karten oder Artikel hinzufügen.',
  },
  CODE_NOT_APPLICABLE: {
    en: 'The discount code does not apply: {message} Remove it, change the order, or ask a supervisor.',
    de: 'Der Rabattcode gilt nicht: {message} Bitte entfernen, die Bestellung ändern oder eine Aufsicht fragen.',
  },
  UNKNOWN_SALE: {
    en: 'No sale with that receipt number on this terminal. Check the number on the receipt.',
    de: 'Kein Verkauf mit dieser Belegnummer an diesem Terminal. Bitte die Nummer auf dem Beleg prüfen.',
  },
  ALREADY_VOIDED: { en: 'This sale was already voided.', de: 'Dieser Verkauf wurde bereits storniert.' },
  REFUND_TENDER_NOT_PAID: {
    en: 'This sale can pay back only what it took with each tender ({left}). Pay back the way it was paid, or have a supervisor override with a reason.',
    de: 'Dieser Verkauf zahlt je Zahlungsart nur zurück, was damit bezahlt wurde ({left}). Bitte so erstatten, wie bezahlt wurde, oder eine Aufsicht mit Begründung übersteuern lassen.',
  },
  ACTION_REFUND_OVERRIDE: {
    en: 'pay a refund back another way than the sale was paid',
    de: 'eine Erstattung anders auszahlen, als bezahlt wurde',
  },
  DEMO_ENROLLED: {
    en: 'This terminal is enrolled with a server, so it cannot take the demo data. Use a terminal that is not enrolled.',
    de: 'Dieses Terminal ist bei einem Server angemeldet und kann keine Demodaten laden. Bitte ein nicht angemeldetes Terminal verwenden.',
  },
  // Refunds of another terminal's sales (docs/ORDERS.md "Refunds at another window").
  REMOTE_REFUND_NEEDS_SERVER: {
    en: 'This sale was made at another window, and refunding it needs the central server, which this terminal cannot reach now. Try again when it is online, or refund the sale at the window that sold it.',
    de: 'Dieser Verkauf stammt von einem anderen Schalter; seine Erstattung braucht den Zentralserver, den dieses Terminal gerade nicht erreicht. Bitte erneut versuchen, sobald es online ist, oder am verkaufenden Schalter erstatten.',
  },
  REMOTE_REFUND_OWN_SALE: {
    en: 'This sale was made at this terminal: refund it from its receipt here.',
    de: 'Dieser Verkauf stammt von diesem Terminal: bitte hier über seinen Beleg erstatten.',
  },
  REMOTE_REFUND_REFUSED: {
    en: 'The server refused this refund: {message}',
    de: 'Der Server hat diese Erstattung abgelehnt: {message}',
  },
  UNIT_NOT_REFUNDABLE: {
    en: 'Pick items of this sale that have not been refunded yet.',
    de: 'Bitte Positionen dieses Verkaufs wählen, die noch nicht erstattet wurden.',
  },
  // Exchanges (docs/ORDERS.md "Exchanges").
  EXCHANGE_ELSEWHERE: {
    en: 'This order was sold at another window, and exchanging it here needs the central server, but this terminal is offline. Exchange it at the window that sold it, or here once this terminal is online again.',
    de: 'Diese Bestellung wurde an einem anderen Schalter verkauft; ihr Umtausch hier braucht den Zentralserver, aber dieses Terminal ist offline. Bitte am verkaufenden Schalter umtauschen, oder hier, sobald dieses Terminal wieder online ist.',
  },
  EXCHANGE_NO_LINES: {
    en: 'Pick at least one new ticket to exchange for.',
    de: 'Bitte mindestens ein neues Ticket für den Umtausch wählen.',
  },
  EXCHANGE_CODE_LAPSED: {
    en: 'Code {code} does not apply to the new tickets: {message} Confirm to exchange at full price, or pick other tickets.',
    de: 'Code {code} gilt nicht für die neuen Tickets: {message} Zum Umtausch zum vollen Preis bestätigen oder andere Tickets wählen.',
  },
  EXCHANGE_TENDER_MISMATCH: {
    en: 'The customer owes {due} for the exchange, but the payments add up to {paid}. Adjust the amounts.',
    de: 'Für den Umtausch sind {due} zu zahlen, die Zahlungen ergeben {paid}. Bitte die Beträge anpassen.',
  },
  // Ticket reprints (docs/TICKETS.md "Reprints").
  TICKET_NOT_IN_SALE: {
    en: 'That ticket is not one of this sale’s. Look the sale up again and pick its tickets.',
    de: 'Dieses Ticket gehört nicht zu diesem Verkauf. Bitte den Verkauf erneut aufrufen und seine Tickets wählen.',
  },
  TICKET_NOT_VALID: {
    en: 'Ticket {ticket} is {status}, so it cannot be reprinted: only valid tickets can. Reprint the ticket that replaced it, or leave it out.',
    de: 'Ticket {ticket} ist {status} und kann nicht nachgedruckt werden: nur gültige Tickets. Bitte das Ticket nachdrucken, das es ersetzt hat, oder es weglassen.',
  },
  NO_VALID_TICKETS: {
    en: 'This sale has no valid tickets to reprint: it sold none, or they were refunded.',
    de: 'Dieser Verkauf hat keine gültigen Tickets zum Nachdrucken: keine verkauft oder bereits erstattet.',
  },
  REPRINT_NEEDS_KEY: {
    en: 'This terminal is not enrolled, so it cannot sign new barcodes. Ask a supervisor to reprint them with the same barcode, or enrol the terminal.',
    de: 'Dieses Terminal ist nicht angemeldet und kann keine neuen Barcodes signieren. Bitte eine Aufsicht, sie mit demselben Barcode nachzudrucken, oder das Terminal anmelden.',
  },
  TICKET_STATUS_VOID: { en: 'void', de: 'ungültig' },
  TICKET_STATUS_REISSUED: { en: 'replaced by a reprint', de: 'durch einen Nachdruck ersetzt' },
  SHIFT_ALREADY_OPEN: {
    en: 'A shift is already open on this terminal. Close it before opening a new one.',
    de: 'An diesem Terminal ist bereits eine Schicht offen. Bitte zuerst schließen.',
  },
  // Offline sync (docs/SYNC.md).
  SYNC_NOT_ENROLLED: {
    en: 'This terminal is not enrolled with a central server. A manager can enrol it with an enrolment code.',
    de: 'Dieses Terminal ist bei keinem Zentralserver angemeldet. Eine Leitung kann es mit einem Anmeldecode anmelden.',
  },
  SYNC_RESTORE_DETECTED: {
    en: 'The server found that this terminal was restored from a backup and stopped taking its sales. Sales are kept here: ask a manager for a new enrolment code and enrol the terminal again.',
    de: 'Der Server hat erkannt, dass dieses Terminal aus einer Sicherung wiederhergestellt wurde, und nimmt keine Verkäufe mehr an. Die Verkäufe bleiben hier gespeichert: Bitte eine Leitung um einen neuen Anmeldecode bitten und das Terminal neu anmelden.',
  },
  SYNC_EPOCH_STALE: {
    en: 'This terminal was enrolled again elsewhere, so the server no longer takes its sales. Ask a manager for a new enrolment code and enrol it again.',
    de: 'Dieses Terminal wurde anderswo neu angemeldet, daher nimmt der Server seine Verkäufe nicht mehr an. Bitte eine Leitung um einen neuen Anmeldecode bitten und neu anmelden.',
  },
  SYNC_UNREACHABLE: {
    en: 'The central server cannot be reached. Keep selling: sales are kept here and sent when it is back.',
    de: 'Der Zentralserver ist nicht erreichbar. Einfach weiterverkaufen: Die Verkäufe bleiben hier und werden gesendet, sobald er wieder da ist.',
  },
  SYNC_DEVICE_REVOKED: {
    en: 'The server no longer accepts this terminal. Ask a manager to enrol it again.',
    de: 'Der Server akzeptiert dieses Terminal nicht mehr. Bitte eine Leitung, es neu anzumelden.',
  },
  SYNC_FAILED: {
    en: 'The server refused to {what} (status {status}). {detail} The terminal tries again by itself; if this stays, tell a manager.',
    de: 'Der Server hat {what} abgelehnt (Status {status}). {detail} Das Terminal versucht es selbst erneut; wenn es so bleibt, bitte eine Leitung informieren.',
  },
  ENROL_NOT_FRESH: {
    en: 'This terminal has already recorded sales or shifts, and enrolment would replace its catalogue and staff. Enrol a fresh data folder instead.',
    de: 'Dieses Terminal hat bereits Verkäufe oder Schichten gespeichert, und die Anmeldung würde Katalog und Personal ersetzen. Bitte stattdessen einen neuen Datenordner anmelden.',
  },
  ENROL_ALREADY: {
    en: 'This terminal is already enrolled as {name}. Nothing to do.',
    de: 'Dieses Terminal ist bereits als {name} angemeldet. Nichts zu tun.',
  },
  ENROL_REFUSED: {
    en: 'The server refused the enrolment: {detail} Check the code, or ask a manager for a new one.',
    de: 'Der Server hat die Anmeldung abgelehnt: {detail} Bitte den Code prüfen oder eine Leitung um einen neuen bitten.',
  },
  ENROL_BAD_INPUT: {
    en: 'That is neither an enrolment code (like ABCD-EFGH-JKMN) nor an enrolment link from the back office. Copy it again, or type the code shown beside the QR code.',
    de: 'Das ist weder ein Anmeldecode (wie ABCD-EFGH-JKMN) noch ein Anmeldelink aus dem Backoffice. Bitte erneut kopieren oder den Code neben dem QR-Code eintippen.',
  },
  ENROL_OTHER_SERVER: {
    en: 'This enrolment link is for the server at {link}, but this terminal syncs with {own}. Ask for a code from {own}, or have support start the terminal with that server address.',
    de: 'Dieser Anmeldelink gehört zum Server {link}, dieses Terminal synchronisiert aber mit {own}. Bitte einen Code von {own} holen oder das Terminal vom Support mit dieser Serveradresse starten lassen.',
  },
  ENROL_NO_SERVER: {
    en: 'No central server is set up for this terminal. Start it with the server address, then enrol it.',
    de: 'Für dieses Terminal ist kein Zentralserver eingerichtet. Bitte mit der Serveradresse starten und dann anmelden.',
  },
  CODE_NEEDS_SERVER: {
    en: 'This code has per-customer limits that only the central server can check, and the server cannot be reached. Sell without the code, or try again when the terminal is online.',
    de: 'Dieser Code hat Grenzen pro Kunde, die nur der Zentralserver prüfen kann, und der Server ist nicht erreichbar. Bitte ohne den Code verkaufen oder es erneut versuchen, wenn das Terminal online ist.',
  },
  ACTION_PUSH: { en: 'take the sales', de: 'die Verkäufe' },
  ACTION_PULL: { en: 'send the catalogue', de: 'den Katalogabruf' },
  ACTION_LEASE: { en: 'grant a lease', de: 'die Reservierung' },
  DOOR_NOT_OPEN: {
    en: 'No door is open on this terminal: pick the performances and name the door first.',
    de: 'An diesem Terminal ist kein Einlass geöffnet: Bitte zuerst die Vorstellungen wählen und den Einlass benennen.',
  },
  DOOR_UNKNOWN_PERFORMANCE: {
    en: 'This terminal does not know the performance {ids}: sync, then pick the performances again.',
    de: 'Dieses Terminal kennt die Vorstellung {ids} nicht: Bitte synchronisieren und die Vorstellungen neu wählen.',
  },
  DOOR_SERVER_REFUSED: {
    en: 'The server did not take this door’s performances ({detail}). Open the door again with the performances of tonight.',
    de: 'Der Server hat die Vorstellungen dieses Einlasses nicht angenommen ({detail}). Bitte den Einlass mit den heutigen Vorstellungen neu öffnen.',
  },
  // The sales journal (docs/ORDERS.md).
  JOURNAL_OFFLINE: {
    en: 'Offline: showing this terminal’s sales only. Other terminals’ sales and online orders show again once the server is back.',
    de: 'Offline: Es werden nur die Verkäufe dieses Terminals gezeigt. Verkäufe anderer Terminals und Online-Bestellungen erscheinen wieder, sobald der Server erreichbar ist.',
  },
  JOURNAL_STANDALONE: {
    en: 'This terminal is not enrolled with a server: the journal shows its own sales.',
    de: 'Dieses Terminal ist bei keinem Server angemeldet: Das Journal zeigt seine eigenen Verkäufe.',
  },
  JOURNAL_NOT_A_CODE: {
    en: 'This code is neither a receipt nor a ticket of ours: scan the QR code on the receipt or ticket again, or type the receipt number.',
    de: 'Dieser Code ist weder ein Beleg noch ein Ticket von uns: Bitte den QR-Code auf dem Beleg oder Ticket erneut scannen oder die Belegnummer eingeben.',
  },
  JOURNAL_UNKNOWN_ORDER: {
    en: 'No order matches “{ref}”. Check the receipt number, scan the receipt’s or ticket’s QR code, or search by the customer’s name.',
    de: 'Keine Bestellung passt zu „{ref}“. Bitte die Belegnummer prüfen, den QR-Code des Belegs oder Tickets scannen oder nach dem Namen des Kunden suchen.',
  },
  JOURNAL_UNKNOWN_ORDER_OFFLINE: {
    en: 'This terminal has no order matching “{ref}”, and the server cannot be reached to look at other terminals’ sales. Try again once the terminal is online.',
    de: 'Dieses Terminal hat keine Bestellung zu „{ref}“, und der Server ist nicht erreichbar, um die Verkäufe anderer Terminals zu prüfen. Bitte erneut versuchen, wenn das Terminal online ist.',
  },
  JOURNAL_RECEIPT_AMBIGUOUS: {
    en: 'Receipt {receiptNo} was issued at several terminals ({terminals}). Search for it and pick the one from the right terminal, or scan the receipt’s QR code.',
    de: 'Beleg {receiptNo} wurde an mehreren Terminals ausgestellt ({terminals}). Bitte danach suchen und den vom richtigen Terminal wählen oder den QR-Code des Belegs scannen.',
  },
  JOURNAL_OPEN_NEEDS_REFERENCE: {
    en: 'To open an order, scan its receipt or ticket or type its receipt number. To find a customer’s orders, search for them in the list.',
    de: 'Um eine Bestellung zu öffnen, bitte Beleg oder Ticket scannen oder die Belegnummer eingeben. Die Bestellungen eines Kunden findet die Suche in der Liste.',
  },
  JOURNAL_SERVER_REFUSED: {
    en: 'The server did not take this search: {detail}',
    de: 'Der Server hat diese Suche nicht angenommen: {detail}',
  },
  JOURNAL_BAD_CURSOR: {
    en: 'This list is out of date: search again from the start.',
    de: 'Diese Liste ist veraltet: Bitte die Suche neu beginnen.',
  },
  JOURNAL_REFUND_OTHER_TERMINAL: {
    en: '{terminal} sold this order, and the server cannot be reached: refund it at that terminal, or here once the server is back.',
    de: '{terminal} hat diese Bestellung verkauft, und der Server ist nicht erreichbar: Bitte dort erstatten oder hier, sobald der Server wieder da ist.',
  },
  JOURNAL_REFUND_ONLINE: {
    en: 'This is an online order: the online shop refunds it.',
    de: 'Dies ist eine Online-Bestellung: Der Online-Shop erstattet sie.',
  },
  JOURNAL_REFUND_NOTHING_LEFT: {
    en: 'Nothing is left to refund on this order.',
    de: 'Bei dieser Bestellung ist nichts mehr zu erstatten.',
  },
  JOURNAL_OTHER_TERMINAL: { en: 'Another terminal', de: 'Ein anderes Terminal' },
  // The disk under the store (docs/OPERATIONS.md "Disk full"): one sentence whichever write failed,
  // chosen in src-main/ipc/storage-failure.ts. {cause} is one of the two STORAGE_CAUSE_ sentences.
  STORAGE_CAUSE_FULL: { en: 'The terminal’s disk is full', de: 'Der Datenträger des Terminals ist voll' },
  STORAGE_CAUSE_FAILED: {
    en: 'The terminal could not write to its disk',
    de: 'Das Terminal konnte nicht auf seinen Datenträger schreiben',
  },
  STORAGE_SALE_NOT_SAVED: {
    en: '{cause}, so this sale was NOT saved. Do not take the money, and hand back any you already took. Free space on the disk or call the technician, then take payment again: the cart is still here.',
    de: '{cause}, daher wurde dieser Verkauf NICHT gespeichert. Bitte kein Geld annehmen und bereits erhaltenes Geld zurückgeben. Speicherplatz freigeben oder die Technik rufen, dann erneut kassieren: Der Warenkorb bleibt erhalten.',
  },
  STORAGE_REFUND_NOT_SAVED: {
    en: '{cause}, so this refund was NOT saved. Do not pay out any money. Free space on the disk or call the technician, then try again.',
    de: '{cause}, daher wurde diese Erstattung NICHT gespeichert. Bitte kein Geld auszahlen. Speicherplatz freigeben oder die Technik rufen, dann erneut versuchen.',
  },
  STORAGE_NOT_SAVED: {
    en: '{cause}, so this was NOT saved. Free space on the disk or call the technician, then try again.',
    de: '{cause}, daher wurde dies NICHT gespeichert. Speicherplatz freigeben oder die Technik rufen, dann erneut versuchen.',
  },
  // E-mail (docs/MAIL.md).
  MAIL_NOT_CONFIGURED: {
    en: 'E-mail is not set up on this terminal. A manager can set up the mail server under Manage → E-mail; until then, print the receipt or save the tickets as PDF.',
    de: 'E-Mail ist an diesem Terminal nicht eingerichtet. Eine Leitung kann den Mailserver unter Verwaltung → E-Mail einrichten; bis dahin bitte den Beleg drucken oder die Tickets als PDF speichern.',
  },
  MAIL_NO_ADDRESS: {
    en: 'This sale has no e-mail address for the customer. Type the address the customer gives you, then send again.',
    de: 'Zu diesem Verkauf ist keine E-Mail-Adresse des Kunden gespeichert. Bitte die Adresse eingeben, die der Kunde nennt, und erneut senden.',
  },
  MAIL_UNKNOWN_SALE: {
    en: 'No sale with that number on this terminal. Check the receipt number.',
    de: 'An diesem Terminal gibt es keinen Verkauf mit dieser Nummer. Bitte die Belegnummer prüfen.',
  },
  MAIL_NO_TICKETS: {
    en: 'This sale has no valid tickets to send. Send the receipt instead.',
    de: 'Dieser Verkauf hat keine gültigen Tickets zum Senden. Bitte stattdessen den Beleg senden.',
  },
  MAIL_NO_VOUCHERS: {
    en: 'This sale has no valid gift vouchers to send: none were sold, or they are void, expired or training vouchers. Send the receipt instead.',
    de: 'Dieser Verkauf hat keine gültigen Gutscheine zum Senden: Es wurden keine verkauft, oder sie sind storniert, abgelaufen oder Trainingsgutscheine. Bitte stattdessen den Beleg senden.',
  },
  MAIL_UNREACHABLE: {
    en: 'The mail server {address} does not answer ({detail}). Mails wait and go as soon as it answers; check the network or the settings under Manage → E-mail.',
    de: 'Der Mailserver {address} antwortet nicht ({detail}). Die Mails warten und gehen, sobald er antwortet; bitte das Netzwerk oder die Einstellungen unter Verwaltung → E-Mail prüfen.',
  },
  MAIL_DEFERRED: {
    en: 'The mail server asked to try later ({detail}). The mail waits and is sent again automatically.',
    de: 'Der Mailserver bittet, es später zu versuchen ({detail}). Die Mail wartet und wird automatisch erneut gesendet.',
  },
  MAIL_AUTH: {
    en: 'The mail server refused the sign-in ({detail}). Mails wait; a manager must correct the user name or password under Manage → E-mail.',
    de: 'Der Mailserver hat die Anmeldung abgelehnt ({detail}). Die Mails warten; eine Leitung muss Benutzername oder Passwort unter Verwaltung → E-Mail korrigieren.',
  },
  MAIL_REJECTED: {
    en: 'The mail server refused this mail for good ({detail}). Check the address with the customer and send again.',
    de: 'Der Mailserver hat diese Mail endgültig abgelehnt ({detail}). Bitte die Adresse mit dem Kunden prüfen und erneut senden.',
  },
  MAIL_BROKEN: {
    en: 'This mail could not be made ({detail}). Call the technician; the other mails go on.',
    de: 'Diese Mail konnte nicht erstellt werden ({detail}). Bitte die Technik rufen; die anderen Mails gehen weiter.',
  },
  MAIL_TEST_FAILED: {
    en: 'The test e-mail did not go through: {detail}',
    de: 'Die Test-E-Mail ist nicht durchgegangen: {detail}',
  },
  MAIL_PASSWORD_WITHOUT_USER: {
    en: 'A password needs a user name. Enter the user name the mail provider gave you, or leave both empty.',
    de: 'Ein Passwort braucht einen Benutzernamen. Bitte den Benutzernamen des Mailanbieters eingeben oder beides leer lassen.',
  },
  // The customer picker (docs/CUSTOMERS.md "At the terminal").
  CUSTOMERS_OFFLINE: {
    en: 'Offline: searching the customers this terminal holds (with personal codes or recent orders). Everyone else shows again once the server is back.',
    de: 'Offline: Gesucht wird in den Kunden, die dieses Terminal kennt (mit persönlichen Codes oder neueren Bestellungen). Alle anderen erscheinen wieder, sobald der Server erreichbar ist.',
  },
  CUSTOMERS_STANDALONE: {
    en: 'This terminal is not enrolled with a server: only customers created here can be found.',
    de: 'Dieses Terminal ist bei keinem Server angemeldet: Nur hier angelegte Kunden sind auffindbar.',
  },
  CUSTOMER_UNKNOWN: {
    en: 'There is no such customer in the customer store. Search for them again, or create them.',
    de: 'Diesen Kunden gibt es im Kundenstamm nicht. Bitte erneut suchen oder den Kunden anlegen.',
  },
  CUSTOMER_NOT_HERE: {
    en: 'This customer is not held on this terminal and the server does not answer. Create them again, or wait until the server is back.',
    de: 'Dieser Kunde ist an diesem Terminal nicht gespeichert und der Server antwortet nicht. Bitte neu anlegen oder warten, bis der Server erreichbar ist.',
  },
  CUSTOMER_DUPLICATE_EMAIL: {
    en: '{name} already has the e-mail address {email}: pick that customer instead, or use another address.',
    de: '{name} hat die E-Mail-Adresse {email} bereits: Bitte diesen Kunden wählen oder eine andere Adresse verwenden.',
  },
  CUSTOMER_CONSENT_NEEDS_EMAIL: {
    en: 'E-mail consent needs an e-mail address: add the address, or untick the consent.',
    de: 'Die Einwilligung zu E-Mails braucht eine E-Mail-Adresse: Bitte die Adresse eingeben oder die Einwilligung entfernen.',
  },
  CUSTOMER_SERVER_REFUSED: {
    en: 'The server did not store the customer: {message}',
    de: 'Der Server hat den Kunden nicht gespeichert: {message}',
  },
  CUSTOMER_HISTORY_OFFLINE: {
    en: 'Order history and personal codes need the server, which does not answer: the count shown is what this terminal knows.',
    de: 'Bestellverlauf und persönliche Codes brauchen den Server, der nicht antwortet: Die gezeigte Anzahl ist, was dieses Terminal weiß.',
  },
  ...reservationMessages,
  ...seatMessages,
  ...cashMessages,
  ...trainingMessages,
  ...compMessages,
  ...voucherMessages,
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof catalogue;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function createTranslate(language: () => Language): Translate {
  return (key, values = {}) =>
    catalogue[key][language()].replace(/\{(\w+)\}/g, (_, name: string) =>
      String(values[name] ?? `{${name}}`),
    );
}

/** A failure whose reason is the message key. */
export function fail<K extends MessageKey>(
  t: Translate,
  key: K,
  values?: Record<string, string | number>,
): Err<K> {
  return err(key, t(key, values));
}

/** Words for each permission, used in FORBIDDEN sentences. */
export const ACTION_WORDS: Record<string, Record<Language, string>> = {
  sell: { en: 'sell', de: 'verkaufen' },
  'sell.offline': { en: 'sell while the server does not answer', de: 'ohne Server verkaufen' },
  'discount.custom': { en: 'give ad-hoc discounts', de: 'freie Rabatte geben' },
  'overuse.grant': { en: 'grant overuse of a code', de: 'die Überschreitung eines Codes freigeben' },
  'custom.approve': { en: 'approve ad-hoc discounts', de: 'freie Rabatte freigeben' },
  refund: { en: 'refund sales', de: 'Verkäufe erstatten' },
  void: { en: 'void sales', de: 'Verkäufe stornieren' },
  'shift.close': { en: 'open or close shifts', de: 'Schichten öffnen oder schließen' },
  'cash.move': { en: 'pay cash in or out of the drawer', de: 'Bargeld ein- oder auszahlen' },
  'drawer.open': { en: 'open the drawer without a sale', de: 'die Kasse ohne Verkauf öffnen' },
  'offline.approve': {
    en: 'sell on a terminal offline for longer than its limit',
    de: 'an einer Kasse verkaufen, die länger als erlaubt ohne Server ist',
  },
  'sale.comp': { en: 'give lines or orders away', de: 'Positionen oder Bestellungen verschenken' },
  'codes.manage': { en: 'manage discount codes', de: 'Rabattcodes verwalten' },
  'catalogue.manage': { en: 'manage the catalogue', de: 'den Katalog verwalten' },
  'staff.manage': { en: 'manage staff', de: 'Personal verwalten' },
  'reports.view': { en: 'view reports', de: 'Berichte ansehen' },
  'terminals.enrol': { en: 'enrol terminals', de: 'Terminals anmelden' },
  'audit.view': { en: 'view the audit log', de: 'das Änderungsprotokoll ansehen' },
  'tickets.check': { en: 'check tickets at the door', de: 'Tickets am Einlass prüfen' },
  'tickets.duplicate': {
    en: 'reprint tickets with the same barcode',
    de: 'Tickets mit demselben Barcode nachdrucken',
  },
};
