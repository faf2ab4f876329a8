import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signTicket } from '../../../shared/node/tickets/secret';
import type { CheckinResponse, DoorCounts } from '../../../shared/tickets/checkins';
import type { ReviewItem } from '../../../shared/sync/protocol';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload } from '../../helpers/sync-payloads';
import { enrol, openTill, pushTill, seedHall } from '../../helpers/till';

// docs/TICKETS.md "At the door": POST /v1/checkins checks a scan and lets a ticket's first entry win;
// entries a door made offline arrive as `checkin` mutations, and a second admission becomes a review item.

describe.each(backends)('check-in at the door (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let tonight: string;
  let nextMonth: string;
  let issuer: Awaited<ReturnType<typeof enrol>>;
  beforeEach(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Doors');
    const hall = await seedHall(org);
    const performance = async (inMs: number) =>
      (
        await org.api.post<{ id: string }>('/v1/performances', {
          eventId: hall.eventId,
          startsAt: new Date(Date.now() + inMs).toISOString(),
          capacity: 100,
        })
      ).body.id;
    tonight = await performance(3_600_000);
    nextMonth = await performance(30 * 86_400_000);
    issuer = await enrol(org, server.url, hall.venueId);
  });
  afterEach(async () => {
    await server.close();
  });

  const ticket = (performanceId = tonight, issuedAt = new Date().toISOString()) => {
    const ticketId = randomUUID();
    const signer = issuer.ticketSigner!;
    return {
      ticketId,
      secret: signTicket({ ticketId, performanceId, ticketTypeId: 'adult', issuedAt }, signer),
    };
  };
  const scan = (api: SeededOrganisation['api'], secret: string, door = 'North', id = randomUUID()) =>
    api.post<CheckinResponse & { reason?: string; message?: string }>('/v1/checkins', {
      id,
      secret,
      performanceIds: [tonight],
      door,
    });

  it('admits a ticket once; a second scan says when and where it entered; a retried scan is the same entry', async () => {
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    const t = ticket();
    const id = randomUUID();
    const first = await scan(supervisor.api, t.secret, 'North', id);
    expect(first.status).toBe(201);
    expect(first.body.outcome).toEqual({ kind: 'valid', ticketId: t.ticketId, performanceId: tonight });
    expect((await scan(supervisor.api, t.secret, 'North', id)).body.outcome.kind).toBe('valid');
    const again = await scan(org.api, t.secret, 'South');
    expect(again.status).toBe(200);
    expect(again.body.outcome).toMatchObject({ kind: 'already_entered', entry: { door: 'North' } });
    const counts = await org.api.get<DoorCounts>(`/v1/checkins/counts?performanceId=${tonight}`);
    expect(counts.body).toMatchObject({ entered: 1, byDoor: [{ door: 'North', entered: 1 }] });
  });

  it('lets exactly one of many doors racing on one ticket admit it', async () => {
    const t = ticket();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => scan(org.api, t.secret, `Door ${i}`)),
    );
    const kinds = answers.map((a) => a.body.outcome.kind).sort();
    expect(kinds.filter((k) => k === 'valid')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'already_entered')).toHaveLength(7);
  });

  it('refuses forged, unknown-key, wrong-performance, too-early and unreadable scans without recording them', async () => {
    const t = ticket();
    const at = 90;
    const flipped = `${t.secret.slice(0, at)}${t.secret[at] === 'A' ? 'B' : 'A'}${t.secret.slice(at + 1)}`;
    expect((await scan(org.api, flipped)).body.outcome).toEqual({ kind: 'forged' });
    expect((await scan(org.api, 'not a ticket')).body.outcome).toEqual({ kind: 'malformed' });
    expect((await scan(org.api, ticket(nextMonth).secret)).body.outcome).toMatchObject({
      kind: 'wrong_performance',
    });
    const early = await org.api.post<CheckinResponse>('/v1/checkins', {
      id: randomUUID(),
      secret: ticket(nextMonth).secret,
      performanceIds: [nextMonth],
      door: 'North',
    });
    expect(early.body.outcome).toMatchObject({ kind: 'too_early' });
    const stranger = await enrol(org, server.url, (await seedHall(org)).venueId);
    await server.database.db.query('DELETE FROM terminal_signing_keys WHERE terminal_id = $1', [
      stranger.terminalId,
    ]);
    const foreign = signTicket(
      {
        ticketId: randomUUID(),
        performanceId: tonight,
        ticketTypeId: 'adult',
        issuedAt: new Date().toISOString(),
      },
      stranger.ticketSigner!,
    );
    expect((await scan(org.api, foreign)).body.outcome).toMatchObject({ kind: 'unknown_key' });
    expect((await scan(org.api, t.secret)).body.outcome.kind).toBe('valid');
    const counts = await org.api.get<DoorCounts>(`/v1/checkins/counts?performanceId=${tonight}`);
    expect(counts.body.entered).toBe(1);
  });

  it('does not trust tickets a revoked terminal signs after its revocation', async () => {
    const before = ticket(tonight, new Date(Date.now() - 60_000).toISOString());
    expect((await org.api.post(`/v1/terminals/${issuer.terminalId}/revoke`)).status).toBe(200);
    const after = ticket(tonight, new Date(Date.now() + 60_000).toISOString());
    expect((await scan(org.api, after.secret)).body.outcome).toMatchObject({ kind: 'key_revoked' });
    expect((await scan(org.api, before.secret)).body.outcome.kind).toBe('valid');
  });

  it('admits only staff whose role checks tickets, and the performances must be the organisation’s', async () => {
    const seller = await signInAs(org.api, server.url, 'seller');
    expect((await scan(seller.api, ticket().secret)).status).toBe(403);
    const unknown = await org.api.post<{ reason: string; message: string }>('/v1/checkins', {
      id: randomUUID(),
      secret: ticket().secret,
      performanceIds: [randomUUID()],
      door: 'North',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ reason: 'REFERENCE_NOT_FOUND' });
    const noDoor = await org.api.post('/v1/checkins', {
      id: randomUUID(),
      secret: ticket().secret,
      performanceIds: [tonight],
      door: '  ',
    });
    expect(noDoor.status).toBe(400);
  });

  it('refuses a ticket voided at its till once the void reached the server, and counts only valid ones', async () => {
    const hall = await seedHall(org);
    const till = await openTill(org, server.url, hall.venueId, org.managerId);
    const sale = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      lines: [{ kind: 'ticket', performanceId: tonight, ticketTypeId: 'adult', qty: 2, unitPrice: 2500 }],
      ticketSigner: till.ticketSigner,
    });
    till.box.append('sale', sale);
    expect((await pushTill(till)).status).toBe(200);
    const expected = async () =>
      (await org.api.get<DoorCounts>(`/v1/checkins/counts?performanceId=${tonight}`)).body.expected;
    expect(await expected()).toBe(2);
    till.box.append('void', refundPayload(sale, { kind: 'void', staffId: org.managerId }));
    expect((await pushTill(till)).status).toBe(200);
    expect(await expected()).toBe(0);
    const [first] = sale.tickets;
    expect((await scan(org.api, first!.secret!)).body.outcome).toEqual({
      kind: 'voided',
      ticketId: first!.id,
    });
  });

  it('keeps an offline second admission as a duplicate-entry review item, never a second entry', async () => {
    const hall = await seedHall(org);
    const north = await openTill(org, server.url, hall.venueId, org.managerId);
    const south = await openTill(org, server.url, hall.venueId, org.managerId);
    const t = ticket();
    const entry = (till: typeof north, door: string) => ({
      terminalId: till.id,
      id: randomUUID(),
      ticketId: t.ticketId,
      performanceId: tonight,
      door,
      staffId: org.managerId,
      at: new Date().toISOString(),
    });
    north.box.append('checkin', entry(north, 'North'));
    south.box.append('checkin', entry(south, 'South'));
    expect((await pushTill(north)).status).toBe(200);
    expect((await pushTill(south)).status).toBe(200);
    expect((await pushTill(south)).status).toBe(200); // a resend changes nothing
    const items = await org.api.get<{ items: ReviewItem[] }>('/v1/review-items?kind=duplicate_entry');
    expect(items.body.items).toHaveLength(1);
    expect(items.body.items[0]?.summary).toContain('admitted twice');
    const counts = await org.api.get<DoorCounts>(`/v1/checkins/counts?performanceId=${tonight}`);
    expect(counts.body).toMatchObject({ entered: 1, byDoor: [{ door: 'North', entered: 1 }] });
    expect((await scan(org.api, t.secret)).body.outcome).toMatchObject({
      kind: 'already_entered',
      entry: { door: 'North' },
    });
  });
});
