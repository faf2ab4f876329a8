import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SeatMapListItem,
  SeatMapRefusal,
  PerformanceSeatsView,
} from '../../../shared/seating/admin-api';
import { gaCapacity, mapCapacity } from '../../../shared/seating/capacity';
import { watermark } from '../../../src-server/db/repos/change-pos';
import type { SeatMap } from '../../../shared/seating/types';
import { hallCsv, HALL_BANDS, makeHall } from '../../fixtures/seat-maps';
import { importHall, seatedEvent, seatedPerformance } from '../../helpers/seat-maps';
import {
  seedOrganisation,
  signInAs,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { acquireLease, counterState, openTill } from '../../helpers/sync-server';
import type { SeatCartResponse, SeatStatesResponse } from '../../../shared/sync/seat-protocol';

// docs/SEATING.md "Seat maps", "Capacity of a seated performance": seat maps through the real HTTP
// server, imported whole or not at all, attached to performances with their states seeded, held and
// blocked by managers, and refused to anyone without catalogue.manage.

const EXAMPLE_JSON = readFileSync('docs/examples/seat-map.json', 'utf8');
const EXAMPLE_CSV = readFileSync('docs/examples/seat-map.csv', 'utf8');

describe.each(backends)('seat maps (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let seller: ApiClient;
  let venueId: string;
  let eventId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Seating');
    ({ venueId, eventId } = await seatedEvent(org));
    seller = (await signInAs(org.api, server.url, 'seller')).api;
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  const db = () => server.database.db;
  const rowCounts = async () =>
    (
      await db().query<{ maps: number; sections: number; seats: number }>(
        `SELECT (SELECT count(*)::int FROM seat_maps) AS maps, (SELECT count(*)::int FROM seat_sections) AS sections,
                (SELECT count(*)::int FROM seats) AS seats`,
      )
    )[0]!;
  const importMap = (body: Record<string, unknown>, api = org.api) =>
    api.post<SeatMap & SeatMapRefusal>('/v1/seat-maps/import', { venueId, ...body });
  const newPerformance = async (capacity: number) =>
    (
      await org.api.post<{ id: string }>('/v1/performances', {
        eventId,
        startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
        capacity,
      })
    ).body.id;
  const seatsOf = (performanceId: string) =>
    org.api.get<PerformanceSeatsView>(`/v1/performances/${performanceId}/seats`);

  it('imports a 2,000-seat hall from JSON and from CSV, and lists and reads it', async () => {
    const hall = makeHall({ seats: 2000, gaCapacity: 150 });
    const fromJson = await importMap({ name: 'Main house', format: 'json', content: JSON.stringify(hall) });
    expect(fromJson.status, fromJson.text).toBe(201);
    const map = fromJson.body;
    expect(map).toMatchObject({ venueId, name: 'Main house', bands: [...HALL_BANDS], version: 1 });
    expect(map.sections.map((s) => [s.name, s.kind, s.capacity, s.band])).toEqual([
      ['Stalls', 'seated', null, null],
      ['Circle', 'seated', null, null],
      ['Standing', 'ga', 150, 'Rear'],
    ]);
    expect(map.seats).toHaveLength(2000);
    const stalls = map.sections[0]!.id;
    expect(map.seats.find((s) => s.sectionId === stalls && s.row === 'A' && s.label === '1')).toMatchObject({
      x: -145,
      y: 0,
      band: 'Premium',
      flags: ['aisle'],
      hold: null,
    });
    expect(map.seats.filter((s) => s.flags.includes('wheelchair'))).toHaveLength(2);
    expect(mapCapacity(map)).toBe(2150);

    const csv = await importMap({
      name: 'Main house (CSV)',
      format: 'csv',
      content: hallCsv(hall),
      bands: [...HALL_BANDS],
    });
    expect(csv.status, csv.text).toBe(201);
    expect(csv.body.seats).toHaveLength(2000);
    expect(csv.body.sections.map((s) => s.name)).toEqual(['Stalls', 'Circle']);

    const listed = await org.api.get<{ maps: SeatMapListItem[] }>(`/v1/seat-maps?venueId=${venueId}`);
    expect(listed.body.maps).toEqual(
      expect.arrayContaining([
        { id: map.id, venueId, name: 'Main house', seats: 2000, gaCapacity: 150, version: 1 },
        { id: csv.body.id, venueId, name: 'Main house (CSV)', seats: 2000, gaCapacity: 0, version: 1 },
      ]),
    );
    const read = await org.api.get<SeatMap>(`/v1/seat-maps/${map.id}`);
    expect(read.body).toEqual(map);

    const again = await importMap({ name: 'Main house', format: 'json', content: JSON.stringify(hall) });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/called "Main house" already/);
  });

  it('imports the documented examples', async () => {
    const json = await importMap({ name: 'Studio', format: 'json', content: EXAMPLE_JSON });
    expect(json.status, json.text).toBe(201);
    expect(mapCapacity(json.body)).toBe(47);
    const csv = await importMap({
      name: 'Studio CSV',
      format: 'csv',
      content: EXAMPLE_CSV,
      bands: ['Front', 'Back'],
    });
    expect(csv.status, csv.text).toBe(201);
    expect(csv.body.sections.map((s) => s.name)).toEqual(['Stalls', 'Circle, left']);
  });

  it('refuses each bad import with its row and saves nothing', async () => {
    const before = await rowCounts();
    const refused = async (body: Record<string, unknown>, rows: number[], sentence: RegExp) => {
      const reply = await importMap({ name: `Bad ${rows.join('-')}`, ...body });
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body).toMatchObject({ reason: 'SEAT_MAP_INVALID', error: 'SEAT_MAP_INVALID' });
      expect(reply.body.problems.map((p) => p.row)).toEqual(rows);
      expect(reply.body.problems.map((p) => p.message).join(' ')).toMatch(sentence);
      expect(reply.body.message).toMatch(/was not imported/);
    };
    const hall = () => makeHall({ seats: 300, gaCapacity: 20 });

    const duplicate = hall();
    duplicate.seats[299] = { ...duplicate.seats[299]!, section: 'Stalls', row: 'A', seat: '7' };
    await refused(
      { format: 'json', content: JSON.stringify(duplicate) },
      [300],
      /Stalls, row A, seat 7 is there already \(row 7\)/,
    );

    const unknownSection = hall();
    unknownSection.seats[41] = { ...unknownSection.seats[41]!, section: 'Balcony' };
    await refused({ format: 'json', content: JSON.stringify(unknownSection) }, [42], /section "Balcony"/);

    const twoAreas = hall();
    twoAreas.sections.push({ name: 'Terrace', kind: 'ga', capacity: 5, band: 'Rear' });
    await refused({ format: 'json', content: JSON.stringify(twoAreas) }, [0], /at most one GA area/);

    const bareArea = hall();
    bareArea.sections[2] = { name: 'Standing', kind: 'ga' };
    await refused({ format: 'json', content: JSON.stringify(bareArea) }, [0], /needs a capacity and a band/);

    const csvLines = hallCsv(hall()).split('\n');
    csvLines[10] = ',J,1,0,0,Premium';
    csvLines[20] = 'Stalls,A,20,0,0,Gold';
    csvLines[30] = 'Stalls,B,7,left,0,Premium';
    await refused(
      { format: 'csv', content: csvLines.join('\n'), bands: [...HALL_BANDS] },
      [11, 21, 31],
      /section is empty.*"Gold" is not one of the map's bands.*x is "left", not a number/,
    );
    await refused({ format: 'csv', content: hallCsv(hall()) }, [0], /Name the bands the CSV uses/);
    await refused({ format: 'json', content: '{"bands": ["A"], ' }, [0], /not valid JSON/);

    expect(await rowCounts()).toEqual(before);
    // A venue of another organisation, or none, is no venue.
    const other = await importMap({
      venueId: '00000000-0000-7000-8000-000000000000',
      name: 'X',
      format: 'json',
      content: EXAMPLE_JSON,
    });
    expect(other.status).toBe(400);
    expect(other.body.reason).toBe('REFERENCE_NOT_FOUND');
  });

  it('attaches a map only with priced bands and the same capacity, seeding states and the GA counter', async () => {
    const map = await importHall(org.api, venueId, {
      seats: 400,
      gaCapacity: 50,
      kill: 3,
      name: 'Attach hall',
    });
    const capacity = mapCapacity(map);
    expect(capacity).toBe(447);
    const performanceId = await newPerformance(500);
    const attach = (seatMapId: string | null) =>
      org.api.put<{ seatMapId: string | null; reason: string; message: string; version: number }>(
        `/v1/performances/${performanceId}/seat-map`,
        { seatMapId },
      );

    const wrongCapacity = await attach(map.id);
    expect(wrongCapacity.status).toBe(400);
    expect(wrongCapacity.body.reason).toBe('CAPACITY_NOT_MAP');
    expect(wrongCapacity.body.message).toMatch(
      /capacity is 500, but the map "Attach hall" holds 447 \(397 sellable seats and 50 GA places\): set the performance's capacity to 447/,
    );

    const oddBands = makeHall({ seats: 10 });
    oddBands.bands = ['Premium', 'Gallery'];
    for (const seat of oddBands.seats) seat.band = 'Gallery';
    const odd = await importMap({ name: 'Gallery hall', format: 'json', content: JSON.stringify(oddBands) });
    expect(odd.status, odd.text).toBe(201);
    await org.api.patch(`/v1/performances/${performanceId}`, { capacity: 10 });
    const unknownBand = await attach(odd.body.id);
    expect(unknownBand.status).toBe(400);
    expect(unknownBand.body.reason).toBe('BAND_NOT_PRICED');
    expect(unknownBand.body.message).toMatch(
      /band "Gallery" names no price band of this event \(its price bands: Premium, Rear, Standard\)/,
    );
    const nothing = await db().query('SELECT 1 FROM performance_seats WHERE performance_id = $1', [
      performanceId,
    ]);
    expect(nothing).toEqual([]);

    await org.api.patch(`/v1/performances/${performanceId}`, { capacity });
    const attached = await attach(map.id);
    expect(attached.status, attached.text).toBe(200);
    expect(attached.body).toMatchObject({ seatMapId: map.id, capacity });

    const view = (await seatsOf(performanceId)).body;
    expect(view.map.id).toBe(map.id);
    expect(view.statuses).toHaveLength(400);
    const killed = view.statuses.filter((s) => s.state === 'held');
    expect(killed).toHaveLength(3);
    expect(
      killed.every((s) => s.holdKind === 'kill' && s.holder === org.managerId && s.expiresAt === null),
    ).toBe(true);
    expect(view.statuses.filter((s) => s.state === 'free')).toHaveLength(397);
    const positions = await db().query<{ n: number }>(
      'SELECT count(*)::int AS n FROM performance_seats WHERE performance_id = $1 AND change_pos > 0',
      [performanceId],
    );
    expect(positions[0]?.n).toBe(400);

    // The capacity counter counts the GA places only: a terminal is granted from 50, not 447.
    const till = await openTill(org, server.url, venueId, org.managerId);
    const lease = await acquireLease(till, `capacity:${performanceId}`, 1000);
    expect(lease.body.limit).toBe(gaCapacity(map));
    expect((await counterState(db(), `capacity:${performanceId}`))?.limit).toBe(50);

    // Its capacity stays the map's.
    const edit = await org.api.patch<{ reason: string; message: string }>(
      `/v1/performances/${performanceId}`,
      { capacity: 460 },
    );
    expect(edit.status).toBe(400);
    expect(edit.body.message).toMatch(
      /uses the seat map "Attach hall", so its capacity is the map's: 447 .*not 460/,
    );
    expect(
      (await org.api.patch(`/v1/performances/${performanceId}`, { capacity, status: 'on_sale' })).status,
    ).toBe(200);
    expect((await counterState(db(), `capacity:${performanceId}`))?.limit).toBe(50);

    // Once a seat is in a cart the map cannot change.
    const seat = view.statuses.find((s) => s.state === 'free')!.seatId;
    await db().query(
      `UPDATE performance_seats SET state = 'cart', holder = $3, cart_id = 'cart-1', expires_at = now() + interval '10 minutes'
        WHERE performance_id = $1 AND seat_id = $2`,
      [performanceId, seat, till.id],
    );
    const locked = await attach(null);
    expect(locked.status).toBe(409);
    expect(locked.body.message).toMatch(
      /1 seat\(s\) of this performance are sold, leased to terminals or in carts/,
    );
    await db().query(
      `UPDATE performance_seats SET state = 'free', holder = NULL, cart_id = NULL, expires_at = NULL
        WHERE performance_id = $1 AND seat_id = $2`,
      [performanceId, seat],
    );

    // Taking the map off clears the states; the counter counts the whole capacity again.
    const off = await attach(null);
    expect(off.status, off.text).toBe(200);
    expect(off.body.seatMapId).toBeNull();
    expect(
      await db().query('SELECT 1 FROM performance_seats WHERE performance_id = $1', [performanceId]),
    ).toEqual([]);
    expect((await counterState(db(), `capacity:${performanceId}`))?.limit).toBe(capacity);
  });

  it('seeds attached seats at a real position, and lets a cart take racing a manager hold end with one owner', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    // What a terminal asking just before would have been told to ask from next (change-pos.ts).
    const before = (await watermark(db())) - 1;
    const { performanceId, map } = await seatedPerformance(org, { seats: 40 }, { venueId, eventId });
    // A terminal that last looked before the attach is told of every seat.
    const since = await till.api.get<SeatStatesResponse>(`/v1/sync/seats/${performanceId}?since=${before}`);
    expect(since.status, since.text).toBe(200);
    expect(since.body.full).toBe(false);
    expect(since.body.statuses).toHaveLength(40);

    // Carts and pushes lock seats by id; so do a manager's holds: they queue.
    const ids = map.seats.map((s) => s.id);
    for (let round = 0; round < 6; round += 1) {
      const pair = ids.slice(round * 2, round * 2 + 2);
      const [cart, hold] = await Promise.all([
        till.api.post<SeatCartResponse>('/v1/sync/seats/cart', {
          performanceId,
          cartId: `race-${round}`,
          take: pair,
          release: [],
        }),
        org.api.post<{ reason: string }>(`/v1/performances/${performanceId}/seats/hold`, {
          seatIds: [...pair].reverse(),
          kind: 'house',
        }),
      ]);
      expect(cart.status, cart.text).toBe(200);
      expect([200, 409], hold.text).toContain(hold.status);
      const cartWon = cart.body.taken.length === 2;
      expect(cartWon).toBe(hold.status === 409);
      if (!cartWon) expect(cart.body.refused.map((r) => r.state)).toEqual(['held', 'held']);
      else expect(hold.body.reason).toBe('SEATS_NOT_FREE');
      const states = await db().query<{ state: string }>(
        'SELECT state FROM performance_seats WHERE performance_id = $1 AND seat_id = ANY($2::uuid[])',
        [performanceId, pair],
      );
      expect(states.map((r) => r.state)).toEqual(cartWon ? ['cart', 'cart'] : ['held', 'held']);
    }
  });

  it('holds, releases, blocks and unblocks free seats only, naming a refused seat', async () => {
    const { performanceId, map } = await seatedPerformance(org, { seats: 60, kill: 1 }, { venueId, eventId });
    const stalls = map.sections.find((s) => s.name === 'Stalls')!.id;
    const seat = (row: string, label: string) =>
      map.seats.find((s) => s.sectionId === stalls && s.row === row && s.label === label)!.id;
    const act = (action: string, body: Record<string, unknown>) =>
      org.api.post<PerformanceSeatsView & { reason: string; message: string }>(
        `/v1/performances/${performanceId}/seats/${action}`,
        body,
      );
    const stateOf = (view: PerformanceSeatsView, id: string) => view.statuses.find((s) => s.seatId === id);
    const positionOf = async (id: string) =>
      Number(
        (
          await db().query<{ p: string }>(
            'SELECT change_pos::text AS p FROM performance_seats WHERE performance_id = $1 AND seat_id = $2',
            [performanceId, id],
          )
        )[0]?.p,
      );

    const a1 = seat('A', '1');
    const a2 = seat('A', '2');
    const start = await positionOf(a1);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const held = await act('hold', { seatIds: [a1, a2], kind: 'press', expiresAt });
    expect(held.status, held.text).toBe(200);
    expect(stateOf(held.body, a1)).toEqual({
      seatId: a1,
      state: 'held',
      holder: org.managerId,
      holdKind: 'press',
      expiresAt,
    });
    expect(await positionOf(a1)).toBeGreaterThan(start);

    const again = await act('block', { seatIds: [seat('A', '3'), a2] });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      'Stalls, row A, seat 2 is held: only free seats can be blocked. Nothing was changed.',
    );
    expect(stateOf((await seatsOf(performanceId)).body, seat('A', '3'))?.state).toBe('free');

    const killed = map.seats.find((s) => s.hold === 'kill')!;
    const kill = await act('hold', { seatIds: [killed.id], kind: 'house' });
    expect(kill.status).toBe(409);
    expect(kill.body.message).toMatch(/row B, seat \d+ is held: only free seats can be held/);

    const released = await act('release', { seatIds: [a1, a2] });
    expect(released.status, released.text).toBe(200);
    expect(stateOf(released.body, a1)).toMatchObject({
      state: 'free',
      holder: null,
      holdKind: null,
      expiresAt: null,
    });
    expect((await act('release', { seatIds: [a1] })).body.message).toMatch(
      /seat 1 is free: only held seats can be released/,
    );

    const blocked = await act('block', { seatIds: [a1] });
    expect(stateOf(blocked.body, a1)).toMatchObject({ state: 'blocked', holder: null });
    expect((await act('hold', { seatIds: [a1], kind: 'house' })).status).toBe(409);
    const unblocked = await act('unblock', { seatIds: [a1] });
    expect(stateOf(unblocked.body, a1)?.state).toBe('free');
    expect((await act('unblock', { seatIds: [a1] })).status).toBe(409);

    const foreign = await act('hold', { seatIds: ['00000000-0000-7000-8000-000000000001'], kind: 'house' });
    expect(foreign.status).toBe(404);
  });

  it('edits seats with a new version, refuses unknown bands and kills on a map in use, and deletes unused maps only', async () => {
    const { performanceId, map } = await seatedPerformance(org, { seats: 30 }, { venueId, eventId });
    const ids = map.seats.slice(0, 2).map((s) => s.id);
    const edited = await org.api.patch<SeatMap>(`/v1/seat-maps/${map.id}/seats`, {
      seatIds: ids,
      band: 'rear',
      flags: ['restricted_view'],
      expectedVersion: 1,
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.seats.filter((s) => ids.includes(s.id)).map((s) => [s.band, s.flags])).toEqual([
      ['Rear', ['restricted_view']],
      ['Rear', ['restricted_view']],
    ]);
    const stale = await org.api.patch(`/v1/seat-maps/${map.id}/seats`, {
      seatIds: ids,
      band: 'Rear',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    const unknown = await org.api.patch<{ message: string }>(`/v1/seat-maps/${map.id}/seats`, {
      seatIds: ids,
      band: 'Gold',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/"Gold" is not one of this map's bands \(Premium, Standard, Rear\)/);
    const kill = await org.api.patch<{ message: string }>(`/v1/seat-maps/${map.id}/seats`, {
      seatIds: ids,
      hold: 'kill',
    });
    expect(kill.status).toBe(409);
    expect(kill.body.message).toMatch(/changes the capacity of the 1 performance/);
    const house = await org.api.patch<SeatMap>(`/v1/seat-maps/${map.id}/seats`, {
      seatIds: ids,
      hold: 'house',
    });
    expect(house.status).toBe(200);

    const inUse = await org.api.delete<{ reason: string; message: string }>(`/v1/seat-maps/${map.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toMatch(/A performance uses this seat map/);
    expect(
      (await org.api.put(`/v1/performances/${performanceId}/seat-map`, { seatMapId: null })).status,
    ).toBe(200);
    expect((await org.api.delete(`/v1/seat-maps/${map.id}`)).status).toBe(204);
    expect((await org.api.get(`/v1/seat-maps/${map.id}`)).status).toBe(404);
    const tombstone = await db().query("SELECT 1 FROM sync_tombstones WHERE entity = 'seatMap' AND id = $1", [
      map.id,
    ]);
    expect(tombstone).toHaveLength(1);
  });

  it('refuses a seller every seat-map route', async () => {
    const map = (await org.api.get<{ maps: SeatMapListItem[] }>('/v1/seat-maps')).body.maps[0]!;
    const performanceId = await newPerformance(10);
    const replies = await Promise.all([
      importMap({ name: 'Seller', format: 'json', content: EXAMPLE_JSON }, seller),
      seller.get('/v1/seat-maps'),
      seller.get(`/v1/seat-maps/${map.id}`),
      seller.patch(`/v1/seat-maps/${map.id}/seats`, { seatIds: [map.id], band: 'Rear' }),
      seller.delete(`/v1/seat-maps/${map.id}`),
      seller.put(`/v1/performances/${performanceId}/seat-map`, { seatMapId: map.id }),
      seller.get(`/v1/performances/${performanceId}/seats`),
      seller.post(`/v1/performances/${performanceId}/seats/hold`, { seatIds: [map.id], kind: 'house' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(403));
    expect(replies[0].text).toMatch(/needs catalogue\.manage/);
  });
});
