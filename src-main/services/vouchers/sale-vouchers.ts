import type { SaleRecord } from '../../../shared/ipc/domains/sales';
import type { PrintedVoucher } from '../../../shared/node/vouchers/voucher-pdf';
import { voucherExpired } from '../../../shared/vouchers/rules';
import type { Db } from '../../db/connection';
import { getPulledVoucher, takenBackHere } from '../../db/repos/voucher-repo';

// The gift vouchers of a sale a customer can still spend, as this terminal knows them (docs/CASH.md
// "Gift vouchers"): what the e-mailed voucher PDF carries (docs/MAIL.md).

/**
 * The sale's valid vouchers in line and unit order, then the credit vouchers its refunds paid out onto:
 * with a code (a training voucher has none), not taken back here by a refund or void of the unit that
 * sold it, not void by the server's last word, and not expired at `now` (ms).
 */
export function validSaleVouchers(db: Db, record: SaleRecord, now: number): PrintedVoucher[] {
  // The record's type says every voucher has a code: only a training sale's, never pushed, has none.
  const stored = record.vouchers as readonly (SaleRecord['vouchers'][number] & { secret: string | null })[];
  return stored.flatMap((v) =>
    v.secret !== null &&
    !voucherExpired(v.expiresAt, now) &&
    getPulledVoucher(db, v.id)?.status !== 'void' &&
    !takenBackHere(db, v.id)
      ? [
          {
            voucherId: v.id,
            amount: v.amount,
            currency: v.currency,
            expiresAt: v.expiresAt,
            secret: v.secret,
            orderRef: String(record.sale.receiptNo),
          },
        ]
      : [],
  );
}
