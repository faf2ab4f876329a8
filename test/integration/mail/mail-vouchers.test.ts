import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleView } from '../../../shared/ipc/types';
import { readVoucherSecret } from '../../../shared/node/vouchers/secret';
import { printedDateTime } from '../../../shared/printed-date';
import { getVenue } from '../../../src-main/db/repos/catalogue-repo';
import { upsertPulledVouchers } from '../../../src-main/db/repos/voucher-repo';
import { secretStoreWithKey } from '../../helpers/device-key';
import {
  CUSTOMER,
  mailRows,
  queueDrained,
  sellTo,
  setUpMail,
  startMailBench,
  type MailBench,
} from '../../helpers/mail';
import { readPdf } from '../../helpers/pdf-reader';
import { settle, until } from '../../helpers/printing';
import { testClock } from '../../helpers/terminal';
import { addVoucherProducts } from '../../helpers/voucher-products';

// docs/MAIL.md and docs/CASH.md "Gift vouchers": a sale's gift vouchers e-mailed as a PDF, a page per
// voucher with its signed code as a QR code, sent to a real SMTP server on 127.0.0.1 and read back as a
// scanner would read it. The terminal holds a signing key, as enrolment leaves it, so its vouchers have
// codes.

const GIFT_50 = randomUUID();
const GIFT_OPEN = randomUUID();

describe('e-mailed gift vouchers', () => {
  let bench: MailBench;
  const clock = testClock();
  beforeEach(async () => {
    clock.set('2026-11-21T10:00:00.000Z');
    bench = await startMailBench({ secrets: secretStoreWithKey().secrets, clock });
    addVoucherProducts(bench.terminal.db, { fixed50: GIFT_50, open: GIFT_OPEN });
    await setUpMail(bench, bench.smtp);
  });
  afterEach(() => bench.close());

  /** A voucher's expiry as the venue's clock shows it. */
  const expiry = (v: { expiresAt: string }, language: 'en' | 'de') =>
    printedDateTime(v.expiresAt, getVenue(bench.terminal.db)!.timezone, language);

  /** Two vouchers of 50.00 (30 days) and one of 12.34 (the default 1095 days) beside one ticket, paid in cash, to `customer`. */
  const sellVouchers = async (customer: typeof CUSTOMER | null): Promise<SaleView> => {
    await bench.must(c.cart.addVoucher, { productId: GIFT_50, qty: 2 });
    await bench.must(c.cart.addVoucher, { productId: GIFT_OPEN, qty: 1, amount: 1234 });
    return sellTo(bench, customer, 1);
  };

  it('sends a consenting customer the vouchers with the sale: a page each, its QR code the voucher’s code', async () => {
    const sale = await sellVouchers(CUSTOMER);
    expect(sale.vouchers.map((v) => v.amount)).toEqual([5000, 5000, 1234]);
    // Written with the sale, in its transaction, beside the receipt and the tickets.
    expect(mailRows(bench).map((r) => [r.kind, r.origin, r.recipient, r.sale_id])).toEqual([
      ['receipt', 'consent', 'ada@example.com', sale.sale.id],
      ['tickets', 'consent', 'ada@example.com', sale.sale.id],
      ['vouchers', 'consent', 'ada@example.com', sale.sale.id],
    ]);
    await until(() => bench.smtp.received.length === 3, 'three mails');
    await queueDrained(bench);
    expect(mailRows(bench).map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    const mail = bench.smtp.received.find((m) => m.subject?.includes('gift vouchers'))!;
    expect(mail.messageId).toBe(mailRows(bench)[2]!.message_id);
    expect(mail.subject).toBe(`Your gift vouchers from Demo Theatre (order ${sale.sale.receiptNo})`);
    expect(mail.text).toContain('Your 3 gift voucher(s) are attached as a PDF');
    for (const v of sale.vouchers) {
      const amount = v.amount === 5000 ? 'EUR 50.00' : 'EUR 12.34';
      expect(mail.text).toContain(`Voucher ${v.id}, valid until ${expiry(v, 'en')}: ${amount}`);
      // The code goes only as the QR code in the PDF.
      expect(mail.text).not.toContain(v.secret);
    }

    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`vouchers-${sale.sale.receiptNo}.pdf`);
    const pages = readPdf(pdf.content);
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      const voucher = sale.vouchers[i]!;
      // Scanned, the page gives the voucher's signed code, which names the voucher and its amount.
      expect(page.qr).toBe(voucher.secret);
      expect(readVoucherSecret(page.qr!)).toMatchObject({
        voucherId: voucher.id,
        amount: voucher.amount,
        currency: 'EUR',
      });
      expect(page.texts).toEqual(
        expect.arrayContaining([
          'Demo Theatre',
          'GIFT VOUCHER',
          i < 2 ? 'EUR 50.00' : 'EUR 12.34',
          `Valid until ${expiry(voucher, 'en')}`,
          `Voucher ${voucher.id}`,
          `Order ${sale.sale.receiptNo}`,
        ]),
      );
    });
  });

  it('sends them again on request, in German, to the address typed', async () => {
    const sale = await sellVouchers({ ...CUSTOMER, emailConsent: false });
    expect(mailRows(bench)).toEqual([]);
    const job = await bench.must(c.sales.email, {
      saleId: sale.sale.id,
      kind: 'vouchers',
      to: 'kunde@example.de',
      language: 'de',
    });
    expect(job).toMatchObject({ kind: 'vouchers', origin: 'request', recipient: 'kunde@example.de' });
    await until(() => bench.smtp.received.length === 1, 'the mail');
    const mail = bench.smtp.received[0]!;
    expect(mail.subject).toBe(`Ihre Gutscheine von Demo Theatre (Bestellung ${sale.sale.receiptNo})`);
    expect(mail.text).toContain('Ihre 3 Gutschein(e) sind als PDF angehängt');
    const open = sale.vouchers[2]!;
    expect(mail.text).toContain(`Gutschein ${open.id}, gültig bis ${expiry(open, 'de')}: EUR 12,34`);
    const pages = readPdf(mail.attachments[0]!.content);
    expect(pages.map((p) => p.qr)).toEqual(sale.vouchers.map((v) => v.secret));
    expect(pages[0]!.texts).toEqual(expect.arrayContaining(['GUTSCHEIN', 'EUR 50,00']));
    expect(pages[0]!.texts).toContain(`Gültig bis ${expiry(sale.vouchers[0]!, 'de')}`);
  });

  it('refuses vouchers of a sale that has none, in English and German, and queues nothing', async () => {
    const sale = await sellTo(bench, CUSTOMER, 1);
    expect(mailRows(bench).map((r) => r.kind)).toEqual(['receipt', 'tickets']);
    const before = mailRows(bench);
    expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers' })).toEqual({
      ok: false,
      reason: 'MAIL_NO_VOUCHERS',
      message:
        'This sale has no valid gift vouchers to send: none were sold, or they are void, expired or training vouchers. Send the receipt instead.',
    });
    await bench.must(c.settings.update, { language: 'de' });
    expect(
      await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers', to: 'a@example.com' }),
    ).toEqual({
      ok: false,
      reason: 'MAIL_NO_VOUCHERS',
      message:
        'Dieser Verkauf hat keine gültigen Gutscheine zum Senden: Es wurden keine verkauft, oder sie sind storniert, abgelaufen oder Trainingsgutscheine. Bitte stattdessen den Beleg senden.',
    });
    expect(mailRows(bench)).toEqual(before);
  });

  it('mails no training voucher: it has no code, so consent queues the receipt only and a request is refused', async () => {
    bench.terminal.db.prepare("UPDATE staff SET training = 1 WHERE id = 'staff-sam'").run();
    await bench.must(c.cart.addVoucher, { productId: GIFT_50, qty: 1 });
    const cart = await bench.must(c.cart.setCustomer, { customer: CUSTOMER });
    const sale = await bench.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total, tendered: cart.total }],
    });
    expect(sale.sale.training).toBe(1);
    expect(mailRows(bench).map((r) => r.kind)).toEqual(['receipt']);
    expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers' })).toMatchObject({
      ok: false,
      reason: 'MAIL_NO_VOUCHERS',
    });
    expect(mailRows(bench).map((r) => r.kind)).toEqual(['receipt']);
  });

  it('leaves out a voucher taken back at the window, and carries the credit voucher a refund paid out onto', async () => {
    const sale = await sellVouchers({ ...CUSTOMER, emailConsent: false });
    const [first, second, third] = sale.vouchers;
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    const refunded = await bench.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: first!.lineId!, unitIndex: first!.unitIndex! }],
      reason: 'Customer request',
      tender: 'voucher',
    });
    const credit = refunded.vouchers.find((v) => v.refundId !== null);
    expect(credit?.amount).toBe(5000);
    await bench.must(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers' });
    await until(() => bench.smtp.received.length === 1, 'the mail');
    expect(readPdf(bench.smtp.received[0]!.attachments[0]!.content).map((p) => p.qr)).toEqual([
      second!.secret,
      third!.secret,
      credit!.secret,
    ]);
  });

  it('leaves out a voucher the server has voided or that expired, and fails a waiting mail left with none', async () => {
    const sale = await sellVouchers({ ...CUSTOMER, emailConsent: false });
    const [first, second, third] = sale.vouchers;
    upsertPulledVouchers(
      bench.terminal.db,
      [
        {
          voucherId: first!.id,
          currency: 'EUR',
          amount: 5000,
          balance: 5000,
          expiresAt: first!.expiresAt,
          status: 'void',
        },
      ],
      new Date(clock.now()).toISOString(),
      0,
    );
    await bench.must(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers' });
    await until(() => bench.smtp.received.length === 1, 'the mail');
    expect(readPdf(bench.smtp.received[0]!.attachments[0]!.content).map((p) => p.qr)).toEqual([
      second!.secret,
      third!.secret,
    ]);
    await queueDrained(bench);

    // The mail server is away while the vouchers expire: the mail waiting then has nothing left to carry.
    await bench.smtp.stop();
    const job = await bench.must(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers' });
    await until(() => mailRows(bench).some((r) => r.id === job.id && r.state === 'retrying'), 'a retry');
    clock.set(third!.expiresAt);
    await bench.smtp.start();
    await queueDrained(bench);
    await settle();
    expect(mailRows(bench).find((r) => r.id === job.id)).toMatchObject({
      state: 'failed',
      last_error: expect.stringMatching(/^This sale has no valid gift vouchers to send/) as unknown,
    });
    expect(bench.smtp.received).toHaveLength(1);
    // Three years on the session has locked: the seller signs in again to ask.
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    expect(await bench.call(c.sales.email, { saleId: sale.sale.id, kind: 'vouchers' })).toMatchObject({
      ok: false,
      reason: 'MAIL_NO_VOUCHERS',
    });
  });
});
