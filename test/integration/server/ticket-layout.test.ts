import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTicketSecret, ticketKeyring } from '../../../shared/node/tickets/secret';
import { DEFAULT_TICKET_LAYOUT, type TicketLayout } from '../../../shared/tickets/layout';
import type { EventTicketLayout } from '../../../shared/tickets/ticket-api';
import { pullResponseSchema, type PullResponse } from '../../../shared/sync/protocol';
import { readPdf } from '../../helpers/pdf-reader';
import { FRAME_LOGO, pngDataUrl } from '../../helpers/printed-tickets';
import {
  seedOrganisation,
  signInAs,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { salePayload } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// docs/TICKETS.md "Printing tickets": an event's ticket layout through the API (set, read, clear, bad
// input refused with the schema's sentences, only for catalogue managers), pulled by terminals with the
// event, and an order's tickets as a PDF whose every page reads back with its event's layout and QR code.

const LAYOUT: TicketLayout = {
  fields: ['orderRef', 'ticketType'],
  logo: FRAME_LOGO,
  freeText: ['No re-entry after the interval.'],
};

describe.each(backends)('ticket layouts and PDF tickets (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let eventId: string;
  let seller: ApiClient;
  const path = (id = eventId) => `/v1/events/${id}/ticket-layout`;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Layouts');
    ({ venueId, eventId } = await seedHall(org));
    seller = (await signInAs(org.api, server.url, 'seller')).api;
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  const eventRow = async () =>
    (
      await server.database.db.query<{ pos: string; version: number }>(
        'SELECT change_pos::text AS pos, version FROM events WHERE id = $1',
        [eventId],
      )
    )[0]!;
  const pull = async (till: Till, cursor: string | null): Promise<PullResponse> => {
    const reply = await till.api.post('/v1/sync/pull', { terminalId: till.id, cursor });
    expect(reply.status).toBe(200);
    return pullResponseSchema.parse(reply.body) as PullResponse;
  };
  const pulledEvent = (page: PullResponse, id: string) =>
    page.changes.find((c) => c.entity === 'event' && c.id === id && 'data' in c);

  it('sets, reads and clears a layout, each change a new version and change position, audited', async () => {
    const fresh = await org.api.get<EventTicketLayout>(path());
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ eventId, layout: null, effective: DEFAULT_TICKET_LAYOUT });

    const before = await eventRow();
    const set = await org.api.put<EventTicketLayout>(path(), {
      layout: LAYOUT,
      expectedVersion: fresh.body.version,
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ eventId, layout: LAYOUT, effective: LAYOUT, version: fresh.body.version + 1 });
    const after = await eventRow();
    expect(BigInt(after.pos)).toBeGreaterThan(BigInt(before.pos));
    expect((await org.api.get<EventTicketLayout>(path())).body.layout).toEqual(LAYOUT);

    // The event's other fields stay as they were; its version is the layout's.
    const event = await org.api.get<{ name: string; version: number }>(`/v1/events/${eventId}`);
    expect(event.body).toMatchObject({ name: 'Show', version: set.body.version });

    const stale = await org.api.put(path(), { layout: null, expectedVersion: fresh.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'VERSION_CONFLICT' });

    const audit = await server.database.db.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE action = 'event.ticket_layout' AND entity_id = $1`,
      [eventId],
    );
    // The logo is named by its size, never stored again in the log.
    expect(audit).toEqual([
      {
        before: { ticketLayout: null },
        after: { ticketLayout: { ...LAYOUT, logo: 'PNG 96 × 32' } },
      },
    ]);

    const cleared = await org.api.put<EventTicketLayout>(path(), { layout: null });
    expect(cleared.body).toMatchObject({ layout: null, effective: DEFAULT_TICKET_LAYOUT });
    await org.api.put(path(), { layout: LAYOUT });
  });

  it('refuses bad layouts with the sentence that says what to do, and keeps the saved one', async () => {
    const saved = (await org.api.get<EventTicketLayout>(path())).body;
    const refused = async (layout: unknown, field: string, sentence: RegExp) => {
      const reply = await org.api.put<{ reason: string; message: string; fields: Record<string, string> }>(
        path(),
        { layout },
      );
      expect(reply.status).toBe(400);
      expect(reply.body.reason).toBe('VALIDATION_FAILED');
      expect(reply.body.fields[field]).toMatch(sentence);
      expect(reply.body.message).toMatch(sentence);
    };
    const wide = pngDataUrl(['1'.repeat(400)]);
    await refused(
      { ...LAYOUT, logo: wide },
      'layout.logo',
      /400 × 1 pixels; at most 384 × 192: scale it down/,
    );
    await refused(
      { ...LAYOUT, logo: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
      'layout.logo',
      /must be a PNG image/,
    );
    await refused(
      { ...LAYOUT, logo: `data:image/png;base64,${'A'.repeat(70_000)}` },
      'layout.logo',
      /KB; at most 48 KB/,
    );
    await refused({ ...LAYOUT, freeText: ['a', 'b', 'c', 'd', 'e'] }, 'layout.freeText', /at most 4 lines/);
    await refused({ ...LAYOUT, freeText: ['x'.repeat(49)] }, 'layout.freeText.0', /at most 48 characters/);
    await refused({ ...LAYOUT, fields: ['venue', 'venue'] }, 'layout.fields', /at most once/);
    await refused({ ...LAYOUT, fields: ['seat'] }, 'layout.fields.0', /a field is one of venue/);
    expect((await org.api.get<EventTicketLayout>(path())).body).toEqual(saved);

    const missing = await org.api.get(path('00000000-0000-7000-8000-00000000dead'));
    expect(missing.status).toBe(404);
  });

  it('lets only catalogue managers read or set a layout', async () => {
    const read = await seller.get(path());
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject({ reason: 'FORBIDDEN' });
    const write = await seller.put(path(), { layout: null });
    expect(write.status).toBe(403);
    expect((await org.api.get<EventTicketLayout>(path())).body.layout).toEqual(LAYOUT);
  });

  it('sends each event with its layout on pull, and a cleared one as null on the next', async () => {
    const sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    const till = await openTill(org, server.url, venueId, sellerId);
    const other = await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Other' });
    const snapshot = await pull(till, null);
    expect(pulledEvent(snapshot, eventId)).toMatchObject({ data: { name: 'Show', ticketLayout: LAYOUT } });
    expect(pulledEvent(snapshot, other.body.id)).toMatchObject({ data: { ticketLayout: null } });

    await org.api.put(path(), { layout: null });
    const next = await pull(till, snapshot.cursor);
    expect(next.changes.map((c) => c.id)).toEqual([eventId]);
    expect(pulledEvent(next, eventId)).toMatchObject({ data: { ticketLayout: null } });
    await org.api.put(path(), { layout: LAYOUT });
  });

  it('serves an order’s valid tickets as a PDF, each page in its event’s layout with a QR code that verifies', async () => {
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    const till = await openTill(org, server.url, venueId, supervisor.staffId);
    const other = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Studio night' })).body
      .id;
    const line = async (event: string, qty: number) => {
      const performanceId = await newPerformance(org, event, 50);
      const ticketTypeId = (
        await org.api.post<{ id: string }>('/v1/ticket-types', { eventId: event, name: 'Adult' })
      ).body.id;
      const priceBandId = (
        await org.api.post<{ id: string }>('/v1/price-bands', { eventId: event, name: 'Stalls' })
      ).body.id;
      return { eventId: event, performanceId, ticketTypeId, priceBandId, qty, unitPrice: 2500 };
    };
    const sale = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: supervisor.staffId,
      receiptNo: 1042,
      lines: [await line(eventId, 2), await line(other, 1)],
      ticketSigner: till.ticketSigner,
    });
    till.box.append('sale', sale);
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const download = (api: { token?: string }, query: string) =>
      fetch(`${server.url}/v1/orders/${sale.sale.id}/tickets.pdf${query}`, {
        headers: { authorization: `Bearer ${api.token}` },
      });
    // The organisation's published keys, as a door holds them.
    const keyring = ticketKeyring((await pull(till, null)).ticketKeys ?? []);
    for (const format of ['a4', 'stock'] as const) {
      const reply = await download(supervisor, `?format=${format}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/pdf');
      expect(reply.headers.get('content-disposition')).toBe(
        `attachment; filename="tickets-1042-${format}.pdf"`,
      );
      const pages = readPdf(Buffer.from(await reply.arrayBuffer()));
      expect(pages.map((p) => p.qr)).toEqual(sale.tickets.map((t) => t.secret));
      for (const [i, page] of pages.entries()) {
        const secret = readTicketSecret(page.qr!);
        expect(secret?.ticketId).toBe(sale.tickets[i]!.id);
        expect(keyring.check(secret!)).toEqual({ ok: true });
        expect(page.text).toContain(sale.tickets[i]!.id);
        expect(page.texts).toContain('1042');
        expect(page.texts).toContain('Adult');
      }
      // The first event's layout: no venue, its free text; the second event prints with the default.
      for (const page of pages.slice(0, 2)) {
        expect(page.texts).toContain('Show');
        expect(page.texts).not.toContain('Venue');
        expect(page.text).toContain('No re-entry after the interval.');
      }
      expect(pages[2]!.texts).toEqual(expect.arrayContaining(['Studio night', 'Venue', 'Hall', 'Stalls']));
      expect(pages[2]!.text).not.toContain('No re-entry');
    }
    const german = readPdf(Buffer.from(await (await download(supervisor, '?language=de')).arrayBuffer()));
    expect(german[2]!.texts).toContain('Spielstätte');

    const badFormat = await download(supervisor, '?format=letter');
    expect(badFormat.status).toBe(400);
    expect(await badFormat.text()).toContain('format is a4 or stock');
    // A seller does not see reports, so gets no order's tickets.
    const refused = await fetch(`${server.url}/v1/orders/${sale.sale.id}/tickets.pdf`, {
      headers: { authorization: `Bearer ${(await signInAs(org.api, server.url, 'seller')).token}` },
    });
    expect(refused.status).toBe(403);
    const unknown = await fetch(`${server.url}/v1/orders/00000000-0000-7000-8000-00000000dead/tickets.pdf`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(unknown.status).toBe(404);
  });

  it('says so when an order has no valid tickets left', async () => {
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    const till = await openTill(org, server.url, venueId, supervisor.staffId);
    const sale = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: supervisor.staffId,
      lines: [{ kind: 'merch', qty: 1, unitPrice: 500 }],
    });
    till.box.append('sale', sale);
    await pushTill(till);
    const reply = await fetch(`${server.url}/v1/orders/${sale.sale.id}/tickets.pdf`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(reply.status).toBe(409);
    const body = (await reply.json()) as { reason: string; message: string };
    expect(body.reason).toBe('NO_TICKETS');
    expect(body.message).toMatch(/no valid tickets: it sold no admissions, or they were refunded or voided/);
  });
});
