import type { Language } from '../../shared/ipc/types';
import { adminDe, adminEn } from './admin-messages';
import { cashDe, cashEn } from './cash-messages';
import { codePickDe, codePickEn } from './code-pick-messages';
import { customerAdminDe, customerAdminEn } from './customer-admin-messages';
import { customerDe, customerEn } from './customer-messages';
import { doorDe, doorEn } from './door-messages';
import { mailDe, mailEn } from './mail-messages';
import { journalDe, journalEn } from './journal-messages';
import { manageDe, manageEn } from './manage-messages';
import { peopleDe, peopleEn } from './people-messages';
import { reportDe, reportEn } from './report-messages';
import { reservationDe, reservationEn } from './reservation-messages';
import { reprintDe, reprintEn } from './reprint-messages';
import { seatingDe, seatingEn } from './seating-messages';
import { syncDe, syncEn } from './sync-messages';
import { terminalDe, terminalEn } from './terminal-messages';
import { voucherDe, voucherEn } from './voucher-messages';

const en = {
  'app.title': 'Box Office',
  'status.heading': 'Terminal status',
  'status.server': 'Central server',
  'status.server.online': 'Online',
  'status.server.offline': 'Offline',
  'status.server.not_configured': 'Not configured (standalone)',
  'status.lastSeen': 'Last contact',
  'status.never': 'never',
  'status.dataDir': 'Data folder',
  'status.schema': 'Database schema',
  'status.schemaOf': '{current} of {latest}',
  'status.terminalId': 'Terminal ID',
  'status.appVersion': 'App version',
  'status.loading': 'Connecting to the terminal…',
  'status.retry': 'Try again',
  'language.label': 'Language',
  ...terminalEn,
  ...reprintEn,
  ...manageEn,
  ...syncEn,
  ...customerEn,
  ...adminEn,
  ...peopleEn,
  ...customerAdminEn,
  ...codePickEn,
  ...reportEn,
  ...doorEn,
  ...mailEn,
  ...journalEn,
  ...reservationEn,
  ...seatingEn,
  ...cashEn,
  ...voucherEn,
} as const;

export type MessageKey = keyof typeof en;

const de: Record<MessageKey, string> = {
  'app.title': 'Kasse',
  'status.heading': 'Terminalstatus',
  'status.server': 'Zentralserver',
  'status.server.online': 'Online',
  'status.server.offline': 'Offline',
  'status.server.not_configured': 'Nicht eingerichtet (eigenständig)',
  'status.lastSeen': 'Letzter Kontakt',
  'status.never': 'nie',
  'status.dataDir': 'Datenordner',
  'status.schema': 'Datenbankschema',
  'status.schemaOf': '{current} von {latest}',
  'status.terminalId': 'Terminal-ID',
  'status.appVersion': 'App-Version',
  'status.loading': 'Verbindung zum Terminal wird hergestellt …',
  'status.retry': 'Erneut versuchen',
  'language.label': 'Sprache',
  ...terminalDe,
  ...reprintDe,
  ...manageDe,
  ...syncDe,
  ...customerDe,
  ...adminDe,
  ...peopleDe,
  ...customerAdminDe,
  ...codePickDe,
  ...reportDe,
  ...doorDe,
  ...mailDe,
  ...journalDe,
  ...reservationDe,
  ...seatingDe,
  ...cashDe,
  ...voucherDe,
};

export const messages: Record<Language, Record<MessageKey, string>> = { en, de };

export function translate(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return messages[language][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(values[name] ?? `{${name}}`),
  );
}
