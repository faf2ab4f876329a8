import { describe, expect, it } from 'vitest';
import { ticketSigningKey } from '../../../../shared/node/tickets/secret';
import { readVoucherSecret } from '../../../../shared/node/vouchers/secret';
import { DEFAULT_VOUCHER_DAYS, voucherExpiry } from '../../../../shared/vouchers/rules';
import { createTranslate } from '../../../../src-main/messages';
import { newSigningKey } from '../../../../src-main/services/sync/signing-key';
import {
  issueCreditVoucher,
  planCreditVoucher,
} from '../../../../src-main/services/vouchers/credit-vouchers';

// docs/CASH.md "Refunds onto a voucher": whether a credit voucher can be issued, and what it is.

const t = createTranslate(() => 'en');
const made = newSigningKey();
const key = ticketSigningKey(made.privateKey, made.publicKey);
const sale = (training: 0 | 1, payments: { tender: 'cash' | 'voucher'; amount: number }[] = []) => ({
  sale: { id: 's1', currency: 'CHF', training },
  payments,
});
type Sale = Parameters<typeof planCreditVoucher>[0];

describe('credit vouchers', () => {
  it('asks for nothing when no money goes onto a voucher', () => {
    expect(planCreditVoucher(sale(0) as unknown as Sale, 0, false, undefined, t)).toEqual({
      ok: true,
      value: null,
    });
  });

  it('needs the signing key, except for a training refund', () => {
    expect(planCreditVoucher(sale(0) as unknown as Sale, 500, false, () => undefined, t)).toMatchObject({
      ok: false,
      reason: 'VOUCHER_NEEDS_ENROLMENT',
    });
    expect(planCreditVoucher(sale(1) as unknown as Sale, 500, false, undefined, t)).toEqual({
      ok: true,
      value: { amount: 500, key: undefined },
    });
  });

  it('refuses a whole void of a sale paid by voucher: the void puts that money back on it already', () => {
    const paid = sale(0, [
      { tender: 'voucher', amount: 300 },
      { tender: 'cash', amount: 200 },
    ]) as unknown as Sale;
    expect(planCreditVoucher(paid, 500, true, () => key, t)).toMatchObject({
      ok: false,
      reason: 'VOUCHER_CREDIT_VOID_PAID',
    });
  });

  it('issues one signed voucher in the sale’s currency and the payment that names it', () => {
    let n = 0;
    const ids = () => `01a25008-0000-7000-8000-00000000000${++n}`;
    const at = '2026-12-07T10:00:00.000Z';
    const issued = issueCreditVoucher(
      { amount: 1250, key },
      { id: 'r1', shiftId: 'sh1', createdAt: at },
      sale(0) as unknown as Sale,
      ids,
    );
    const [voucher] = issued.vouchers;
    expect(voucher).toMatchObject({
      saleId: 's1',
      refundId: 'r1',
      lineId: null,
      unitIndex: null,
      amount: 1250,
      currency: 'CHF',
      expiresAt: voucherExpiry(at, DEFAULT_VOUCHER_DAYS),
      keyId: key.keyId,
    });
    expect(readVoucherSecret(voucher!.secret!)).toMatchObject({
      voucherId: voucher!.id,
      amount: 1250,
      currency: 'CHF',
    });
    expect(issued.payments).toEqual([
      expect.objectContaining({
        refundId: 'r1',
        shiftId: 'sh1',
        tender: 'voucher',
        amount: -1250,
        voucherId: voucher!.id,
      }),
    ]);
    expect(
      issueCreditVoucher(null, { id: 'r1', shiftId: 'sh1', createdAt: at }, sale(0) as unknown as Sale, ids),
    ).toEqual({
      vouchers: [],
      payments: [],
    });
  });
});
