import { isoNow, type Clock } from '../../clock';
import type { Db } from '../../db/connection';
import {
  claimMailJob,
  markMailFailed,
  markMailRetrying,
  markMailSent,
  nextPendingMail,
  requeueInterruptedMail,
  type MailJobRow,
} from '../../db/repos/mail-repo';
import type { Translate } from '../../messages';
import { createSerialDrain, type SerialDrainOptions, type StepOutcome } from '../serial-drain';
import type { OutgoingMail, SmtpConfig, SmtpOutcome, SmtpSend } from './smtp-transport';

/** The waits after a failed attempt: the first, doubling with each failure in a row, up to the cap. */
export type MailQueueOptions = SerialDrainOptions;

interface Deps extends MailQueueOptions {
  db: Db;
  clock: Clock;
  /** The SMTP settings with the password, or null while none are set up. */
  config: () => SmtpConfig | null;
  send: SmtpSend;
  /** The mail of a row, built from its sale at send time; a string is why it cannot be built. */
  build: (row: MailJobRow) => Promise<OutgoingMail | string>;
  /** In the terminal's language: these sentences are for staff. */
  t: Translate;
  logError: (error: unknown, context: string) => void;
  onChange?: (() => void) | undefined;
}

export type MailQueue = ReturnType<typeof createMailQueue>;

/**
 * Drains mail_jobs oldest first, one mail at a time, like the print queue (docs/MAIL.md). A failure that
 * is about the server (no connection, "try later", a refused sign-in) leaves the mail at the head and
 * waits with exponential backoff up to a cap; a refusal of the mail itself (5xx) fails that mail only
 * and the queue moves on. Only this drain sends, and it claims a row before sending it.
 */
export function createMailQueue(deps: Deps) {
  const { db, clock, t } = deps;
  let fault: { message: string; since: string } | null = null;

  const setFault = (message: string) => {
    fault = { message, since: fault?.message === message ? fault.since : isoNow(clock) };
  };

  const faultSentence = (outcome: Extract<SmtpOutcome, { ok: false }>, config: SmtpConfig) => {
    const detail = outcome.detail;
    if (outcome.kind === 'auth') return t('MAIL_AUTH', { detail });
    if (outcome.kind === 'deferred') return t('MAIL_DEFERRED', { detail });
    return t('MAIL_UNREACHABLE', { address: `${config.host}:${config.port}`, detail });
  };

  async function attempt(): Promise<StepOutcome> {
    const row = nextPendingMail(db);
    if (!row) return 'idle';
    const config = deps.config();
    if (!config) {
      // Nothing to send with until a manager sets a server up; saving the settings starts the queue.
      setFault(t('MAIL_NOT_CONFIGURED'));
      return 'idle';
    }
    if (!claimMailJob(db, row.id)) return 'again';
    deps.onChange?.();
    let mail: OutgoingMail | string;
    try {
      mail = await deps.build(row);
    } catch (error) {
      // A mail that cannot be built will not build on a retry either: it stops, the others go on.
      deps.logError(error, `mail ${row.id}`);
      mail = t('MAIL_BROKEN', { detail: error instanceof Error ? error.message : String(error) });
    }
    if (typeof mail === 'string') {
      markMailFailed(db, row.id, mail);
      return 'again';
    }
    const outcome = await deps.send(mail, config);
    if (outcome.ok) {
      // The server has the mail: marked in one statement before anything else can happen.
      markMailSent(db, row.id, isoNow(clock));
      worker.succeeded();
      fault = null;
      return 'again';
    }
    if (outcome.kind === 'rejected') {
      markMailFailed(db, row.id, t('MAIL_REJECTED', { detail: outcome.detail }));
      // The server answered: it works, only this mail is refused.
      worker.succeeded();
      fault = null;
      return 'again';
    }
    const wait = worker.failed();
    const message = faultSentence(outcome, config);
    setFault(message);
    markMailRetrying(db, row.id, { message, nextAttemptAt: new Date(clock.now() + wait).toISOString() });
    return 'wait';
  }

  const worker = createSerialDrain({
    ...deps,
    step: attempt,
    resume: () => requeueInterruptedMail(db),
    logError: (error) => deps.logError(error, 'mail queue'),
  });

  return {
    /** Puts mails a crash left 'sending' back in the queue (same Message-ID) and starts draining. */
    start: worker.start,

    /** New mail arrived; a queue waiting out a failure keeps waiting. */
    kick: worker.kick,

    /** Try again at once, e.g. after the settings changed. */
    retryNow(): void {
      fault = null;
      worker.retryNow();
    },

    fault(): { message: string; since: string } | null {
      return fault;
    },

    /** Stops the worker and waits for the mail on the wire, so its outcome is written before the store closes. */
    stop: worker.stop,
  };
}
