import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { checkScan, type DoorContext } from '../../../shared/node/tickets/door-check';
import { tagOf, ticketKeyring, type TicketSigningKey } from '../../../shared/node/tickets/secret';
import { doorsOpenAt, type CheckinResponse } from '../../../shared/tickets/checkins';
import { pullResponseSchema, type PullResponse } from '../../../shared/sync/protocol';
import type { Db } from '../../../src-main/db/connection';
import { revocationOf, trustedTicketKeys } from '../../../src-main/db/repos/ticket-trust-repo';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { enrolmentCode } from '../../helpers/sync-fixture';
import { reissuePayload, salePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';
import { startTestTerminal } from '../../helpers/terminal';

// docs/TICKETS.md "Reprints": a `ticket.reissue` makes the old ticket reissued under a new change
// position (a revocation every door pulls) and stores its replacement valid; the check-in route refuses
// the old secret and admits the new one, and so does a terminal's offline check with what it pulled.

type Sale = ReturnType<typeof salePayload>;
type SigningTill = Till & { key: TicketSigningKey };

describe.each(backends)('ticket reissue: apply, pull and check in (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let tonight: { id: string; startsAt: string };

  const signingTill = async (o = org, venue = venueId): Promise<SigningTill> => {
    const till = await openTill(o, server.url, venue, o.managerId);
    if (!till.ticketSigner) throw new Error('the till enrolled without a signing key');
    return { ...till, key: till.ticketSigner };
  };
  const sell = (
    till: SigningTill,
    qty: number,
    performanceId = tonight.id,
    cashierId = org.managerId,
  ): Sale =>
    salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId,
      lines: [{ kind: 'ticket', performanceId, ticketTypeId: 'adult', qty, unitPrice: 2500 }],
      ticketSigner: till.key,
    });
  const reissue = (till: SigningTill, sale: Sale, tickets = sale.tickets) =>
    reissuePayload(sale, { staffId: org.managerId, signer: till.key, tickets });
  const statuses = async (saleId: string) =>
    new Map(
      (
        await server.database.db.query<{ id: string; status: string; replaces: string | null }>(
          'SELECT id, status, replaces FROM tickets WHERE sale_id = $1',
          [saleId],
        )
      ).map((t) => [t.id, [t.status, t.replaces]]),
    );
  const results = async (till: Till, entries = till.box.entries) =>
    (await pushTill(till, entries)).body.results.map((r) => [r.status, r.reason]);
  const pullFrom = async (till: Till, cursor: string | null): Promise<PullResponse> => {
    const reply = await till.api.post('/v1/sync/pull', { terminalId: till.id, cursor });
    expect(reply.status).toBe(200);
    return pullResponseSchema.parse(reply.body) as PullResponse;
  };
  const scan = (secret: string) =>
    org.api.post<CheckinResponse>('/v1/checkins', {
      id: randomUUID(),
      secret,
      performanceIds: [tonight.id],
      door: 'North',
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Reprints');
    const hall = await seedHall(org);
    venueId = hall.venueId;
    // Starts within the hour: its doors are open now.
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const made = await org.api.post<{ id: string }>('/v1/performances', {
      eventId: hall.eventId,
      startsAt,
      capacity: 100,
    });
    tonight = { id: made.body.id, startsAt };
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('reissues the ticket: pulled as a revocation, the old secret refused at check-in, the new one admitted', async () => {
    const till = await signingTill();
    const sale = sell(till, 2);
    till.box.append('sale', sale);
    expect(await results(till)).toEqual([
      ['applied', undefined],
      ['applied', undefined],
    ]);
    let page = await pullFrom(till, null);
    while (page.more) page = await pullFrom(till, page.cursor);
    const cursor = page.cursor;

    const [kept, lost] = sale.tickets;
    const payload = reissue(till, sale, [lost!]);
    const [fresh] = payload.tickets;
    till.box.append('ticket.reissue', payload);
    expect(await results(till, till.box.entries.slice(2))).toEqual([['applied', undefined]]);
    expect(await statuses(sale.sale.id)).toEqual(
      new Map([
        [kept!.id, ['valid', null]],
        [lost!.id, ['reissued', null]],
        [fresh!.id, ['valid', lost!.id]],
      ]),
    );

    expect((await pullFrom(till, cursor)).revocations).toEqual([
      { ticketId: lost!.id, status: 'reissued', changedAt: new Date(payload.at).toISOString() },
    ]);

    const old = await scan(lost!.secret!);
    expect(old.status).toBe(200);
    expect(old.body.outcome).toEqual({ kind: 'reissued', ticketId: lost!.id });
    const admitted = await scan(fresh!.secret!);
    expect(admitted.status).toBe(201);
    expect(admitted.body.outcome).toEqual({ kind: 'valid', ticketId: fresh!.id, performanceId: tonight.id });

    // Pushed again (a lost answer): duplicates, nothing changes.
    expect((await results(till)).map(([status]) => status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect((await statuses(sale.sale.id)).size).toBe(3);
  });

  it('applies a sale and its reprint pushed in one batch, in order', async () => {
    const till = await signingTill();
    const sale = sell(till, 1);
    till.box.append('sale', sale);
    const payload = reissue(till, sale);
    till.box.append('ticket.reissue', payload);
    expect((await results(till)).map(([status]) => status)).toEqual(['applied', 'applied', 'applied']);
    expect(await statuses(sale.sale.id)).toEqual(
      new Map([
        [sale.tickets[0]!.id, ['reissued', null]],
        [payload.tickets[0]!.id, ['valid', sale.tickets[0]!.id]],
      ]),
    );
  });

  it('quarantines a reprint of a ticket it does not hold, one no longer valid, one naming another unit, and one of another organisation', async () => {
    const till = await signingTill();
    const sale = sell(till, 2);
    till.box.append('sale', sale);
    const [first, second] = sale.tickets;
    const done = reissue(till, sale, [first!]);
    till.box.append('ticket.reissue', done);
    // The same ticket reprinted again: it is reissued already.
    till.box.append('ticket.reissue', reissue(till, sale, [first!]));
    // A ticket the server never saw (its sale was never pushed).
    const unpushed = sell(till, 1);
    till.box.append('ticket.reissue', reissue(till, unpushed));
    // The replacement claims another seat than the ticket it replaces.
    const moved = reissue(till, sale, [second!]);
    moved.tickets[0]!.unitIndex = 0;
    till.box.append('ticket.reissue', moved);
    // Another organisation's ticket, pushed by this one's till.
    const other = await seedOrganisation(server.database.db, server.url, 'Elsewhere');
    const otherHall = await seedHall(other);
    const otherTill = await signingTill(other, otherHall.venueId);
    const performance = await other.api.post<{ id: string }>('/v1/performances', {
      eventId: otherHall.eventId,
      startsAt: tonight.startsAt,
      capacity: 10,
    });
    const foreign = sell(otherTill, 1, performance.body.id, other.managerId);
    otherTill.box.append('sale', foreign);
    expect((await results(otherTill)).map(([status]) => status)).toEqual(['applied', 'applied']);
    till.box.append('ticket.reissue', { ...reissue(otherTill, foreign), terminalId: till.id });

    expect(await results(till)).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['applied', undefined],
      ['quarantined', 'TICKET_NOT_VALID'],
      ['quarantined', 'UNKNOWN_TICKET'],
      ['quarantined', 'INVALID_PAYLOAD'],
      ['quarantined', 'UNKNOWN_TICKET'],
    ]);
    expect(await statuses(sale.sale.id)).toEqual(
      new Map([
        [first!.id, ['reissued', null]],
        [done.tickets[0]!.id, ['valid', first!.id]],
        [second!.id, ['valid', null]],
      ]),
    );
    expect(await statuses(foreign.sale.id)).toEqual(new Map([[foreign.tickets[0]!.id, ['valid', null]]]));
  });

  it('lets a terminal that pulled the revocation refuse the old secret offline, and admit the new one', async () => {
    const till = await signingTill();
    const sale = sell(till, 1);
    till.box.append('sale', sale);
    const payload = reissue(till, sale);
    till.box.append('ticket.reissue', payload);
    expect((await results(till)).map(([status]) => status)).toEqual(['applied', 'applied', 'applied']);

    const pos = await startTestTerminal({ serverUrl: server.url, sync: { autoStart: false } });
    try {
      await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
      await pos.must(c.sync.enrol, { enrolmentCode: await enrolmentCode(org.api, venueId), name: 'Door 1' });
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
      const door = doorOf(pos.terminal.db, tonight, new Date());
      const [old] = sale.tickets;
      const [fresh] = payload.tickets;
      expect(checkScan(old!.secret!, door)).toEqual({ kind: 'reissued', ticketId: old!.id });
      expect(checkScan(fresh!.secret!, door)).toEqual({
        kind: 'valid',
        ticketId: fresh!.id,
        performanceId: tonight.id,
      });
    } finally {
      await pos.close();
    }
  });
});

/** A door's offline check from what the terminal's store pulled: its keys and revocations. */
function doorOf(db: Db, performance: { id: string; startsAt: string }, now: Date): DoorContext {
  const tag = tagOf(performance.id);
  return {
    keyring: ticketKeyring(trustedTicketKeys(db)),
    performances: new Map([[tag, { ...performance, tag, opensAt: doorsOpenAt(performance.startsAt) }]]),
    revocation: (id) => revocationOf(db, id)?.status,
    entry: () => undefined,
    now,
  };
}
