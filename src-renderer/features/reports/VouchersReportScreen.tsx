import { useEffect, useId, useState } from 'react';
import { ok } from '../../../shared/result';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { dayRange } from '../../lib/date-range';
import type { VoucherReport } from '../../../shared/reports/vouchers';
import { reportCalls } from '../../../shared/server-api/report-calls';
import { server } from '../../api/admin-host';
import { voucherCsv } from './voucher-csv';
import { ReportDays } from './ReportFilters';

const reports = reportCalls(server);

/**
 * Gift vouchers (docs/CASH.md "On the server"): sold, spent and voided per business day in a date range,
 * and what valid vouchers still owe. Expired balances are shown apart: they are never takings; voided
 * vouchers owe nothing.
 */
export function VouchersReportScreen() {
  const t = useT();
  const id = useId();
  const money = useMoney();
  const [range, setRangeState] = useState({ from: '', to: '' });
  const [report, setReport] = useState<VoucherReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const setRange = (next: { from: string; to: string }) => {
    setLoading(true);
    setRangeState(next);
  };

  useEffect(() => {
    let current = true;
    void reports.vouchers(dayRange(range.from, range.to)).then((result) => {
      if (!current) return;
      setLoading(false);
      setError(result.ok ? null : result.message);
      setReport(result.ok ? result.value : null);
    });
    // A newer range's answer wins over an older one still on its way.
    return () => {
      current = false;
    };
  }, [range]);

  const days = report?.days ?? [];
  return (
    <div data-testid="vouchers-report">
      <div className="manage__toolbar">
        <ReportDays id={id} from={range.from} to={range.to} onChange={(from, to) => setRange({ from, to })} />
        <ExportCsvButton
          label={t('manage.reports.export')}
          fileName="gift-vouchers.csv"
          load={async () => {
            const fresh = await reports.vouchers(dayRange(range.from, range.to));
            return fresh.ok ? ok(voucherCsv(fresh.value)) : fresh;
          }}
        />
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="table manage__table" aria-busy={loading} data-testid="vouchers-table">
        <caption>{t('report.vouchers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.vouchers.day')}</th>
            <th scope="col" className="num">
              {t('report.vouchers.soldCount')}
            </th>
            <th scope="col" className="num">
              {t('report.vouchers.soldAmount')}
            </th>
            <th scope="col" className="num">
              {t('report.vouchers.spentAmount')}
            </th>
            <th scope="col" className="num">
              {t('report.vouchers.voidedCount')}
            </th>
            <th scope="col" className="num">
              {t('report.vouchers.voidedAmount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={`${d.day}-${d.currency}`} data-day={d.day}>
              <th scope="row">{d.day}</th>
              <td className="num">{d.soldCount}</td>
              <td className="num">{money(d.soldAmount, d.currency)}</td>
              <td className="num">{money(d.spentAmount, d.currency)}</td>
              <td className="num">{d.voidedCount}</td>
              <td className="num">{money(d.voidedAmount, d.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report && days.length === 0 ? <p className="muted">{t('report.none')}</p> : null}
      {report?.totals.map((x) => (
        <dl key={x.currency} className="fields" data-testid="vouchers-totals" data-currency={x.currency}>
          <div className="fields__row">
            <dt>{t('report.vouchers.liability')}</dt>
            <dd data-testid="vouchers-liability">{money(x.outstanding, x.currency)}</dd>
          </div>
          <div className="fields__row">
            <dt>{t('report.vouchers.expired')}</dt>
            <dd data-testid="vouchers-expired">{money(x.expiredBalance, x.currency)}</dd>
          </div>
        </dl>
      ))}
    </div>
  );
}
