import { z } from 'zod';
import { text } from '../text';
import { channels as c } from './channels';
import { hostSchema } from './host-schema';
import {
  MAIL_KINDS,
  SMTP_TLS_MODES,
  type MailJobView,
  type MailSettings,
  type MailStatus,
} from './domains/mail';

// E-mail's requests and answers (docs/MAIL.md), spread into the one contract (contract.ts).

const empty = z.strictObject({});
const address = text().trim().email('enter an e-mail address like name@example.com').max(200);

export const mailRequestSchemas = {
  // A customer's request at the window: `to` defaults to the e-mail the sale's customer gave.
  [c.sales.email]: z.strictObject({
    saleId: text().min(1).max(100),
    kind: z.enum(MAIL_KINDS),
    to: address.optional(),
    language: z.enum(['en', 'de']).optional(),
  }),
  [c.mail.status]: empty,
  [c.mail.settings]: empty,
  [c.mail.updateSettings]: z.strictObject({
    host: hostSchema,
    port: z.number().int().min(1).max(65535),
    tls: z.enum(SMTP_TLS_MODES),
    username: text().trim().min(1).max(200).nullable(),
    // Left out: keep the password stored; null: remove it.
    password: text().min(1).max(500).nullable().optional(),
    fromAddress: address,
    language: z.enum(['en', 'de']),
  }),
  [c.mail.clearSettings]: empty,
  [c.mail.test]: z.strictObject({ to: address }),
};

export interface MailResponseTypes {
  [c.sales.email]: MailJobView;
  [c.mail.status]: MailStatus;
  /** null: no SMTP server set up. */
  [c.mail.settings]: MailSettings | null;
  [c.mail.updateSettings]: MailSettings;
  [c.mail.clearSettings]: null;
  /** The test mail went through: the SMTP server's answer. */
  [c.mail.test]: { response: string };
}
