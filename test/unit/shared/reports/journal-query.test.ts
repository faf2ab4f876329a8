import { describe, expect, it } from 'vitest';
import { journalMatch, journalQuerySchema, TICKET_QR_LENGTH } from '../../../../shared/reports/journal';

// A ticket secret is base45, whose alphabet has a space: one in about twenty begins or ends with one.
// Trimmed on the way in, such a scan was searched as a customer name and found nothing.

describe('the journal search text', () => {
  const secret = (edge: string) => `${edge}${'A1'.repeat((TICKET_QR_LENGTH - 2) / 2)}${edge}`;

  it('keeps a scanned ticket secret whole, spaces at its ends included, through the route schema', () => {
    for (const scanned of [secret(' '), `${secret(' ')}\r\n`, secret('Z')]) {
      const query = journalQuerySchema.parse({ q: scanned });
      expect(journalMatch(query.q)).toEqual({ kind: 'ticket', secret: scanned.replace(/\r\n$/, '') });
    }
  });

  it('still trims everything else', () => {
    const id = '019b7773-3edc-70b0-b602-281956e8d788';
    expect(journalMatch(journalQuerySchema.parse({ q: `  ${id.toUpperCase()} ` }).q)).toEqual({
      kind: 'order',
      orderId: id,
    });
    expect(journalMatch(journalQuerySchema.parse({ q: ' 42 ' }).q)).toEqual({
      kind: 'digits',
      receiptNo: 42,
      phone: null,
    });
    expect(journalMatch(journalQuerySchema.parse({ q: '  Ada ' }).q)).toEqual({
      kind: 'customer',
      text: 'ada',
    });
    expect(journalMatch(journalQuerySchema.parse({ q: '   ' }).q)).toBeUndefined();
  });
});
