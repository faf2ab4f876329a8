import type { SeatMap } from '../../shared/seating/types';
import type { SyncWorld } from './sync-fixture';

// A seated performance of the sync world's catalogue (docs/SEATING.md), set up through the admin API as
// a manager would: two rows of six Stalls seats, imported as a map and attached to a new performance two
// days ahead on the world's clock (the real one without). The catalogue's one price band is "Stalls",
// so the map prices there.

export async function seatedCataloguePerformance(
  world: Pick<SyncWorld, 'org' | 'catalogue'> & { clock?: { now(): number } },
  name = 'Globe hall',
): Promise<{ performanceId: string; map: SeatMap; seat: (label: string) => string }> {
  const { api } = world.org;
  const made = await api.post<{ id: string }>('/v1/performances', {
    eventId: world.catalogue.eventId,
    startsAt: new Date((world.clock?.now() ?? Date.now()) + 2 * 86_400_000).toISOString(),
    capacity: 12,
  });
  const performanceId = made.body.id;
  const seats = ['A', 'B'].flatMap((row, r) =>
    Array.from({ length: 6 }, (_, i) => ({
      section: 'Stalls',
      row,
      seat: String(i + 1),
      x: i * 10,
      y: r * 10,
      band: 'Stalls',
    })),
  );
  const imported = await api.post<SeatMap>('/v1/seat-maps/import', {
    venueId: world.catalogue.venueId,
    name,
    format: 'json',
    content: JSON.stringify({ bands: ['Stalls'], sections: [{ name: 'Stalls', kind: 'seated' }], seats }),
  });
  if (imported.status !== 201) throw new Error(`import: ${imported.status} ${imported.text}`);
  const map = imported.body;
  const attached = await api.put(`/v1/performances/${performanceId}/seat-map`, { seatMapId: map.id });
  if (attached.status !== 200) throw new Error(`attach: ${attached.status} ${attached.text}`);
  /** A seat by row and label, e.g. "A3". */
  const seat = (label: string) => {
    const found = map.seats.find((s) => `${s.row}${s.label}` === label);
    if (!found) throw new Error(`no seat ${label}`);
    return found.id;
  };
  return { performanceId, map, seat };
}
