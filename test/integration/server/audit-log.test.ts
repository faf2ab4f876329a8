import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-server/db/database';
import type { AuditRow } from '../../../src-server/db/repos/audit-repo';
import type { RouteEntry } from '../../../src-server/routes/route-table';
import type { SeatMap } from '../../../shared/seating/types';
import { seedWorld, type SeededWorld } from '../../helpers/route-fixture';
import { apiClient, seedOrganisation, type Reply, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { makeSeatMap } from '../../fixtures/seat-hall';
import { seedSeatedPerformance } from '../../helpers/seat-world';
import { salePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill } from '../../helpers/sync-server';

// docs/AUDIT.md: every change the admin API makes is in the audit log, with who, when, before and
// after; nothing in it is a secret; it is append-only in the code and in the database.

const OPERATOR_TOKEN = 'operator-token-for-the-audit-log-test-0123456789';

/**
 * Mutating routes that change no back-office record, so they write no audit entry. Exact: a new
 * mutating route fails the coverage test below until it records its change or is listed here.
 */
const NOT_AUDITED: Record<string, string> = {
  'POST /v1/auth/login': 'a session, not a change to the back office',
  'POST /v1/auth/logout': 'ends a session',
  'POST /v1/sync/push': 'sales, refunds and shifts: the sales ledger is their record',
  'POST /v1/sync/pull': 'reads changes',
  'POST /v1/leases/acquire': 'escrow bookkeeping between a terminal and the server',
  'POST /v1/redemptions': 'a sale: the redemption ledger is its record',
  'POST /v1/checkins': 'an entry at a door: the check-in log is its record',
  'POST /v1/refund-claims':
    'a terminal holding units for a refund: the refund in the sales ledger is its record',
  'POST /v1/sync/seats/cart': 'a window holding seats in its cart: the sale that follows is its record',
  'POST /v1/sync/seats/leases/acquire': 'seat bookkeeping between a terminal and the server (seat_leases)',
};

interface Step {
  route: string;
  action: string;
  run: () => Promise<Reply>;
  /** Where the expected entry is looked for; default: entries written by this step. */
  since?: number;
}

const SECRET = /pin_?hash|password_?hash|token|secret|enrolmentCode|code_?hash/i;

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe.each(backends)('audit log (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let world: SeededWorld;
  let other: SeededOrganisation;
  let setupOrg: string;
  let setupReply: Reply;

  const lastId = async () =>
    (await db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log'))[0]?.n ?? 0;
  const rowsSince = (id: number) =>
    db.query<AuditRow & { orgId: string }>(
      `SELECT id, at, org_id AS "orgId", actor_kind AS "actorKind", actor_id AS "actorId", action,
              entity_kind AS "entityKind", entity_id AS "entityId", before, after, summary
         FROM audit_log WHERE id > $1 ORDER BY id`,
      [id],
    );
  const browse = (query: string, api = world.api) =>
    api.get<{ rows: AuditRow[]; nextBefore: number | null }>(`/v1/audit${query}`);

  beforeAll(async () => {
    server = await startTestServer(backend, { operatorToken: OPERATOR_TOKEN });
    db = server.database.db;
    // First run, before any organisation exists: the server itself records it.
    setupReply = await apiClient(server.url).post('/v1/setup', {
      organisationName: 'First',
      managerName: 'First manager',
      email: `first-${randomUUID()}@example.test`,
      password: 'a first long password',
    });
    setupOrg = String(setupReply.body.organisationId);
    world = await seedWorld(server, 'Audited');
    other = await seedOrganisation(db, server.url, 'Other');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('records every mutating route of the admin API, with who, what, before and after', async () => {
    const { api, ids } = world;
    const s: Record<string, string> = {};
    const keep = (name: string) => async (reply: Promise<Reply>) => {
      const r = await reply;
      if (typeof r.body?.id === 'string') s[name] = r.body.id;
      return r;
    };
    const create = (name: string, path: string, body: unknown) => keep(name)(api.post(path, body));
    // A quarantined sale (its performance deleted) gives the retry something to refuse.
    const gone = await api.post<{ id: string }>('/v1/performances', {
      eventId: ids.events,
      startsAt: '2031-02-01T19:00:00.000Z',
      capacity: 5,
    });
    await api.delete(`/v1/performances/${gone.body.id}`);
    const till = await openTill(world, server.url, ids.venues, world.managerId);
    const sold = till.box.append(
      'sale',
      salePayload({
        terminalId: till.id,
        shiftId: till.shiftId,
        cashierId: world.managerId,
        signer: till.signer,
        lines: [{ eventId: ids.events, performanceId: gone.body.id, qty: 1, unitPrice: 2000 }],
      }),
    );
    expect((await pushTill(till)).status).toBe(200);
    const [quarantined] = await db.query<{ id: string }>(
      'SELECT id FROM review_items WHERE mutation_id = $1',
      [sold.mutationId],
    );
    const flagItem = randomUUID();
    await db.query(
      `INSERT INTO review_items (id, org_id, kind, terminal_id, summary) VALUES ($1, $2, 'restore_detected', $3, 'seeded')`,
      [flagItem, world.organisationId, ids.terminals],
    );
    const operator = apiClient(server.url, OPERATOR_TOKEN);
    const seated = await seedSeatedPerformance(db, api, {
      orgId: world.organisationId,
      eventId: ids.events,
      map: makeSeatMap({ seats: 10, venueId: ids.venues }),
    });

    const steps: Step[] = [
      { route: 'POST /v1/setup', action: 'organisation.create', run: async () => setupReply, since: 0 },
      {
        route: 'POST /v1/organisations',
        action: 'organisation.create',
        run: () =>
          operator.post('/v1/organisations', {
            organisationName: 'Second',
            managerName: 'Second manager',
            email: `second-${randomUUID()}@example.test`,
            password: 'a second long password',
          }),
      },
      {
        route: 'POST /v1/venues',
        action: 'venue.create',
        run: () => create('venue', '/v1/venues', { name: 'Annex', currency: 'EUR', timezone: 'UTC' }),
      },
      {
        route: 'POST /v1/events',
        action: 'event.create',
        run: () => create('event', '/v1/events', { venueId: s.venue, name: 'Audit show' }),
      },
      {
        route: 'POST /v1/performances',
        action: 'performance.create',
        run: () =>
          create('performance', '/v1/performances', {
            eventId: s.event,
            startsAt: '2031-01-01T19:00:00.000Z',
            capacity: 10,
          }),
      },
      {
        route: 'POST /v1/performances/run',
        action: 'performance.create',
        run: () =>
          api.post('/v1/performances/run', {
            eventId: ids.events,
            patterns: [{ weekdays: [1, 5], times: ['19:30'] }],
            from: '2031-03-01',
            to: '2031-03-10',
            capacity: 10,
          }),
      },
      {
        route: 'PATCH /v1/organisation',
        action: 'organisation.update',
        run: () =>
          api.patch('/v1/organisation', { vatRates: [{ name: 'Standard', rate: 1900 }], expectedVersion: 1 }),
      },
      {
        route: 'POST /v1/price-bands',
        action: 'price_band.create',
        run: () => create('band', '/v1/price-bands', { eventId: s.event, name: 'Gallery' }),
      },
      {
        route: 'POST /v1/ticket-types',
        action: 'ticket_type.create',
        run: () => create('type', '/v1/ticket-types', { eventId: s.event, name: 'Child' }),
      },
      {
        route: 'POST /v1/ticket-prices',
        action: 'ticket_price.create',
        run: () =>
          create('price', '/v1/ticket-prices', {
            eventId: s.event,
            ticketTypeId: s.type,
            priceBandId: s.band,
            unitPrice: 1000,
            vatRate: 700,
          }),
      },
      {
        route: 'POST /v1/products',
        action: 'product.create',
        run: () =>
          create('product', '/v1/products', { kind: 'merch', name: 'Pin', unitPrice: 300, vatRate: 1900 }),
      },
      {
        route: 'PATCH /v1/venues/:id',
        action: 'venue.update',
        run: () => api.patch(`/v1/venues/${s.venue}`, { name: 'Annex 2' }),
      },
      {
        route: 'PATCH /v1/events/:id',
        action: 'event.update',
        run: () => api.patch(`/v1/events/${s.event}`, { name: 'Show 2' }),
      },
      {
        route: 'PUT /v1/events/:id/ticket-layout',
        action: 'event.ticket_layout',
        run: () =>
          api.put(`/v1/events/${s.event}/ticket-layout`, {
            layout: { fields: ['venue'], logo: null, freeText: ['No re-entry'] },
          }),
      },
      {
        route: 'PATCH /v1/performances/:id',
        action: 'performance.update',
        run: () => api.patch(`/v1/performances/${s.performance}`, { capacity: 12 }),
      },
      {
        route: 'PATCH /v1/price-bands/:id',
        action: 'price_band.update',
        run: () => api.patch(`/v1/price-bands/${s.band}`, { name: 'Upper' }),
      },
      {
        route: 'PATCH /v1/ticket-types/:id',
        action: 'ticket_type.update',
        run: () => api.patch(`/v1/ticket-types/${s.type}`, { name: 'Youth' }),
      },
      {
        route: 'PATCH /v1/ticket-prices/:id',
        action: 'ticket_price.update',
        run: () => api.patch(`/v1/ticket-prices/${s.price}`, { unitPrice: 1200 }),
      },
      {
        route: 'PATCH /v1/products/:id',
        action: 'product.update',
        run: () => api.patch(`/v1/products/${s.product}`, { unitPrice: 350 }),
      },
      {
        route: 'POST /v1/codes',
        action: 'code.create',
        run: () =>
          create('code', '/v1/codes', {
            code: `AUD${randomUUID().slice(0, 6)}`,
            name: 'Audit',
            benefit: { type: 'percentage', percent: 1000 },
          }),
      },
      {
        route: 'PATCH /v1/codes/:id',
        action: 'code.update',
        run: () => api.patch(`/v1/codes/${s.code}`, { name: 'Renamed' }),
      },
      {
        route: 'POST /v1/codes/:id/disable',
        action: 'code.disable',
        run: () => api.post(`/v1/codes/${s.code}/disable`),
      },
      {
        route: 'POST /v1/codes/:id/restore',
        action: 'code.restore',
        run: () => api.post(`/v1/codes/${s.code}/restore`),
      },
      {
        route: 'POST /v1/codes/:id/children',
        action: 'code.generate_children',
        run: () => api.post(`/v1/codes/${ids.codes}/children`, { count: 3 }),
      },
      { route: 'DELETE /v1/codes/:id', action: 'code.delete', run: () => api.delete(`/v1/codes/${s.code}`) },
      {
        route: 'POST /v1/roles',
        action: 'role.create',
        run: () =>
          api.post('/v1/roles', {
            id: 'auditors',
            name: 'Auditors',
            permissions: ['sell'],
            customDiscountCeiling: { percent: 0, amount: 0 },
          }),
      },
      {
        route: 'PUT /v1/roles/:roleId',
        action: 'role.update',
        run: () =>
          api.put('/v1/roles/auditors', {
            name: 'Auditors',
            permissions: ['sell', 'reports.view'],
            customDiscountCeiling: { percent: 0, amount: 0 },
          }),
      },
      {
        route: 'DELETE /v1/roles/:roleId',
        action: 'role.delete',
        run: () => api.delete('/v1/roles/auditors'),
      },
      {
        route: 'POST /v1/staff',
        action: 'staff.create',
        run: () =>
          create('staff', '/v1/staff', {
            name: 'Ann Auditee',
            email: `ann-${randomUUID()}@example.test`,
            password: 'ann has a long password',
            pin: '7305',
            roleId: 'seller',
            venueIds: [ids.venues],
          }),
      },
      {
        route: 'PATCH /v1/staff/:id',
        action: 'staff.update',
        run: () => api.patch(`/v1/staff/${s.staff}`, { pin: '8142' }),
      },
      {
        route: 'POST /v1/staff/:id/pin',
        action: 'staff.pin_reset',
        run: () => api.post(`/v1/staff/${s.staff}/pin`, { pin: '6047' }),
      },
      {
        route: 'DELETE /v1/staff/:id',
        action: 'staff.deactivate',
        run: () => api.delete(`/v1/staff/${s.staff}`),
      },
      {
        route: 'POST /v1/customers',
        action: 'customer.create',
        run: () =>
          create('customer', '/v1/customers', {
            name: 'Cleo Customer',
            email: `cleo-${randomUUID()}@example.test`,
            emailConsent: true,
          }),
      },
      {
        route: 'PATCH /v1/customers/:id',
        action: 'customer.update',
        run: () => api.patch(`/v1/customers/${s.customer}`, { groups: ['Friends'] }),
      },
      {
        route: 'POST /v1/venues/:id/enrolment-codes',
        action: 'terminal.enrolment_code_issue',
        run: async () => {
          const reply = await api.post(`/v1/venues/${ids.venues}/enrolment-codes`);
          s.enrolment = String(reply.body.enrolmentCode);
          return reply;
        },
      },
      {
        route: 'POST /v1/terminals/register',
        action: 'terminal.enrol',
        run: async () => {
          const reply = await apiClient(server.url).post('/v1/terminals/register', {
            enrolmentCode: s.enrolment,
            name: 'Till A',
          });
          s.terminal = String(reply.body.terminalId);
          return reply;
        },
      },
      {
        route: 'PUT /v1/terminals/:id/lease-cap',
        action: 'terminal.lease_cap',
        run: () => api.put(`/v1/terminals/${s.terminal}/lease-cap`, { percent: 50 }),
      },
      {
        route: 'PUT /v1/terminals/:id/offline-limits',
        action: 'terminal.offline_limits',
        run: () =>
          api.put(`/v1/terminals/${s.terminal}/offline-limits`, { maxSale: 20_000, maxMinutes: 120 }),
      },
      {
        route: 'PUT /v1/terminals/:id/overuse-cap',
        action: 'terminal.overuse_cap',
        run: () => api.put(`/v1/terminals/${s.terminal}/overuse-cap`, { cap: 5 }),
      },
      {
        route: 'PUT /v1/terminals/:id/training',
        action: 'terminal.training',
        run: () => api.put(`/v1/terminals/${s.terminal}/training`, { training: true }),
      },
      {
        route: 'PUT /v1/terminals/:id/voucher-share',
        action: 'terminal.voucher_share',
        run: () => api.put(`/v1/terminals/${s.terminal}/voucher-share`, { percent: 20 }),
      },
      {
        route: 'PUT /v1/terminals/:id/seat-lease-plans',
        action: 'terminal.seat_lease_plan',
        run: () =>
          api.put(`/v1/terminals/${s.terminal}/seat-lease-plans`, { performanceId: seated, seats: 4 }),
      },
      {
        route: 'DELETE /v1/terminals/:id/seat-lease-plans/:performanceId',
        action: 'terminal.seat_lease_plan_delete',
        run: () => api.delete(`/v1/terminals/${s.terminal}/seat-lease-plans/${seated}`),
      },
      {
        route: 'POST /v1/terminals/:id/revoke',
        action: 'terminal.revoke',
        run: () => api.post(`/v1/terminals/${s.terminal}/revoke`),
      },
      {
        route: 'POST /v1/review-items/:id/accept',
        action: 'review.accept',
        run: () => api.post(`/v1/review-items/${ids['review-items']}/accept`, { note: 'restore checked' }),
      },
      {
        route: 'POST /v1/review-items/:id/flag',
        action: 'review.flag',
        run: () => api.post(`/v1/review-items/${flagItem}/flag`, { note: 'ask the venue' }),
      },
      {
        route: 'POST /v1/review-items/:id/retry',
        action: 'review.retry',
        run: () => api.post(`/v1/review-items/${quarantined?.id}/retry`, { note: 'try once more' }),
      },
      {
        route: 'POST /v1/seat-maps/import',
        action: 'seat_map.create',
        run: async () => {
          const reply = await api.post<SeatMap>('/v1/seat-maps/import', {
            venueId: ids.venues,
            name: 'Audited hall',
            format: 'csv',
            content: 'section,row,seat,x,y,band\nStalls,A,1,0,0,Stalls\nStalls,A,2,10,0,Stalls\n',
            bands: ['Stalls'],
          });
          s.seatMap = reply.body.id;
          s.seat = reply.body.seats[0]?.id ?? '';
          return reply as unknown as Reply;
        },
      },
      {
        route: 'PATCH /v1/seat-maps/:id/seats',
        action: 'seat_map.update',
        run: () => api.patch(`/v1/seat-maps/${s.seatMap}/seats`, { seatIds: [s.seat], flags: ['aisle'] }),
      },
      {
        route: 'PUT /v1/performances/:id/seat-map',
        action: 'performance.seat_map',
        run: async () => {
          const performance = await api.post<{ id: string }>('/v1/performances', {
            eventId: ids.events,
            startsAt: '2031-04-01T19:00:00.000Z',
            capacity: 2,
          });
          s.seated = performance.body.id;
          return api.put(`/v1/performances/${s.seated}/seat-map`, { seatMapId: s.seatMap });
        },
      },
      ...(['hold', 'release', 'block', 'unblock'] as const).map((action) => ({
        route: `POST /v1/performances/:id/seats/${action}`,
        action: `performance.seats_${action}`,
        run: () =>
          api.post(`/v1/performances/${s.seated}/seats/${action}`, {
            seatIds: [s.seat],
            ...(action === 'hold' ? { kind: 'press' } : {}),
          }),
      })),
      {
        route: 'DELETE /v1/seat-maps/:id',
        action: 'seat_map.delete',
        run: async () => {
          await api.put(`/v1/performances/${s.seated}/seat-map`, { seatMapId: null });
          return api.delete(`/v1/seat-maps/${s.seatMap}`);
        },
      },
      {
        route: 'DELETE /v1/products/:id',
        action: 'product.delete',
        run: () => api.delete(`/v1/products/${s.product}`),
      },
      {
        route: 'DELETE /v1/ticket-prices/:id',
        action: 'ticket_price.delete',
        run: () => api.delete(`/v1/ticket-prices/${s.price}`),
      },
      {
        route: 'DELETE /v1/ticket-types/:id',
        action: 'ticket_type.delete',
        run: () => api.delete(`/v1/ticket-types/${s.type}`),
      },
      {
        route: 'DELETE /v1/price-bands/:id',
        action: 'price_band.delete',
        run: () => api.delete(`/v1/price-bands/${s.band}`),
      },
      {
        route: 'DELETE /v1/performances/:id',
        action: 'performance.delete',
        run: () => api.delete(`/v1/performances/${s.performance}`),
      },
      {
        route: 'DELETE /v1/events/:id',
        action: 'event.delete',
        run: () => api.delete(`/v1/events/${s.event}`),
      },
      {
        route: 'DELETE /v1/venues/:id',
        action: 'venue.delete',
        run: () => api.delete(`/v1/venues/${s.venue}`),
      },
    ];

    const key = (r: RouteEntry) => `${r.method} ${r.url}`;
    const mutating = server.app.routeTable.filter((r) => r.method !== 'GET').map(key);
    expect(new Set(steps.map((step) => step.route))).toEqual(
      new Set(mutating.filter((k) => !(k in NOT_AUDITED))),
    );
    for (const k of Object.keys(NOT_AUDITED)) expect(mutating).toContain(k);

    for (const step of steps) {
      const start = await lastId();
      const reply = await step.run();
      // The retry is refused (the performance is still gone) and still recorded as the manager's action.
      const expected = step.action === 'review.retry' ? 409 : undefined;
      if (expected) expect(reply.status, step.route).toBe(expected);
      else expect(reply.status, `${step.route}: ${reply.text}`).toBeLessThan(300);
      const rows = await rowsSince(step.since ?? start);
      const row = rows.find((r) => r.action === step.action);
      expect(row, `${step.route} recorded ${step.action}`).toBeDefined();
      if (!row) continue;
      if (step.action.endsWith('.create') || step.action === 'terminal.enrol') expect(row.before).toBeNull();
      else if (step.action.endsWith('.delete') && !step.action.startsWith('code.'))
        expect(row.after).toBeNull();
      if (step.action.endsWith('.update')) {
        expect(row.before).not.toBeNull();
        // A PIN reset changes nothing recorded but the summary that says so: the hash is never recorded.
        if (step.action !== 'staff.update') expect(row.after, step.action).not.toEqual(row.before);
      }
      expect(JSON.stringify([row.before, row.after, row.summary]), step.action).not.toMatch(SECRET);
    }

    const mine = await rowsSince(0);
    // Who: the manager's staff id for the admin API, the terminal for its enrolment, else operator/system.
    expect(mine.find((r) => r.action === 'venue.create' && r.entityId === s.venue)).toMatchObject({
      orgId: world.organisationId,
      actorKind: 'staff',
      actorId: world.managerId,
      after: { id: s.venue, name: 'Annex', currency: 'EUR', timezone: 'UTC' },
    });
    expect(mine.find((r) => r.action === 'terminal.enrol' && r.entityId === s.terminal)).toMatchObject({
      actorKind: 'terminal',
      actorId: s.terminal,
    });
    expect(mine.find((r) => r.orgId === setupOrg)).toMatchObject({ actorKind: 'system', actorId: null });
    expect(mine.filter((r) => r.actorKind === 'operator')).toHaveLength(1);
    const pinReset = mine.find((r) => r.action === 'staff.update' && r.entityId === s.staff);
    expect(pinReset).toMatchObject({
      summary: 'PIN reset',
      before: { hasPin: true },
      after: { hasPin: true },
    });
    expect(mine.find((r) => r.action === 'staff.pin_reset' && r.entityId === s.staff)).toMatchObject({
      summary: 'PIN reset',
      after: { hasPin: true },
    });
    expect(mine.find((r) => r.action === 'staff.create' && r.entityId === s.staff)?.after).toEqual({
      id: s.staff,
      name: 'Ann Auditee',
      email: expect.stringMatching(/^ann-/) as unknown,
      roleId: 'seller',
      active: true,
      hasPassword: true,
      hasPin: true,
      venueIds: [ids.venues],
      training: false,
      overuseCap: null,
    });
    expect(mine.filter((r) => r.action === 'code.generate_children').at(-1)).toMatchObject({
      entityId: ids.codes,
      after: { count: 3 },
    });
    expect(mine.find((r) => r.action === 'code.update' && r.entityId === s.code)).toMatchObject({
      before: { name: 'Audit', version: 1 },
      after: { name: 'Renamed', version: 2 },
    });
    expect(mine.find((r) => r.action === 'review.flag')).toMatchObject({
      summary: 'ask the venue',
      before: { status: 'open' },
      after: { status: 'flagged', note: 'ask the venue' },
    });
    // A run records each performance it made, saying which run (docs/AUDIT.md).
    expect(mine.filter((r) => r.summary?.startsWith('run of 3 performances'))).toHaveLength(3);
    expect(mine.find((r) => r.action === 'organisation.update')).toMatchObject({
      entityId: world.organisationId,
      before: { vatRates: [] },
      after: { vatRates: [{ name: 'Standard', rate: 1900 }] },
    });
    expect(mine.find((r) => r.action === 'terminal.lease_cap')).toMatchObject({
      before: { leaseCapPercent: null },
      after: { leaseCapPercent: 50 },
    });
  }, 180_000);

  it('refuses UPDATE, DELETE and TRUNCATE on audit_log in the database', async () => {
    const [row] = await db.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id LIMIT 1');
    expect(row).toBeDefined();
    await expect(
      db.query("UPDATE audit_log SET summary = 'rewritten' WHERE id = $1", [row?.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log WHERE id = $1', [row?.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const [still] = await db.query<{ summary: string | null }>(
      'SELECT summary FROM audit_log WHERE id = $1',
      [row?.id],
    );
    expect(still?.summary).not.toBe('rewritten');
  });

  it('has no statement in src-server/ that updates or deletes audit_log', () => {
    const root = new URL('../../../src-server', import.meta.url).pathname;
    const writes = /\b(UPDATE|DELETE\s+FROM|TRUNCATE)\s+(TABLE\s+)?(ONLY\s+)?"?audit_log\b/i;
    const offenders = sources(root).filter((file) => writes.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    // The scan would see one: it is not blind to the statement it forbids.
    expect(writes.test('await db.query(`update  audit_log set x = 1`)')).toBe(true);
    expect(writes.test('DELETE FROM audit_log WHERE id = 1')).toBe(true);
  });

  it('filters, pages newest first with a cursor, and exports the same filter as CSV', async () => {
    const all = await browse('?limit=500');
    expect(all.status).toBe(200);
    const ids = all.body.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids.length).toBeGreaterThan(20);

    // Pages of 7 chained by nextBefore give the same rows as one page.
    const paged: number[] = [];
    let before: number | null = null;
    for (;;) {
      const page = await browse(`?limit=7${before ? `&before=${before}` : ''}`);
      paged.push(...page.body.rows.map((r) => r.id));
      before = page.body.nextBefore;
      if (before === null) break;
    }
    expect(paged).toEqual(ids);

    const codes = await browse('?entityKind=code');
    expect(codes.body.rows.length).toBeGreaterThan(0);
    expect(codes.body.rows.every((r) => r.entityKind === 'code')).toBe(true);
    const venueRows = await browse(`?entityId=${world.ids.venues}&entityKind=venue`);
    expect(venueRows.body.rows.map((r) => r.action)).toContain('venue.create');
    expect(venueRows.body.rows.every((r) => r.entityId === world.ids.venues)).toBe(true);
    const byTerminal = await browse(`?actorId=${world.terminal.id}`);
    expect(byTerminal.body.rows.map((r) => r.action)).toEqual(['terminal.enrol']);
    const deletes = await browse('?action=venue.delete');
    expect(deletes.body.rows).toHaveLength(1);
    expect(deletes.body.rows[0]?.before).toMatchObject({ name: 'Annex 2' });
    expect((await browse('?to=2000-01-01T00:00:00Z')).body.rows).toEqual([]);
    expect((await browse('?from=2000-01-01T00:00:00Z&limit=500')).body.rows).toHaveLength(ids.length);
    expect((await browse('?limit=501')).status).toBe(400);

    const csv = await world.api.get(`/v1/audit.csv?entityKind=code`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor kind,actor id,action,entity kind,entity id,summary,before,after');
    expect(lines).toHaveLength(codes.body.rows.length + 1);
    expect(lines[1]?.startsWith(`${codes.body.rows[0]?.id},`)).toBe(true);
    expect(csv.text).toContain('code.generate_children');
  });

  it('shows an organisation only its own log, and only to holders of audit.view', async () => {
    const theirs = await browse('?limit=500', other.api);
    expect(theirs.status).toBe(200);
    expect(theirs.body.rows).toEqual([]);
    expect((await browse(`?entityId=${world.ids.venues}`, other.api)).body.rows).toEqual([]);
    expect((await other.api.get('/v1/audit.csv')).text.trimEnd().split('\r\n')).toHaveLength(1);
    expect((await browse('', world.seller)).status).toBe(403);
    expect((await browse('', world.terminal.api)).status).toBe(403);
    expect((await browse('', apiClient(server.url))).status).toBe(401);
  });
});
