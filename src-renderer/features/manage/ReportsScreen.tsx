import { useEffect, useId } from 'react';
import { BarChart } from '../../components/BarChart';
import { CheckField, SelectField } from '../../components/FormFields';
import { StatusBadge } from '../../components/StatusBadge';
import { DateRangeFields } from '../../components/DateRangeFields';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useReportStore, type GroupBy } from '../../stores/report-store';
import type { CodeOrders } from '../../stores/report-stores';
import { useSellStore } from '../../stores/sell-store';
import { downloadText } from './download';
import { useState } from 'react';

const CHART_BARS = 15;

interface ReportsScreenProps {
  /**
   * Where the host has an orders screen (the back office; the terminal's Manage menu has none), each
   * row offers its orders in the report's date range (days as typed, '' = open-ended).
   */
  onShowOrders?: (orders: CodeOrders, range: { from: string; to: string }) => void;
}

/** Discount per code as a bar chart and a table, for a date range; the same figures as CSV. */
export function ReportsScreen({ onShowOrders }: ReportsScreenProps = {}) {
  const t = useT();
  const id = useId();
  const moneyIn = useMoney();
  const dateTime = useDateTime();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const money = (amount: number) => moneyIn(amount, currency);
  const from = useReportStore((s) => s.from);
  const to = useReportStore((s) => s.to);
  const groupBy = useReportStore((s) => s.groupBy);
  const report = useReportStore((s) => s.report);
  const error = useReportStore((s) => s.error);
  const loading = useReportStore((s) => s.loading);
  const setRange = useReportStore((s) => s.setRange);
  const setGroupBy = useReportStore((s) => s.setGroupBy);
  const usedOnly = useReportStore((s) => s.usedOnly);
  const setUsedOnly = useReportStore((s) => s.setUsedOnly);
  const loadReport = useReportStore((s) => s.loadReport);
  const exportCsv = useReportStore((s) => s.exportCsv);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    void loadReport();
  }, [loadReport]);

  const rows = report?.rows ?? [];
  const charted = [...rows].sort((a, b) => b.totalDiscount - a.totalDiscount).slice(0, CHART_BARS);
  const totalDiscount = rows.reduce((n, r) => n + r.totalDiscount, 0);

  const onExport = async () => {
    setExported(null);
    const result = await exportCsv();
    if (!('csv' in result)) return;
    const name = `code-report${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
    downloadText(name, result.csv, 'text/csv;charset=utf-8');
    setExported(name);
  };

  return (
    <div className="manage__reports" data-testid="reports-screen">
      <form
        className="manage__toolbar"
        aria-label={t('manage.reports.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          void loadReport();
        }}
      >
        <DateRangeFields
          id={id}
          from={from}
          to={to}
          fromLabel={t('manage.reports.from')}
          toLabel={t('manage.reports.to')}
          onChange={setRange}
        />
        <div className="field-cell">
          <SelectField<GroupBy>
            id={`${id}-group`}
            label={t('manage.reports.groupBy')}
            value={groupBy}
            options={[
              { value: 'code', label: t('manage.reports.perCode') },
              { value: 'parent', label: t('manage.reports.perParent') },
            ]}
            onChange={setGroupBy}
          />
        </div>
        <CheckField
          id={`${id}-used`}
          label={t('manage.reports.usedOnly')}
          checked={usedOnly}
          onChange={setUsedOnly}
        />
        <button type="submit" className="primary">
          {t('manage.reports.show')}
        </button>
        <button type="button" onClick={() => void onExport()}>
          {t('manage.reports.export')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="error" data-testid="reports-error">
          {error}
        </p>
      ) : null}
      {exported ? (
        <p role="status" className="ok">
          {t('manage.reports.exported', { name: exported })}
        </p>
      ) : null}
      <BarChart
        title={t('manage.reports.chartTitle')}
        summary={t('manage.reports.chartSummary', { codes: rows.length, total: money(totalDiscount) })}
        emptyText={t('manage.reports.empty')}
        bars={charted.map((r) => ({
          key: r.codeId,
          label: r.code,
          value: r.totalDiscount,
          display: money(r.totalDiscount),
        }))}
      />
      <table className="table" aria-busy={loading} data-testid="report-table">
        <caption>{t('manage.reports.caption', { count: rows.length, total: report?.total ?? 0 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('manage.col.code')}</th>
            <th scope="col">{t('manage.col.benefit')}</th>
            <th scope="col" className="num">
              {t('manage.col.orders')}
            </th>
            <th scope="col" className="num">
              {t('manage.col.tickets')}
            </th>
            <th scope="col" className="num">
              {t('manage.col.discount')}
            </th>
            <th scope="col" className="num">
              {t('manage.col.revenue')}
            </th>
            <th scope="col" className="num">
              {t('manage.col.remaining')}
            </th>
            <th scope="col">{t('manage.col.lastUse')}</th>
            <th scope="col">{t('manage.col.status')}</th>
            {onShowOrders ? <th scope="col">{t('manage.col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.codeId} data-code={r.code}>
              <th scope="row">
                {r.code}
                {r.isParent && r.children > 0 ? (
                  <span className="tag">{t('manage.reports.children', { count: r.children })}</span>
                ) : null}
              </th>
              <td>{r.value}</td>
              <td className="num">{r.orders}</td>
              <td className="num">{r.tickets}</td>
              <td className="num">{money(r.totalDiscount)}</td>
              <td className="num">{money(r.revenue)}</td>
              <td className="num">{r.remaining ?? '—'}</td>
              <td>{r.lastUse ? dateTime(r.lastUse) : '—'}</td>
              <td>
                <StatusBadge status={r.status} label={t(`manage.status.${r.status}`)} />
              </td>
              {onShowOrders ? (
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      onShowOrders(
                        // A parent's roll-up row stands for its children's orders too.
                        groupBy === 'parent' && r.isParent
                          ? { code: r.code, parentId: r.codeId }
                          : { code: r.code, codeId: r.codeId },
                        { from, to },
                      )
                    }
                  >
                    {t('report.codes.orders', { code: r.code })}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
