import { useEffect, useId, useState } from 'react';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useReservationStore } from '../../stores/reservation-store';
import { useSellStore } from '../../stores/sell-store';
import { CancelReservation } from './CancelReservation';

/**
 * The will-call list of one performance (docs/RESERVATIONS.md): from the server across windows while
 * it answers, else this window's own. Keyboard-first: the search field has focus, Enter searches, and
 * every row's actions are buttons in tab order.
 */
export function WillCallScreen() {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const events = useSellStore((s) => s.events);
  const { performanceId, query, list, error } = useReservationStore();
  const setPerformance = useReservationStore((s) => s.setPerformance);
  const setQuery = useReservationStore((s) => s.setQuery);
  const load = useReservationStore((s) => s.load);
  const pickup = useReservationStore((s) => s.pickup);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const selling = useSellStore((s) => s.offer?.performance.id);
  const performances = events
    .flatMap((e) => e.performances.map((p) => ({ ...p, eventName: e.name })))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  // The performance the sell screen shows, else the next one to start.
  const first = selling ?? performances[0]?.id;

  useEffect(() => {
    if (!performanceId && first) void setPerformance(first);
    else if (performanceId) void load();
  }, [performanceId, first, setPerformance, load]);

  return (
    <section className="panel" data-screen="willcall" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('willcall.heading')}</h1>
      <form
        className="button-row"
        onSubmit={(e) => {
          e.preventDefault();
          // A typed or scanned reference goes straight to pickup; anything else searches the list.
          if (/^R-[2-9A-Z]{7}$/i.test(query.trim())) void pickup(query.trim());
          else void load();
        }}
      >
        <label htmlFor={`${id}-perf`}>{t('willcall.performance')}</label>
        <select
          id={`${id}-perf`}
          value={performanceId ?? ''}
          onChange={(e) => void setPerformance(e.target.value)}
        >
          {performances.map((p) => (
            <option key={p.id} value={p.id}>
              {p.eventName} · {dateTime(p.startsAt)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-q`}>{t('willcall.search')}</label>
        <input
          id={`${id}-q`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={100}
          autoFocus
          aria-describedby={`${id}-hint`}
        />
        <button type="submit">{t('willcall.find')}</button>
        <button type="button" onClick={() => window.print()}>
          {t('willcall.print')}
        </button>
      </form>
      <p id={`${id}-hint`} className="muted small">
        {t('willcall.searchHint')}
      </p>
      {list ? <p className="muted small">{t(`willcall.source.${list.source}`)}</p> : null}
      {error ? (
        <p role="alert" className="error" data-testid="willcall-error">
          {error}
        </p>
      ) : null}
      {list && list.reservations.length === 0 ? <p>{t('willcall.none')}</p> : null}
      {list && list.reservations.length > 0 ? (
        <table className="table" data-testid="willcall-list">
          <thead>
            <tr>
              <th scope="col">{t('willcall.reference')}</th>
              <th scope="col">{t('willcall.customer')}</th>
              <th scope="col" className="num">
                {t('willcall.units')}
              </th>
              <th scope="col">{t('willcall.expires')}</th>
              <th scope="col">{t('willcall.status')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.reservations.map((r) => (
              <tr key={r.id} data-reference={r.reference}>
                <td>
                  <strong>{r.reference}</strong>
                </td>
                <td>
                  {r.customerName}
                  <div className="muted small">
                    {[r.customerPhone, r.customerEmail].filter(Boolean).join(' · ')}
                  </div>
                </td>
                <td className="num">{r.units}</td>
                <td>{dateTime(r.expiresAt)}</td>
                <td data-testid="willcall-status">{t(`willcall.status.${r.status}`)}</td>
                <td>
                  {r.status === 'held' ? (
                    <div className="button-row">
                      <button type="button" className="primary" onClick={() => void pickup(r.reference)}>
                        {t('willcall.pickup')}
                      </button>
                      <button type="button" onClick={() => setCancelling(r.reference)}>
                        {t('willcall.cancel')}
                      </button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cancelling ? <CancelReservation reference={cancelling} onClose={() => setCancelling(null)} /> : null}
    </section>
  );
}
