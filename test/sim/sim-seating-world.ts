import type { SeatMap } from '../../shared/seating/types';
import type { Admin } from './sim-setup';

// The simulation's seated hall (docs/SEATING.md), set up through the admin API as a manager would: a
// small map of two seated sections and two bands, each band priced by one of the event's price bands,
// attached to two performances of its own event, so the unseated sales of the rest of the run are not
// touched. One seat carries a house hold and one is killed, so every state but `blocked` is reached
// without a manager's step. Terminals T1 and T2 lease seats of both performances at shift open.

export interface SeatedHall {
  eventId: string;
  /** Tonight's, starting three hours in (its leases end within many runs), and one in two days. */
  performanceIds: string[];
  map: SeatMap;
  ticketTypeIds: string[];
}

const SECTIONS = [
  { name: 'Stalls', band: 'Front', rows: ['A', 'B', 'C'] },
  { name: 'Circle', band: 'Back', rows: ['D', 'E'] },
] as const;
const SEATS_PER_ROW = 6;
/** Lease plans by terminal index: seats per performance, and where. */
const PLANS: Record<number, { seats: number; section: string }> = {
  0: { seats: 4, section: 'Stalls' },
  1: { seats: 3, section: 'Circle' },
};

export async function seedSeatedHall(admin: Admin, venueId: string, startMs: number): Promise<SeatedHall> {
  const event = await admin<{ id: string }>('POST', '/v1/events', { venueId, name: 'Sim recital' });
  const bands: string[] = [];
  for (const { band } of SECTIONS)
    bands.push(
      (await admin<{ id: string }>('POST', '/v1/price-bands', { eventId: event.id, name: band })).id,
    );
  const ticketTypeIds: string[] = [];
  for (const [name, price] of [
    ['Adult', 3900],
    ['Child', 1950],
  ] as const) {
    const type = await admin<{ id: string }>('POST', '/v1/ticket-types', { eventId: event.id, name });
    ticketTypeIds.push(type.id);
    for (const [i, priceBandId] of bands.entries())
      await admin('POST', '/v1/ticket-prices', {
        eventId: event.id,
        ticketTypeId: type.id,
        priceBandId,
        // The Circle sells for less than the Stalls.
        unitPrice: price - i * 900,
        vatRate: 700,
      });
  }
  const seats = SECTIONS.flatMap(({ name, band, rows }) =>
    rows.flatMap((row, r) =>
      Array.from({ length: SEATS_PER_ROW }, (_, i) => ({
        section: name,
        row,
        seat: String(i + 1),
        x: i * 10,
        y: (name === 'Circle' ? 40 : 0) + r * 10,
        band,
        ...(row === 'A' && i === 0 ? { hold: 'house' } : {}),
        ...(row === 'E' && i === SEATS_PER_ROW - 1 ? { hold: 'kill' } : {}),
      })),
    ),
  );
  const map = await admin<SeatMap>('POST', '/v1/seat-maps/import', {
    venueId,
    name: 'Sim recital hall',
    format: 'json',
    content: JSON.stringify({
      bands: SECTIONS.map((s) => s.band),
      sections: SECTIONS.map((s) => ({ name: s.name, kind: 'seated' })),
      seats,
    }),
  });
  const performanceIds: string[] = [];
  for (const hours of [3, 48]) {
    const performance = await admin<{ id: string }>('POST', '/v1/performances', {
      eventId: event.id,
      startsAt: new Date(startMs + hours * 3_600_000).toISOString(),
      // The map's capacity: every seat but the killed one (shared/seating/capacity.ts).
      capacity: seats.length - 1,
    });
    await admin('PUT', `/v1/performances/${performance.id}/seat-map`, { seatMapId: map.id });
    performanceIds.push(performance.id);
  }
  return { eventId: event.id, performanceIds, map, ticketTypeIds };
}

/** A manager's seat lease plans for the terminal at `index` (none for the others). */
export async function planSeatLeases(
  admin: Admin,
  hall: SeatedHall,
  terminalId: string,
  index: number,
): Promise<void> {
  const plan = PLANS[index];
  const section = plan && hall.map.sections.find((s) => s.name === plan.section);
  if (!plan || !section) return;
  for (const performanceId of hall.performanceIds)
    await admin('PUT', `/v1/terminals/${terminalId}/seat-lease-plans`, {
      performanceId,
      seats: plan.seats,
      sectionId: section.id,
    });
}
