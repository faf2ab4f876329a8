import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/server-api/page';
import type { ReviewRow, TerminalLeaseRow, TerminalRow } from '../../../shared/sync/terminal-admin';
import type { Database } from '../../../src-server/db/database';
import { insertReviewItem } from '../../../src-server/db/repos/review-item-repo';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import {
  acquireLease,
  newPerformance,
  openTill,
  pushTill,
  seedHall,
  type Till,
} from '../../helpers/sync-server';

// The back office's Terminals and Review queue screens read these lists (issue 15): every one pages,
// filters on the server and shows one organisation only.

describe.each(backends)('terminals and review queue for the back office (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let hall: string;
  let studio: string;
  let eventId: string;
  let box: Till;
  let bar: Till;
  let lost: Till;
  let foreign: Till;

  const terminals = (query = '') => org.api.get<Page<TerminalRow>>(`/v1/terminals${query}`);
  const review = (query = '') => org.api.get<Page<ReviewRow>>(`/v1/review-items${query}`);
  const raise = (o: SeededOrganisation, t: Till, kind: 'quarantined' | 'restore_detected', at: string) =>
    insertReviewItem(db, {
      id: randomUUID(),
      orgId: o.organisationId,
      kind,
      terminalId: t.id,
      mutationId: null,
      summary: `${kind} at ${at}`,
      payload: { sent: 'what the terminal sent' },
      createdAt: at,
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url, 'Globe');
    other = await seedOrganisation(db, server.url, 'Rose');
    ({ venueId: hall, eventId } = await seedHall(org));
    studio = (
      await org.api.post<{ id: string }>('/v1/venues', { name: 'Studio', currency: 'EUR', timezone: 'UTC' })
    ).body.id;
    box = await openTill(org, server.url, hall, org.managerId);
    bar = await openTill(org, server.url, studio, org.managerId);
    lost = await openTill(org, server.url, hall, org.managerId);
    foreign = await openTill(other, server.url, (await seedHall(other)).venueId, other.managerId);
    expect((await org.api.post(`/v1/terminals/${lost.id}/revoke`)).status).toBe(200);
    await raise(org, box, 'quarantined', '2030-01-01T10:00:00.000Z');
    await raise(org, box, 'restore_detected', '2030-01-02T10:00:00.000Z');
    await raise(org, bar, 'quarantined', '2030-01-03T10:00:00.000Z');
    await raise(other, foreign, 'quarantined', '2030-01-02T12:00:00.000Z');
  });
  afterAll(async () => {
    await server.close();
  });

  it('pages the organisation’s terminals with their venue and status, never another organisation’s', async () => {
    const all = await terminals();
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.body.items.map((t) => t.id)).toEqual([box.id, bar.id, lost.id]);
    expect(all.body.items.map((t) => [t.venueName, t.status])).toEqual([
      ['Hall', 'active'],
      ['Studio', 'active'],
      ['Hall', 'revoked'],
    ]);
    expect(all.body.items.some((t) => t.id === foreign.id)).toBe(false);

    const first = await terminals('?limit=2');
    expect(first.body.items.map((t) => t.id)).toEqual([box.id, bar.id]);
    const second = await terminals('?limit=2&offset=2');
    expect(second.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(second.body.items.map((t) => t.id)).toEqual([lost.id]);
  });

  it('filters by venue, status and part of the name', async () => {
    expect((await terminals(`?venueId=${studio}`)).body.items.map((t) => t.id)).toEqual([bar.id]);
    expect((await terminals('?status=revoked')).body.items.map((t) => t.id)).toEqual([lost.id]);
    expect((await terminals('?status=active')).body.total).toBe(2);
    expect((await terminals('?q=till')).body.total).toBe(3);
    expect((await terminals('?q=nothing%25like')).body.total).toBe(0);
    expect((await terminals('?status=lost')).status).toBe(400);
  });

  it('shows what the server knows of each terminal’s sync: last seq and push, last pull, open review items', async () => {
    const before = (await terminals()).body.items.find((t) => t.id === box.id);
    expect(before).toMatchObject({ lastSeq: 0, lastPushAt: null, lastPullAt: null, openReviewItems: 2 });
    expect(before).toMatchObject({ leaseCapPercent: null, effectiveLeaseCapPercent: 25 });

    expect((await pushTill(box)).status).toBe(200);
    const pulled = await box.api.post('/v1/sync/pull', { terminalId: box.id, cursor: null });
    expect(pulled.status).toBe(200);
    const after = (await terminals()).body.items.find((t) => t.id === box.id);
    expect(after?.lastSeq).toBe(1);
    expect(Date.parse(after?.lastPushAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(after?.lastPullAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect((await terminals()).body.items.find((t) => t.id === bar.id)?.lastPushAt).toBeNull();
  });

  it('lists a terminal’s leases held now with what they limit, and sums them on its row', async () => {
    const performanceId = await newPerformance(org, eventId, 40);
    const granted = await acquireLease(box, `capacity:${performanceId}`, 4);
    expect(granted.body.lease?.granted).toBe(4);
    await org.api.put(`/v1/terminals/${box.id}/lease-cap`, { percent: 60 });

    const row = (await terminals()).body.items.find((t) => t.id === box.id);
    expect(row).toMatchObject({
      leasesHeld: 1,
      unitsHeld: 4,
      leaseCapPercent: 60,
      effectiveLeaseCapPercent: 60,
    });
    expect(row?.nextLeaseExpiry).toBe(granted.body.lease?.expiresAt);

    const leases = await org.api.get<Page<TerminalLeaseRow>>(`/v1/terminals/${box.id}/leases?limit=1`);
    expect(leases.body).toMatchObject({ total: 1, limit: 1, offset: 0 });
    expect(leases.body.items[0]).toMatchObject({
      counter: `capacity:${performanceId}`,
      kind: 'capacity',
      label: 'Show',
      granted: 4,
      held: 4,
      status: 'active',
    });
    expect(leases.body.items[0]?.startsAt).not.toBeNull();
    // Another organisation's terminal is not found, not shown.
    expect((await org.api.get(`/v1/terminals/${foreign.id}/leases`)).status).toBe(404);
  });

  it('pages the review queue and filters it by status, kind, terminal and date, within the organisation', async () => {
    const all = await review();
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.body.items.map((i) => i.summary)).toEqual([
      'quarantined at 2030-01-01T10:00:00.000Z',
      'restore_detected at 2030-01-02T10:00:00.000Z',
      'quarantined at 2030-01-03T10:00:00.000Z',
    ]);
    expect(all.body.items[0]).toMatchObject({
      terminalName: 'Till 1',
      payload: { sent: 'what the terminal sent' },
    });

    const paged = await review('?limit=1&offset=1');
    expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.body.items.map((i) => i.kind)).toEqual(['restore_detected']);
    expect((await review('?kind=quarantined')).body.total).toBe(2);
    expect((await review(`?terminalId=${bar.id}`)).body.items.map((i) => i.terminalId)).toEqual([bar.id]);
    expect((await review(`?terminalId=${foreign.id}`)).body.total).toBe(0);
    const day = await review(
      `?from=${encodeURIComponent('2030-01-02T00:00:00Z')}&to=${encodeURIComponent('2030-01-02T23:59:59.999Z')}`,
    );
    expect(day.body.items.map((i) => i.kind)).toEqual(['restore_detected']);
    expect((await review('?status=open&kind=quarantined&from=2030-01-02T00:00:00Z')).body.total).toBe(1);
    expect((await review('?status=accepted')).body.total).toBe(0);
    expect((await review('?from=yesterday')).status).toBe(400);
  });

  it('keeps both lists from staff without the permission', async () => {
    // (The other organisation has one venue, so its seller needs no venue list.)
    const seller = await signInAs(other.api, server.url, 'seller');
    expect((await seller.api.get('/v1/terminals')).status).toBe(403);
    expect((await seller.api.get(`/v1/terminals/${box.id}/leases`)).status).toBe(403);
    expect((await seller.api.get('/v1/review-items')).status).toBe(403);
  });
});
