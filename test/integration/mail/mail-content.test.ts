import { beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { formatMinor } from '../../../shared/money';
import { CUSTOMER, mailRows, queueDrained, sellTo, useMailBench, type MailBench } from '../../helpers/mail';
import { readPdf } from '../../helpers/pdf-reader';
import { until } from '../../helpers/printing';

// docs/MAIL.md: what arrives at a real SMTP server on 127.0.0.1, parsed with mailparser.

describe('e-mailed receipts and tickets', () => {
  const current = useMailBench({ setUp: true });
  let bench: MailBench;
  beforeEach(() => {
    bench = current();
  });

  it('sends the receipt and the tickets of a sale whose customer agreed, once each, with the sale', async () => {
    const sale = await sellTo(bench, CUSTOMER, 2);
    // Written with the sale, in its transaction.
    expect(mailRows(bench).map((r) => [r.kind, r.origin, r.recipient, r.sale_id])).toEqual([
      ['receipt', 'consent', 'ada@example.com', sale.sale.id],
      ['tickets', 'consent', 'ada@example.com', sale.sale.id],
    ]);
    await until(() => bench.smtp.received.length === 2, 'two mails');
    const [receipt, tickets] = bench.smtp.received;
    const rows = mailRows(bench);

    expect(receipt!.to).toMatchObject({ text: 'ada@example.com' });
    expect(receipt!.from).toMatchObject({ text: 'boxoffice@theatre.example' });
    expect(receipt!.messageId).toBe(rows[0]!.message_id);
    expect(receipt!.subject).toBe(`Your receipt no. ${sale.sale.receiptNo} from Demo Theatre`);
    // Minor units formatted the English way: 8500 → 85.00.
    const total = formatMinor(sale.sale.total, sale.sale.currency, 'en');
    expect(total).toMatch(/^\d+\.\d\d$/);
    expect(receipt!.text).toContain('2 x Hamlet · Adult: 90.00');
    expect(receipt!.text).toContain(`TOTAL EUR: ${total}`);
    expect(receipt!.text).toContain(`Cash: ${total}`);
    expect(receipt!.text).toMatch(/VAT 7%: \d+\.\d\d/);
    expect(receipt!.html).toContain(`<strong>${total}</strong>`);
    expect(receipt!.attachments).toHaveLength(0);

    expect(tickets!.subject).toMatch(new RegExp(`^Your tickets from .+ \\(order ${sale.sale.receiptNo}\\)$`));
    expect(tickets!.text).toContain('Your 2 ticket(s) are attached as a PDF');
    expect(tickets!.attachments).toHaveLength(1);
    const pdf = tickets!.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`tickets-${sale.sale.receiptNo}-a4.pdf`);
    const pages = readPdf(pdf.content);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.text).toContain('Hamlet');
    // The server has answered 250 by now; the row is marked as soon as the answer reaches the terminal.
    await queueDrained(bench);
    expect(mailRows(bench).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('writes a German receipt with German figures at the customer’s request, to the address typed', async () => {
    const sale = await sellTo(bench, null, 3);
    expect(mailRows(bench)).toEqual([]);
    const job = await bench.must(c.sales.email, {
      saleId: sale.sale.id,
      kind: 'receipt',
      to: 'kunde@example.de',
      language: 'de',
    });
    expect(job).toMatchObject({
      kind: 'receipt',
      origin: 'request',
      recipient: 'kunde@example.de',
      language: 'de',
    });
    await until(() => bench.smtp.received.length === 1, 'the mail');
    const mail = bench.smtp.received[0]!;
    expect(mail.subject).toMatch(new RegExp(`^Ihr Beleg Nr\\. ${sale.sale.receiptNo} von .+`));
    const total = formatMinor(sale.sale.total, sale.sale.currency, 'de');
    expect(total).toMatch(/^\d+,\d\d$/);
    expect(mail.text).toContain('3 x Hamlet · Adult: 135,00');
    expect(mail.text).toContain(`SUMME EUR: ${total}`);
    expect(mail.text).toContain(`Bar: ${total}`);
    expect(mail.text).toMatch(/MwSt\. 7%: \d+,\d\d/);
    expect(mail.text).toContain('Vielen Dank für Ihren Besuch!');
    expect(mail.html).toContain(`<strong>${total}</strong>`);
  });

  it('sends a customer’s tickets again on request to the address on the sale', async () => {
    const sale = await sellTo(bench, { ...CUSTOMER, emailConsent: false }, 1);
    expect(mailRows(bench)).toEqual([]);
    await bench.must(c.sales.email, { saleId: sale.sale.id, kind: 'tickets' });
    await until(() => bench.smtp.received.length === 1, 'the mail');
    const mail = bench.smtp.received[0]!;
    expect(mail.to).toMatchObject({ text: 'ada@example.com' });
    expect(readPdf(mail.attachments[0]!.content)).toHaveLength(1);
  });
});
