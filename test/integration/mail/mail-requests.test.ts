import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import {
  CUSTOMER,
  mailRows,
  queueDrained,
  sellTo,
  setUpMail,
  startMailBench,
  useMailBench,
  type MailBench,
} from '../../helpers/mail';
import { settle, until } from '../../helpers/printing';

// docs/MAIL.md: who may send what, the sentences for a customer e-mail cannot reach, and the SMTP
// settings with their password in the secret store.

describe('asking for e-mail', () => {
  const current = useMailBench();
  let bench: MailBench;
  beforeEach(() => {
    bench = current();
  });

  it('without SMTP set up, queues nothing with a sale and says so to a request', async () => {
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await bench.must(c.shift.open, { openingFloat: 0 });
    const sale = await sellTo(bench, CUSTOMER);
    expect(mailRows(bench)).toEqual([]);
    expect(await bench.must(c.mail.status)).toMatchObject({ configured: false, waiting: 0 });
    expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'receipt' })).toEqual({
      ok: false,
      reason: 'MAIL_NOT_CONFIGURED',
      message: expect.stringMatching(
        /^E-mail is not set up on this terminal\. A manager can set up/,
      ) as unknown,
    });
  });

  it('tells the cashier to type an address when the customer gave none, and saves nothing', async () => {
    await setUpMail(bench, bench.smtp);
    // Consent without an address: the sale completes, no mail is queued.
    const { email: _email, ...noAddress } = CUSTOMER;
    const noEmail = await sellTo(bench, noAddress);
    const anonymous = await sellTo(bench, null);
    expect(mailRows(bench)).toEqual([]);
    for (const sale of [noEmail, anonymous]) {
      expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'receipt' })).toEqual({
        ok: false,
        reason: 'MAIL_NO_ADDRESS',
        message:
          'This sale has no e-mail address for the customer. Type the address the customer gives you, then send again.',
      });
    }
    expect(
      await bench.call(c.sales.email, { saleId: anonymous.sale.id, kind: 'receipt', to: 'not an address' }),
    ).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
      message: expect.stringContaining('enter an e-mail address like name@example.com') as unknown,
    });
    expect(
      await bench.call(c.sales.email, { saleId: 'no-such-sale', kind: 'receipt', to: 'a@example.com' }),
    ).toMatchObject({
      ok: false,
      reason: 'MAIL_UNKNOWN_SALE',
    });
    expect(mailRows(bench)).toEqual([]);
  });

  it('writes a consent mail in the sale’s transaction: when the mail cannot be written, neither is the sale', async () => {
    await setUpMail(bench, bench.smtp);
    const db = bench.terminal.db;
    db.exec(
      "CREATE TRIGGER refuse_mail BEFORE INSERT ON mail_jobs BEGIN SELECT RAISE(ABORT, 'no room'); END",
    );
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { sales: count('sales'), outbox: count('outbox'), tickets: count('tickets') };
    await bench.must(c.cart.setCustomer, { customer: CUSTOMER });
    await bench.must(c.cart.addTicket, {
      performanceId: 'perf-hamlet-1',
      ticketPriceId: 'price-hamlet-adult-stalls',
      qty: 1,
    });
    const cart = await bench.must(c.cart.get);
    const result = await bench.call(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(result).toMatchObject({ ok: false, reason: 'INTERNAL' });
    expect(bench.logged).toEqual([expect.stringContaining('no room') as unknown]);
    expect({ sales: count('sales'), outbox: count('outbox'), tickets: count('tickets') }).toEqual(before);
    expect(mailRows(bench)).toEqual([]);
    // The cart waits; once mail can be written the same sale goes through with its mails.
    db.exec('DROP TRIGGER refuse_mail');
    const sold = await bench.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(mailRows(bench).map((r) => [r.kind, r.sale_id])).toEqual([
      ['receipt', sold.sale.id],
      ['tickets', sold.sale.id],
    ]);
  });

  it('answers in German on a German terminal', async () => {
    await setUpMail(bench, bench.smtp);
    await bench.must(c.settings.update, { language: 'de' });
    const sale = await sellTo(bench, null);
    expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'tickets' })).toMatchObject({
      ok: false,
      reason: 'MAIL_NO_ADDRESS',
      message: expect.stringMatching(/^Zu diesem Verkauf ist keine E-Mail-Adresse/) as unknown,
    });
  });

  it('lets a seller send and see the queue, but only a manager set the server up (refused at the dispatcher)', async () => {
    await setUpMail(bench, bench.smtp);
    const sale = await sellTo(bench, null);
    expect((await bench.call(c.mail.status)).ok).toBe(true);
    expect(
      (await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'receipt', to: 'a@example.com' })).ok,
    ).toBe(true);
    for (const [channel, request] of [
      [c.mail.settings, {}],
      [
        c.mail.updateSettings,
        {
          host: 'evil.example',
          port: 25,
          tls: 'none',
          username: null,
          fromAddress: 'x@evil.example',
          language: 'en',
        },
      ],
      [c.mail.clearSettings, {}],
      [c.mail.test, { to: 'a@example.com' }],
    ] as const) {
      expect(await bench.call(channel, request as never), channel).toMatchObject({
        ok: false,
        reason: 'FORBIDDEN',
        message: expect.stringContaining('Your role (Seller) may not manage the catalogue') as unknown,
      });
    }
    // Nothing changed: the settings still point at the sink.
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    expect(await bench.must(c.mail.settings)).toMatchObject({ host: '127.0.0.1', port: bench.smtp.port });
    await bench.must(c.staff.signOut);
    expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'receipt' })).toMatchObject({
      ok: false,
      reason: 'NOT_SIGNED_IN',
    });
  });
});

describe('SMTP settings', () => {
  let bench: MailBench;
  let secure: SmtpSink;
  beforeEach(async () => {
    bench = await startMailBench();
    secure = await startSmtpSink({ auth: { user: 'till', pass: 's3cret-pass' } });
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
  });
  afterEach(async () => {
    await bench.close();
    await secure.close();
  });

  const settings = (more: object = {}) => ({
    host: '127.0.0.1',
    port: secure.port,
    tls: 'none' as const,
    username: 'till',
    fromAddress: 'boxoffice@theatre.example',
    language: 'de' as const,
    ...more,
  });

  it('keeps the password in the secret store, never in the database, and signs in with it', async () => {
    const saved = await bench.must(c.mail.updateSettings, settings({ password: 's3cret-pass' }));
    expect(saved).toEqual({ ...settings(), hasPassword: true });
    expect(JSON.stringify(bench.terminal.db.prepare('SELECT * FROM mail_settings').all())).not.toContain(
      's3cret',
    );
    const files = readdirSync(bench.dataDir).filter((f) => f.includes('smtp'));
    expect(files).toEqual(['smtp-password.secret']);
    expect(readFileSync(`${bench.dataDir}/smtp-password.secret`, 'utf8')).toBe('s3cret-pass');

    const sent = await bench.must(c.mail.test, { to: 'manager@theatre.example' });
    expect(sent.response).toMatch(/^250/);
    expect(secure.received).toHaveLength(1);
    expect(secure.received[0]!.subject).toBe('Test-E-Mail vom Kassenterminal');

    // Saving again without a password keeps the stored one.
    expect(await bench.must(c.mail.updateSettings, settings({ port: secure.port }))).toMatchObject({
      hasPassword: true,
    });
    expect((await bench.call(c.mail.test, { to: 'manager@theatre.example' })).ok).toBe(true);
  });

  it('keeps mails waiting while the sign-in is refused, and sends them once a manager corrects it', async () => {
    await bench.must(c.mail.updateSettings, settings({ password: 'wrong' }));
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await bench.must(c.shift.open, { openingFloat: 0 });
    const sale = await sellTo(bench, null);
    const job = await bench.must(c.sales.email, {
      saleId: sale.sale.id,
      kind: 'receipt',
      to: 'a@example.com',
    });
    const attempts = () =>
      (
        bench.terminal.db.prepare('SELECT attempts FROM mail_jobs WHERE id = ?').get(job.id) as {
          attempts: number;
        }
      ).attempts;
    await until(() => attempts() >= 2, 'two refused sign-ins');
    const status = await bench.must(c.mail.status);
    expect(status).toMatchObject({ waiting: 1, failed: 0 });
    expect(status.fault?.message).toMatch(
      /^The mail server refused the sign-in \(.*535.*\)\. Mails wait; a manager must correct/,
    );
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await bench.must(c.mail.updateSettings, settings({ password: 's3cret-pass' }));
    await until(() => secure.received.length === 1, 'the mail');
    await queueDrained(bench);
    await settle();
    expect(secure.received).toHaveLength(1);
    expect((await bench.must(c.mail.status)).jobs[0]).toMatchObject({ id: job.id, state: 'sent' });
  });

  it('reports a refused sign-in in a sentence, and a password without a user name is refused', async () => {
    await bench.must(c.mail.updateSettings, settings({ password: 'wrong' }));
    const result = await bench.call(c.mail.test, { to: 'manager@theatre.example' });
    expect(result).toMatchObject({ ok: false, reason: 'MAIL_TEST_FAILED' });
    expect(!result.ok && result.message).toMatch(/^The test e-mail did not go through: .*535/);
    expect(
      await bench.call(c.mail.updateSettings, settings({ username: null, password: 'x' })),
    ).toMatchObject({
      ok: false,
      reason: 'MAIL_PASSWORD_WITHOUT_USER',
    });
    await bench.must(c.mail.clearSettings);
    expect(await bench.must(c.mail.settings)).toBeNull();
    expect(readdirSync(bench.dataDir).filter((f) => f.includes('smtp'))).toEqual([]);
  });
});
