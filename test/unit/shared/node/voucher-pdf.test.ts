import { describe, expect, it } from 'vitest';
import { publicKeyOf, ticketSigningKey } from '../../../../shared/node/tickets/secret';
import { readVoucherSecret, signVoucher } from '../../../../shared/node/vouchers/secret';
import {
  vouchersPdf,
  vouchersPdfFileName,
  type PrintedVoucher,
} from '../../../../shared/node/vouchers/voucher-pdf';
import { newSigningKey } from '../../../../src-main/services/sync/signing-key';
import { readPdf } from '../../../helpers/pdf-reader';

// docs/MAIL.md "What a mail holds": the e-mailed gift vouchers, drawn by the PDF tickets' machinery.

const pem = newSigningKey().privateKey;
const key = ticketSigningKey(pem, publicKeyOf(pem));

const voucher = (voucherId: string, amount: number, expiresAt: string): PrintedVoucher => ({
  voucherId,
  amount,
  currency: 'EUR',
  expiresAt,
  secret: signVoucher(
    { voucherId, amount, currency: 'EUR', issuedAt: '2026-11-21T10:00:00.000Z', expiresAt },
    key,
  ),
  orderRef: '1042',
});

describe('PDF gift vouchers', () => {
  const vouchers = [
    voucher('01939f6e-0000-7000-8000-000000000001', 5000, '2026-12-21T10:00:00.000Z'),
    voucher('01939f6e-0000-7000-8000-000000000002', 1234, '2029-11-20T10:00:00.000Z'),
  ];

  it('puts each voucher on its own A4 page with its amount, expiry and a QR code of its code', async () => {
    const pages = readPdf(
      await vouchersPdf(vouchers, {
        language: 'en',
        venue: { name: 'Demo Theatre', timezone: 'Europe/Berlin' },
        compress: false,
      }),
    );
    expect(pages).toHaveLength(2);
    pages.forEach((page, i) => {
      const v = vouchers[i]!;
      expect(page.qr).toBe(v.secret);
      expect(readVoucherSecret(page.qr!)).toMatchObject({ voucherId: v.voucherId, amount: v.amount });
      expect(page.qrModes.filter((m) => m !== 'alphanumeric' && m !== 'numeric')).toEqual([]);
      expect(page.texts).toEqual(
        expect.arrayContaining(['Demo Theatre', 'GIFT VOUCHER', `Voucher ${v.voucherId}`, 'Order 1042']),
      );
    });
    expect(pages[0]!.texts).toEqual(expect.arrayContaining(['EUR 50.00', 'Valid until 21/12/2026 11:00']));
    expect(pages[1]!.texts).toEqual(expect.arrayContaining(['EUR 12.34', 'Valid until 20/11/2029 11:00']));
  });

  it('speaks German, without a venue in UTC, and refuses to make an empty document', async () => {
    const [page] = readPdf(await vouchersPdf([vouchers[0]!], { language: 'de', venue: null }));
    expect(page!.texts).toEqual(
      expect.arrayContaining(['GUTSCHEIN', 'EUR 50,00', 'Gültig bis 21.12.2026 10:00', 'Bestellung 1042']),
    );
    await expect(vouchersPdf([], { language: 'en', venue: null })).rejects.toThrow('no vouchers');
    expect(vouchersPdfFileName(1042)).toBe('vouchers-1042.pdf');
    expect(vouchersPdfFileName('A/7')).toBe('vouchers-A_7.pdf');
  });
});
