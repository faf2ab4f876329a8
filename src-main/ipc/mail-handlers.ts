import { channels as c } from '../../shared/ipc/channels';
import { ok } from '../../shared/result';
import type { MailService } from '../services/mail/mail-service';
import type { Handlers } from './dispatcher';

type MailChannel = (typeof c.mail)[keyof typeof c.mail] | typeof c.sales.email;

/** E-mail's channels (docs/MAIL.md); access.ts admits the caller before these run. */
export function createMailHandlers(mail: MailService): Pick<Handlers, MailChannel> {
  return {
    [c.sales.email]: (r) => mail.request(r),
    [c.mail.status]: () => ok(mail.status()),
    [c.mail.settings]: () => ok(mail.settings()),
    [c.mail.updateSettings]: (r) => mail.updateSettings(r),
    [c.mail.clearSettings]: () => mail.clearSettings(),
    [c.mail.test]: (r) => mail.test(r.to),
  };
}
