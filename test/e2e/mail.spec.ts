import { randomUUID } from 'node:crypto';
import { readVoucherSecret } from '../../shared/node/vouchers/secret';
import { upsertCatalogue } from '../../src-main/db/repos/catalogue-repo';
import { secretStoreWithKey } from '../helpers/device-key';
import { readPdf } from '../helpers/pdf-reader';
import { sinkSettings, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { expectAccessible } from './pages/axe';
import { must, openShiftAs } from './pages/core-setup';
import { ManagePage } from './pages/manage-page';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/MAIL.md: a receipt and gift vouchers e-mailed from the sale complete view reach a real SMTP server
// on 127.0.0.1, started by the test; the address field says what to do when it is left empty for a
// customer who gave none.

test.describe('e-mail receipt', () => {
  let smtp: SmtpSink;
  test.beforeEach(async () => {
    smtp = await startSmtpSink();
  });
  test.afterEach(async () => {
    await smtp.close();
  });

  test('e-mails the receipt from the sale complete view to the address typed', async ({
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000);
    await must(demoHost, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
    await must(demoHost, 'pos:mail:updateSettings', sinkSettings(smtp));
    await openShiftAs(demoHost);
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.payCash();

    const mail = page.getByTestId('email-sale');
    await expect(mail).toBeVisible();
    // Tickets only: nothing to offer as gift vouchers.
    await expect(mail.getByRole('button', { name: 'E-mail gift vouchers' })).toHaveCount(0);
    const address = mail.getByLabel('Customer’s e-mail address');
    await expect(address).toHaveValue('');
    // No address on the sale and none typed: main says what to do, and nothing is queued.
    await mail.getByRole('button', { name: 'E-mail receipt' }).click();
    await expect(mail.getByRole('alert')).toHaveText(
      'This sale has no e-mail address for the customer. Type the address the customer gives you, then send again.',
    );
    await address.fill('ada@example.com');
    await address.press('Tab');
    await page.keyboard.press('Enter');
    await expect(mail.getByRole('status')).toContainText('Queued for ada@example.com');
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1);
    const received = smtp.received[0]!;
    expect(received.to).toMatchObject({ text: 'ada@example.com' });
    expect(received.subject).toMatch(/^Your receipt no\. \d+ from Demo Theatre$/);
    expect(received.text).toContain('TOTAL EUR: ');
    await expect(mail.getByTestId('mail-queue')).toHaveText('0 e-mail(s) waiting, 0 failed.');
  });

  test('e-mails the gift vouchers of a sale: a PDF whose QR code is the voucher’s code', async ({
    startHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000);
    // A signing key, as enrolment leaves it: the window's vouchers get codes.
    const host = await startHost({ demoData: true, secrets: secretStoreWithKey().secrets });
    const gift = randomUUID();
    upsertCatalogue(host.terminal.db, 'products', [
      {
        id: gift,
        kind: 'voucher',
        name: 'Gift 50',
        unitPrice: 5000,
        vatRate: 0,
        category: null,
        inventoryItemId: null,
        eventId: null,
        voucherDays: 365,
      },
    ]);
    await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
    await must(host, 'pos:mail:updateSettings', sinkSettings(smtp));
    await openShiftAs(host);
    await terminal.open(host.url);
    await terminal.pickPerformance();
    await terminal.addItem(gift);
    await terminal.payCash();
    const sold = await must(host, 'pos:sales:find', { receiptNo: 1 });
    const voucher = sold.vouchers[0];
    if (!voucher) throw new Error('the sale issued no voucher');

    const mail = page.getByTestId('email-sale');
    await expect(mail.getByRole('button', { name: 'E-mail tickets' })).toHaveCount(0);
    await mail.getByLabel('Customer’s e-mail address').fill('ada@example.com');
    await mail.getByRole('button', { name: 'E-mail gift vouchers' }).click();
    await expect(mail.getByRole('status')).toContainText('Queued for ada@example.com');
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1);
    const received = smtp.received[0]!;
    expect(received.to).toMatchObject({ text: 'ada@example.com' });
    expect(received.subject).toBe('Your gift vouchers from Demo Theatre (order 1)');
    expect(received.text).toContain(`Voucher ${voucher.id}, valid until `);
    const pdf = received.attachments[0]!;
    expect(pdf.filename).toBe('vouchers-1.pdf');
    const [voucherPage, ...more] = readPdf(pdf.content);
    expect(more).toEqual([]);
    expect(voucherPage!.qr).toBe(voucher.secret);
    expect(readVoucherSecret(voucherPage!.qr!)).toMatchObject({ voucherId: voucher.id, amount: 5000 });
    expect(voucherPage!.texts).toEqual(expect.arrayContaining(['GIFT VOUCHER', 'EUR 50.00']));
    await expect(mail.getByTestId('mail-queue')).toHaveText('0 e-mail(s) waiting, 0 failed.');
    await expectAccessible(page, 'sale complete with gift vouchers to e-mail');
  });

  test('a manager sets the SMTP server up on the Manage screen and sends a test e-mail', async ({
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000);
    const manage = new ManagePage(page);
    await terminal.open(demoHost.url);
    await terminal.signIn('Max Manager', '640273');
    await manage.open();
    await manage.tab('E-mail').click();
    const form = page.getByTestId('mail-settings');
    await expect(form.getByTestId('mail-state')).toHaveText(
      'No mail server is set up: e-mail is not offered at the till.',
    );
    await form.getByLabel('SMTP server (host name or IP address)').fill('smtp://127.0.0.1');
    await form.getByLabel('Port').fill(String(smtp.port));
    await form.getByLabel('Encryption').selectOption('none');
    await form.getByLabel('From address').fill('boxoffice@theatre.example');
    await form.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect(form.getByLabel('SMTP server (host name or IP address)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expectAccessible(page, 'e-mail settings with an error');
    await form.getByLabel('SMTP server (host name or IP address)').fill('127.0.0.1');
    await form.getByLabel('From address').press('Enter');
    await expect(form.getByRole('status')).toHaveText('E-mail settings saved.');
    await form.getByLabel('Send a test e-mail to').fill('manager@theatre.example');
    await form.getByRole('button', { name: 'Send test e-mail' }).click();
    await expect(form.getByRole('status')).toContainText('The mail server took the test e-mail: 250');
    expect(smtp.received.map((m) => m.subject)).toEqual(['Test e-mail from the box office terminal']);
    await expectAccessible(page, 'e-mail settings');
  });
});
