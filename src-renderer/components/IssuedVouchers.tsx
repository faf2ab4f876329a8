import { useDateTime, useMoney } from '../i18n/use-money';
import { useT } from '../i18n/use-t';
import type { MessageKey } from '../i18n/messages';
import type { SaleView } from '../../shared/ipc/types';

/**
 * The gift vouchers a sale or a refund issued, each with its amount and expiry, as staff read them
 * back before handing the receipt over (docs/CASH.md "Selling one", "Refunds onto a voucher").
 */
export function IssuedVouchers({
  vouchers,
  currency,
  heading,
  testId,
}: {
  vouchers: readonly SaleView['vouchers'][number][];
  currency: string;
  heading: MessageKey;
  testId: string;
}) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  if (vouchers.length === 0) return null;
  return (
    <>
      <h3>{t(heading)}</h3>
      <ul className="plain" data-testid={testId}>
        {vouchers.map((v) => (
          <li key={v.id} data-voucher={v.id}>
            {t('done.voucherItem', { amount: money(v.amount, currency), expiry: dateTime(v.expiresAt) })}
          </li>
        ))}
      </ul>
    </>
  );
}
