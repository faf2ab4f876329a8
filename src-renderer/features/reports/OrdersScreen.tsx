import { useEffect, useId, useState } from 'react';
import type { OrderRow } from '../../../shared/reports/orders';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { KeysetTable } from '../../components/KeysetTable';
import { SearchField } from '../../components/SearchField';
import { useT } from '../../i18n/use-t';
import { useOrdersStore } from '../../stores/report-stores';
import { OrderDetailDialog } from './OrderDetailDialog';
import { OrderTableRow, useOrderColumns } from './OrderTableRow';
import { PerformancePicker } from './PerformancePicker';
import { CashierTerminalFields, ReportDays } from './ReportFilters';

/**
 * Every order newest first, a keyset page at a time, narrowed by the orders report's filters; a row
 * opens the whole order. The CSV has every row of the same filters.
 */
export function OrdersScreen() {
  const t = useT();
  const id = useId();
  const list = useOrdersStore();
  const { filter, setFilter, load, csv } = list;
  const [open, setOpen] = useState<OrderRow | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useOrderColumns();

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
        <ReportDays
          id={id}
          from={filter.from}
          to={filter.to}
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
        <CashierTerminalFields
          id={id}
          cashier={filter.cashier ?? null}
          terminal={filter.terminal ?? null}
          onChange={(patch) => setFilter(patch)}
        />
        <PerformancePicker
          id={`${id}-performance`}
          value={filter.performance}
          onChange={(performance) => setFilter({ performance })}
        />
        <ExportCsvButton label={t('manage.reports.export')} fileName="orders.csv" load={csv} />
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
      <KeysetTable
        testId="orders-table"
        columns={columns}
        list={list}
        emptyText={t('report.none')}
        row={(row) => <OrderTableRow key={row.orderId} row={row} onOpen={setOpen} />}
      />
      {open ? <OrderDetailDialog row={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
