import { useEffect, useState } from 'react';
import type { CustomerCode } from '../../../shared/customers/history';
import type { Customer } from '../../../shared/customers/schema';
import { Dialog } from '../../components/Dialog';
import { KeysetTable } from '../../components/KeysetTable';
import { RowsTable } from '../../components/RowsTable';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { loadCustomerCodes, useCustomerOrdersStore } from '../../stores/customer-stores';
import { OrderStatusBadge } from '../reports/OrderStatusBadge';

/**
 * One customer's orders (newest first, as the orders report pages them) and their codes with the uses
 * they have left: what a manager looks at before answering a customer's question.
 */
export function CustomerHistoryDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const orders = useCustomerOrdersStore();
  const [codes, setCodes] = useState<CustomerCode[] | null>(null);
  const [codesError, setCodesError] = useState<string | null>(null);

  useEffect(() => {
    useCustomerOrdersStore.getState().replaceFilter({ customerId: customer.id });
    void loadCustomerCodes(customer.id).then((result) => {
      if (result.ok) setCodes(result.value);
      else setCodesError(result.message);
    });
  }, [customer.id]);

  return (
    <Dialog
      title={t('admin.customers.historyTitle', { name: customer.name })}
      onClose={onClose}
      testId="customer-history"
      wide
    >
      <h3>{t('admin.customers.orders')}</h3>
      <KeysetTable
        testId="customer-orders"
        columns={[
          t('report.orders.time'),
          t('report.orders.receipt'),
          t('report.orders.code'),
          t('report.total'),
          t('report.discount'),
          t('report.orders.status'),
        ]}
        list={orders}
        emptyText={t('report.none')}
        row={(row) => (
          <tr key={row.orderId}>
            <td>{dateTime(row.at)}</td>
            <th scope="row">{row.receiptNo === null ? t('report.orders.online') : `#${row.receiptNo}`}</th>
            <td>{row.code ?? '—'}</td>
            <td className="num">{money(row.total, row.currency)}</td>
            <td className="num">{money(row.discount, row.currency)}</td>
            <td>
              <OrderStatusBadge status={row.status} />
            </td>
          </tr>
        )}
      />
      <h3>{t('admin.customers.codes')}</h3>
      <RowsTable
        testId="customer-codes"
        columns={[
          t('report.orders.code'),
          t('admin.field.name'),
          t('admin.customers.codeWhy'),
          t('admin.customers.codeUses'),
          t('admin.customers.codeLeft'),
        ]}
        rows={codes}
        error={codesError}
        emptyText={t('admin.customers.noCodes')}
        row={(code) => (
          <tr key={code.codeId}>
            <th scope="row">{code.code}</th>
            <td>{code.name ?? ''}</td>
            <td>{code.reason === 'used' ? t('admin.customers.codeUsed') : t('admin.customers.codeGroup')}</td>
            <td className="num">{code.uses}</td>
            <td className="num">{code.remainingUses ?? t('admin.customers.unlimited')}</td>
          </tr>
        )}
      />
      <div className="dialog__actions">
        <button type="button" onClick={onClose} data-autofocus>
          {t('admin.close')}
        </button>
      </div>
    </Dialog>
  );
}
