// The words for offline sync: the status bar's sync parts and the manager's Terminal tab, English
// and German. The core's sentences (enrolment refused, server unreachable…) arrive already translated.

export const syncEn = {
  'status.unsyncedSales': 'Unsynced sales: {count}',
  'status.lastSync': 'Last sync {at}',
  'status.lastSyncNever': 'Not synced yet',
  'status.restoreDetected': 'Restored from a backup: a manager must re-enrol this terminal',
  'status.leases': 'Leases held for offline sales',
  'status.leaseLow': 'running low',
  'status.leaseLevel': '{remaining} of {granted} left',
  'status.leaseExpires': 'until {at}',
  'manage.tab.terminal': 'Terminal',
  'sync.heading': 'This terminal and the central server',
  'sync.state': 'Sync state',
  'sync.state.standalone': 'Standalone (not enrolled)',
  'sync.state.enrolled': 'Enrolled',
  'sync.state.restore_detected': 'Restored from a backup: needs enrolling again',
  'sync.epoch': 'epoch {epoch}',
  'sync.terminalName': 'Terminal name',
  'sync.pending': 'Unsynced sales',
  'sync.lastPush': 'Last sent',
  'sync.lastPull': 'Last received',
  'sync.lastError': 'Last problem',
  'sync.noError': 'none',
  'sync.now': 'Sync now',
  'sync.done': 'Synced at {at}.',
  'sync.restoreDetected':
    'The server found that this terminal was restored from a backup and stopped taking its sales. They are kept here: enrol the terminal again with a new enrolment code and they are sent again, without duplicates.',
  'sync.enrol.heading': 'Enrol this terminal',
  'sync.enrol.againHeading': 'Enrol this terminal again',
  'sync.enrol.intro':
    'Enrolment connects this terminal to the central server ({url}) with a one-time enrolment code that a manager creates there.',
  'sync.enrol.replaces':
    "The server's events, prices, codes and staff replace the demo catalogue and staff on this terminal; from then on its sales are sent to the server.",
  'sync.enrol.fresh':
    'A terminal that has already recorded a sale or a shift cannot be enrolled: enrol a fresh one instead.',
  'sync.enrol.signOut':
    "Afterwards everyone is signed out: sign in again with your PIN from the server's staff list.",
  'sync.enrol.code': 'Enrolment code',
  'sync.enrol.codeHint':
    'The code, or the whole enrolment link from the back office: paste it or scan its QR code.',
  'sync.enrol.name': 'Terminal name, e.g. Box office 1',
  'sync.enrol.submit': 'Enrol terminal',
  'sync.enrol.codeMissing': 'Enter the enrolment code from the manager.',
  'sync.enrol.nameMissing': 'Give the terminal a name, e.g. "Box office 1".',
  'sync.enrol.signedOut':
    "This terminal is now enrolled as {name} and uses the central server's staff. Sign in again with your PIN from the server.",
  'sync.enrol.welcome':
    "This terminal is now enrolled as {name} and has the central server's staff: sign in with your PIN from the server.",
  'sync.enrol.firstRun':
    'This terminal is new: it holds no staff yet. A manager creates an enrolment code for it in the back office (Terminals); enter the code or scan its QR code here.',
  'sync.enrol.noServer':
    'This terminal has no central server set up, so it cannot be enrolled. Start it with the server address, then enrol it here.',
} as const;

type SyncKey = keyof typeof syncEn;

export const syncDe: Record<SyncKey, string> = {
  'status.unsyncedSales': 'Nicht synchronisierte Verkäufe: {count}',
  'status.lastSync': 'Zuletzt synchronisiert {at}',
  'status.lastSyncNever': 'Noch nicht synchronisiert',
  'status.restoreDetected':
    'Aus einer Sicherung wiederhergestellt: Eine Leitung muss dieses Terminal neu anmelden',
  'status.leases': 'Reservierte Kontingente für Offline-Verkäufe',
  'status.leaseLow': 'fast aufgebraucht',
  'status.leaseLevel': '{remaining} von {granted} übrig',
  'status.leaseExpires': 'bis {at}',
  'manage.tab.terminal': 'Terminal',
  'sync.heading': 'Dieses Terminal und der Zentralserver',
  'sync.state': 'Synchronisierung',
  'sync.state.standalone': 'Eigenständig (nicht angemeldet)',
  'sync.state.enrolled': 'Angemeldet',
  'sync.state.restore_detected': 'Aus einer Sicherung wiederhergestellt: neu anmelden',
  'sync.epoch': 'Epoche {epoch}',
  'sync.terminalName': 'Terminalname',
  'sync.pending': 'Nicht synchronisierte Verkäufe',
  'sync.lastPush': 'Zuletzt gesendet',
  'sync.lastPull': 'Zuletzt empfangen',
  'sync.lastError': 'Letztes Problem',
  'sync.noError': 'keines',
  'sync.now': 'Jetzt synchronisieren',
  'sync.done': 'Synchronisiert um {at}.',
  'sync.restoreDetected':
    'Der Server hat erkannt, dass dieses Terminal aus einer Sicherung wiederhergestellt wurde, und nimmt seine Verkäufe nicht mehr an. Sie bleiben hier gespeichert: Mit einem neuen Anmeldecode neu anmelden, dann werden sie ohne Doppelungen erneut gesendet.',
  'sync.enrol.heading': 'Dieses Terminal anmelden',
  'sync.enrol.againHeading': 'Dieses Terminal neu anmelden',
  'sync.enrol.intro':
    'Die Anmeldung verbindet dieses Terminal mit dem Zentralserver ({url}), mit einem einmaligen Anmeldecode, den eine Leitung dort erstellt.',
  'sync.enrol.replaces':
    'Veranstaltungen, Preise, Codes und Personal des Servers ersetzen den Demo-Katalog und das Personal dieses Terminals; danach werden seine Verkäufe an den Server gesendet.',
  'sync.enrol.fresh':
    'Ein Terminal, das bereits einen Verkauf oder eine Schicht gespeichert hat, kann nicht angemeldet werden: Bitte stattdessen ein neues anmelden.',
  'sync.enrol.signOut':
    'Danach sind alle abgemeldet: Bitte mit der eigenen PIN aus der Personalliste des Servers wieder anmelden.',
  'sync.enrol.code': 'Anmeldecode',
  'sync.enrol.codeHint':
    'Der Code oder der ganze Anmeldelink aus dem Backoffice: einfügen oder seinen QR-Code scannen.',
  'sync.enrol.name': 'Terminalname, z. B. Kasse 1',
  'sync.enrol.submit': 'Terminal anmelden',
  'sync.enrol.codeMissing': 'Bitte den Anmeldecode von der Leitung eingeben.',
  'sync.enrol.nameMissing': 'Bitte dem Terminal einen Namen geben, z. B. „Kasse 1“.',
  'sync.enrol.signedOut':
    'Dieses Terminal ist jetzt als {name} angemeldet und nutzt das Personal des Zentralservers. Bitte mit der PIN vom Server wieder anmelden.',
  'sync.enrol.welcome':
    'Dieses Terminal ist jetzt als {name} angemeldet und hat das Personal des Zentralservers: Bitte mit der eigenen PIN vom Server anmelden.',
  'sync.enrol.firstRun':
    'Dieses Terminal ist neu und hat noch kein Personal. Eine Leitung erstellt im Backoffice (Terminals) einen Anmeldecode dafür; hier den Code eingeben oder seinen QR-Code scannen.',
  'sync.enrol.noServer':
    'Für dieses Terminal ist kein Zentralserver eingerichtet, daher kann es nicht angemeldet werden. Bitte mit der Serveradresse starten und dann hier anmelden.',
};
