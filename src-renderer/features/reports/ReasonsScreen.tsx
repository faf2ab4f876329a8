import { useEffect, useId } from 'react';
import { REASON_CATEGORIES, type ReasonCategory } from '../../../shared/cash/reasons';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { LookupField } from '../../components/LookupField';
import { PagedTable } from '../../components/PagedTable';
import { SearchField } from '../../components/SearchField';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { findStaff, REASON_PAGE, reasonsCsv, useReasonsStore } from '../../stores/report-stores';
import { PerformancePicker } from './PerformancePicker';
import { ReportDays } from './ReportFilters';

/**
 * Why money was given away, paid back or moved: each reason given by each cashier for each performance,
 * how often and how much (docs/REPORTS.md "Reasons"). The categories are the organisation's reason
 * lists, named as the Organisation screen names them.
 */
export function ReasonsScreen() {
  const t = useT();
  const id = useId();
  const moneyIn = useMoney();
  const when = useDateTime();
  const { filter, page, error } = useReasonsStore();
  const { setFilter, load } = useReasonsStore.getState();

  useEffect(() => {
    void load();
  }, [load]);

  const category = (c: ReasonCategory) => t(`admin.organisation.reason.${c}`);

  return (
    <div data-testid="reasons-screen">
      <div className="manage__toolbar">
        <ReportDays
          id={id}
          from={filter.from}
          to={filter.to}
          onChange={(from, to) => setFilter({ from, to })}
        />
        <div className="field-cell">
          <label htmlFor={`${id}-category`}>{t('report.reasons.category')}</label>
          <select
            id={`${id}-category`}
            value={filter.category}
            onChange={(e) => setFilter({ category: e.target.value as ReasonCategory | '' })}
          >
            <option value="">{t('report.reasons.anyCategory')}</option>
            {REASON_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {category(c)}
              </option>
            ))}
          </select>
        </div>
        <SearchField
          id={`${id}-reason`}
          label={t('report.reasons.reason')}
          value={filter.reason}
          onSearch={(reason) => setFilter({ reason: reason.trim() })}
        />
        <LookupField
          id={`${id}-cashier`}
          label={t('report.cashier')}
          value={filter.cashier}
          noneLabel={t('report.anyone')}
          search={findStaff}
          onChange={(cashier) => setFilter({ cashier })}
        />
        <PerformancePicker
          id={`${id}-performance`}
          value={filter.performance}
          onChange={(performance) => setFilter({ performance })}
        />
        <ExportCsvButton
          label={t('manage.reports.export')}
          fileName="reasons.csv"
          load={() => reasonsCsv(filter)}
        />
      </div>
      <PagedTable
        testId="reasons-table"
        columns={[
          t('report.reasons.category'),
          t('report.reasons.reason'),
          t('report.cashier'),
          t('report.performance'),
          t('report.reasons.count'),
          t('report.reasons.amount'),
        ]}
        page={page}
        error={error}
        offset={filter.offset}
        limit={REASON_PAGE}
        onPage={(offset) => setFilter({ offset })}
        emptyText={t('report.none')}
        row={(row) => (
          <tr
            key={`${row.category}|${row.reason}|${row.cashierId}|${row.performanceId ?? ''}|${row.currency}`}
            data-category={row.category}
          >
            <td>{category(row.category)}</td>
            <th scope="row">{row.reason}</th>
            <td>{row.cashierName ?? row.cashierId}</td>
            <td>
              {row.eventName ?? '—'}
              {row.performanceStartsAt ? (
                <div className="muted small">{when(row.performanceStartsAt)}</div>
              ) : null}
            </td>
            <td className="num">{row.count}</td>
            <td className="num">{moneyIn(row.amount, row.currency)}</td>
          </tr>
        )}
      />
    </div>
  );
}
