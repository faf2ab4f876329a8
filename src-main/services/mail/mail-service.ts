import type { MailJobView, MailKind, MailSettings, MailStatus } from '../../../shared/ipc/domains/mail';
import { storedCustomer } from '../../../shared/ipc/stored-customer';
import type { Language } from '../../../shared/ipc/types';
import { ticketsPdf } from '../../../shared/node/tickets/ticket-pdf';
import { vouchersPdf, vouchersPdfFileName } from '../../../shared/node/vouchers/voucher-pdf';
import { ticketsPdfFileName } from '../../../shared/tickets/ticket-api';
import { ok, type Result } from '../../../shared/result';
import { isoNow, type Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { getVenue } from '../../db/repos/catalogue-repo';
import {
  countMail,
  deleteMailSettings,
  insertMailJob,
  lastMailSentAt,
  listMailJobs,
  readMailSettings,
  writeMailSettings,
  type MailJobRow,
  type MailSettingsRow,
} from '../../db/repos/mail-repo';
import { loadSale } from '../../db/repos/sale-repo';
import { getStaff } from '../../db/repos/staff-repo';
import { newId } from '../../ids';
import { fail, type Translate } from '../../messages';
import type { SecretStore } from '../../secret-store';
import { printedTickets, saleTicketLayouts } from '../printing/sale-tickets';
import { validSaleVouchers } from '../vouchers/sale-vouchers';
import { createMailQueue, type MailQueueOptions } from './mail-queue';
import { mailWord } from './mail-words';
import type { OutgoingMail, SmtpConfig, SmtpSend } from './smtp-transport';
import {
  markTraining,
  receiptMail,
  ticketsMail,
  vouchersMail,
  type MailContent,
  type MailContext,
} from './templates';

/** The SMTP password's name in the terminal's secret store. */
export const SMTP_PASSWORD_SECRET = 'smtp-password';

export interface MailServiceDeps {
  db: Db;
  clock: Clock;
  t: Translate;
  terminalId: () => string;
  secrets: SecretStore;
  send: SmtpSend;
  queue: MailQueueOptions;
  logError: (error: unknown, context: string) => void;
  onChange?: (() => void) | undefined;
}

export type MailService = ReturnType<typeof createMailService>;

export type MailSettingsInput = MailSettingsRow & { password?: string | null | undefined };

/** What checkout hands over inside its transaction: the sale as it is being written. */
export interface SaleBeingWritten {
  sale: { id: string; customer: string | null };
  tickets: readonly { status: string }[];
  /** A training sale's vouchers have no code (secret null). */
  vouchers: readonly { secret: string | null }[];
}

const toView = ({ seq: _seq, messageId: _messageId, ...view }: MailJobRow): MailJobView => ({
  ...view,
  nextAttemptAt: view.state === 'retrying' ? view.nextAttemptAt : null,
});

/** `<row id@sender's domain>`: the same on every attempt, unique per row. */
const messageIdFor = (id: string, fromAddress: string) =>
  `<${id}@${fromAddress.split('@')[1] ?? 'localhost'}>`;

/**
 * E-mailed receipts, tickets and gift vouchers (docs/MAIL.md): the SMTP settings, the mails a sale queues when its
 * customer agreed, the mails staff ask for at a customer's request, and the queue that sends them.
 */
export function createMailService(deps: MailServiceDeps) {
  const { db, clock, t, secrets } = deps;

  const config = (): SmtpConfig | null => {
    const s = readMailSettings(db);
    if (!s) return null;
    return {
      host: s.host,
      port: s.port,
      tls: s.tls,
      username: s.username,
      password: s.username ? secrets.read(SMTP_PASSWORD_SECRET) : null,
      from: s.fromAddress,
    };
  };

  const context = (language: Language): MailContext => {
    const venue = getVenue(db);
    return {
      language,
      venue: venue
        ? { name: venue.name, timezone: venue.timezone, receiptHeader: venue.receiptHeader }
        : null,
      staffName: (id) => getStaff(db, id)?.name ?? id,
    };
  };

  /** A row's mail, made from its sale now; a sentence if it cannot be made any more. */
  const build = async (row: MailJobRow): Promise<OutgoingMail | string> => {
    const record = loadSale(db, row.saleId);
    if (!record) return t('MAIL_UNKNOWN_SALE');
    const base = { to: row.recipient, messageId: row.messageId, date: new Date(row.createdAt) };
    const ctx = context(row.language);
    const marked = (mail: MailContent) =>
      record.sale.training === 1 ? markTraining(mail, row.language) : mail;
    if (row.kind === 'receipt') return { ...base, ...marked(receiptMail(record, ctx)) };
    if (row.kind === 'vouchers') {
      // Valid as the mail goes: a voucher voided or expired while the mail waited is not sent.
      const vouchers = validSaleVouchers(db, record, clock.now());
      if (vouchers.length === 0) return t('MAIL_NO_VOUCHERS');
      const venue = ctx.venue && { name: ctx.venue.name, timezone: ctx.venue.timezone };
      const pdf = await vouchersPdf(vouchers, { language: row.language, venue });
      return {
        ...base,
        ...marked(vouchersMail(record, vouchers, ctx)),
        attachments: [
          {
            filename: vouchersPdfFileName(record.sale.receiptNo),
            content: pdf,
            contentType: 'application/pdf',
          },
        ],
      };
    }
    const tickets = printedTickets(db, record);
    if (tickets.length === 0) return t('MAIL_NO_TICKETS');
    const pdf = await ticketsPdf(tickets, saleTicketLayouts(db, record), {
      format: 'a4',
      language: row.language,
    });
    return {
      ...base,
      ...marked(ticketsMail(record, tickets.length, ctx)),
      attachments: [
        {
          filename: ticketsPdfFileName(record.sale.receiptNo, 'a4'),
          content: pdf,
          contentType: 'application/pdf',
        },
      ],
    };
  };

  const queue = createMailQueue({
    db,
    clock,
    config,
    send: deps.send,
    build,
    t,
    logError: deps.logError,
    onChange: deps.onChange,
    ...deps.queue,
  });

  const settingsView = (): MailSettings | null => {
    const s = readMailSettings(db);
    return s ? { ...s, hasPassword: secrets.read(SMTP_PASSWORD_SECRET) !== null } : null;
  };

  const add = (
    settings: MailSettingsRow,
    job: {
      kind: MailKind;
      saleId: string;
      origin: 'consent' | 'request';
      recipient: string;
      language: Language;
    },
  ): MailJobRow => {
    const id = newId();
    return insertMailJob(db, {
      ...job,
      id,
      messageId: messageIdFor(id, settings.fromAddress),
      createdAt: isoNow(clock),
    });
  };

  const hasValidTickets = (tickets: readonly { status: string }[]) =>
    tickets.some((x) => x.status === 'valid');

  return {
    start: () => queue.start(),
    stop: () => queue.stop(),

    /** Whether e-mail can be offered at all. */
    configured: () => readMailSettings(db) !== undefined,

    settings: settingsView,

    updateSettings(input: MailSettingsInput): Result<MailSettings> {
      if (!input.username && input.password) return fail(t, 'MAIL_PASSWORD_WITHOUT_USER');
      const { password, ...row } = input;
      writeMailSettings(db, row, isoNow(clock));
      // Without a user name no password is used: none is kept either.
      if (!row.username || password === null) secrets.remove(SMTP_PASSWORD_SECRET);
      else if (password !== undefined) secrets.write(SMTP_PASSWORD_SECRET, password);
      queue.retryNow();
      deps.onChange?.();
      return ok(settingsView() as MailSettings);
    },

    clearSettings(): Result<null> {
      deleteMailSettings(db);
      secrets.remove(SMTP_PASSWORD_SECRET);
      deps.onChange?.();
      return ok(null);
    },

    /** Sends a short mail now, outside the queue, so the manager sees at once whether the settings work. */
    async test(to: string): Promise<Result<{ response: string }>> {
      const smtp = config();
      if (!smtp) return fail(t, 'MAIL_NOT_CONFIGURED');
      const language = readMailSettings(db)?.language ?? 'en';
      const at = isoNow(clock);
      const id = newId();
      const text = mailWord(language, 'testBody', {
        terminal: deps.terminalId(),
        server: `${smtp.host}:${smtp.port}`,
        at,
      });
      const outcome = await deps.send(
        {
          to,
          subject: mailWord(language, 'testSubject'),
          text,
          messageId: messageIdFor(id, smtp.from),
          date: new Date(clock.now()),
        },
        smtp,
      );
      if (outcome.ok) {
        // The server answers now: mails waiting out a failure go at once.
        queue.retryNow();
        return ok({ response: outcome.response });
      }
      return fail(t, 'MAIL_TEST_FAILED', { detail: outcome.detail });
    },

    /**
     * At the customer's request: the sale's receipt, tickets or gift vouchers to `to`, or to the e-mail the customer
     * gave at the sale. Queued, so it goes when the server answers.
     */
    request(input: {
      saleId: string;
      kind: MailKind;
      to?: string | undefined;
      language?: Language | undefined;
    }): Result<MailJobView> {
      const settings = readMailSettings(db);
      if (!settings) return fail(t, 'MAIL_NOT_CONFIGURED');
      const record = loadSale(db, input.saleId);
      if (!record) return fail(t, 'MAIL_UNKNOWN_SALE');
      const recipient = input.to ?? storedCustomer(record.sale.customer)?.email;
      if (!recipient) return fail(t, 'MAIL_NO_ADDRESS');
      if (input.kind === 'tickets' && !hasValidTickets(record.tickets)) return fail(t, 'MAIL_NO_TICKETS');
      if (input.kind === 'vouchers' && validSaleVouchers(db, record, clock.now()).length === 0)
        return fail(t, 'MAIL_NO_VOUCHERS');
      const row = add(settings, {
        kind: input.kind,
        saleId: record.sale.id,
        origin: 'request',
        recipient,
        language: input.language ?? settings.language,
      });
      queue.kick();
      deps.onChange?.();
      return ok(toView(row));
    },

    /**
     * Inside checkout's transaction: a customer who agreed to e-mail and gave an address gets the receipt
     * (and the tickets and gift vouchers, if any) by mail, written with the sale or not at all. Nothing
     * without SMTP set up.
     */
    queueWithSale(record: SaleBeingWritten): void {
      const settings = readMailSettings(db);
      const customer = storedCustomer(record.sale.customer);
      if (!settings || customer?.emailConsent !== true || !customer.email) return;
      const job = {
        saleId: record.sale.id,
        origin: 'consent',
        recipient: customer.email,
        language: settings.language,
      } as const;
      add(settings, { ...job, kind: 'receipt' });
      if (hasValidTickets(record.tickets)) add(settings, { ...job, kind: 'tickets' });
      // A new sale's vouchers are valid unless they are a training sale's, which have no code.
      if (record.vouchers.some((v) => v.secret !== null)) add(settings, { ...job, kind: 'vouchers' });
    },

    /** After the sale committed: send what it queued. */
    afterSale<T>(result: Result<T>): Result<T> {
      if (result.ok) queue.kick();
      return result;
    },

    status(): MailStatus {
      const counts = countMail(db);
      return {
        configured: readMailSettings(db) !== undefined,
        waiting: counts.waiting,
        failed: counts.failed,
        fault: queue.fault(),
        lastSentAt: lastMailSentAt(db),
        jobs: listMailJobs(db, 10).map(toView),
      };
    },
  };
}
