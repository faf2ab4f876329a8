import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUN_PERFORMANCES } from '../../../shared/catalogue/performance-run';
import type { PullResponse } from '../../../shared/sync/protocol';
import { apiClient, seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { enrol } from '../../helpers/sync-server';

// The back office's catalogue set-up routes: the organisation's settings (GET/PATCH /v1/organisation)
// and a run of performances created in one request (POST /v1/performances/run).

interface Settings {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  vatRates: { name: string; rate: number }[];
  receiptHeader: string[];
  version: number;
}

interface Refusal {
  reason: string;
  message: string;
  fields?: Record<string, string>;
}

describe.each(backends)('catalogue set-up (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let eventId: string;
  let venueId: string;

  const performancesOf = async (id: string) =>
    (
      await org.api.get<{ items: { startsAt: string; capacity: number; status: string }[]; total: number }>(
        `/v1/performances?eventId=${id}&limit=500`,
      )
    ).body;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Setup');
    other = await seedOrganisation(server.database.db, server.url, 'Elsewhere');
    const venue = await org.api.post<{ id: string }>('/v1/venues', {
      name: 'Opera',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    venueId = venue.body.id;
    eventId = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Carmen' })).body.id;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  describe('organisation settings', () => {
    it('reads and changes the settings, bumping the version, and refuses a stale edit', async () => {
      const start = await org.api.get<Settings>('/v1/organisation');
      expect(start.status).toBe(200);
      expect(start.body).toMatchObject({
        id: org.organisationId,
        name: 'Setup',
        currency: 'EUR',
        vatRates: [],
        receiptHeader: [],
      });
      const changed = await org.api.patch<Settings>('/v1/organisation', {
        vatRates: [
          { name: 'Standard', rate: 1900 },
          { name: 'Reduced', rate: 700 },
        ],
        receiptHeader: ['Opera Company GmbH', 'VAT ID DE123456789'],
        timezone: 'Europe/Berlin',
        expectedVersion: start.body.version,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        name: 'Setup',
        timezone: 'Europe/Berlin',
        vatRates: [
          { name: 'Standard', rate: 1900 },
          { name: 'Reduced', rate: 700 },
        ],
        receiptHeader: ['Opera Company GmbH', 'VAT ID DE123456789'],
        version: start.body.version + 1,
      });

      const stale = await org.api.patch<Refusal>('/v1/organisation', {
        currency: 'CHF',
        expectedVersion: start.body.version,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.reason).toBe('VERSION_CONFLICT');
      expect((await org.api.get<Settings>('/v1/organisation')).body.currency).toBe('EUR');

      const [entry] = await server.database.db.query<{ before: unknown; after: unknown; actor_id: string }>(
        `SELECT before, after, actor_id FROM audit_log WHERE action = 'organisation.update' AND org_id = $1`,
        [org.organisationId],
      );
      expect(entry).toMatchObject({
        actor_id: org.managerId,
        before: { vatRates: [], receiptHeader: [] },
        after: {
          vatRates: [
            { name: 'Standard', rate: 1900 },
            { name: 'Reduced', rate: 700 },
          ],
        },
      });
    });

    it('names each refused field so the form can mark it', async () => {
      const reply = await org.api.patch<Refusal>('/v1/organisation', {
        currency: 'euro',
        timezone: 'Europe/Atlantis',
        vatRates: [
          { name: 'Standard', rate: 1900 },
          { name: 'standard', rate: 20000 },
        ],
        receiptHeader: ['x'.repeat(49)],
      });
      expect(reply.status).toBe(400);
      expect(reply.body.reason).toBe('VALIDATION_FAILED');
      expect(Object.keys(reply.body.fields ?? {}).sort()).toEqual([
        'currency',
        'receiptHeader.0',
        'timezone',
        'vatRates.1.name',
        'vatRates.1.rate',
      ]);
      const twice = await org.api.patch<Refusal>('/v1/organisation', {
        vatRates: [
          { name: 'Standard', rate: 1900 },
          { name: 'standard ', rate: 700 },
        ],
      });
      expect(twice.body.fields).toEqual({ 'vatRates.1.name': 'two rates have this name' });
    });

    it('shows each manager only their own organisation, and lets a seller read but not write', async () => {
      const theirs = await other.api.get<Settings>('/v1/organisation');
      expect(theirs.body).toMatchObject({ id: other.organisationId, vatRates: [] });
      const seller = await signInAs(org.api, server.url, 'seller');
      expect((await seller.api.get('/v1/organisation')).status).toBe(200);
      expect((await seller.api.patch('/v1/organisation', { currency: 'GBP' })).status).toBe(403);
      expect((await apiClient(server.url).get('/v1/organisation')).status).toBe(401);
    });
  });

  describe('a run of performances', () => {
    const run = (body: Record<string, unknown> = {}) =>
      org.api.post<{ count: number; ids: string[] } & Refusal>('/v1/performances/run', {
        eventId,
        // Tue–Sat evenings and a Saturday matinee over Berlin's spring change, without 15 April.
        patterns: [
          { weekdays: [2, 3, 4, 5, 6], times: ['19:30'] },
          { weekdays: [6], times: ['14:30'] },
        ],
        from: '2031-03-01',
        to: '2031-04-30',
        except: ['2031-04-15'],
        capacity: 120,
        ...body,
      });

    it('creates every performance at the local time in the venue’s time zone, each audited', async () => {
      const event = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Run show' })).body.id;
      const reply = await run({ eventId: event });
      expect(reply.status).toBe(201);
      expect(reply.body.count).toBe(51);
      const listed = await performancesOf(event);
      expect(listed.total).toBe(51);
      expect(listed.items.every((p) => p.capacity === 120 && p.status === 'on_sale')).toBe(true);
      const starts = listed.items.map((p) => p.startsAt);
      // 19:30 in Berlin: 18:30Z in winter time, 17:30Z after 30 March; never on the 15 April.
      expect(starts).toContain('2031-03-29T18:30:00.000Z');
      expect(starts).toContain('2031-04-01T17:30:00.000Z');
      expect(starts.some((s) => s.startsWith('2031-04-15'))).toBe(false);

      const audited = await server.database.db.query<{ entity_id: string; summary: string }>(
        `SELECT entity_id, summary FROM audit_log WHERE action = 'performance.create' AND entity_id = ANY($1::text[])`,
        [reply.body.ids],
      );
      expect(audited).toHaveLength(51);
      expect(audited[0]?.summary).toBe('run of 51 performances, 2031-03-01 to 2031-04-30');
    });

    it('gives each new performance its own change position, so a terminal pulls every one', async () => {
      const terminal = await enrol(org, server.url, venueId);
      const api = apiClient(server.url, terminal.deviceToken);
      const pull = async (cursor: string | null) =>
        (
          await api.post<PullResponse>('/v1/sync/pull', {
            terminalId: terminal.terminalId,
            cursor,
            limit: 5000,
          })
        ).body;
      let page = await pull(null);
      while (page.more) page = await pull(page.cursor);
      const event = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Pulled' })).body.id;
      const reply = await run({ eventId: event, from: '2031-05-01', to: '2031-05-31', except: [] });
      expect(reply.status).toBe(201);
      const changes = (await pull(page.cursor)).changes;
      const pulled = changes.filter((c) => c.entity === 'performance').map((c) => c.id);
      expect(new Set(pulled)).toEqual(new Set(reply.body.ids));
    });

    it('refuses an empty run, a run over the limit and another organisation’s event, creating nothing', async () => {
      const event = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Refused' })).body.id;
      const empty = await run({ eventId: event, from: '2031-03-02', to: '2031-03-03', except: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.reason).toBe('EMPTY_RUN');
      const daily = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], times: ['11:00', '15:00', '19:30'] }];
      const huge = await run({ eventId: event, patterns: daily, from: '2031-01-01', to: '2031-12-31' });
      expect(huge.status).toBe(400);
      expect(huge.body.reason).toBe('RUN_TOO_LARGE');
      expect(huge.body.message).toContain(`at most ${MAX_RUN_PERFORMANCES}`);
      expect(huge.body.message).toContain('1092');
      const foreign = await other.api.post<Refusal>('/v1/performances/run', {
        eventId,
        patterns: daily,
        from: '2031-01-01',
        to: '2031-01-02',
        capacity: 1,
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.reason).toBe('REFERENCE_NOT_FOUND');
      const backwards = await run({ eventId: event, from: '2031-05-01', to: '2031-04-01' });
      expect(backwards.body.fields).toEqual({ to: 'the last day comes before the first' });
      expect((await performancesOf(event)).total).toBe(0);
    });

    it('lets only catalogue managers create a run', async () => {
      const seller = await signInAs(org.api, server.url, 'seller');
      const reply = await seller.api.post('/v1/performances/run', {
        eventId,
        patterns: [{ weekdays: [1], times: ['19:30'] }],
        from: '2031-03-01',
        to: '2031-03-31',
        capacity: 1,
      });
      expect(reply.status).toBe(403);
    });
  });
});
