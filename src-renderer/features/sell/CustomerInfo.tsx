import { useEffect, useState } from 'react';
import type { CustomerDetailView } from '../../../shared/ipc/domains/customers';
import type { CustomerInput } from '../../../shared/ipc/domains/sell';
import { api } from '../../api';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';

/**
 * The attached customer: their figures from the store, order history and personal codes with the uses
 * left (online), each code applicable to the cart in one press. Offline it says what is not available.
 */
export function CustomerInfo({
  customer,
  busy,
  onApplyCode,
}: {
  customer: CustomerInput;
  busy: boolean;
  onApplyCode: (code: string) => void;
}) {
  const t = useT();
  const money = useMoney();
  const when = useDateTime();
  const [detail, setDetail] = useState<CustomerDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.customers.detail({ customerId: customer.id }).then((result) => {
      if (!current) return;
      if (result.ok) setDetail(result.value);
      else setError(result.message);
    });
    return () => {
      current = false;
    };
  }, [customer.id]);

  return (
    <section className="customer-info" aria-label={t('customer.attached')} data-testid="customer-info">
      <p>
        <strong>{customer.name}</strong>{' '}
        <span className="muted small">
          {customer.priorOrders === 0
            ? t('customer.new')
            : t('customer.prior', { count: customer.priorOrders })}
          {customer.groups.length > 0 ? ` · ${customer.groups.join(', ')}` : ''}
        </span>
      </p>
      {/* docs/MAIL.md: a receipt goes by mail only to an address, and on its own only with consent. */}
      {customer.email ? (
        customer.emailConsent ? null : (
          <p className="muted small">{t('customer.noConsent')}</p>
        )
      ) : (
        <p className="muted small" data-testid="customer-no-email">
          {t('customer.noEmail')}
        </p>
      )}
      {error ? <p role="alert">{error}</p> : null}
      {detail?.notice ? <p className="muted small">{detail.notice}</p> : null}
      {detail?.orders && detail.orders.length > 0 ? (
        <>
          <h3>{t('customer.lastOrders')}</h3>
          <ul className="customer-orders">
            {detail.orders.map((o) => (
              <li key={o.orderId}>
                {when(o.at)} · {money(o.total, o.currency)} {o.currency}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail?.codes ? (
        <>
          <h3>{t('customer.codes')}</h3>
          {detail.codes.length === 0 ? <p className="muted small">{t('customer.noCodes')}</p> : null}
          <ul className="customer-codes" data-testid="customer-codes">
            {detail.codes.map((k) => (
              <li key={k.codeId}>
                <strong>{k.code}</strong> {k.name && k.name !== k.code ? k.name : ''}{' '}
                <span className="muted small">
                  {k.remainingUses === null
                    ? t('customer.usesUnlimited')
                    : t('customer.usesLeft', { count: k.remainingUses })}
                </span>{' '}
                <button
                  type="button"
                  disabled={busy || k.status !== 'active' || k.remainingUses === 0}
                  onClick={() => onApplyCode(k.code)}
                >
                  {t('customer.applyCode', { code: k.code })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
