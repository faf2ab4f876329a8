import { createTransport } from 'nodemailer';
import type { SmtpTlsMode } from '../../../shared/ipc/domains/mail';

// SMTP through nodemailer, one connection per mail (a box office sends a few mails a minute at most, and
// a fresh connection never carries a broken one's state). Every outcome is a value: the mail queue
// decides from `kind` whether to retry, wait for a manager, or give up on the mail.

export interface SmtpConfig {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  username: string | null;
  password: string | null;
  from: string;
}

export interface SmtpTimeouts {
  connectTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
};

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** `<id@host>`, fixed per queue row so a resend is recognisably the same mail. */
  messageId: string;
  date: Date;
  attachments?: { filename: string; content: Buffer; contentType: string }[] | undefined;
}

/**
 * - `rejected`: the server refused this mail for good (5xx), e.g. no such mailbox: retrying repeats it.
 * - `deferred`: the server said try later (4xx), e.g. greylisting or a full queue.
 * - `auth`: the sign-in was refused: the mail is fine, the settings are not.
 * - `unreachable`: no connection, a timeout, a TLS failure: nothing was taken.
 */
export type SmtpOutcome =
  | { ok: true; response: string }
  | { ok: false; kind: 'rejected' | 'deferred' | 'auth' | 'unreachable'; detail: string };

export type SmtpSend = (mail: OutgoingMail, config: SmtpConfig) => Promise<SmtpOutcome>;

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export function classifySmtpError(error: unknown): Extract<SmtpOutcome, { ok: false }> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const detail = (e.response ?? e.message ?? String(error)).trim().slice(0, 300);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return { ok: false, kind: 'auth', detail };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500)
    return { ok: false, kind: 'rejected', detail };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400)
    return { ok: false, kind: 'deferred', detail };
  return { ok: false, kind: 'unreachable', detail };
}

export function createSmtpSend(timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): SmtpSend {
  return async (mail, config) => {
    const transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.tls === 'tls',
      requireTLS: config.tls === 'starttls',
      // 'none' is for a relay on the venue's own network: never upgrade, so a broken certificate there
      // cannot stop the mails either.
      ignoreTLS: config.tls === 'none',
      ...(config.username ? { auth: { user: config.username, pass: config.password ?? '' } } : {}),
      connectionTimeout: timeouts.connectTimeoutMs,
      greetingTimeout: timeouts.greetingTimeoutMs,
      socketTimeout: timeouts.socketTimeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    try {
      const info = await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: mail.date,
        attachments: mail.attachments,
      });
      return { ok: true, response: String(info.response ?? '') };
    } catch (error) {
      return classifySmtpError(error);
    } finally {
      transport.close();
    }
  };
}
