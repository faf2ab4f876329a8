import type { TicketSigningKey } from '../../../shared/node/tickets/secret';
import { signVoucher } from '../../../shared/node/vouchers/secret';
import { err, ok, type Result } from '../../../shared/result';
import type { PaymentRow, SaleRecord, VoucherRow } from '../../../shared/sync/sale-record';
import { DEFAULT_VOUCHER_DAYS, voucherExpiry, type VoucherClaims } from '../../../shared/vouchers/rules';
import type { StoredVoucherRow } from '../../db/repos/voucher-repo';
import type { Translate } from '../../messages';

// docs/CASH.md "Refunds onto a voucher": a refund or void of this terminal's sale may pay its money out
// onto a new gift voucher, a credit voucher, instead of in cash or by card. planRefund (refund-plan.ts)
// says how much (`toVoucher`); this module checks it can be issued, and makes the voucher and the
// refund's payment row naming it, written in the refund's own transaction (sale-service.ts refundNow).

/** A credit voucher about to be issued: everything refundNow needs once its refund has an id. */
export interface CreditVoucher {
  amount: number;
  /** Undefined for a training refund: its voucher carries no code, as a training sale's does. */
  key: TicketSigningKey | undefined;
}

/**
 * Whether the plan's `toVoucher` can go onto a new voucher; null when there is nothing to put on one.
 * A voucher must be signed: without the terminal's key it is refused (a training refund needs none). A
 * whole void of a sale paid by voucher already puts that money back on its voucher (escrow.giveBack
 * and the server's void), so the rest of it onto a new voucher as well would pay it twice: refused.
 */
export function planCreditVoucher(
  sale: Pick<SaleRecord, 'sale' | 'payments'>,
  toVoucher: number,
  wholeVoid: boolean,
  signer: (() => TicketSigningKey | undefined) | undefined,
  t: Translate,
): Result<CreditVoucher | null> {
  if (toVoucher <= 0) return ok(null);
  if (wholeVoid && sale.payments.some((p) => p.tender === 'voucher' && p.amount > 0))
    return err('VOUCHER_CREDIT_VOID_PAID', t('VOUCHER_CREDIT_VOID_PAID'));
  if (sale.sale.training === 1) return ok({ amount: toVoucher, key: undefined });
  const key = signer?.();
  if (!key) return err('VOUCHER_NEEDS_ENROLMENT', t('VOUCHER_NEEDS_ENROLMENT'));
  return ok({ amount: toVoucher, key });
}

/**
 * The credit voucher of the refund, in the sale's currency, valid for DEFAULT_VOUCHER_DAYS, and the
 * refund's payment row that pays out onto it (tender 'voucher', −amount, naming it). No cash rounding
 * applies: no coin changes hands.
 */
export function issueCreditVoucher(
  credit: CreditVoucher | null,
  refund: { id: string; shiftId: string; createdAt: string },
  sale: Pick<SaleRecord, 'sale'>,
  ids: () => string,
): { vouchers: StoredVoucherRow[]; payments: PaymentRow[] } {
  if (!credit) return { vouchers: [], payments: [] };
  const { currency } = sale.sale;
  const now = refund.createdAt;
  const claims: VoucherClaims = {
    voucherId: ids(),
    amount: credit.amount,
    currency,
    issuedAt: now,
    expiresAt: voucherExpiry(now, DEFAULT_VOUCHER_DAYS),
  };
  const voucher: StoredVoucherRow = {
    id: claims.voucherId,
    saleId: sale.sale.id,
    lineId: null,
    unitIndex: null,
    refundId: refund.id,
    amount: credit.amount,
    currency,
    issuedAt: now,
    expiresAt: claims.expiresAt,
    secret: credit.key ? signVoucher(claims, credit.key) : null,
    keyId: credit.key?.keyId ?? null,
  };
  const payment: PaymentRow = {
    id: ids(),
    saleId: sale.sale.id,
    refundId: refund.id,
    shiftId: refund.shiftId,
    tender: 'voucher',
    amount: -credit.amount,
    tendered: null,
    changeGiven: null,
    reference: null,
    createdAt: now,
    voucherId: voucher.id,
  };
  return { vouchers: [voucher], payments: [payment] };
}

/** The credit vouchers as the refund's outbox payload carries them: a pushed refund is never training. */
export const pushedCreditVouchers = (vouchers: readonly StoredVoucherRow[]): VoucherRow[] =>
  vouchers as VoucherRow[];
