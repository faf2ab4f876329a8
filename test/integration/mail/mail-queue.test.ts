import { beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { claimMailJob } from '../../../src-main/db/repos/mail-repo';
import { CUSTOMER, mailRows, queueDrained, sellTo, useMailBench, type MailBench } from '../../helpers/mail';
import { settle, until } from '../../helpers/printing';

// docs/MAIL.md: the mail queue is durable like the print queue. Queued while the SMTP server is away,
// sent when it answers, retried with a capped backoff, failed for good on a 5xx, and never sent twice.

const row = (bench: MailBench, id: string) =>
  bench.terminal.db.prepare('SELECT * FROM mail_jobs WHERE id = ?').get(id) as {
    state: string;
    attempts: number;
    next_attempt_at: string | null;
    last_error: string | null;
    message_id: string;
  };

/** A sale without a customer, its receipt asked for by mail to a@example.com. */
async function receiptOfNewSale(bench: MailBench) {
  const sale = await sellTo(bench, null);
  return bench.must(c.sales.email, { saleId: sale.sale.id, kind: 'receipt', to: 'a@example.com' });
}

describe('the mail queue', () => {
  const current = useMailBench({ setUp: true });
  let bench: MailBench;
  beforeEach(() => {
    bench = current();
  });

  it('keeps a mail while the SMTP server is down and sends it once, with its Message-ID, when it is back', async () => {
    await bench.smtp.stop();
    const job = await receiptOfNewSale(bench);
    await until(() => row(bench, job.id).attempts >= 2, 'two failed attempts');
    const status = await bench.must(c.mail.status);
    expect(status).toMatchObject({ configured: true, waiting: 1, failed: 0 });
    expect(status.fault?.message).toMatch(/^The mail server 127\.0\.0\.1:\d+ does not answer/);
    expect(['retrying', 'sending']).toContain(row(bench, job.id).state);
    expect(row(bench, job.id).last_error).toMatch(/Mails wait and go as soon as it answers/);

    await bench.smtp.start();
    await until(() => bench.smtp.received.length === 1, 'the mail');
    await queueDrained(bench);
    await settle();
    expect(bench.smtp.received).toHaveLength(1);
    expect(bench.smtp.received[0]!.messageId).toBe(row(bench, job.id).message_id);
    expect(row(bench, job.id).state).toBe('sent');
    expect(await bench.must(c.mail.status)).toMatchObject({ waiting: 0, failed: 0, fault: null });
  });

  it('delivers a mail the server deferred twice (451) exactly once', async () => {
    bench.smtp.refuseNext(2, 451);
    const sale = await sellTo(bench, CUSTOMER);
    await until(() => bench.smtp.received.length === 2, 'receipt and tickets');
    await queueDrained(bench);
    await settle();
    // Three answers for the first mail (451, 451, 250), one for the second: the same Message-ID each time.
    const [receipt] = mailRows(bench);
    expect(bench.smtp.attempts.slice(0, 3)).toEqual([
      receipt!.message_id,
      receipt!.message_id,
      receipt!.message_id,
    ]);
    expect(bench.smtp.received.map((m) => m.messageId)).toEqual(mailRows(bench).map((r) => r.message_id));
    expect(mailRows(bench).map((r) => [r.state, r.attempts])).toEqual([
      ['sent', 3],
      ['sent', 1],
    ]);
    expect(bench.smtp.received[0]!.subject).toContain(`no. ${sale.sale.receiptNo}`);
  });

  it('backs off exponentially up to the cap between attempts', async () => {
    await bench.restart({ mail: { retryBaseMs: 150, retryCapMs: 250 } });
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await bench.smtp.stop();
    const job = await receiptOfNewSale(bench);
    const now = bench.terminal.db.prepare('SELECT created_at AS at FROM mail_jobs').get() as { at: string };
    const waitAfter = async (attempts: number) => {
      const r = await until(() => {
        const current = row(bench, job.id);
        return current.attempts === attempts && current.state === 'retrying' ? current : null;
      }, `attempt ${attempts}`);
      return Date.parse(r.next_attempt_at!) - Date.parse(now.at);
    };
    // The test clock stands still, so each wait shows as next_attempt_at minus the clock.
    expect(await waitAfter(1)).toBe(150);
    expect(await waitAfter(2)).toBe(250);
    expect(await waitAfter(3)).toBe(250);
  });

  it('fails a mail the server refuses for good (5xx) with the reason, and goes on with the next', async () => {
    bench.smtp.rejectRecipient('nobody@example.com');
    const sale = await sellTo(bench, null);
    const bad = await bench.must(c.sales.email, {
      saleId: sale.sale.id,
      kind: 'receipt',
      to: 'nobody@example.com',
    });
    const good = await bench.must(c.sales.email, {
      saleId: sale.sale.id,
      kind: 'receipt',
      to: 'ok@example.com',
    });
    await until(() => bench.smtp.received.length === 1, 'the good mail');
    await queueDrained(bench);
    await settle();
    expect(row(bench, bad.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row(bench, bad.id).last_error).toMatch(/refused this mail for good \(550 No such user here\)/);
    expect(row(bench, good.id).state).toBe('sent');
    expect(await bench.must(c.mail.status)).toMatchObject({ waiting: 0, failed: 1, fault: null });

    bench.smtp.refuseNext(1, 554, 'Message rejected as spam');
    const spam = await bench.must(c.sales.email, {
      saleId: sale.sale.id,
      kind: 'receipt',
      to: 'x@example.com',
    });
    await until(() => row(bench, spam.id).state === 'failed', 'the refusal');
    await queueDrained(bench);
    await settle();
    expect(row(bench, spam.id).attempts).toBe(1);
    expect(bench.smtp.received).toHaveLength(1);
  });

  it('resends a mail a crash left "sending" with the same Message-ID, and only that once', async () => {
    await bench.restart({ mail: { enabled: false } });
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    const job = await receiptOfNewSale(bench);
    // As a crash between the server's answer and the row's update would leave it.
    expect(claimMailJob(bench.terminal.db, job.id)).toBe(true);
    // One drain at a time: a second claim of the same row finds it taken.
    expect(claimMailJob(bench.terminal.db, job.id)).toBe(false);
    await bench.restart();
    await until(() => bench.smtp.received.length === 1, 'the resend');
    await queueDrained(bench);
    await settle();
    expect(bench.smtp.received).toHaveLength(1);
    expect(bench.smtp.received[0]!.messageId).toBe(row(bench, job.id).message_id);
    expect(row(bench, job.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });
});
