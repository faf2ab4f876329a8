import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH, type ReasonLists } from '../../../shared/cash/reasons';
import type { OrganisationSettings } from '../../../shared/catalogue/organisation';
import type { PullResponse } from '../../../shared/sync/protocol';
import { apiClient, seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { enrol } from '../../helpers/sync-server';

// The organisation's reason lists (shared/cash/reasons.ts) through PATCH /v1/organisation: saved and
// audited like every other setting, refused field by field with nothing saved, and sent to the
// terminals with their venue.

interface Refusal {
  reason: string;
  fields?: Record<string, string>;
}

describe.each(backends)('reason lists in the organisation settings (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let pull: (cursor: string | null) => Promise<PullResponse>;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Reasons');
    venueId = (
      await org.api.post<{ id: string }>('/v1/venues', { name: 'Hall', currency: 'EUR', timezone: 'UTC' })
    ).body.id;
    const terminal = await enrol(org, server.url, venueId);
    const api = apiClient(server.url, terminal.deviceToken);
    pull = async (cursor) => {
      const reply = await api.post<PullResponse>('/v1/sync/pull', {
        terminalId: terminal.terminalId,
        cursor,
        limit: 5000,
      });
      expect(reply.status, reply.text).toBe(200);
      return reply.body;
    };
  });
  afterAll(async () => {
    await server.close();
  });

  const settings = async () => (await org.api.get<OrganisationSettings>('/v1/organisation')).body;
  const patch = async (reasons: unknown) =>
    org.api.patch<OrganisationSettings & Refusal>('/v1/organisation', {
      reasons,
      expectedVersion: (await settings()).version,
    });
  /** Pulls to the end from `cursor`; the venue as the last page that had it, and the end's cursor. */
  const pullVenue = async (cursor: string | null) => {
    let venue: Record<string, unknown> | undefined;
    let page = await pull(cursor);
    for (;;) {
      const change = page.changes.find((c) => c.entity === 'venue' && c.id === venueId);
      if (change && 'data' in change) venue = { ...change.data };
      if (!page.more) return { venue, cursor: page.cursor };
      page = await pull(page.cursor);
    }
  };

  it('starts with no lists of its own: the terminals offer the defaults', async () => {
    expect((await settings()).reasons).toEqual({});
    const { venue } = await pullVenue(null);
    expect(venue).toMatchObject({ receiptHeader: [], reasons: {} });
  });

  it('saves the lists trimmed, audits them, and sends them with the venue on the next pull', async () => {
    const { cursor } = await pullVenue(null);
    const lists: ReasonLists = { paid_out: [' Taxi ', 'Flowers for the cast'], no_sale: ['Change'] };
    const saved = await patch(lists);
    expect(saved.status, saved.text).toBe(200);
    const stored = { paid_out: ['Taxi', 'Flowers for the cast'], no_sale: ['Change'] };
    expect(saved.body.reasons).toEqual(stored);
    expect((await settings()).reasons).toEqual(stored);

    const [entry] = await server.database.db.query<{ before: unknown; after: unknown; actor_id: string }>(
      `SELECT before, after, actor_id FROM audit_log WHERE action = 'organisation.update' AND org_id = $1
       ORDER BY at DESC LIMIT 1`,
      [org.organisationId],
    );
    expect(entry).toMatchObject({
      actor_id: org.managerId,
      before: { reasons: {} },
      after: { reasons: stored },
    });

    const next = await pullVenue(cursor);
    expect(next.venue).toMatchObject({ id: venueId, reasons: stored });
    // The same lists again (keys in another order) send nothing.
    expect((await patch({ no_sale: ['Change'], paid_out: ['Taxi', 'Flowers for the cast'] })).status).toBe(
      200,
    );
    expect((await pullVenue(next.cursor)).venue).toBeUndefined();
  });

  it('refuses a bad list at its field and saves nothing', async () => {
    const before = await settings();
    const refused = async (reasons: unknown, field: string) => {
      const reply = await patch(reasons);
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body.reason).toBe('VALIDATION_FAILED');
      expect(Object.keys(reply.body.fields ?? {})).toEqual([field]);
      return reply.body.fields?.[field];
    };
    expect(await refused({ paid_out: ['Taxi', '  '] }, 'reasons.paid_out.1')).toMatch(/cannot be empty/);
    expect(await refused({ paid_out: ['Taxi', 'taxi '] }, 'reasons.paid_out.1')).toMatch(/listed twice/);
    expect(await refused({ drop: ['x'.repeat(MAX_REASON_LENGTH + 1)] }, 'reasons.drop.0')).toMatch(
      /at most 60 characters/,
    );
    expect(await refused({ paid_out: [] }, 'reasons.paid_out')).toMatch(/at least one/);
    expect(await refused({ tips: ['Jar'] }, 'reasons')).toBeTruthy();
    expect(
      await refused({ refund: Array.from({ length: 31 }, (_, i) => `R${i}`) }, 'reasons.refund'),
    ).toMatch(/at most 30/);
    expect(await settings()).toEqual(before);
  });
});
