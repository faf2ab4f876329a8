import { useEffect, useId } from 'react';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { LookupField } from '../../components/LookupField';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { findByName } from '../../stores/catalogue-stores';
import { salesCsv, useSalesStore } from '../../stores/report-stores';
import { ReportDays } from './ReportFilters';
import { totalsByCurrency, type Sums } from './sales-totals';
import { useVenueTime } from './use-venue-time';

// Stable functions: a lookup searches again whenever its search function changes.
const findVenues = (q: string) => findByName('venues', q);
const findEvents = (q: string) => findByName('events', q);

/** Tickets sold per performance, ticket type and price band in a date range, with totals. */
export function SalesByPerformanceScreen() {
  const t = useT();
  const id = useId();
  const moneyIn = useMoney();
  const { filter, page, error, loading } = useSalesStore();
  const { setFilter, load } = useSalesStore.getState();
  const rows = page?.items ?? [];
  const { at, venueName } = useVenueTime(rows.map((r) => r.venueId));

  useEffect(() => {
    void load();
  }, [load]);

  const cells = (sums: Sums, currency: string) => (
    <>
      <td className="num">{sums.ticketsSold}</td>
      <td className="num">{sums.ticketsRefunded}</td>
      <td className="num">{moneyIn(sums.gross, currency)}</td>
      <td className="num">{moneyIn(sums.discount, currency)}</td>
      <td className="num">{moneyIn(sums.refunded, currency)}</td>
      <td className="num">{moneyIn(sums.net, currency)}</td>
    </>
  );

  return (
    <div data-testid="sales-screen">
      <div className="manage__toolbar">
        <ReportDays
          id={id}
          from={filter.from}
          to={filter.to}
          onChange={(from, to) => setFilter({ from, to })}
        />
        <LookupField
          id={`${id}-venue`}
          label={t('report.venue')}
          value={filter.venue}
          noneLabel={t('report.anyVenue')}
          search={findVenues}
          onChange={(venue) => setFilter({ venue })}
        />
        <LookupField
          id={`${id}-event`}
          label={t('report.event')}
          value={filter.event}
          noneLabel={t('report.anyEvent')}
          search={findEvents}
          onChange={(event) => setFilter({ event })}
        />
        <ExportCsvButton
          label={t('manage.reports.export')}
          fileName="sales-by-performance.csv"
          load={() => salesCsv(filter)}
        />
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="table manage__table" aria-busy={loading} data-testid="sales-table">
        <caption>{t('report.sales.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.event')}</th>
            <th scope="col">{t('report.venue')}</th>
            <th scope="col">{t('report.sales.start')}</th>
            <th scope="col">{t('report.sales.ticketType')}</th>
            <th scope="col">{t('report.sales.priceBand')}</th>
            <th scope="col" className="num">
              {t('report.sales.sold')}
            </th>
            <th scope="col" className="num">
              {t('report.sales.ticketsRefunded')}
            </th>
            <th scope="col" className="num">
              {t('report.gross')}
            </th>
            <th scope="col" className="num">
              {t('report.discount')}
            </th>
            <th scope="col" className="num">
              {t('report.refunded')}
            </th>
            <th scope="col" className="num">
              {t('report.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.performanceId}-${row.ticketTypeId}-${row.priceBandId}-${row.currency}`}
              data-performance={row.performanceId}
            >
              <th scope="row">{row.eventName ?? '—'}</th>
              <td>{venueName(row.venueId) ?? '—'}</td>
              <td>{row.performanceStartsAt ? at(row.performanceStartsAt, row.venueId) : '—'}</td>
              <td>{row.ticketTypeName ?? '—'}</td>
              <td>{row.priceBandName ?? '—'}</td>
              {cells(row, row.currency)}
            </tr>
          ))}
        </tbody>
        {rows.length > 0 ? (
          <tfoot>
            {totalsByCurrency(rows).map(([currency, sums]) => (
              <tr key={currency} className="report__totals" data-testid="sales-totals">
                <th scope="row" colSpan={5}>
                  {t('report.sales.totals', { currency })}
                </th>
                {cells(sums, currency)}
              </tr>
            ))}
          </tfoot>
        ) : null}
      </table>
      {page && rows.length === 0 ? <p className="muted">{t('report.none')}</p> : null}
    </div>
  );
}
