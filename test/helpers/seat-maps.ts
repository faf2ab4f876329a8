import type { SeatMap } from '../../shared/seating/types';
import { mapCapacity } from '../../shared/seating/capacity';
import { HALL_BANDS, makeHall, type HallOptions } from '../fixtures/seat-maps';
import type { ApiClient } from './server-api';
import { seedHall } from './till';

// A seated performance through the admin API, as a manager sets one up (docs/SEATING.md): a venue and
// event whose price bands are the hall's bands, the hall's map imported, and a performance of the
// map's capacity using it.

interface Manager {
  api: ApiClient;
}

export async function importHall(api: ApiClient, venueId: string, options: HallOptions): Promise<SeatMap> {
  const reply = await api.post<SeatMap>('/v1/seat-maps/import', {
    venueId,
    name: options.name ?? 'Main house',
    format: 'json',
    content: JSON.stringify(makeHall(options)),
  });
  if (reply.status !== 201) throw new Error(`seat map import: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** A venue and event priced in the hall's bands (one ticket type, Adult, 40.00 / 30.00 / 20.00). */
export async function seatedEvent(
  org: Manager,
): Promise<{ venueId: string; eventId: string; priceBandIds: string[] }> {
  const { venueId, eventId } = await seedHall(org);
  const ticketType = await org.api.post<{ id: string }>('/v1/ticket-types', { eventId, name: 'Adult' });
  const priceBandIds: string[] = [];
  for (const [i, name] of HALL_BANDS.entries()) {
    const band = await org.api.post<{ id: string }>('/v1/price-bands', { eventId, name });
    priceBandIds.push(band.body.id);
    await org.api.post('/v1/ticket-prices', {
      eventId,
      ticketTypeId: ticketType.body.id,
      priceBandId: band.body.id,
      unitPrice: 4000 - i * 1000,
      vatRate: 700,
    });
  }
  return { venueId, eventId, priceBandIds };
}

/** A performance 30 days ahead using a freshly imported hall; its capacity is the map's. */
export async function seatedPerformance(
  org: Manager,
  options: HallOptions,
  at?: { venueId: string; eventId: string },
): Promise<{ venueId: string; eventId: string; performanceId: string; map: SeatMap }> {
  const where = at ?? (await seatedEvent(org));
  const map = await importHall(org.api, where.venueId, {
    ...options,
    name: options.name ?? `Hall ${Math.random().toString(36).slice(2, 8)}`,
  });
  const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const performance = await org.api.post<{ id: string }>('/v1/performances', {
    eventId: where.eventId,
    startsAt,
    capacity: mapCapacity(map),
  });
  const attached = await org.api.put(`/v1/performances/${performance.body.id}/seat-map`, {
    seatMapId: map.id,
  });
  if (attached.status !== 200) throw new Error(`attach: ${attached.status} ${attached.text}`);
  return { ...where, performanceId: performance.body.id, map };
}
