import { useEffect, useState } from 'react';
import type { EventRecord, Venue } from '../../../shared/catalogue/types';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { useT } from '../../i18n/use-t';
import { getVenue } from '../../stores/catalogue-stores';
import { PerformancesPanel } from './PerformancesPanel';
import { PricesPanel } from './PricesPanel';
import { TicketLayoutPanel } from './TicketLayoutPanel';

export type EventTab = 'performances' | 'prices' | 'layout';

const TAB_LABEL = {
  performances: 'admin.events.performances',
  prices: 'admin.events.prices',
  layout: 'admin.events.layout',
} as const satisfies Record<EventTab, string>;

interface EventDetailProps {
  event: Versioned<EventRecord>;
  tab: EventTab;
  onTab: (tab: EventTab) => void;
  onBack: () => void;
}

/**
 * One event: its performances (times in its venue's time zone) and its prices (in its venue's
 * currency), so the venue is read first.
 */
export function EventDetail({ event, tab, onTab, onBack }: EventDetailProps) {
  const t = useT();
  const [venue, setVenue] = useState<Venue | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void getVenue(event.venueId).then((r) => (r.ok ? setVenue(r.value) : setError(r.message)));
  }, [event.venueId]);

  return (
    <div data-testid="event-detail">
      <div className="manage__toolbar">
        <button type="button" onClick={onBack}>
          {t('admin.events.back')}
        </button>
        <h2>{t('admin.events.detailTitle', { name: event.name, venue: venue?.name ?? '…' })}</h2>
      </div>
      <div className="manage__tabs" role="group" aria-label={t('admin.events.parts')}>
        {(['performances', 'prices', 'layout'] as const).map((id) => (
          <button
            key={id}
            type="button"
            aria-current={tab === id ? 'page' : undefined}
            onClick={() => onTab(id)}
          >
            {t(TAB_LABEL[id])}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {tab === 'layout' ? <TicketLayoutPanel eventId={event.id} /> : null}
      {venue && tab === 'performances' ? <PerformancesPanel eventId={event.id} venue={venue} /> : null}
      {venue && tab === 'prices' ? <PricesPanel eventId={event.id} venue={venue} /> : null}
    </div>
  );
}
