// Door mode (docs/TICKETS.md "Door mode"): each answer is one sentence door staff read at a glance, and
// it says what to do.

export const doorEn = {
  'nav.door': 'Door',
  'door.heading': 'Door',
  'door.setup.heading': 'Open a door',
  'door.setup.intro': 'Pick the performances this door admits and name the door.',
  'door.setup.performances': 'Performances this door admits',
  'door.setup.performancesHint': 'Today’s and upcoming performances come first.',
  'door.setup.none': 'This terminal has no performances yet: sync it with the server first.',
  'door.setup.pickOne': 'Tick at least one performance.',
  'door.setup.name': 'Door name',
  'door.setup.nameHint': 'As it should appear in the entry log, e.g. North.',
  'door.setup.nameMissing': 'Name the door, e.g. North.',
  'door.setup.open': 'Open door',
  'door.setup.cancel': 'Back to scanning',
  'door.performance': '{event} · {time}',
  'door.atDoor': 'Door {door}',
  'door.change': 'Change door',
  'door.scan.label': 'Scan a ticket',
  'door.scan.hint': 'Scan the QR code, or type the ticket code and press Enter.',
  'door.ready': 'Ready: scan the first ticket.',
  'door.decided.server': 'Checked with the server.',
  'door.decided.terminal': 'Checked by this terminal alone (no connection to the server).',
  'door.valid': 'Valid: let them in.',
  'door.valid.for': 'Valid for {performance}: let them in.',
  'door.already_entered':
    'Already entered at door {door} on {time}. Do not let them in again; call a supervisor if they insist.',
  'door.voided': 'Not valid: this ticket was refunded or voided. Send them to the box office.',
  'door.reissued': 'Replaced: this ticket was reprinted with a new code. Ask for the newer ticket.',
  'door.wrong_performance.named':
    'Wrong performance: this ticket is for {performance}. Send them to the right door or the box office.',
  'door.wrong_performance.dated':
    'Wrong performance: this ticket is for the performance on {time}. Send them to the box office.',
  'door.wrong_performance':
    'Wrong performance: this ticket is not for this door’s performances. Send them to the box office.',
  'door.too_early': 'Too early: doors open on {time}. Ask them to come back then.',
  'door.clock_off':
    'Cannot check: the ticket is dated {time}, ahead of this terminal’s clock. Check the terminal’s date and time, or call a supervisor.',
  'door.unknown_key':
    'Unknown issuer: this door does not know the till that sold the ticket. Sync this terminal and scan again, or send them to the box office.',
  'door.key_revoked': 'Not valid: sold by a till taken out of service. Send them to the box office.',
  'door.forged': 'Not genuine: the code was changed or made up. Do not let them in; call a supervisor.',
  'door.malformed':
    'Not a ticket code: scan the QR code on the ticket again, or type the code printed under it.',
  'door.counts.heading': 'Counts',
  'door.counts.server': 'All doors, from the server.',
  'door.counts.terminal':
    'This terminal’s view: only what it sold and admitted itself (no connection to the server).',
  'door.counts.entered': 'Entered',
  'door.counts.expected': 'Expected',
  'door.counts.atDoor': 'At door {door}',
} as const;

export const doorDe: Record<keyof typeof doorEn, string> = {
  'nav.door': 'Einlass',
  'door.heading': 'Einlass',
  'door.setup.heading': 'Einlass öffnen',
  'door.setup.intro': 'Die Vorstellungen wählen, die dieser Einlass einlässt, und den Einlass benennen.',
  'door.setup.performances': 'Vorstellungen an diesem Einlass',
  'door.setup.performancesHint': 'Heutige und kommende Vorstellungen stehen oben.',
  'door.setup.none':
    'Dieses Terminal kennt noch keine Vorstellungen: Bitte zuerst mit dem Server synchronisieren.',
  'door.setup.pickOne': 'Bitte mindestens eine Vorstellung ankreuzen.',
  'door.setup.name': 'Name des Einlasses',
  'door.setup.nameHint': 'So, wie er im Einlassprotokoll stehen soll, z. B. Nord.',
  'door.setup.nameMissing': 'Bitte den Einlass benennen, z. B. Nord.',
  'door.setup.open': 'Einlass öffnen',
  'door.setup.cancel': 'Zurück zum Scannen',
  'door.performance': '{event} · {time}',
  'door.atDoor': 'Einlass {door}',
  'door.change': 'Einlass wechseln',
  'door.scan.label': 'Ticket scannen',
  'door.scan.hint': 'Den QR-Code scannen oder den Ticketcode eintippen und Enter drücken.',
  'door.ready': 'Bereit: das erste Ticket scannen.',
  'door.decided.server': 'Mit dem Server geprüft.',
  'door.decided.terminal': 'Nur von diesem Terminal geprüft (keine Verbindung zum Server).',
  'door.valid': 'Gültig: einlassen.',
  'door.valid.for': 'Gültig für {performance}: einlassen.',
  'door.already_entered':
    'Schon eingelassen an Einlass {door} am {time}. Nicht noch einmal einlassen; bei Diskussion eine Aufsicht rufen.',
  'door.voided': 'Ungültig: Dieses Ticket wurde erstattet oder storniert. Bitte an die Kasse schicken.',
  'door.reissued':
    'Ersetzt: Dieses Ticket wurde mit neuem Code nachgedruckt. Nach dem neueren Ticket fragen.',
  'door.wrong_performance.named':
    'Falsche Vorstellung: Dieses Ticket gilt für {performance}. Zum richtigen Einlass oder an die Kasse schicken.',
  'door.wrong_performance.dated':
    'Falsche Vorstellung: Dieses Ticket gilt für die Vorstellung am {time}. Bitte an die Kasse schicken.',
  'door.wrong_performance':
    'Falsche Vorstellung: Dieses Ticket gilt nicht für die Vorstellungen dieses Einlasses. Bitte an die Kasse schicken.',
  'door.too_early': 'Zu früh: Einlass ab {time}. Bitte dann wiederkommen lassen.',
  'door.clock_off':
    'Prüfung nicht möglich: Das Ticket ist auf {time} datiert, später als die Uhr dieses Terminals. Datum und Uhrzeit des Terminals prüfen oder eine Aufsicht rufen.',
  'door.unknown_key':
    'Unbekannte Ausgabestelle: Dieser Einlass kennt die Kasse nicht, die das Ticket verkauft hat. Terminal synchronisieren und erneut scannen oder an die Kasse schicken.',
  'door.key_revoked': 'Ungültig: verkauft von einer stillgelegten Kasse. Bitte an die Kasse schicken.',
  'door.forged': 'Nicht echt: Der Code wurde verändert oder erfunden. Nicht einlassen; eine Aufsicht rufen.',
  'door.malformed':
    'Kein Ticketcode: Den QR-Code auf dem Ticket noch einmal scannen oder den Code darunter eintippen.',
  'door.counts.heading': 'Zählung',
  'door.counts.server': 'Alle Einlässe, laut Server.',
  'door.counts.terminal':
    'Sicht dieses Terminals: nur, was es selbst verkauft und eingelassen hat (keine Verbindung zum Server).',
  'door.counts.entered': 'Eingelassen',
  'door.counts.expected': 'Erwartet',
  'door.counts.atDoor': 'Einlass {door}',
};
