import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import {
  readTicketSecret,
  signTicket,
  ticketKeyring,
  type TicketSigningKey,
} from '../../../shared/node/tickets/secret';
import type { TicketRow } from '../../../shared/sync/sale-record';
import { pullResponseSchema, type PullResponse } from '../../../shared/sync/protocol';
import {
  isRevoked,
  listTicketKeys,
  revocationOf,
  trustedTicketKeys,
} from '../../../src-main/db/repos/ticket-trust-repo';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { enrolmentCode } from '../../helpers/sync-fixture';
import { refundPayload, salePayload } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

// docs/TICKETS.md "Trust": the server keeps the status of the tickets terminals push, voids them with
// the refund or void of their unit, and every pull hands each terminal the organisation's ticket keys
// and the revoked tickets, so a door checks a ticket offline.

type Sale = ReturnType<typeof salePayload>;
const TICKET_TYPE = 'adult';

describe.each(backends)('ticket trust: push, void and pull (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let performanceId: string;
  let sellerId: string;

  /** An enrolled terminal with its device key, as the terminal's enrolment leaves it. */
  const ticketTill = async (): Promise<Till & { key: TicketSigningKey }> => {
    const till = await openTill(org, server.url, venueId, sellerId);
    if (!till.ticketSigner) throw new Error('the till enrolled without a signing key');
    return { ...till, key: till.ticketSigner };
  };

  /** A sale of `qty` seats with one signed ticket per seat, made as checkout makes them. */
  const ticketSale = (till: Till & { key: TicketSigningKey }, qty: number): Sale =>
    salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: sellerId,
      lines: [{ kind: 'ticket', performanceId, ticketTypeId: TICKET_TYPE, qty, unitPrice: 2500 }],
      ticketSigner: till.key,
    });

  const ticketsOf = (saleId: string) =>
    server.database.db.query<{ id: string; status: string; unitIndex: number; keyId: string | null }>(
      `SELECT id, status, unit_index AS "unitIndex", key_id AS "keyId" FROM tickets WHERE sale_id = $1
       ORDER BY unit_index, recorded_at`,
      [saleId],
    );
  const pull = async (till: Till, cursor: string | null, limit?: number): Promise<PullResponse> => {
    const reply = await till.api.post('/v1/sync/pull', { terminalId: till.id, cursor, limit });
    expect(reply.status).toBe(200);
    return pullResponseSchema.parse(reply.body) as PullResponse;
  };
  /** Pulls until the server has nothing more, gathering the revocations. */
  const pullAll = async (till: Till, from: string | null, limit?: number) => {
    let cursor = from;
    const revoked: string[] = [];
    for (;;) {
      const page = await pull(till, cursor, limit);
      revoked.push(...(page.revocations ?? []).map((r) => r.ticketId));
      cursor = page.cursor;
      if (!page.more) return { cursor, revoked, keys: page.ticketKeys ?? [] };
    }
  };

  /** A real terminal (the door's), enrolled at the venue, pulling by hand. */
  const door = async (): Promise<TestTerminal> => {
    const pos = await startTestTerminal({ serverUrl: server.url, sync: { autoStart: false } });
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.sync.enrol, { enrolmentCode: await enrolmentCode(org.api, venueId), name: 'Door 1' });
    return pos;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Tickets');
    const hall = await seedHall(org);
    venueId = hall.venueId;
    performanceId = await newPerformance(org, hall.eventId, 100);
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('stores pushed tickets valid, voids a refunded one, and a door learns of it and of the keys on its next pull', async () => {
    const till = await ticketTill();
    const sale = ticketSale(till, 3);
    till.box.append('sale', sale);
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const stored = await ticketsOf(sale.sale.id);
    expect(stored.map((t) => [t.id, t.status, t.keyId])).toEqual(
      sale.tickets.map((t) => [t.id, 'valid', till.key.keyId]),
    );

    const pos = await door();
    try {
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
      const db = pos.terminal.db;
      expect(listTicketKeys(db)).toContainEqual({
        keyId: till.key.keyId,
        publicKey: expect.any(String) as string,
        terminalId: till.id,
        revokedAt: null,
      });
      const keyring = ticketKeyring(trustedTicketKeys(db));
      for (const t of sale.tickets) {
        const read = readTicketSecret(t.secret ?? '');
        expect(read && keyring.check(read)).toEqual({ ok: true });
        expect(isRevoked(db, t.id)).toBe(false);
      }

      // The second seat is refunded at the till: its ticket alone is void, on the server and at the door.
      const [, second] = sale.units;
      if (!second) throw new Error('three units');
      till.box.append('refund', refundPayload(sale, { kind: 'refund', staffId: sellerId, units: [second] }));
      expect((await pushTill(till, till.box.entries.slice(2))).body.results[0]?.status).toBe('applied');
      expect((await ticketsOf(sale.sale.id)).map((t) => t.status)).toEqual(['valid', 'void', 'valid']);
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
      const [first, refunded, third] = sale.tickets.map((t) => t.id);
      expect(isRevoked(db, refunded ?? '')).toBe(true);
      expect(revocationOf(db, (refunded ?? '').toUpperCase())).toMatchObject({ status: 'void' });
      expect([isRevoked(db, first ?? ''), isRevoked(db, third ?? '')]).toEqual([false, false]);

      // Pushed again (a lost answer): nothing changes, nothing is added.
      const again = await pushTill(till);
      expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect((await ticketsOf(sale.sale.id)).map((t) => t.status)).toEqual(['valid', 'void', 'valid']);
    } finally {
      await pos.close();
    }
  });

  it('voids every ticket of a voided sale, and pages revocations by the cursor: each one once', async () => {
    const till = await ticketTill();
    const { cursor: start } = await pullAll(till, null);
    const sale = ticketSale(till, 2);
    till.box.append('sale', sale);
    till.box.append('void', refundPayload(sale, { kind: 'void', staffId: sellerId }));
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect((await ticketsOf(sale.sale.id)).map((t) => t.status)).toEqual(['void', 'void']);

    const next = await pullAll(till, start);
    expect(next.revoked.sort()).toEqual(sale.tickets.map((t) => t.id).sort());
    // One row a page: the two revocations share a position and still come once each.
    expect((await pullAll(till, start, 1)).revoked.sort()).toEqual(next.revoked);
    expect((await pullAll(till, next.cursor)).revoked).toEqual([]);
    // A full snapshot (a new terminal) gets every revocation of the organisation.
    expect((await pullAll(till, null)).revoked).toEqual(expect.arrayContaining(next.revoked));
  });

  it('trusts a revoked terminal’s tickets signed before its revocation, and refuses those signed after', async () => {
    const till = await ticketTill();
    const pos = await door();
    try {
      const revoked = await org.api.post<{ revokedAt: string }>(`/v1/terminals/${till.id}/revoke`);
      expect(revoked.status).toBe(200);
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
      const held = listTicketKeys(pos.terminal.db).find((k) => k.terminalId === till.id);
      expect(held).toMatchObject({ keyId: till.key.keyId, revokedAt: revoked.body.revokedAt });

      const keyring = ticketKeyring(trustedTicketKeys(pos.terminal.db));
      const at = Date.parse(revoked.body.revokedAt);
      const signedAt = (ms: number) => {
        const issuedAt = new Date(Math.floor(ms / 1000) * 1000).toISOString();
        const secret = signTicket(
          { ticketId: randomUUID(), performanceId, ticketTypeId: TICKET_TYPE, issuedAt },
          till.key,
        );
        const read = readTicketSecret(secret);
        if (!read) throw new Error('unreadable secret');
        return keyring.check(read);
      };
      expect(signedAt(at - 60_000)).toEqual({ ok: true });
      expect(signedAt(at + 60_000)).toEqual({ ok: false, reason: 'KEY_REVOKED' });
    } finally {
      await pos.close();
    }
  });

  it('stores a ticket reprinted before its sale was pushed as reissued, and publishes it', async () => {
    const till = await ticketTill();
    const { cursor } = await pullAll(till, null);
    const sale = ticketSale(till, 1);
    const [original] = sale.tickets;
    if (!original) throw new Error('one ticket');
    const reprint: TicketRow = { ...original, id: randomUUID(), replaces: original.id };
    sale.tickets = [{ ...original, status: 'reissued' }, reprint];
    till.box.append('sale', sale);
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const stored = await ticketsOf(sale.sale.id);
    expect(new Map(stored.map((t) => [t.id, t.status]))).toEqual(
      new Map([
        [original.id, 'reissued'],
        [reprint.id, 'valid'],
      ]),
    );
    expect((await pullAll(till, cursor)).revoked).toEqual([original.id]);
  });

  it('quarantines a sale whose tickets name no sold unit, or ids the server holds already', async () => {
    const till = await ticketTill();
    const stray = ticketSale(till, 1);
    const [ticket] = stray.tickets;
    if (!ticket) throw new Error('one ticket');
    ticket.unitIndex = 5;
    const first = ticketSale(till, 1);
    const copy = ticketSale(till, 1);
    copy.tickets = first.tickets.map((t) => ({
      ...t,
      saleId: copy.sale.id,
      lineId: copy.lines[0]?.id ?? '',
    }));
    for (const s of [stray, first, copy]) till.box.append('sale', s);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', undefined],
      ['quarantined', 'INVALID_PAYLOAD'],
      ['applied', undefined],
      ['quarantined', 'DUPLICATE_TICKET'],
    ]);
    expect(await ticketsOf(stray.sale.id)).toEqual([]);
    expect(await ticketsOf(copy.sale.id)).toEqual([]);
    expect(await ticketsOf(first.sale.id)).toHaveLength(1);
  });
});
