import { afterEach, beforeEach } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { RequestOf } from '../../shared/ipc/contract';
import type { CustomerInput } from '../../shared/ipc/domains/sell';
import type { SaleView } from '../../shared/ipc/types';
import type { TerminalOptions } from '../../src-main/terminal';
import { openCore, sellAdults, until, type PrintCore } from './printing';
import { sinkSettings, startSmtpSink, type SmtpSink } from './smtp-sink';
import { makeTempDir } from './temp-dir';

/** Fast retries and short SMTP waits, so the mail tests take milliseconds per failure. */
export const FAST_MAIL: NonNullable<TerminalOptions['mail']> = {
  retryBaseMs: 5,
  retryCapMs: 40,
  smtp: { connectTimeoutMs: 1_000, greetingTimeoutMs: 1_000, socketTimeoutMs: 2_000 },
};

export const CUSTOMER: CustomerInput = {
  id: 'cust-ada',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  emailConsent: true,
  priorOrders: 0,
  groups: [],
};

export interface MailBench extends PrintCore {
  smtp: SmtpSink;
  dataDir: string;
  /** What the core logged (a thrown error's context and message), instead of the console. */
  logged: string[];
  /** Closes the core and opens a new one on the same data folder, as after a restart. */
  restart(options?: Partial<TerminalOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startMailBench(options: Partial<TerminalOptions> = {}): Promise<MailBench> {
  const temp = makeTempDir('pos-mail-');
  const smtp = await startSmtpSink();
  const logged: string[] = [];
  const open = (more: Partial<TerminalOptions>) =>
    openCore(temp.path, {
      mail: FAST_MAIL,
      logError: (error, context) => logged.push(`${context}: ${String(error)}`),
      ...options,
      ...more,
    });
  const bench: MailBench = {
    ...(await open({})),
    smtp,
    dataDir: temp.path,
    logged,
    async restart(next = {}) {
      await bench.terminal.close();
      Object.assign(bench, await open(next));
    },
    async close() {
      await bench.terminal.close();
      await smtp.close();
      temp.cleanup();
    },
  };
  return bench;
}

/** Points the terminal at the sink (as the manager), then signs the seller in with a shift open. */
export async function setUpMail(
  core: PrintCore,
  smtp: SmtpSink,
  settings: Partial<RequestOf<typeof c.mail.updateSettings>> = {},
): Promise<void> {
  await core.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
  await core.must(c.mail.updateSettings, { ...sinkSettings(smtp), ...settings });
  await core.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
  if (!(await core.must(c.shift.current))) await core.must(c.shift.open, { openingFloat: 10_000 });
}

/** A sale of `qty` adults for Hamlet to `customer` (none: no customer on the sale). */
export async function sellTo(core: PrintCore, customer: CustomerInput | null, qty = 1): Promise<SaleView> {
  if (customer) await core.must(c.cart.setCustomer, { customer });
  return sellAdults(core, qty);
}

/** The mail rows as stored, oldest first. */
export function mailRows(core: PrintCore): Record<string, unknown>[] {
  return core.terminal.db.prepare('SELECT * FROM mail_jobs ORDER BY seq').all() as Record<string, unknown>[];
}

/** Waits until no mail is queued, being sent or waiting to retry: every row is sent or failed. */
export async function queueDrained(core: PrintCore): Promise<void> {
  await until(
    () => mailRows(core).every((r) => r.state === 'sent' || r.state === 'failed'),
    'the mail queue to drain',
  );
}

/**
 * A fresh bench for each test of the describe block it is called in, closed after it; with `setUp` the
 * terminal already points at the sink and the seller is signed in with a shift open.
 */
export function useMailBench(options: { setUp?: boolean } = {}): () => MailBench {
  let bench: MailBench | undefined;
  beforeEach(async () => {
    bench = await startMailBench();
    if (options.setUp) await setUpMail(bench, bench.smtp);
  });
  afterEach(() => bench?.close());
  return () => {
    if (!bench) throw new Error('the mail bench is made per test');
    return bench;
  };
}
