import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { AcquireResponse } from '../../shared/sync/protocol';
import type { Database } from '../../src-server/db/database';
import type { SeededOrganisation } from './server-api';
import type { Till } from './till';

export { discountedSale, enrol, newPerformance, openTill, pushTill, seedHall, type Till } from './till';

// The escrow checks the server's sync tests share, and (from ./till) a terminal as the server sees it.

/** A venue of the organisation, for terminals to enrol at. */
export async function createVenue(org: SeededOrganisation): Promise<string> {
  const venue = await org.api.post<{ id: string }>('/v1/venues', {
    name: 'Hall',
    currency: 'EUR',
    timezone: 'UTC',
  });
  if (venue.status !== 201) throw new Error(`venue create failed: ${venue.text}`);
  return venue.body.id;
}

/** A manager sets how much of each counter a terminal may hold (PUT /v1/terminals/:id/lease-cap). */
export async function setLeaseCap(org: SeededOrganisation, terminalId: string, percent: number | null) {
  const set = await org.api.put(`/v1/terminals/${terminalId}/lease-cap`, { percent });
  if (set.status !== 200) throw new Error(`lease-cap failed: ${set.text}`);
  return set.body;
}

export function acquireLease(t: Till, counter: string, want: number, requestId: string = randomUUID()) {
  return t.api.post<AcquireResponse>('/v1/leases/acquire', {
    terminalId: t.id,
    epoch: t.epoch,
    requestId,
    counter,
    want,
  });
}

/** limit = unallocated + Σ(granted − returned) + absorbed, unallocated ≥ 0, for every counter. */
export async function assertConservation(db: Database): Promise<void> {
  const rows = await db.query<{
    counter: string;
    limit: number;
    unallocated: number;
    absorbed: number;
    out: number;
  }>(
    `SELECT c.counter, c.limit_units AS "limit", c.unallocated, c.absorbed,
       COALESCE((SELECT sum(granted - returned) FROM escrow_leases l WHERE l.org_id = c.org_id AND l.counter = c.counter), 0)::bigint AS out
     FROM escrow_counters c`,
  );
  for (const row of rows) {
    expect(row.unallocated, row.counter).toBeGreaterThanOrEqual(0);
    expect(row.unallocated + row.out + row.absorbed, row.counter).toBe(row.limit);
  }
}

export async function counterState(db: Database, key: string) {
  const [row] = await db.query<{ limit: number; unallocated: number; absorbed: number }>(
    'SELECT limit_units AS "limit", unallocated, absorbed FROM escrow_counters WHERE counter = $1',
    [key],
  );
  return row;
}
