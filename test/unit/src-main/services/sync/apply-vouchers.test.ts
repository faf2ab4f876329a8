import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../../../shared/sync/protocol';
import { pullResponseSchema } from '../../../../../shared/sync/protocol';
import { getProduct } from '../../../../../src-main/db/repos/catalogue-repo';
import { getVoucherSharePercent } from '../../../../../src-main/db/repos/meta-repo';
import { saveEnrolment } from '../../../../../src-main/db/repos/sync-repo';
import { getPulledVoucher } from '../../../../../src-main/db/repos/voucher-repo';
import { applyPullPage } from '../../../../../src-main/services/sync/apply-changes';
import { migratedTo } from '../../../../migrations/helpers';

// docs/CASH.md "Offline": a pull's vouchers replace what the terminal knew of each, its voucher share is
// kept like the training switch, and a page from an older server (neither field) leaves both alone.

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const voucher = (n: number, balance: number, status: 'active' | 'void' = 'active') => ({
  voucherId: uuid(n),
  currency: 'EUR',
  amount: 5000,
  balance,
  expiresAt: '2029-12-05T10:00:00.000Z',
  status,
});

describe('applyPullPage: vouchers and the voucher share', () => {
  let m: ReturnType<typeof migratedTo>;
  let page = 0;
  const apply = (extra: Partial<PullResponse>) =>
    applyPullPage(
      m.db,
      { cursor: `c${++page}`, more: false, reset: false, changes: [], leases: [], epoch: 1, ...extra },
      { requestCursor: `c${page - 1}`, usageThrough: 0, at: `2026-12-05T10:0${page}:00.000Z` },
    );

  beforeEach(() => {
    m = migratedTo(35);
    saveEnrolment(m.db, {
      terminalId: uuid(1),
      terminalName: 'Box',
      epoch: 1,
      venueId: uuid(2),
      at: 'now',
      clock: 0,
    });
  });
  afterEach(() => m.close());

  it('stores each voucher’s last known balance and the share; an older server’s page changes neither', () => {
    apply({ vouchers: [voucher(10, 5000), voucher(11, 100)], voucherSharePercent: 20 });
    apply({ vouchers: [voucher(10, 1200, 'void')] });
    expect(getPulledVoucher(m.db, uuid(10))).toMatchObject({ balance: 1200, status: 'void' });
    expect(getPulledVoucher(m.db, uuid(11))).toMatchObject({ balance: 100, status: 'active' });
    expect(getVoucherSharePercent(m.db)).toBe(20);
    apply({});
    expect(getVoucherSharePercent(m.db)).toBe(20);
    apply({ voucherSharePercent: 0 });
    expect(getVoucherSharePercent(m.db)).toBe(0);
  });

  it('keeps a voucher product’s days, and refuses a share above the most a terminal may hold', () => {
    apply({
      changes: [
        {
          entity: 'product',
          id: 'gift',
          data: { kind: 'voucher', name: 'Gift', unitPrice: 0, vatRate: 0, voucherDays: 365 },
        },
      ],
    } as Partial<PullResponse>);
    expect(getProduct(m.db, 'gift')).toMatchObject({ kind: 'voucher', voucherDays: 365 });
    const base = { cursor: 'x', more: false, reset: false, changes: [], leases: [], epoch: 1 };
    expect(pullResponseSchema.safeParse({ ...base, voucherSharePercent: 51 }).success).toBe(false);
    expect(pullResponseSchema.safeParse({ ...base, vouchers: [voucher(1, -1)] }).success).toBe(false);
    expect(
      pullResponseSchema.safeParse({ ...base, vouchers: [voucher(1, 0)], voucherSharePercent: 50 }).success,
    ).toBe(true);
  });
});
