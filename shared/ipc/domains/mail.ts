import type { Language } from '../types';

// E-mail as the screens see it (docs/MAIL.md): the terminal's SMTP settings, the durable mail queue's
// rows and its state in words.

export const MAIL_KINDS = ['receipt', 'tickets', 'vouchers'] as const;
/** A sale's receipt (text and HTML), or its valid tickets or gift vouchers as a PDF attachment. */
export type MailKind = (typeof MAIL_KINDS)[number];

export const SMTP_TLS_MODES = ['tls', 'starttls', 'none'] as const;
/** 'tls': TLS from the first byte (port 465); 'starttls': must upgrade (587); 'none': plain, a local relay only. */
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

export interface MailSettings {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  /** null: the server takes mail without signing in (a relay on the venue's network). */
  username: string | null;
  /** Whether a password is kept in the terminal's secret store; the password itself never leaves main. */
  hasPassword: boolean;
  fromAddress: string;
  /** Language of the mails sent automatically after a sale. */
  language: Language;
}

export type MailJobState = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed';

export interface MailJobView {
  id: string;
  kind: MailKind;
  saleId: string;
  origin: 'consent' | 'request';
  recipient: string;
  language: Language;
  state: MailJobState;
  attempts: number;
  nextAttemptAt: string | null;
  /** Why the last attempt failed, in the terminal's language. */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MailStatus {
  /** False: no SMTP server set up, and e-mail is offered nowhere. */
  configured: boolean;
  /** Mails waiting, being sent or waiting to retry. */
  waiting: number;
  /** Mails the SMTP server refused for good (a wrong address, usually). */
  failed: number;
  /** Why sending stops now, null while it works. */
  fault: { message: string; since: string } | null;
  lastSentAt: string | null;
  /** Mails still to send, oldest first, then the most recent finished ones. */
  jobs: MailJobView[];
}
