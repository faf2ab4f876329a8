import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueHit } from '../../../shared/catalogue/search';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

// GET /v1/catalogue/search: what the code editor's pickers ask (shared/catalogue/search.ts).

interface Theatre {
  venue: string;
  event: string;
  performance: string;
  band: string;
  type: string;
  product: string;
}

async function theatre(org: SeededOrganisation, name: string, venueName: string): Promise<Theatre> {
  const id = async (path: string, body: Record<string, unknown>) => {
    const reply = await org.api.post<{ id: string }>(path, body);
    if (reply.status !== 201) throw new Error(`${path}: ${reply.text}`);
    return reply.body.id;
  };
  const venue = await id('/v1/venues', { name: venueName, currency: 'EUR', timezone: 'Europe/Berlin' });
  const event = await id('/v1/events', { venueId: venue, name });
  return {
    venue,
    event,
    performance: await id('/v1/performances', {
      eventId: event,
      startsAt: '2031-05-01T19:30:00Z',
      capacity: 100,
    }),
    band: await id('/v1/price-bands', { eventId: event, name: 'Stalls' }),
    type: await id('/v1/ticket-types', { eventId: event, name: 'Adult' }),
    product: await id('/v1/products', {
      kind: 'merch',
      name: `${name} programme`,
      unitPrice: 500,
      vatRate: 700,
      eventId: event,
    }),
  };
}

describe.each(backends)('catalogue search (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let hamlet: Theatre;
  let lear: Theatre;
  let foreign: Theatre;

  const search = async (query: string, api = org.api) => {
    const reply = await api.get<{ items: CatalogueHit[] }>(`/v1/catalogue/search?${query}`);
    return { status: reply.status, items: reply.body.items, body: reply.body };
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Globe');
    other = await seedOrganisation(server.database.db, server.url, 'Rose');
    hamlet = await theatre(org, 'Hamlet', 'Globe Hall');
    lear = await theatre(org, 'King Lear', 'Globe Hall');
    foreign = await theatre(other, 'Hamlet', 'Rose Hall');
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('finds rows of one kind by name, any case, with their context', async () => {
    const events = await search('kind=event&q=haM');
    expect(events.status).toBe(200);
    expect(events.items).toEqual([
      { id: hamlet.event, kind: 'event', label: 'Hamlet', context: 'Globe Hall', startsAt: null },
    ]);
    const performances = await search('kind=performance&q=lear');
    expect(performances.items).toEqual([
      {
        id: lear.performance,
        kind: 'performance',
        label: 'King Lear',
        context: 'Globe Hall',
        startsAt: expect.stringMatching(/^2031-05-01T19:30:00(\.000)?(Z|\+00:00)$/) as unknown,
      },
    ]);
  });

  it('matches a ticket type or price band by its event name, so "Hamlet" finds Hamlet\'s Adult', async () => {
    const types = await search('kind=ticketType&q=hamlet');
    expect(types.items.map((h) => [h.id, h.label, h.context])).toEqual([[hamlet.type, 'Adult', 'Hamlet']]);
    const bands = await search('kind=priceBand&q=stalls');
    expect(bands.items.map((h) => h.context)).toEqual(['Hamlet', 'King Lear']);
    const products = await search('kind=product&q=programme');
    expect(products.items.map((h) => h.id)).toEqual([hamlet.product, lear.product]);
  });

  it('searches every kind without one, honours the limit and treats % and _ as plain text', async () => {
    const all = await search('q=hamlet');
    expect(new Set(all.items.map((h) => h.kind))).toEqual(
      new Set(['event', 'performance', 'ticketType', 'priceBand', 'product']),
    );
    expect((await search('q=a&limit=2')).items).toHaveLength(2);
    expect((await search('q=%25')).items).toEqual([]);
    expect((await search('q=_')).items).toEqual([]);
  });

  it("names chosen rows by id across kinds, and never another organisation's", async () => {
    const ids = [hamlet.event, lear.type, hamlet.performance, foreign.event].join(',');
    const named = await search(`ids=${ids}`);
    expect(named.items.map((h) => [h.kind, h.id]).sort()).toEqual(
      [
        ['event', hamlet.event],
        ['performance', hamlet.performance],
        ['ticketType', lear.type],
      ].sort(),
    );
    expect((await search('kind=event&q=hamlet', other.api)).items.map((h) => h.id)).toEqual([foreign.event]);
  });

  it('refuses bad input with 400 and callers without catalogue.manage or codes.manage with 403', async () => {
    expect((await search('kind=venue')).status).toBe(400);
    expect((await search('ids=not-a-uuid')).status).toBe(400);
    expect((await search('limit=500')).status).toBe(400);
    // The other organisation has one venue, so its seller needs no venue list.
    const seller = await signInAs(other.api, server.url, 'seller');
    expect((await search('q=hamlet', seller.api)).status).toBe(403);
    const anonymous = await fetch(`${server.url}/v1/catalogue/search?q=hamlet`);
    expect(anonymous.status).toBe(401);
  });
});
