import { useCallback, useEffect } from 'react';
import { useDateTime, useZonedDateTime } from '../../i18n/use-money';
import { useVenueFactsStore } from '../../stores/report-stores';

/**
 * A time as the venue's clock showed it: report rows name their venue, and a manager in another zone
 * still reads a shift's opening as the box office saw it. Until the venue is known (or when it cannot
 * be read), the browser's own zone.
 */
export function useVenueTime(venueIds: readonly (string | null)[]): {
  at: (iso: string, venueId: string | null) => string;
  venueName: (venueId: string | null) => string | null;
} {
  const venues = useVenueFactsStore((s) => s.venues);
  const zoned = useZonedDateTime();
  const local = useDateTime();
  const key = [...new Set(venueIds.filter((id) => id !== null))].join(',');
  useEffect(() => {
    void useVenueFactsStore.getState().learn(key ? key.split(',') : []);
  }, [key]);
  const at = useCallback(
    (iso: string, venueId: string | null) => {
      const venue = venueId ? venues[venueId] : undefined;
      return venue ? zoned(iso, venue.timezone) : local(iso);
    },
    [venues, zoned, local],
  );
  const venueName = useCallback(
    (venueId: string | null) => (venueId ? (venues[venueId]?.name ?? null) : null),
    [venues],
  );
  return { at, venueName };
}
