import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

describe.each(backends)('catalogue admin API (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('builds an event with performances, bands, types, prices and products', async () => {
    const venue = await org.api.post<{ id: string }>('/v1/venues', {
      name: 'Opera',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    const event = await org.api.post<{ id: string; category: string }>('/v1/events', {
      venueId: venue.body.id,
      name: 'Carmen',
      category: 'opera',
    });
    expect(event.status).toBe(201);
    const performance = await org.api.post<{ id: string; startsAt: string }>('/v1/performances', {
      eventId: event.body.id,
      startsAt: '2026-12-24T19:30:00+01:00',
      capacity: 800,
    });
    expect(performance.body.startsAt).toBe('2026-12-24T18:30:00.000Z');
    const band = await org.api.post<{ id: string }>('/v1/price-bands', {
      eventId: event.body.id,
      name: 'Stalls',
    });
    const type = await org.api.post<{ id: string }>('/v1/ticket-types', {
      eventId: event.body.id,
      name: 'Adult',
    });
    const price = await org.api.post<{ unitPrice: number }>('/v1/ticket-prices', {
      eventId: event.body.id,
      ticketTypeId: type.body.id,
      priceBandId: band.body.id,
      unitPrice: 4500,
      vatRate: 700,
    });
    expect(price.status).toBe(201);
    expect(price.body.unitPrice).toBe(4500);
    const twin = await org.api.post('/v1/ticket-prices', {
      eventId: event.body.id,
      ticketTypeId: type.body.id,
      priceBandId: band.body.id,
      unitPrice: 5000,
      vatRate: 700,
    });
    expect(twin.status).toBe(409);
    const product = await org.api.post('/v1/products', {
      kind: 'merch',
      name: 'Programme',
      unitPrice: 800,
      vatRate: 1900,
    });
    expect(product.status).toBe(201);
    const prices = await org.api.get<{ items: unknown[] }>(`/v1/ticket-prices?eventId=${event.body.id}`);
    expect(prices.body.items).toHaveLength(1);
    // An event still referenced by performances cannot be deleted.
    const remove = await org.api.delete(`/v1/events/${event.body.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body).toMatchObject({ reason: 'IN_USE' });
    const patched = await org.api.patch<{ capacity: number; status: string }>(
      `/v1/performances/${performance.body.id}`,
      {
        capacity: 750,
      },
    );
    expect(patched.body).toMatchObject({ capacity: 750, status: 'on_sale' });
    const renamed = await org.api.patch<{ name: string; category: string }>(`/v1/events/${event.body.id}`, {
      name: 'Carmen (new production)',
    });
    expect(renamed.body).toMatchObject({ name: 'Carmen (new production)', category: 'opera' });
    const move = await org.api.patch(`/v1/performances/${performance.body.id}`, { eventId: event.body.id });
    expect(move.status).toBe(400);
  });

  it('lets a seller read the catalogue but not change it', async () => {
    const seller = await signInAs(org.api, server.url, 'seller');
    expect((await seller.api.get('/v1/events')).status).toBe(200);
    expect(
      (
        await seller.api.post('/v1/products', {
          kind: 'fee',
          name: 'Booking fee',
          unitPrice: 100,
          vatRate: 0,
        })
      ).status,
    ).toBe(403);
  });

  it('pages and searches a list, and counts every match', async () => {
    const venue = await org.api.post<{ id: string }>('/v1/venues', {
      name: 'Paging Hall',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    for (let i = 0; i < 7; i++) {
      await org.api.post('/v1/events', { venueId: venue.body.id, name: `Paging show ${i}` });
    }
    await org.api.post('/v1/events', { venueId: venue.body.id, name: '100%_sure' });
    type EventPage = { items: { name: string }[]; total: number; limit: number; offset: number };
    const second = await org.api.get<EventPage>(
      `/v1/events?venueId=${venue.body.id}&q=paging%20SHOW&limit=3&offset=3`,
    );
    expect(second.body).toMatchObject({ total: 7, limit: 3, offset: 3 });
    expect(second.body.items.map((e) => e.name)).toEqual(['Paging show 3', 'Paging show 4', 'Paging show 5']);
    // % and _ are searched for as themselves, not as wildcards.
    const literal = await org.api.get<EventPage>(
      `/v1/events?venueId=${venue.body.id}&q=${encodeURIComponent('%_')}`,
    );
    expect(literal.body.items.map((e) => e.name)).toEqual(['100%_sure']);
    expect((await org.api.get(`/v1/events?limit=0`)).status).toBe(400);
  });

  it('refuses an edit made from a stale copy and keeps the other manager’s change', async () => {
    const venue = await org.api.post<{ id: string; version: number }>('/v1/venues', {
      name: 'Version Hall',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    expect(venue.body.version).toBe(1);
    const first = await org.api.patch<{ name: string; version: number }>(`/v1/venues/${venue.body.id}`, {
      name: 'Version Hall (renamed by A)',
      expectedVersion: 1,
    });
    expect(first.body).toMatchObject({ name: 'Version Hall (renamed by A)', version: 2 });
    const stale = await org.api.patch<{ reason: string; message: string }>(`/v1/venues/${venue.body.id}`, {
      name: 'Version Hall (renamed by B)',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('VERSION_CONFLICT');
    expect(stale.body.message).toContain(
      'Someone else changed this venue since you opened it (it is now version 2)',
    );
    const now = await org.api.get<{ name: string; version: number }>(`/v1/venues/${venue.body.id}`);
    expect(now.body).toMatchObject({ name: 'Version Hall (renamed by A)', version: 2 });
    // A client that sends no version updates as before.
    const blind = await org.api.patch<{ version: number }>(`/v1/venues/${venue.body.id}`, { name: 'Blind' });
    expect(blind.body.version).toBe(3);
  });

  it('names the wrong field of a refused body, so a form can show it beside that field', async () => {
    const reply = await org.api.post<{ reason: string; fields: Record<string, string> }>('/v1/venues', {
      name: 'Bad',
      currency: 'euro',
      timezone: 'Europe/Berlin',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.reason).toBe('VALIDATION_FAILED');
    expect(reply.body.fields.currency).toContain('three-letter');
  });
});
