import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c, type ChannelName } from '../../../shared/ipc/channels';
import {
  keyIdOf,
  publicKeyOf,
  signTicket,
  ticketSigningKey,
  type TicketSigningKey,
} from '../../../shared/node/tickets/secret';
import { decodeBase45, encodeBase45 } from '../../../shared/tickets/base45';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { listDoorEntries } from '../../../src-main/db/repos/door-repo';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { replaceTicketKeys, upsertRevocations } from '../../../src-main/db/repos/ticket-trust-repo';
import { SIGNING_KEY_SECRET } from '../../../src-main/services/sync/signing-key';
import { secretStoreWithKey } from '../../helpers/device-key';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

// docs/TICKETS.md "Door mode", offline: a standalone terminal decides alone from the keys and revocations
// a pull would have brought, its own tickets and its own entry log, on real SQLite through the dispatcher.

const HAMLET = 'perf-hamlet-1'; // starts 6 h after the test clock's start: doors open after 4 h
const HAMLET_LATER = 'perf-hamlet-2';
const ADULT_STALLS = 'price-hamlet-adult-stalls';

describe('Door mode offline', () => {
  let pos: TestTerminal;
  let signer: TicketSigningKey;
  let sale: SaleRecord;

  beforeEach(async () => {
    const key = secretStoreWithKey();
    // The door stays signed in across the hours the clock is moved on.
    pos = await startTestTerminal({
      secrets: key.secrets,
      printer: { enabled: false },
      idleMinutes: 24 * 60,
    });
    const pem = key.secrets.read(SIGNING_KEY_SECRET)!;
    signer = ticketSigningKey(pem, publicKeyOf(pem));
    // As a pull would leave them: this terminal's own key among the organisation's.
    replaceTicketKeys(pos.terminal.db, [
      {
        keyId: keyIdOf(key.publicKey),
        publicKey: key.publicKey,
        terminalId: pos.terminal.terminalId,
        revokedAt: null,
      },
    ]);
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 3 });
    const cart = await pos.must(c.cart.get);
    sale = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    pos.clock.advance(5 * 3_600_000); // an hour before curtain-up: the doors are open
  });
  afterEach(() => pos.close());

  const secretOf = (i: number) => sale.tickets[i]!.secret!;
  const checkins = () => readOutbox(pos.terminal.db).filter((e) => e.type === 'checkin');
  const scan = (text: string) => pos.must(c.door.scan, { text });
  const openDoor = (door: string, performanceIds = [HAMLET]) =>
    pos.must(c.door.open, { door, performanceIds });

  it('admits a valid ticket once, recording the entry and its checkin mutation together', async () => {
    const opened = await openDoor('  North ');
    expect(opened).toMatchObject({ door: 'North', performances: [{ id: HAMLET, eventName: 'Hamlet' }] });
    // A wedge scanner's Enter is part of what it types.
    const first = await scan(`${secretOf(0)}\r\n`);
    const ticketId = sale.tickets[0]!.id;
    expect(first).toMatchObject({
      outcome: { kind: 'valid', ticketId, performanceId: HAMLET },
      decidedBy: 'terminal',
      performance: { id: HAMLET, eventName: 'Hamlet' },
    });
    const at = new Date(pos.clock.now()).toISOString();
    const [entry] = listDoorEntries(pos.terminal.db);
    expect(listDoorEntries(pos.terminal.db)).toHaveLength(1);
    expect(entry).toMatchObject({ ticketId, performanceId: HAMLET, door: 'North', staffId: 'staff-sue', at });
    expect(entry?.source).toBe('offline');
    expect(checkins().map((e) => e.payload)).toEqual([
      {
        terminalId: pos.terminal.terminalId,
        id: entry!.id,
        ticketId,
        performanceId: HAMLET,
        door: 'North',
        staffId: 'staff-sue',
        at,
      },
    ]);

    pos.clock.advance(60_000);
    expect((await scan(secretOf(0))).outcome).toEqual({
      kind: 'already_entered',
      ticketId,
      entry: { at, door: 'North' },
    });
    await openDoor('South');
    expect((await scan(secretOf(0))).outcome).toMatchObject({
      kind: 'already_entered',
      entry: { door: 'North' },
    });
    expect(listDoorEntries(pos.terminal.db)).toHaveLength(1);
    expect(checkins()).toHaveLength(1);
    // The door's other tickets still go in.
    expect((await scan(secretOf(1))).outcome.kind).toBe('valid');
    expect(await pos.must(c.door.counts)).toEqual({
      source: 'terminal',
      expected: 3,
      entered: 2,
      byDoor: [
        { door: 'North', entered: 1 },
        { door: 'South', entered: 1 },
      ],
      performances: [
        {
          performanceId: HAMLET,
          expected: 3,
          entered: 2,
          byDoor: [
            { door: 'North', entered: 1 },
            { door: 'South', entered: 1 },
          ],
        },
      ],
    });
  });

  it('records nothing for any refusal: malformed, forged, unknown key, clock off, wrong performance, too early', async () => {
    await openDoor('North');
    const bytes = decodeBase45(secretOf(0))!;
    bytes[20] = bytes[20]! ^ 0x01; // one bit of the performance tag: the signature no longer matches
    const stranger = secretStoreWithKey().secrets.read(SIGNING_KEY_SECRET)!;
    const sign = (claims: Partial<Parameters<typeof signTicket>[0]>, key = signer) =>
      signTicket(
        {
          ticketId: randomUUID(),
          performanceId: HAMLET,
          ticketTypeId: 'type-adult',
          issuedAt: new Date(pos.clock.now()).toISOString(),
          ...claims,
        },
        key,
      );
    const now = pos.clock.now();
    const answers = [
      await scan('4006381333931'),
      await scan(encodeBase45(bytes)),
      await scan(sign({}, ticketSigningKey(stranger, publicKeyOf(stranger)))),
      await scan(sign({ issuedAt: new Date(now + 3_600_000).toISOString() })),
      await scan(sign({ performanceId: 'perf-jazz-1' })),
    ];
    expect(answers.map((a) => a.outcome.kind)).toEqual([
      'malformed',
      'forged',
      'unknown_key',
      'clock_off',
      'wrong_performance',
    ]);
    // The other performance is named from the catalogue.
    expect(answers[4]).toMatchObject({
      outcome: { other: { id: 'perf-jazz-1' } },
      performance: { id: 'perf-jazz-1', eventName: 'Late Night Jazz' },
    });
    await openDoor('North', [HAMLET_LATER]);
    const early = await scan(sign({ performanceId: HAMLET_LATER }));
    // Doors open two hours before curtain-up (docs/TICKETS.md "At the door").
    const later = (await pos.must(c.door.current))!.performances[0]!;
    expect(early.outcome).toMatchObject({
      kind: 'too_early',
      opensAt: new Date(Date.parse(later.startsAt) - 2 * 3_600_000).toISOString(),
    });
    expect(Date.parse(later.startsAt) - 2 * 3_600_000).toBeGreaterThan(now);
    expect(listDoorEntries(pos.terminal.db)).toEqual([]);
    expect(checkins()).toEqual([]);
  });

  it('refuses a ticket refunded here and one a pull revoked, and records neither', async () => {
    await openDoor('North');
    const seats = sale.units.filter((u) => sale.tickets.some((t) => t.lineId === u.lineId));
    await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: seats[0]!.lineId, unitIndex: sale.tickets[0]!.unitIndex }],
      reason: 'Customer request',
    });
    upsertRevocations(pos.terminal.db, [
      { ticketId: sale.tickets[1]!.id, status: 'void', changedAt: new Date(pos.clock.now()).toISOString() },
      {
        ticketId: sale.tickets[2]!.id,
        status: 'reissued',
        changedAt: new Date(pos.clock.now()).toISOString(),
      },
    ]);
    expect((await scan(secretOf(0))).outcome).toEqual({ kind: 'voided', ticketId: sale.tickets[0]!.id });
    expect((await scan(secretOf(1))).outcome).toEqual({ kind: 'voided', ticketId: sale.tickets[1]!.id });
    expect((await scan(secretOf(2))).outcome).toEqual({ kind: 'reissued', ticketId: sale.tickets[2]!.id });
    expect(listDoorEntries(pos.terminal.db)).toEqual([]);
    expect(checkins()).toEqual([]);
    expect(await pos.must(c.door.counts)).toMatchObject({ source: 'terminal', expected: 0, entered: 0 });
  });

  it('lists today’s performances first and says what to do before a door is open or with an unknown one', async () => {
    const options = await pos.must(c.door.performances);
    expect(options[0]).toMatchObject({ id: HAMLET, eventName: 'Hamlet' });
    const starts = options.map((o) => o.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(await pos.must(c.door.current)).toBeNull();
    expect(await pos.call(c.door.scan, { text: secretOf(0) })).toMatchObject({
      ok: false,
      reason: 'DOOR_NOT_OPEN',
    });
    const unknown = await pos.call(c.door.open, { door: 'North', performanceIds: ['perf-nowhere'] });
    expect(unknown).toMatchObject({ ok: false, reason: 'DOOR_UNKNOWN_PERFORMANCE' });
    expect(!unknown.ok && unknown.message).toContain('perf-nowhere');
    expect(await pos.call(c.door.open, { door: '   ', performanceIds: [HAMLET] })).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
    });
    await openDoor('North');
    expect(await pos.must(c.door.current)).toMatchObject({ door: 'North', performances: [{ id: HAMLET }] });
  });

  it('refuses a seller every door channel in main, whatever the screen shows', async () => {
    await openDoor('North');
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    const requests: [ChannelName, unknown][] = [
      [c.door.scan, { text: secretOf(0) }],
      [c.door.open, { door: 'North', performanceIds: [HAMLET] }],
      [c.door.counts, {}],
      [c.door.current, {}],
      [c.door.performances, {}],
    ];
    for (const [channel, request] of requests) {
      const refused = await pos.terminal.dispatch(channel, request);
      expect(refused, channel).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
      expect(!refused.ok && refused.message).toContain('check tickets at the door');
    }
    expect(listDoorEntries(pos.terminal.db)).toEqual([]);
  });
});
