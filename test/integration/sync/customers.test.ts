import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { Customer } from '../../../shared/customers/schema';
import { createCode, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CUSTOMERS.md "At the terminal": the picker searches the server's store online and the pulled
// subset offline, creates customers inline (online on the server, offline pushed once), and the cart's
// customer figures come from the store: counted at the server across terminals, never typed.

describe('sync: customers at the terminal', () => {
  const { world, enrolled } = useSyncWorld();
  // A letter first: six hex digits can all be digits, which the search reads as a phone number.
  const tag = () => `t${randomUUID().slice(0, 6)}`;

  const signedIn = async () => {
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world().catalogue.sellerId, pin: '7305' });
    if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 10_000 });
    await pos.must(c.sync.now);
    return pos;
  };

  /** A customer in the server's store, made in the back office. */
  const stored = async (body: Record<string, unknown>): Promise<Customer> => {
    const reply = await world().org.api.post<Customer>('/v1/customers', body);
    if (reply.status !== 201) throw new Error(`customer: ${reply.status} ${reply.text}`);
    return reply.body;
  };

  const addSeat = (pos: TestTerminal) =>
    pos.must(c.cart.addTicket, {
      performanceId: world().catalogue.performanceId,
      ticketPriceId: world().catalogue.ticketPriceId,
      qty: 1,
    });

  /** Sells one seat to the customer (with `code`), for cash. */
  const sellTo = async (pos: TestTerminal, customerId: string, code?: string) => {
    await pos.must(c.cart.clear);
    await addSeat(pos);
    await pos.must(c.customers.attach, { customerId });
    if (code) await pos.must(c.cart.applyCode, { input: code });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  };

  const serverCustomers = async (email: string) =>
    world()
      .server.db()
      .query<{ id: string; name: string }>(
        'SELECT id::text, name FROM customers WHERE lower(email) = lower($1)',
        [email],
      );

  it('searches the server’s store online and attaches a customer with the server’s figures', async () => {
    const t = tag();
    const ada = await stored({ name: `Ada Search${t}`, email: `ada${t}@example.org`, groups: ['members'] });
    const pos = await signedIn();
    const found = await pos.must(c.customers.search, { q: `search${t}` });
    expect(found).toMatchObject({ source: 'server', notice: null });
    expect(found.items.map((h) => h.id)).toEqual([ada.id]);
    await addSeat(pos);
    const cart = await pos.must(c.customers.attach, { customerId: ada.id });
    expect(cart.customer).toMatchObject({ id: ada.id, name: ada.name, priorOrders: 0, groups: ['members'] });
  });

  it('creates a customer inline on the server, and refuses a second one with the same address', async () => {
    const t = tag();
    const pos = await signedIn();
    const cart = await pos.must(c.customers.create, {
      name: `Grace Inline${t}`,
      email: `grace${t}@example.org`,
      phone: '+49 30 1234',
      emailConsent: true,
    });
    const [onServer] = await serverCustomers(`grace${t}@example.org`);
    expect(cart.customer).toMatchObject({ id: onServer?.id, name: `Grace Inline${t}`, emailConsent: true });
    const again = await pos.call(c.customers.create, {
      name: 'Someone Else',
      email: `GRACE${t}@example.org`,
    });
    expect(again).toMatchObject({ ok: false, reason: 'CUSTOMER_SERVER_REFUSED' });
    expect(!again.ok && again.message).toContain(`Grace Inline${t} already has the e-mail address`);
    expect(await serverCustomers(`grace${t}@example.org`)).toHaveLength(1);
    // Consent without an address is refused before anything is sent.
    expect(await pos.call(c.customers.create, { name: 'No Mail', emailConsent: true })).toMatchObject({
      ok: false,
      reason: 'CUSTOMER_CONSENT_NEEDS_EMAIL',
    });
  });

  it('refuses a new-customers code for someone who bought at another terminal, whatever the renderer types', async () => {
    const t = tag();
    await createCode(world().org.api, { code: `NEW${t}`, rules: { newCustomersOnly: true } });
    const regular = await stored({ name: `Rita Regular${t}` });
    const newcomer = await stored({ name: `Nina New${t}` });
    const a = await signedIn();
    const b = await signedIn();
    await sellTo(a, regular.id);
    await a.must(c.sync.now);

    await b.must(c.sync.now);
    await addSeat(b);
    const attached = await b.must(c.customers.attach, { customerId: regular.id });
    expect(attached.customer?.priorOrders).toBe(1);
    // The code stays on the order, not applying, and checkout refuses it (as for any attached code).
    expect((await b.must(c.cart.applyCode, { input: `NEW${t}` })).code).toMatchObject({
      applies: false,
      reason: 'NEW_CUSTOMERS_ONLY',
    });
    // The old free-text path cannot claim "no earlier orders": the figures sent are ignored.
    const typed = await b.must(c.cart.setCustomer, {
      customer: { id: regular.id, name: regular.name, priorOrders: 0, groups: ['members'] },
    });
    expect(typed.customer).toMatchObject({ priorOrders: 1, groups: [] });
    expect(typed.code).toMatchObject({ applies: false, reason: 'NEW_CUSTOMERS_ONLY' });
    const cart = await b.must(c.cart.get);
    expect(
      await b.call(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      }),
    ).toMatchObject({ ok: false, reason: 'CODE_NOT_APPLICABLE' });

    const applied = await b.must(c.customers.attach, { customerId: newcomer.id });
    expect(applied.code).toMatchObject({ code: `NEW${t}`.toUpperCase(), applies: true });
  });

  it('admits a group code for a customer in the group, from the store', async () => {
    const t = tag();
    await createCode(world().org.api, { code: `GRP${t}`, rules: { customerGroups: [`friends${t}`] } });
    const friend = await stored({ name: `Fred Friend${t}`, groups: [`friends${t}`] });
    const stranger = await stored({ name: `Sam Stranger${t}` });
    const pos = await signedIn();
    await addSeat(pos);
    await pos.must(c.customers.attach, { customerId: stranger.id });
    expect((await pos.must(c.cart.applyCode, { input: `GRP${t}` })).code).toMatchObject({
      applies: false,
      reason: 'CUSTOMER_GROUP',
    });
    expect((await pos.must(c.customers.attach, { customerId: friend.id })).code).toMatchObject({
      code: `GRP${t}`.toUpperCase(),
      applies: true,
    });
    // The picker lists the group code as theirs, with its uses left.
    const detail = await pos.must(c.customers.detail, { customerId: friend.id });
    expect(detail).toMatchObject({ source: 'server', completedOrders: 0, orders: [] });
    expect(detail.codes?.map((k) => [k.code, k.reason])).toEqual([[`GRP${t}`.toUpperCase(), 'group']]);
  });

  it('counts a per-customer limit across terminals online, without counting a pushed sale twice', async () => {
    const t = tag();
    await createCode(world().org.api, {
      code: `ONE${t}`,
      rules: { maxUsesPerCustomer: 1 },
      offlinePolicy: 'best_effort',
    });
    await createCode(world().org.api, {
      code: `TWO${t}`,
      rules: { maxUsesPerCustomer: 2 },
      offlinePolicy: 'best_effort',
    });
    const zoe = await stored({ name: `Zoe Limit${t}` });
    const a = await signedIn();
    const b = await signedIn();
    await a.must(c.sync.now);
    await b.must(c.sync.now);
    await sellTo(a, zoe.id, `ONE${t}`);
    await sellTo(a, zoe.id, `TWO${t}`);
    await a.must(c.sync.now);

    // B never sold to Zoe: the server's count says she used ONE already.
    await addSeat(b);
    await b.must(c.customers.attach, { customerId: zoe.id });
    const refused = await b.must(c.cart.applyCode, { input: `ONE${t}` });
    expect(refused.code).toMatchObject({ applies: false, reason: 'CUSTOMER_MAX_USES' });
    // At A the pushed use of TWO is the server's too: counted once, so one use is left.
    await a.must(c.cart.clear);
    await addSeat(a);
    await a.must(c.customers.attach, { customerId: zoe.id });
    expect((await a.must(c.cart.applyCode, { input: `TWO${t}` })).code).toMatchObject({ applies: true });
    // A use at A not pushed yet counts at A on top of the server's.
    const cart = await a.must(c.cart.get);
    await a.must(c.checkout.complete, { cartId: cart.id, tenders: [{ tender: 'cash', amount: cart.total }] });
    await addSeat(a);
    await a.must(c.customers.attach, { customerId: zoe.id });
    const used = await a.must(c.cart.applyCode, { input: `TWO${t}` });
    expect(used.code).toMatchObject({ applies: false, reason: 'CUSTOMER_MAX_USES' });
  });

  it('reads the counts again at checkout: a use at another terminal since the attach refuses the code', async () => {
    const t = tag();
    await createCode(world().org.api, {
      code: `LAST${t}`,
      rules: { maxUsesPerCustomer: 1 },
      offlinePolicy: 'best_effort',
    });
    const kim = await stored({ name: `Kim Checkout${t}` });
    const a = await signedIn();
    const b = await signedIn();
    await addSeat(b);
    await b.must(c.customers.attach, { customerId: kim.id });
    expect((await b.must(c.cart.applyCode, { input: `LAST${t}` })).code).toMatchObject({ applies: true });
    // Meanwhile Kim uses it at A, and A pushes.
    await sellTo(a, kim.id, `LAST${t}`);
    await a.must(c.sync.now);
    const cart = await b.must(c.cart.get);
    expect(
      await b.call(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      }),
    ).toMatchObject({ ok: false, reason: 'CODE_NOT_APPLICABLE' });
    expect((await b.must(c.cart.get)).code).toMatchObject({ applies: false, reason: 'CUSTOMER_MAX_USES' });
  });

  it('searches the pulled subset offline: customers with recent orders or personal codes, not everyone', async () => {
    const t = tag();
    const buyer = await stored({ name: `Olga Offline${t}`, phone: '030 5550' });
    const member = await stored({ name: `Max Member${t}`, groups: [`vip${t}`] });
    await stored({ name: `Ned Nobody${t}` });
    await createCode(world().org.api, { code: `VIP${t}`, rules: { customerGroups: [`vip${t}`] } });
    const a = await signedIn();
    await sellTo(a, buyer.id);
    await a.must(c.sync.now);
    const b = await signedIn();
    // The pull that brings the subset (a round on a busy machine may time out: it is tried again).
    const held = () =>
      b.terminal.db.prepare('SELECT name FROM customers WHERE name LIKE ? ORDER BY name').all(`%${t}`);
    for (let round = 0; round < 3 && held().length < 2; round++) await b.must(c.sync.now);
    expect(held()).toEqual([{ name: `Max Member${t}` }, { name: `Olga Offline${t}` }]);
    await world().server.stop();
    try {
      expect(await b.call(c.sync.now)).toMatchObject({ ok: false });
      const found = await b.must(c.customers.search, { q: `${t}` });
      expect(found.source).toBe('local');
      expect(found.notice).toMatch(/Offline/);
      expect(found.items.map((h) => h.name).sort()).toEqual([`Max Member${t}`, `Olga Offline${t}`]);
      expect((await b.must(c.customers.search, { q: '5550' })).items.map((h) => h.id)).toContain(buyer.id);
      // Attached offline, the figures are the pulled ones: one order, the group.
      await addSeat(b);
      expect((await b.must(c.customers.attach, { customerId: buyer.id })).customer?.priorOrders).toBe(1);
      expect((await b.must(c.customers.attach, { customerId: member.id })).customer?.groups).toEqual([
        `vip${t}`,
      ]);
      const detail = await b.must(c.customers.detail, { customerId: buyer.id });
      expect(detail).toMatchObject({ source: 'local', orders: null, codes: null, completedOrders: 1 });
      expect(detail.notice).toMatch(/need the server/);
    } finally {
      await world().server.restart();
    }
  });

  it('creates a customer offline, sells to them, and the server stores them once', async () => {
    const t = tag();
    const pos = await signedIn();
    await world().server.stop();
    let id: string;
    try {
      expect(await pos.call(c.sync.now)).toMatchObject({ ok: false });
      await addSeat(pos);
      const cart = await pos.must(c.customers.create, {
        name: `Otto Created${t}`,
        email: `otto${t}@example.org`,
      });
      id = cart.customer?.id ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await pos.must(c.customers.search, { q: `created${t}` })).items.map((h) => h.id)).toEqual([id]);
      // A second address the same offline is refused here already.
      expect(
        await pos.call(c.customers.create, { name: 'Twin', email: `OTTO${t}@example.org` }),
      ).toMatchObject({
        ok: false,
        reason: 'CUSTOMER_DUPLICATE_EMAIL',
      });
    } finally {
      await world().server.restart();
    }
    // Sold to once the server is back: the customer.create goes first in the outbox, then the sale.
    const cart = await pos.must(c.cart.get);
    expect(cart.customer?.id).toBe(id);
    await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    await pos.must(c.sync.now);
    await pos.must(c.sync.now);
    expect(await serverCustomers(`otto${t}@example.org`)).toEqual([{ id, name: `Otto Created${t}` }]);
    // The server counts the sale pushed with them; the terminal attaches them from the server now.
    const attached = await pos.must(c.customers.attach, { customerId: id });
    expect(attached.customer?.priorOrders).toBe(1);
    const rows = await world()
      .server.db()
      .query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'customer.create' AND entity_id = $1",
        [id],
      );
    expect(rows).toEqual([{ n: 1 }]);
  });
});
