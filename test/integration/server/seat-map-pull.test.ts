import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CHANGE_ENTITIES,
  pullResponseSchema,
  type Change,
  type PullResponse,
} from '../../../shared/sync/protocol';
import type { SeatMap } from '../../../shared/seating/types';
import { importHall, seatedEvent, seatedPerformance } from '../../helpers/seat-maps';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { openTill, type Till } from '../../helpers/sync-server';

// docs/SEATING.md "Seat maps at the terminal": every map a performance uses reaches terminals whole,
// in a full snapshot and again after each change to it or to its use; the performance names its map.
// Only to terminals that say they understand maps: an older terminal's change schema would refuse them.

/** The change schema of a terminal older than seating: its entities, without `seatMap`. */
const olderChangeSchema = z.union([
  z.object({
    entity: z.enum(CHANGE_ENTITIES.filter((e) => e !== 'seatMap') as [string, ...string[]]),
    id: z.string().min(1),
    data: z.record(z.string(), z.unknown()),
  }),
  z.object({
    entity: z.enum(CHANGE_ENTITIES.filter((e) => e !== 'seatMap') as [string, ...string[]]),
    id: z.string().min(1),
    deleted: z.literal(true),
  }),
]);

describe.each(backends)('seat maps in the pull (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let till: Till;
  let used: { performanceId: string; map: SeatMap };
  let unused: SeatMap;
  let cursor: string | null = null;
  let venueId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Pulled seats');
    const where = await seatedEvent(org);
    venueId = where.venueId;
    used = await seatedPerformance(org, { seats: 2000, gaCapacity: 100, kill: 2 }, where);
    unused = await importHall(org.api, where.venueId, { seats: 20, name: 'Rehearsal room' });
    till = await openTill(org, server.url, where.venueId, org.managerId);
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  /** Every page until `more` is false, from the cursor held; the changes of all of them. */
  const pullAll = async (limit?: number): Promise<Change[]> => {
    const changes: Change[] = [];
    for (;;) {
      const reply = await till.api.post('/v1/sync/pull', {
        terminalId: till.id,
        cursor,
        limit,
        seatMaps: true,
      });
      expect(reply.status, reply.text).toBe(200);
      const page = pullResponseSchema.parse(reply.body) as PullResponse;
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return changes;
    }
  };
  const mapsIn = (changes: Change[]) =>
    changes.filter(
      (c): c is Extract<Change, { entity: 'seatMap'; data: SeatMap }> =>
        c.entity === 'seatMap' && 'data' in c,
    );
  const performanceIn = (changes: Change[], id: string) =>
    changes.find(
      (c): c is Extract<Change, { entity: 'performance'; data: unknown }> =>
        c.entity === 'performance' && c.id === id && 'data' in c,
    );

  it('sends each map in use, whole, in a snapshot paged small, and the performance names it', async () => {
    const changes = await pullAll(7);
    const maps = mapsIn(changes);
    expect(maps.map((m) => m.id)).toEqual([used.map.id]);
    const read = await org.api.get<SeatMap>(`/v1/seat-maps/${used.map.id}`);
    expect(maps[0]?.data).toEqual(read.body);
    expect(maps[0]?.data.seats).toHaveLength(2000);
    expect(performanceIn(changes, used.performanceId)?.data).toMatchObject({ seatMapId: used.map.id });
    expect(changes.some((c) => c.id === unused.id)).toBe(false);
    // Nothing changed since: the next pull is empty.
    expect(await pullAll()).toEqual([]);
  });

  it('sends the map again after an edit, and a map newly attached', async () => {
    const edited = await org.api.patch<SeatMap>(`/v1/seat-maps/${used.map.id}/seats`, {
      seatIds: [used.map.seats[0]!.id],
      flags: ['companion'],
    });
    expect(edited.status).toBe(200);
    let maps = mapsIn(await pullAll());
    expect(maps.map((m) => [m.id, m.data.version])).toEqual([[used.map.id, 2]]);
    expect(maps[0]?.data.seats.find((s) => s.id === used.map.seats[0]!.id)?.flags).toEqual(['companion']);

    const second = await seatedPerformance(org, { seats: 40, name: 'Studio two' });
    const changes = await pullAll();
    maps = mapsIn(changes);
    expect(maps.map((m) => m.id)).toEqual([second.map.id]);
    expect(performanceIn(changes, second.performanceId)?.data).toMatchObject({ seatMapId: second.map.id });
  });

  it('tells the terminal when a performance drops its map and when the map is deleted', async () => {
    const off = await org.api.put(`/v1/performances/${used.performanceId}/seat-map`, { seatMapId: null });
    expect(off.status, off.text).toBe(200);
    let changes = await pullAll();
    expect(performanceIn(changes, used.performanceId)?.data).toMatchObject({ seatMapId: null });
    expect((await org.api.delete(`/v1/seat-maps/${used.map.id}`)).status).toBe(204);
    changes = await pullAll();
    expect(changes).toEqual([{ entity: 'seatMap', id: used.map.id, deleted: true }]);
  });

  it('sends no map and no seatMapId to a terminal that does not say it understands maps, and a snapshot once it does', async () => {
    const older = await openTill(org, server.url, venueId, org.managerId);
    let olderCursor: string | null = null;
    const pullOlder = async (body: Record<string, unknown> = {}) => {
      const pages: PullResponse[] = [];
      for (;;) {
        const reply = await older.api.post('/v1/sync/pull', {
          terminalId: older.id,
          cursor: olderCursor,
          ...body,
        });
        expect(reply.status, reply.text).toBe(200);
        const page = pullResponseSchema.parse(reply.body) as PullResponse;
        pages.push(page);
        olderCursor = page.cursor;
        if (!page.more) return pages;
      }
    };
    const third = await seatedPerformance(org, { seats: 30, name: 'Studio three' });
    const snapshot = (await pullOlder()).flatMap((p) => p.changes);
    expect(snapshot.length).toBeGreaterThan(0);
    for (const change of snapshot)
      expect(olderChangeSchema.safeParse(change).success, change.entity).toBe(true);
    expect(mapsIn(snapshot)).toEqual([]);
    const performance = performanceIn(snapshot, third.performanceId);
    expect(performance?.data).toBeDefined();
    expect(performance?.data).not.toHaveProperty('seatMapId');

    // Changes: an edited map moves its performance, a deleted map leaves a tombstone; neither map goes.
    await org.api.patch(`/v1/seat-maps/${third.map.id}/seats`, {
      seatIds: [third.map.seats[0]!.id],
      flags: ['aisle'],
    });
    expect((await org.api.delete(`/v1/seat-maps/${unused.id}`)).status).toBe(204);
    const changes = (await pullOlder()).flatMap((p) => p.changes);
    for (const change of changes)
      expect(olderChangeSchema.safeParse(change).success, change.entity).toBe(true);
    expect(performanceIn(changes, third.performanceId)?.data).not.toHaveProperty('seatMapId');
    expect(changes.some((c) => c.entity === 'seatMap')).toBe(false);

    // Updated to understand maps, with the cursor it holds: a full snapshot that brings the map.
    const updated = await pullOlder({ seatMaps: true });
    expect(updated[0]?.reset).toBe(true);
    const all = updated.flatMap((p) => p.changes);
    // Every map in use arrives, this one as edited.
    expect(mapsIn(all).map((m) => [m.id, m.data.version])).toContainEqual([third.map.id, 2]);
    expect(performanceIn(all, third.performanceId)?.data).toMatchObject({ seatMapId: third.map.id });
  });
});
