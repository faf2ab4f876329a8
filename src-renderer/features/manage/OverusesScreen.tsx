import { useEffect, useId } from 'react';
import { DateRangeFields } from '../../components/DateRangeFields';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useReportStore } from '../../stores/report-store';
import { useSellStore } from '../../stores/sell-store';

/** Every sale that used a code past a limit: who sold it, who granted it, why, and which limits. */
export function OverusesScreen() {
  const t = useT();
  const id = useId();
  const moneyIn = useMoney();
  const dateTime = useDateTime();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const from = useReportStore((s) => s.from);
  const to = useReportStore((s) => s.to);
  const page = useReportStore((s) => s.overuses);
  const error = useReportStore((s) => s.error);
  const loading = useReportStore((s) => s.loading);
  const setRange = useReportStore((s) => s.setRange);
  const load = useReportStore((s) => s.loadOveruses);

  useEffect(() => {
    void load();
  }, [load]);

  const rows = page?.rows ?? [];
  return (
    <div data-testid="overuses-screen">
      <form
        className="manage__toolbar"
        aria-label={t('manage.reports.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          void load();
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
        <button type="submit" className="primary">
          {t('manage.reports.show')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="table" aria-busy={loading} data-testid="overuse-table">
        <caption>{t('manage.overuses.caption', { count: page?.total ?? 0 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('manage.col.when')}</th>
            <th scope="col">{t('manage.col.code')}</th>
            <th scope="col">{t('manage.col.cashier')}</th>
            <th scope="col">{t('manage.col.grantedBy')}</th>
            <th scope="col">{t('manage.col.reason')}</th>
            <th scope="col">{t('manage.col.limits')}</th>
            <th scope="col" className="num">
              {t('manage.col.discount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.redemptionId}>
              <td>{dateTime(r.redeemedAt)}</td>
              <th scope="row">{r.code}</th>
              <td>{r.cashierName ?? r.cashierId ?? '—'}</td>
              <td>{r.grantedByName ?? r.grantedBy ?? '—'}</td>
              <td>{r.reason}</td>
              <td>{(r.limits ?? []).join(', ') || '—'}</td>
              <td className="num">{moneyIn(r.discount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && rows.length === 0 ? <p className="muted">{t('manage.overuses.none')}</p> : null}
    </div>
  );
}
