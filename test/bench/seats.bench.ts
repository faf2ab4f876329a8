import { randomUUID } from 'node:crypto';
import { bestAvailable } from '../../shared/seating/best-available';
import type { SeatLeaseAcquireResponse } from '../../shared/sync/seat-protocol';
import { makeSeatMap, scatterSold } from '../fixtures/seat-hall';
import { seedSeatedPerformance } from '../helpers/seat-world';
import { seedOrganisation } from '../helpers/server-api';
import { startTestServer } from '../helpers/server-db';
import { openTill, seedHall } from '../helpers/sync-server';
import { percentile, round, sample, type BenchSuite, type Figure } from './harness';

// Reserved seating (docs/SEATING.md): best available over a full hall, and a terminal's seat lease
// acquire over HTTP.

const HALL = { seats: 2000, sections: 3, perRow: 30 };

/** N = 6 in a 2,000-seat hall half sold in a scattered (seeded) pattern: p95 of one search. */
async function bestAvailableFigure(): Promise<Figure> {
  const map = makeSeatMap(HALL);
  const sold = scatterSold(map, 0.5);
  const available = (id: string) => !sold.has(id);
  const coldStart = performance.now();
  const first = bestAvailable(map, available, 6);
  const cold = performance.now() - coldStart;
  if ((first.together ?? first.split?.flat() ?? []).length !== 6)
    throw new Error('best available found no 6');
  const times = await sample(() => bestAvailable(map, available, 6), 500);
  return {
    name: 'seats.best_available_ms',
    value: round(percentile(times, 95)),
    unit: 'ms',
    target: { op: '<=', value: 5 },
    note: `p95 of N=6 in a 2,000-seat hall half sold (scattered); first search with the map's rows worked out: ${round(cold)} ms`,
  };
}

const LEASE_SEATS = 20;
const LEASE_RUNS = 15;

/** One terminal's acquire of a 20-seat plan in that hall, over HTTP on PostgreSQL: median. */
async function leaseAcquireFigure(): Promise<Figure | undefined> {
  if (!process.env.DATABASE_URL) {
    console.error('seats.lease_acquire_ms needs PostgreSQL (set DATABASE_URL): skipped');
    return undefined;
  }
  const server = await startTestServer('postgres');
  try {
    const db = server.database.db;
    const org = await seedOrganisation(db, server.url, 'Seats bench');
    const { venueId, eventId } = await seedHall(org);
    const map = makeSeatMap({ ...HALL, venueId });
    const performanceId = await seedSeatedPerformance(db, org.api, {
      orgId: org.organisationId,
      eventId,
      map,
    });
    await db.query(
      `UPDATE performance_seats SET state = 'sold', sale_id = gen_random_uuid()
       WHERE performance_id = $1 AND seat_id = ANY($2::uuid[])`,
      [performanceId, [...scatterSold(map, 0.5)]],
    );
    const times: number[] = [];
    for (let i = 0; i < LEASE_RUNS; i++) {
      const till = await openTill(org, server.url, venueId, org.managerId);
      const plan = await org.api.put(`/v1/terminals/${till.id}/seat-lease-plans`, {
        performanceId,
        seats: LEASE_SEATS,
      });
      if (plan.status !== 200) throw new Error(`plan: ${plan.status} ${plan.text}`);
      const started = performance.now();
      const answer = await till.api.post<SeatLeaseAcquireResponse>('/v1/sync/seats/leases/acquire', {
        requestId: randomUUID(),
      });
      times.push(performance.now() - started);
      const granted = answer.body.leases.flatMap((l) => l.seatIds).length;
      if (answer.status !== 200 || granted !== LEASE_SEATS) {
        throw new Error(`acquire: ${answer.status} granted ${granted}: ${answer.text.slice(0, 200)}`);
      }
    }
    times.sort((a, b) => a - b);
    return {
      name: 'seats.lease_acquire_ms',
      value: round(percentile(times, 50)),
      unit: 'ms',
      note: `median of ${LEASE_RUNS} terminals each acquiring a ${LEASE_SEATS}-seat plan over HTTP in a 2,000-seat hall half sold, on PostgreSQL (p95 ${round(percentile(times, 95))} ms)`,
    };
  } finally {
    await server.close();
  }
}

export const seatsSuite: BenchSuite = {
  name: 'seats',
  async run() {
    const figures = [await bestAvailableFigure()];
    const lease = await leaseAcquireFigure();
    if (lease) figures.push(lease);
    return figures;
  },
};
