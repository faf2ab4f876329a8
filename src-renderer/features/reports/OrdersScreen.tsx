import { useEffect, useId, useState } from 'react';
import type { OrderRow } from '../../../shared/reports/orders';
import { DateRangeFields } from '../../components/DateRangeFields';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { KeysetPager } from '../../components/KeysetPager';
import { LookupField } from '../../components/LookupField';
import { SearchField } from '../../components/SearchField';
import { StatusBadge } from '../../components/StatusBadge';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { findStaff, findTerminals, useOrdersStore } from '../../stores/report-stores';
import { OrderDetailDialog } from './OrderDetailDialog';
import { PerformancePicker } from './PerformancePicker';

/**
 * Every order newest first, a keyset page at a time, narrowed by the orders report's filters; a row
 * opens the whole order. The CSV has every row of the same filters.
 */
export function OrdersScreen() {
  const t = useT();
  const id = useId();
  const money = useMoney();
  const dateTime = useDateTime();
  const { filter, page, cursors, error, loading } = useOrdersStore();
  const { setFilter, load, older, newer, csv } = useOrdersStore.getState();
  const [open, setOpen] = useState<OrderRow | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const receipt = (row: OrderRow) =>
    row.receiptNo === null ? t('report.orders.online') : `#${row.receiptNo}`;

  return (
    <div data-testid="orders-screen">
      <form
        className="manage__toolbar"
        aria-label={t('report.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <DateRangeFields
          id={`${id}-range`}
          from={filter.from ?? ''}
          to={filter.to ?? ''}
          fromLabel={t('report.from')}
          toLabel={t('report.to')}
          onChange={(from, to) => setFilter({ from, to })}
        />
        <SearchField
          id={`${id}-code`}
          label={t('report.orders.code')}
          value={filter.code ?? ''}
          onSearch={(code) => setFilter({ code: code.trim() })}
        />
        <SearchField
          id={`${id}-buyer`}
          label={t('report.orders.buyer')}
          value={filter.buyer ?? ''}
          onSearch={(buyer) => setFilter({ buyer: buyer.trim() })}
        />
        <SearchField
          id={`${id}-reason`}
          label={t('report.orders.reason')}
          value={filter.reason ?? ''}
          onSearch={(reason) => setFilter({ reason: reason.trim() })}
        />
        <LookupField
          id={`${id}-cashier`}
          label={t('report.cashier')}
          value={filter.cashier ?? null}
          noneLabel={t('report.anyone')}
          search={findStaff}
          onChange={(cashier) => setFilter({ cashier: cashier ?? undefined })}
        />
        <LookupField
          id={`${id}-terminal`}
          label={t('report.terminal')}
          value={filter.terminal ?? null}
          noneLabel={t('report.anyTerminal')}
          search={findTerminals}
          onChange={(terminal) => setFilter({ terminal: terminal ?? undefined })}
        />
        <PerformancePicker
          id={`${id}-performance`}
          value={filter.performance}
          onChange={(performance) => setFilter({ performance })}
        />
        <ExportCsvButton label={t('report.exportCsv')} fileName="orders.csv" load={csv} />
      </form>
      {filter.usedCode ? (
        <p className="callout" data-testid="orders-used-code">
          {t(filter.usedCode.parentId ? 'report.orders.usedParent' : 'report.orders.usedCode', {
            code: filter.usedCode.code,
          })}{' '}
          <button type="button" onClick={() => setFilter({ usedCode: undefined })}>
            {t('report.orders.allCodes')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="table manage__table" aria-busy={loading} data-testid="orders-table">
        <thead>
          <tr>
            <th scope="col">{t('report.orders.time')}</th>
            <th scope="col">{t('report.orders.receipt')}</th>
            <th scope="col">{t('report.terminal')}</th>
            <th scope="col">{t('report.cashier')}</th>
            <th scope="col">{t('report.orders.buyer')}</th>
            <th scope="col">{t('report.orders.code')}</th>
            <th scope="col" className="num">
              {t('report.total')}
            </th>
            <th scope="col" className="num">
              {t('report.discount')}
            </th>
            <th scope="col">{t('report.orders.status')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.rows.map((row) => (
            <tr key={row.orderId} data-order={row.orderId}>
              <td>{dateTime(row.at)}</td>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  aria-label={t('report.orders.open', { receipt: receipt(row) })}
                  onClick={() => setOpen(row)}
                >
                  {receipt(row)}
                </button>
              </th>
              <td>{row.terminalName ?? '—'}</td>
              <td>{row.cashierName ?? '—'}</td>
              <td>{row.buyer ?? '—'}</td>
              <td>{row.code ?? '—'}</td>
              <td className="num">{money(row.total, row.currency)}</td>
              <td className="num">{money(row.discount, row.currency)}</td>
              <td>
                <StatusBadge
                  status={row.status}
                  label={t(`report.orders.status.${row.status}`)}
                  testId="order-status"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.rows.length === 0 ? <p className="muted">{t('report.none')}</p> : null}
      <KeysetPager
        hasNewer={cursors.length > 1}
        hasOlder={Boolean(page?.next)}
        onNewer={newer}
        onOlder={older}
      />
      {open ? <OrderDetailDialog row={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
