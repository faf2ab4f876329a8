import { useEffect, useId, useMemo, useState } from 'react';
import { SelectField } from '../../components/FormFields';
import { SeatChart } from '../../components/seatmap/SeatChart';
import { useT } from '../../i18n/use-t';
import { useDateTime } from '../../i18n/use-money';
import { SEAT_REFRESH_MS, ticketTypes, useSeatStore } from '../../stores/seat-store';
import { useSellStore } from '../../stores/sell-store';

const BEST_COUNTS = Array.from({ length: 20 }, (_, i) => String(i + 1));

/**
 * The ticket window of a seated performance (docs/SEATING.md "At the window"): the map with this cart's
 * seats, the ticket type the next seats sell as, and best available. While it is open and online it asks
 * for the seats' states every few seconds; offline only this window's leased seats can be chosen.
 */
export function SeatPicker() {
  const t = useT();
  const id = useId();
  const time = useDateTime();
  const view = useSeatStore((s) => s.view);
  const ticketTypeId = useSeatStore((s) => s.ticketTypeId);
  const best = useSeatStore((s) => s.best);
  const error = useSeatStore((s) => s.error);
  const busy = useSeatStore((s) => s.busy);
  const { toggle, setTicketType, findBest, takeBest, dismissBest, refresh } = useSeatStore.getState();
  const cart = useSellStore((s) => s.cart);
  const [count, setCount] = useState('2');
  const [band, setBand] = useState('');

  const online = view?.mode === 'online';
  useEffect(() => {
    if (!online) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, SEAT_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [online, refresh]);
  // A line removed, a sale completed: the cart's seats changed, so do their states. A pick or a give-back
  // under way (busy) asks for them itself when its answer arrives.
  useEffect(() => {
    if (!useSeatStore.getState().busy) void refresh();
  }, [cart, refresh]);

  const suggested = useMemo(() => new Set(best ? (best.seatIds ?? best.split?.flat() ?? []) : []), [best]);
  if (!view) return <p className="muted">{t('seats.loading')}</p>;
  const types = ticketTypes(view);

  return (
    <div className="seat-picker" data-testid="seat-picker">
      {view.mode === 'leased-only' ? (
        <p role="status" className="notice" data-testid="seats-offline">
          {t('seats.offline')}
        </p>
      ) : null}
      <div className="seat-picker__tools">
        <div className="field-cell">
          <SelectField
            id={`${id}-type`}
            label={t('seats.ticketType')}
            value={ticketTypeId ?? ''}
            options={types.map((type) => ({ value: type.id, label: type.name }))}
            onChange={setTicketType}
          />
        </div>
        <form
          className="seat-picker__best"
          aria-label={t('seats.bestHeading')}
          onSubmit={(e) => {
            e.preventDefault();
            void findBest(Number(count), band || null);
          }}
        >
          <SelectField
            id={`${id}-count`}
            label={t('seats.bestCount')}
            value={count}
            options={BEST_COUNTS.map((n) => ({ value: n, label: n }))}
            onChange={setCount}
          />
          <SelectField
            id={`${id}-band`}
            label={t('seats.bestBand')}
            value={band}
            options={[
              { value: '', label: t('seats.anyBand') },
              ...view.map.bands.map((b) => ({ value: b, label: b })),
            ]}
            onChange={setBand}
          />
          <button type="submit">
            {t('seats.bestHeading')}: {t('seats.find')}
          </button>
        </form>
      </div>
      {best ? (
        <div className="code-state" data-testid="best-available">
          <p role="status">{best.message}</p>
          <div className="button-row">
            {best.seatIds ? (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void takeBest('together')}
              >
                {t('seats.takeTogether', { count: best.seatIds.length })}
              </button>
            ) : null}
            {!best.seatIds && best.split ? (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void takeBest('split')}
              >
                {t('seats.takeSplit')}
              </button>
            ) : null}
            <button type="button" onClick={dismissBest}>
              {t('seats.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="error" data-testid="seat-error">
          {error}
        </p>
      ) : null}
      <SeatChart
        map={view.map}
        statuses={view.statuses}
        mine={view.mine}
        leasedOnly={view.mode === 'leased-only'}
        selected={suggested}
        mode="pick"
        label={t('seats.mapLabel', { name: view.map.name })}
        onToggle={(seatId) => void toggle(seatId)}
      />
      <p className="muted small" data-testid="seats-updated">
        {t('seats.inCart', { count: view.mine.cart.length })} ·{' '}
        {t('seats.updated', { time: time(view.fetchedAt) })}
      </p>
    </div>
  );
}
