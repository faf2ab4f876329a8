import type { VoucherCheckView } from '../../../shared/ipc/domains/sell';
import { useT } from '../../i18n/use-t';
import { useDateTime, useMoney } from '../../i18n/use-money';

/**
 * What a checked voucher is worth (docs/CASH.md "The balance at the window"): face value, balance (the
 * last known one when the server did not answer just now), expiry and what this window can take.
 */
export function VoucherFacts({ voucher }: { voucher: VoucherCheckView }) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime(true);
  const m = (amount: number) => money(amount, voucher.currency);
  return (
    <>
      <dl className="fields" data-testid="voucher-facts" data-live={voucher.live}>
        <div className="fields__row">
          <dt>{t('voucher.faceValue')}</dt>
          <dd data-testid="voucher-face">{m(voucher.amount)}</dd>
        </div>
        <div className="fields__row">
          <dt>{t('voucher.balance')}</dt>
          <dd data-testid="voucher-balance">
            {voucher.live
              ? m(voucher.balance)
              : t('voucher.balanceLastKnown', { balance: m(voucher.balance) })}
          </dd>
        </div>
        <div className="fields__row">
          <dt>{t('voucher.expires')}</dt>
          <dd data-testid="voucher-expiry" className={voucher.expired ? 'error' : undefined}>
            {voucher.expired
              ? t('voucher.expired', { date: dateTime(voucher.expiresAt) })
              : dateTime(voucher.expiresAt)}
          </dd>
        </div>
        <div className="fields__row">
          <dt>{t('voucher.spendableHere')}</dt>
          <dd data-testid="voucher-spendable">{m(voucher.spendableHere)}</dd>
        </div>
      </dl>
      {voucher.status === 'void' ? (
        <p className="error" data-testid="voucher-void">
          {t('voucher.void')}
        </p>
      ) : null}
      {voucher.live ? null : (
        <p className="muted small" data-testid="voucher-offline">
          {t('voucher.offlineNote')}
        </p>
      )}
    </>
  );
}
