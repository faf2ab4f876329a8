import { useEffect, useId, useRef, useState } from 'react';
import { DateRangeFields } from '../../components/DateRangeFields';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useJournalStore, type JournalFilters } from '../../stores/journal-store';
import { useSellStore } from '../../stores/sell-store';
import { useSessionStore } from '../../stores/session-store';
import { OrderTableRow, useOrderColumns } from '../reports/OrderTableRow';
import { JournalOrder } from './JournalOrder';

/** A scanned receipt (its order id), a ticket's QR or a receipt number: what opens one order at once. */
const REFERENCE =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,9}|[0-9A-Z $%*+\-./:]{164})$/i;

/**
 * The sales journal (docs/ORDERS.md): one field for typing or scanning (a wedge scanner types the QR text
 * and Enter), filters, the orders found and the one opened. Main decides whose sales are searched and
 * says so; this screen shows the sentence.
 */
export function JournalScreen() {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const state = useJournalStore();
  const events = useSellStore((s) => s.events);
  const staff = useSessionStore((s) => s.staff);
  const [q, setQ] = useState(state.q);
  const [filters, setFilters] = useState<JournalFilters>(state.filters);
  const searchRef = useRef<HTMLInputElement>(null);
  const columns = useOrderColumns();

  useEffect(() => {
    if (!state.order) searchRef.current?.focus();
  }, [state.order]);

  const run = async (text: string, f: JournalFilters) => {
    const trimmed = text.replace(/[\r\n\t]+$/, '');
    await state.search(trimmed, f);
    const { rows } = useJournalStore.getState();
    // A scan or a receipt number opens its order; an unknown one gets main's sentence.
    if (REFERENCE.test(trimmed.trim()) && rows.length <= 1) {
      await state.open(rows[0]?.orderId ?? trimmed);
    }
  };

  if (state.order) return <JournalOrder />;

  const performances = events.flatMap((e) => e.performances.map((p) => ({ ...p, eventName: e.name })));
  return (
    <section className="panel panel--wide" aria-labelledby={`${id}-heading`} data-screen="journal">
      <h1 id={`${id}-heading`}>{t('journal.heading')}</h1>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(q, filters);
        }}
      >
        <label htmlFor={`${id}-q`}>{t('journal.search')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('journal.searchHint')}
        </p>
        <div className="form--inline">
          <input
            id={`${id}-q`}
            ref={searchRef}
            type="search"
            autoComplete="off"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={`${id}-hint`}
            data-testid="journal-search"
          />
          <button type="submit">{t('journal.find')}</button>
        </div>
        <fieldset className="field-row">
          <legend>{t('journal.filters')}</legend>
          <DateRangeFields
            id={`${id}-dates`}
            from={filters.from}
            to={filters.to}
            fromLabel={t('journal.from')}
            toLabel={t('journal.to')}
            onChange={(from, to) => setFilters({ ...filters, from, to })}
          />
          <div className="field-cell">
            <label htmlFor={`${id}-performance`}>{t('journal.performance')}</label>
            <select
              id={`${id}-performance`}
              value={filters.performanceId}
              onChange={(e) => setFilters({ ...filters, performanceId: e.target.value })}
            >
              <option value="">{t('journal.any')}</option>
              {performances.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.eventName} · {dateTime(p.startsAt)}
                </option>
              ))}
            </select>
          </div>
          <div className="field-cell">
            <label htmlFor={`${id}-cashier`}>{t('journal.cashier')}</label>
            <select
              id={`${id}-cashier`}
              value={filters.cashierId}
              onChange={(e) => setFilters({ ...filters, cashierId: e.target.value })}
            >
              <option value="">{t('journal.any')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      </form>
      {state.error ? (
        <p role="alert" className="error" data-testid="journal-error">
          {state.error}
        </p>
      ) : null}
      {state.scope ? (
        <p className={state.notice ? 'callout' : 'hint'} data-testid="journal-scope" data-scope={state.scope}>
          {state.notice ?? t(`journal.scope.${state.scope}`)}
        </p>
      ) : null}
      {state.searched && state.rows.length === 0 && !state.error ? <p>{t('journal.none')}</p> : null}
      {state.rows.length > 0 ? (
        <table className="table" data-testid="journal-results">
          <caption>{t('journal.results')}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.rows.map((row) => (
              <OrderTableRow key={row.orderId} row={row} onOpen={(r) => void state.open(r.orderId)} />
            ))}
          </tbody>
        </table>
      ) : null}
      {state.nextCursor ? (
        <button type="button" onClick={() => void state.more()}>
          {t('journal.more')}
        </button>
      ) : null}
    </section>
  );
}
