import { describe, expect, it } from 'vitest';
import { refundPayloadSchema } from '../../../../shared/sync/payloads';
import { voucherRowSchema } from '../../../../shared/sync/sale-record';

// docs/CASH.md "Refunds onto a voucher": a voucher row names the unit that sold it or the refund that
// paid out onto it, exactly one; a record or refund from before credit vouchers parses as it did.

const ID = '01a25008-0000-7000-8000-000000000001';
const sold = {
  id: ID,
  saleId: '01a25008-0000-7000-8000-000000000002',
  lineId: 'l1',
  unitIndex: 0,
  amount: 5000,
  currency: 'EUR',
  issuedAt: '2026-12-07T10:00:00.000Z',
  expiresAt: '2029-12-06T10:00:00.000Z',
  secret: 'S',
  keyId: '0123456789abcdef',
};
const REFUND = '01a25008-0000-7000-8000-000000000003';

describe('voucherRowSchema', () => {
  it('reads a sold voucher recorded before credit vouchers with no refund', () => {
    expect(voucherRowSchema.parse(sold)).toEqual({ ...sold, refundId: null });
  });

  it('takes a credit voucher that names its refund and no unit', () => {
    const credit = { ...sold, lineId: null, unitIndex: null, refundId: REFUND };
    expect(voucherRowSchema.parse(credit)).toEqual(credit);
  });

  it('refuses a voucher naming both, neither, or half a unit', () => {
    for (const bad of [
      { ...sold, refundId: REFUND },
      { ...sold, lineId: null, unitIndex: null },
      { ...sold, unitIndex: null },
      { ...sold, lineId: null, refundId: REFUND },
    ])
      expect(voucherRowSchema.safeParse(bad).success).toBe(false);
  });
});

describe('refundPayloadSchema', () => {
  it('reads a refund pushed before credit vouchers as issuing none', () => {
    const payload = {
      terminalId: '01a25008-0000-7000-8000-000000000004',
      refund: {
        id: REFUND,
        refundNo: 1,
        saleId: sold.saleId,
        kind: 'refund',
        shiftId: '01a25008-0000-7000-8000-000000000005',
        staffId: '01a25008-0000-7000-8000-000000000006',
        reason: 'Customer request',
        amount: 5000,
        createdAt: sold.issuedAt,
      },
      units: [{ lineId: 'l1', unitIndex: 0 }],
      payments: [],
    };
    expect(refundPayloadSchema.parse(payload).vouchers).toEqual([]);
  });
});
