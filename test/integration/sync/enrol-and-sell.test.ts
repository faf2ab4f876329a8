import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readTicketSecret, ticketKeyring } from '../../../shared/node/tickets/secret';
import { buildEnrolmentLink } from '../../../shared/sync/enrolment-link';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import {
  createCode,
  enrolledTerminal,
  enrolmentCode,
  sell,
  serverUses,
  startSyncWorld,
  type SyncWorld,
} from '../../helpers/sync-fixture';
import { waitFor } from '../../helpers/server-api';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

describe('sync: enrolment and selling online', () => {
  let world: SyncWorld;
  const open: TestTerminal[] = [];
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(() => world.close());

  /** A terminal pointed at the world's server, not enrolled yet, with `staffId` signed in. */
  const fresh = async (staffId: string, pin: string) => {
    const pos = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      sync: { autoStart: false },
    });
    open.push(pos);
    await pos.must(c.staff.signIn, { staffId, pin });
    return pos;
  };

  const enrolled = async () => {
    const pos = await enrolledTerminal(world);
    open.push(pos);
    return pos;
  };

  it('replaces the demo catalogue and staff with the server’s, whose PINs work here', async () => {
    const pos = await enrolled();
    const status = await pos.must(c.system.status);
    expect(status.sync).toMatchObject({
      enrolled: true,
      state: 'enrolled',
      terminalName: 'Box 1',
      lastError: null,
    });
    expect(status.terminalId).toBe(pos.terminal.terminalId);
    const names = (await pos.must(c.staff.list)).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Sally Seller', 'Sid Supervisor']));
    expect(names).not.toContain('Sam Seller');
    // Enrolment signed the demo manager out; the server's seller signs in with the server's PIN.
    expect(await pos.call(c.cart.get)).toMatchObject({ ok: false, reason: 'NOT_SIGNED_IN' });
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    const events = await pos.must(c.catalogue.events);
    expect(events.map((e) => e.name)).toEqual(['Macbeth']);
  });

  it('refuses to enrol a terminal that has recorded anything, saying to use a fresh data folder', async () => {
    const pos = await fresh('staff-max', '640273');
    await pos.must(c.shift.open, { openingFloat: 0 });
    const refused = await pos.call(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
      name: 'Box 2',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'ENROL_NOT_FRESH' });
    expect(!refused.ok && refused.message).toContain('Enrol a fresh data folder');
  });

  it('enrols with the back office’s enrolment link, and refuses a link to another server before sending it', async () => {
    const pos = await fresh('staff-max', '640273');
    const code = await enrolmentCode(world.org.api, world.catalogue.venueId);
    const elsewhere = await pos.call(c.sync.enrol, {
      enrolmentCode: buildEnrolmentLink('https://other.example.org', code),
      name: 'Box 4',
    });
    expect(elsewhere).toMatchObject({ ok: false, reason: 'ENROL_OTHER_SERVER' });
    expect(!elsewhere.ok && elsewhere.message).toContain(`this terminal syncs with ${world.server.url}`);
    expect(
      await pos.call(c.sync.enrol, { enrolmentCode: 'https://x.test/admin', name: 'Box 4' }),
    ).toMatchObject({ ok: false, reason: 'ENROL_BAD_INPUT' });
    // The refusals spent nothing: the same code, as a scanned link with a trailing slash, enrols.
    const enrolled = await pos.must(c.sync.enrol, {
      enrolmentCode: ` ${buildEnrolmentLink(`${world.server.url}/`, code.toLowerCase())}\n`,
      name: 'Box 4',
    });
    expect(enrolled).toMatchObject({ enrolled: true, terminalName: 'Box 4' });
  });

  it('lets only staff with terminals.enrol enrol the terminal', async () => {
    const pos = await fresh('staff-sue', '5937');
    expect(await pos.call(c.sync.enrol, { enrolmentCode: 'AAAA-BBBB-CCCC', name: 'Box 3' })).toMatchObject({
      ok: false,
      reason: 'FORBIDDEN',
    });
  });

  it('enrols a brand-new terminal (no staff, no demo) with nobody signed in, and only such a one', async () => {
    const pos = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      demoData: false,
      sync: { autoStart: false },
    });
    open.push(pos);
    expect(await pos.must(c.staff.list)).toEqual([]);
    const link = buildEnrolmentLink(
      world.server.url,
      await enrolmentCode(world.org.api, world.catalogue.venueId),
    );
    await pos.must(c.sync.enrol, { enrolmentCode: link, name: 'Box 9' });
    expect((await pos.must(c.system.status)).sync).toMatchObject({
      state: 'enrolled',
      terminalName: 'Box 9',
    });
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    // Now it holds staff and an enrolment: enrolling again takes a signed-in terminals.enrol again.
    await pos.must(c.staff.signOut);
    const again = await pos.call(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
      name: 'Box 10',
    });
    expect(again).toMatchObject({ ok: false, reason: 'NOT_SIGNED_IN' });

    // A standalone terminal with its demo staff is not brand new either.
    const demo = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      sync: { autoStart: false },
    });
    open.push(demo);
    const refused = await demo.call(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
      name: 'Box 11',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'NOT_SIGNED_IN' });
  });

  it('tells the server at each pull how many sales it still holds unsent, for the Terminals screen', async () => {
    const pos = await enrolled();
    const shown = async () => {
      const list = await world.org.api.get<{ items: { id: string; pendingSales: number | null }[] }>(
        '/v1/terminals?limit=1000',
      );
      return list.body.items.find((t) => t.id === pos.terminal.terminalId)?.pendingSales;
    };
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
    expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
    expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
    expect(await shown()).toBe(2);
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await shown()).toBe(2); // a push says nothing about the count; the next pull does
    expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
    expect(await shown()).toBe(0);
  });

  it('signs each ticket with the key registered at enrolment and pushes the tickets with the sale', async () => {
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    const sold = await sell(pos, world.catalogue, { qty: 2 });
    const tickets = sold.ok ? (sold.value as SaleRecord).tickets : [];
    expect(tickets).toHaveLength(2);
    const registered = await world.server
      .db()
      .query<{ publicKey: string }>(
        'SELECT public_key AS "publicKey" FROM terminal_signing_keys WHERE terminal_id = $1',
        [pos.terminal.terminalId],
      );
    const keyring = ticketKeyring(registered.map((k) => ({ publicKey: k.publicKey, revokedAt: null })));
    for (const ticket of tickets) {
      const read = readTicketSecret(ticket.secret ?? '');
      expect(read?.ticketId).toBe(ticket.id);
      expect(read && keyring.check(read)).toEqual({ ok: true });
    }
    const pushed = readOutbox(pos.terminal.db).find((m) => m.type === 'sale');
    expect((pushed?.payload as { tickets: unknown }).tickets).toEqual(tickets);
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
  });

  it('sells a capped code on a lease, pushes it with its escrow, and a void gives the use back', async () => {
    const codeId = await createCode(world.org.api, { code: 'ONLINE5', rules: { maxUses: 5 } });
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    const sold = await sell(pos, world.catalogue, { code: 'ONLINE5' });
    expect(sold).toMatchObject({ ok: true, value: { sale: { codeDiscount: 400, total: 3600 } } });
    const sale = readOutbox(pos.terminal.db).find((m) => m.type === 'sale');
    const payload = sale?.payload as {
      terminalId: string;
      escrow: { leaseUses: { counter: string; units: number }[]; unbacked: unknown[] };
    };
    expect(payload.terminalId).toBe(pos.terminal.terminalId);
    expect(payload.escrow.unbacked).toEqual([]);
    expect(payload.escrow.leaseUses.map((u) => [u.counter, u.units])).toEqual(
      expect.arrayContaining([
        [`capacity:${world.catalogue.performanceId}`, 1],
        [`code_uses:${codeId}`, 1],
      ]),
    );
    const status = await pos.must(c.sync.now);
    expect(status.pendingSales).toBe(0);
    expect(await serverUses(world.org.api, codeId)).toBe(1);
    const lease = status.leases.find((l) => l.counter === `code_uses:${codeId}`);
    expect(lease).toMatchObject({ label: 'ONLINE5' });
    const heldBefore = lease?.remaining ?? 0;

    await pos.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
    const saleId = (sold.ok && (sold.value as { sale: { id: string } }).sale.id) || '';
    await pos.must(c.sales.void, { saleId, reason: 'Wrong ticket sold' });
    const voidRow = readOutbox(pos.terminal.db).find((m) => m.type === 'void');
    expect(
      (voidRow?.payload as { escrow: { leaseUses: { counter: string }[] } }).escrow.leaseUses.map(
        (u) => u.counter,
      ),
    ).toEqual(expect.arrayContaining([`code_uses:${codeId}`, `capacity:${world.catalogue.performanceId}`]));
    const after = await pos.must(c.sync.now);
    expect(after.leases.find((l) => l.counter === `code_uses:${codeId}`)?.remaining).toBe(heldBefore + 1);
    expect(await serverUses(world.org.api, codeId)).toBe(0);
  });

  it('sells a generated child code on its parent’s terms, with its own counters', async () => {
    const parentId = await createCode(world.org.api, {
      code: 'KIDSPARENT',
      isParent: true,
      rules: { maxUses: 1 },
    });
    const job = await world.org.api.post<{ id: string }>(`/v1/codes/${parentId}/children`, {
      count: 3,
      prefix: 'KID',
    });
    expect(job.status).toBe(202);
    await waitFor(async () => {
      const state = await world.org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      return state.body.status === 'done' ? true : undefined;
    });
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.cart.addTicket, {
      performanceId: world.catalogue.performanceId,
      ticketPriceId: world.catalogue.ticketPriceId,
      qty: 1,
    });
    const options = await pos.must(c.codes.search, { query: 'KID', limit: 10 });
    expect(options).toHaveLength(3);
    expect(options.every((o) => o.code.startsWith('KID') && o.applies && o.saving === 400)).toBe(true);
    // A child's row leaves its parent's name out of the search index, but the option still shows it.
    expect(options.every((o) => o.name === 'KIDSPARENT')).toBe(true);
    const child = options[0]?.code ?? '';
    expect(await sell(pos, world.catalogue, { code: child })).toMatchObject({
      ok: true,
      value: { sale: { codeDiscount: 400 } },
    });
    const status = await pos.must(c.sync.now);
    expect(status.pendingSales).toBe(0);
    // The child's one use is spent; its siblings keep theirs.
    expect(await sell(pos, world.catalogue, { code: child })).toMatchObject({
      ok: false,
      reason: 'CODE_NOT_APPLICABLE',
    });
    expect(await sell(pos, world.catalogue, { code: options[1]?.code ?? '' })).toMatchObject({ ok: true });
  });

  it('tells the status bar when the sync status changes', async () => {
    const pos = await enrolled();
    const seen: string[] = [];
    const stop = pos.terminal.events.subscribe((e) => {
      if (e.type === 'sync-status') seen.push(`${e.sync.state}:${e.sync.pendingSales}`);
    });
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
    await pos.must(c.sync.now);
    stop();
    expect(seen).toEqual(expect.arrayContaining(['enrolled:1', 'enrolled:0']));
  });

  it('brings a catalogue change made on the server to the sell screen with the next pull', async () => {
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    const eventId = (
      await world.org.api.post<{ id: string }>('/v1/events', {
        venueId: world.catalogue.venueId,
        name: 'Othello',
      })
    ).body.id;
    await world.org.api.post('/v1/performances', {
      eventId,
      startsAt: new Date(world.clock.now() + 86_400_000).toISOString(),
      capacity: 50,
    });
    await world.org.api.patch(`/v1/events/${world.catalogue.eventId}`, { name: 'Macbeth (revival)' });
    await pos.must(c.sync.now);
    const events = await pos.must(c.catalogue.events);
    expect(events.map((e) => e.name).sort()).toEqual(['Macbeth (revival)', 'Othello']);
    expect(events.find((e) => e.name === 'Othello')?.performances).toHaveLength(1);
  });
});
