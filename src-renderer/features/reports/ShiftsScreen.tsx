import { useEffect, useId } from 'react';
import { SHIFT_CASH_KINDS, type ShiftRow } from '../../../shared/reports/shifts';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { PagedTable } from '../../components/PagedTable';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { SHIFT_PAGE, shiftsCsv, useShiftsStore } from '../../stores/report-stores';
import { CashierTerminalFields, ReportDays } from './ReportFilters';
import { useVenueTime } from './use-venue-time';

/**
 * Every terminal's shifts, newest first: who opened and closed each, and the cash the close expected
 * against what was counted. A difference is marked and said in words (short or over). Cash movements
 * list the kinds the shift had, signed as they moved the drawer, and how often it opened without a sale.
 */
export function ShiftsScreen() {
  const t = useT();
  const id = useId();
  const moneyIn = useMoney();
  const { filter, page, error } = useShiftsStore();
  const { setFilter, load } = useShiftsStore.getState();
  const { at } = useVenueTime((page?.items ?? []).map((r) => r.venueId));

  useEffect(() => {
    void load();
  }, [load]);

  const cash = (row: ShiftRow, amount: number | null) =>
    amount === null ? '—' : moneyIn(amount, row.currency);
  const difference = (row: ShiftRow) => {
    if (row.difference === null) return <td>—</td>;
    if (row.difference === 0) return <td className="num">{cash(row, 0)}</td>;
    const word = t(row.difference < 0 ? 'report.shifts.short' : 'report.shifts.over');
    return (
      <td className="num report__difference" data-testid="shift-difference">
        {cash(row, row.difference)} ({word})
      </td>
    );
  };

  const movements = (row: ShiftRow) => {
    const moved = SHIFT_CASH_KINDS.filter((kind) => row.cashMovements[kind] !== 0);
    if (moved.length === 0 && row.noSales === 0) return '—';
    return (
      <ul className="plain small">
        {moved.map((kind) => (
          <li key={kind} data-kind={kind}>
            {t(`report.shifts.cash.${kind}`)}: {moneyIn(row.cashMovements[kind], row.currency)}
          </li>
        ))}
        {row.noSales > 0 ? (
          <li data-kind="no_sale">{t('report.shifts.noSales', { n: row.noSales })}</li>
        ) : null}
      </ul>
    );
  };

  // docs/CASH.md "Comps": what was given away, per reason, outside the takings.
  const comps = (row: ShiftRow) =>
    row.comps.count === 0 ? (
      '—'
    ) : (
      <ul className="plain small">
        {row.comps.byReason.map((r) => (
          <li key={r.reason}>
            {r.reason}: {r.count} · {moneyIn(r.value, row.currency)}
          </li>
        ))}
      </ul>
    );

  return (
    <div data-testid="shifts-screen">
      <div className="manage__toolbar">
        <ReportDays
          id={id}
          from={filter.from}
          to={filter.to}
          onChange={(from, to) => setFilter({ from, to })}
        />
        <CashierTerminalFields
          id={id}
          cashier={filter.cashier}
          terminal={filter.terminal}
          onChange={(patch) => setFilter(patch)}
        />
        <ExportCsvButton
          label={t('manage.reports.export')}
          fileName="shifts.csv"
          load={() => shiftsCsv(filter)}
        />
      </div>
      <PagedTable
        testId="shifts-table"
        columns={[
          t('report.terminal'),
          t('report.shifts.openedBy'),
          t('report.shifts.opened'),
          t('report.shifts.closed'),
          t('report.shifts.expected'),
          t('report.shifts.counted'),
          t('report.shifts.difference'),
          t('report.shifts.sales'),
          t('report.shifts.cash'),
          t('report.shifts.comps'),
        ]}
        page={page}
        error={error}
        offset={filter.offset}
        limit={SHIFT_PAGE}
        onPage={(offset) => setFilter({ offset })}
        emptyText={t('report.none')}
        row={(row) => (
          <tr key={row.shiftId} data-shift={row.shiftId}>
            <th scope="row">
              {row.terminalName}
              <div className="muted small">{row.venueName}</div>
            </th>
            <td>{row.openedByName ?? row.closedByName ?? '—'}</td>
            <td>{row.openedAt ? at(row.openedAt, row.venueId) : '—'}</td>
            <td>{row.closedAt ? at(row.closedAt, row.venueId) : t('report.shifts.stillOpen')}</td>
            <td className="num">{cash(row, row.expectedCash)}</td>
            <td className="num">{cash(row, row.countedCash)}</td>
            {difference(row)}
            <td className="num">
              {row.sales} · {moneyIn(row.salesTotal, row.currency)}
            </td>
            <td data-testid="shift-cash-movements">{movements(row)}</td>
            <td data-testid="shift-comps">{comps(row)}</td>
          </tr>
        )}
      />
    </div>
  );
}
