import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { askOveruse, payCash } from '../../helpers/overuse';
import { createCode, sell, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CASH.md "Overuse caps": a grant is held to the caps when the supervisor gives it, and again when
// the cart is paid, inside the transaction that writes the sale. A cap a pull lowered (or set) since
// the grant, reached by the grants already committed, refuses the checkout with the grant's own code and
// sentence; nothing is written and the cart stays as it was, grant included.

describe('sync: the overuse caps asked again at checkout', () => {
  const { world, enrolled } = useSyncWorld();

  const rows = (pos: TestTerminal) =>
    pos.terminal.db
      .prepare(
        `SELECT (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM approvals) AS approvals,
           (SELECT count(*) FROM outbox) AS outbox`,
      )
      .get();
  /** The sale written for a cart, and the outbox rows that carry it. */
  const written = (pos: TestTerminal, cartId: string) =>
    pos.terminal.db
      .prepare(
        `SELECT (SELECT count(*) FROM sales WHERE id = @id) AS sales,
           (SELECT count(*) FROM outbox WHERE type = 'sale' AND payload LIKE '%' || @id || '%') AS outbox`,
      )
      .get({ id: cartId });
  /** Pays the cart as it is in cash, answering the whole result. */
  const pay = async (pos: TestTerminal, cartId: string) => {
    const cart = await pos.must(c.cart.get);
    return pos.call(c.checkout.complete, { cartId, tenders: [{ tender: 'cash', amount: cart.total }] });
  };

  it('refuses a cart whose grant the terminal’s day has used up by checkout, then sells it once the cap is raised', async () => {
    const { api } = world().org;
    const { catalogue } = world();
    await createCode(api, { code: 'ONEUSE', rules: { maxUses: 1 } });
    const pos = await enrolled();
    const capPath = `/v1/terminals/${pos.terminal.terminalId}/overuse-cap`;
    expect((await api.put(capPath, { cap: 2 })).status).toBe(200);
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    expect(await sell(pos, catalogue, { code: 'ONEUSE' })).toMatchObject({ ok: true });
    const supervisor = { id: catalogue.supervisorId, pin: '8142' };
    // One grant committed: the cap of 2 allows the next.
    expect(await askOveruse(pos, catalogue, 'ONEUSE', supervisor)).toMatchObject({ ok: true });
    await payCash(pos);
    expect(await askOveruse(pos, catalogue, 'ONEUSE', supervisor)).toMatchObject({ ok: true });
    const granted = await pos.must(c.cart.get);
    expect(granted.code).toMatchObject({ applies: true, overuse: { approverName: 'Sid Supervisor' } });

    // Meanwhile a manager lowers the cap to 1, and the pull brings it: the grant already committed
    // today is the last one the terminal had.
    expect((await api.put(capPath, { cap: 1 })).status).toBe(200);
    await pos.must(c.sync.now);
    const before = rows(pos);
    expect(await pay(pos, granted.id)).toEqual({
      ok: false,
      reason: 'OVERUSE_CAP',
      message:
        'This terminal has granted 1 overuse this business day, and its cap is 1 a day: a manager can raise ' +
        'the cap in the back office (Terminals), or sell at another terminal.',
    });
    expect(rows(pos)).toEqual(before);
    expect(written(pos, granted.id)).toEqual({ sales: 0, outbox: 0 });
    // The cart as it was: its line, its code and the grant, for the cashier to decide.
    const kept = await pos.must(c.cart.get);
    expect(kept).toMatchObject({ id: granted.id, total: granted.total });
    expect(kept.lines).toEqual(granted.lines);
    expect(kept.code).toEqual(granted.code);

    // Raised again: the same cart, with the same grant, is sold.
    expect((await api.put(capPath, { cap: 2 })).status).toBe(200);
    await pos.must(c.sync.now);
    const sold = await pay(pos, granted.id);
    expect(sold).toMatchObject({ ok: true });
    expect(written(pos, granted.id)).toEqual({ sales: 1, outbox: 1 });
    expect(
      pos.terminal.db
        .prepare("SELECT count(*) AS n FROM approvals WHERE kind = 'overuse' AND sale_id = ?")
        .get(granted.id),
    ).toEqual({ n: 1 });
  });

  it('refuses a cart whose supervisor reached the own cap a manager set them since the grant', async () => {
    const { api } = world().org;
    const { catalogue } = world();
    await createCode(api, { code: 'JUSTONCE', rules: { maxUses: 1 } });
    const dora = await api.post<{ id: string }>('/v1/staff', {
      name: 'Dora Door',
      roleId: 'supervisor',
      pin: '381947',
      overuseCap: 2,
    });
    expect(dora.status).toBe(201);
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    expect(await sell(pos, catalogue, { code: 'JUSTONCE' })).toMatchObject({ ok: true });
    const approver = { id: dora.body.id, pin: '381947' };
    expect(await askOveruse(pos, catalogue, 'JUSTONCE', approver)).toMatchObject({ ok: true });
    await payCash(pos);
    expect(await askOveruse(pos, catalogue, 'JUSTONCE', approver)).toMatchObject({ ok: true });
    const granted = await pos.must(c.cart.get);

    expect((await api.patch(`/v1/staff/${dora.body.id}`, { overuseCap: 1 })).status).toBe(200);
    await pos.must(c.sync.now);
    const before = rows(pos);
    expect(await pay(pos, granted.id)).toEqual({
      ok: false,
      reason: 'OVERUSE_CAP_REACHED',
      message:
        'Dora Door has granted 1 overuse this business day, and a manager set their own cap at 1 a day: ask a ' +
        'manager to grant this one.',
    });
    expect(rows(pos)).toEqual(before);
    expect(written(pos, granted.id)).toEqual({ sales: 0, outbox: 0 });
    expect((await pos.must(c.cart.get)).code).toEqual(granted.code);

    // Another supervisor's approval: the code taken off and put on again drops Dora's grant (a cart with a
    // grant has nothing more to override), and the cart is sold under Sid's.
    await pos.must(c.cart.removeCode);
    await pos.must(c.cart.applyCode, { input: 'JUSTONCE' });
    const sid = await pos.must(c.cart.grantOveruse, {
      approverId: catalogue.supervisorId,
      pin: '8142',
      reason: 'Manager decision',
    });
    expect(sid.code).toMatchObject({ applies: true, overuse: { approverName: 'Sid Supervisor' } });
    expect(await pay(pos, granted.id)).toMatchObject({ ok: true });
    expect(
      pos.terminal.db
        .prepare('SELECT approver_id AS approverId FROM approvals WHERE sale_id = ?')
        .get(granted.id),
    ).toEqual({ approverId: catalogue.supervisorId });
  });

  it('refuses a cart whose performance has a cap by checkout that its grants reached; a ticket added after a grant drops it', async () => {
    const { api } = world().org;
    const { catalogue } = world();
    await createCode(api, { code: 'ONCEMORE', rules: { maxUses: 1 } });
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    expect(await sell(pos, catalogue, { code: 'ONCEMORE' })).toMatchObject({ ok: true });
    const supervisor = { id: catalogue.supervisorId, pin: '8142' };
    expect(await askOveruse(pos, catalogue, 'ONCEMORE', supervisor)).toMatchObject({ ok: true });
    await payCash(pos);

    // Granted while the performance has no cap.
    expect(await askOveruse(pos, catalogue, 'ONCEMORE', supervisor)).toMatchObject({ ok: true });
    const granted = await pos.must(c.cart.get);
    const path = `/v1/performances/${catalogue.performanceId}`;
    expect((await api.patch(path, { overuseCap: 1 })).status).toBe(200);
    try {
      await pos.must(c.sync.now);
      const before = rows(pos);
      const refused = await pay(pos, granted.id);
      expect(refused).toMatchObject({ ok: false, reason: 'PERFORMANCE_OVERUSE_CAP' });
      expect((refused as { message: string }).message).toMatch(
        /^1 overuse has been granted for Macbeth, \d{4}-\d{2}-\d{2} \d{2}:\d{2} this business day, and the performance's cap is 1 a day: a manager can raise the cap on the performance in the back office \(Events\), or sell without the code\.$/,
      );
      expect(rows(pos)).toEqual(before);
      expect(written(pos, granted.id)).toEqual({ sales: 0, outbox: 0 });
      const kept = await pos.must(c.cart.get);
      expect(kept).toMatchObject({ id: granted.id, total: granted.total });
      expect(kept.lines).toEqual(granted.lines);
      expect(kept.code).toEqual(granted.code);

      // The cashier takes the code off: sold at full price, with no grant.
      await pos.must(c.cart.removeCode);
      expect(await pay(pos, granted.id)).toMatchObject({ ok: true });
      expect(written(pos, granted.id)).toEqual({ sales: 1, outbox: 1 });
      expect(
        pos.terminal.db.prepare('SELECT count(*) AS n FROM approvals WHERE sale_id = ?').get(granted.id),
      ).toEqual({ n: 0 });
    } finally {
      expect((await api.patch(path, { overuseCap: null })).status).toBe(200);
      await pos.must(c.sync.now);
    }

    // A grant is given for one basket: a ticket added after it drops it, so the added ticket never
    // checks out under it (the spent code then refuses the sale as it would without a grant).
    expect(await askOveruse(pos, catalogue, 'ONCEMORE', supervisor)).toMatchObject({ ok: true });
    await pos.must(c.cart.addTicket, {
      performanceId: catalogue.performanceId,
      ticketPriceId: catalogue.ticketPriceId,
      qty: 1,
    });
    const grown = await pos.must(c.cart.get);
    expect(grown.code).toMatchObject({ code: 'ONCEMORE', applies: false, overuse: null });
    const before = rows(pos);
    expect(await pay(pos, grown.id)).toMatchObject({ ok: false, reason: 'CODE_NOT_APPLICABLE' });
    expect(rows(pos)).toEqual(before);
  });
});
