import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import {
  createCode,
  enrolledTerminal,
  sell,
  serverUses,
  startSyncWorld,
  type SyncWorld,
} from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

describe('sync: selling offline on escrow leases', () => {
  let world: SyncWorld;
  const open: TestTerminal[] = [];
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(() => world.close());

  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await world.server.db().query<T>(sql, params))[0] as T;

  it('sells until the leases run dry, refuses with the limit message, takes an overuse, and drains right', async () => {
    const codeId = await createCode(world.org.api, { code: 'FEW20', rules: { maxUses: 20 } });
    const pos = await enrolledTerminal(world);
    open.push(pos);
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    expect(await sell(pos, world.catalogue, { code: 'FEW20' })).toMatchObject({ ok: true });
    await pos.must(c.sync.now);
    const held =
      (await pos.must(c.sync.status)).leases.find((l) => l.counter === `code_uses:${codeId}`)?.remaining ?? 0;
    expect(held).toBeGreaterThan(0);

    await world.server.stop();
    for (let i = 0; i < held; i++)
      expect(await sell(pos, world.catalogue, { code: 'FEW20' })).toMatchObject({ ok: true });
    const refused = await sell(pos, world.catalogue, { code: 'FEW20' });
    expect(refused).toMatchObject({ ok: false, reason: 'CODE_NOT_APPLICABLE' });
    expect(!refused.ok && refused.message).toContain(
      'The maximum number of orders for this discount code has been met.',
    );
    const view = await pos.must(c.cart.get);
    expect(view.code).toMatchObject({ applies: false, reason: 'MAX_USES', overridable: true });

    await pos.must(c.cart.grantOveruse, {
      approverId: world.catalogue.supervisorId,
      pin: '8142',
      reason: 'Manager decision',
    });
    const cart = await pos.must(c.cart.get);
    const overuse = await pos.call(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(overuse).toMatchObject({ ok: true });
    const last = readOutbox(pos.terminal.db)
      .filter((m) => m.type === 'sale')
      .at(-1);
    expect((last?.payload as { escrow: unknown }).escrow).toMatchObject({
      unbacked: [{ counter: `code_uses:${codeId}`, units: 1 }],
    });
    const offline = await pos.must(c.sync.status);
    expect(offline.pendingSales).toBe(held + 1);
    expect(await pos.call(c.sync.now)).toMatchObject({ ok: false, reason: 'SERVER_UNREACHABLE' });

    await world.server.restart();
    const drained = await pos.must(c.sync.now);
    expect(drained).toMatchObject({ pendingSales: 0, lastError: null });
    expect(await serverUses(world.org.api, codeId)).toBe(held + 2);
    const sales = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1',
      [pos.terminal.terminalId],
    );
    expect(sales.n).toBe(held + 2);
    expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM quarantined_mutations')).toEqual({
      n: 0,
    });
    const counter = await one<{ limit: number; unallocated: number; absorbed: number; leased: number }>(
      `SELECT c.limit_units::int AS limit, c.unallocated::int AS unallocated, c.absorbed::int AS absorbed,
         coalesce((SELECT sum(granted - returned) FROM escrow_leases l WHERE l.org_id = c.org_id AND l.counter = c.counter), 0)::int AS leased
       FROM escrow_counters c WHERE c.counter = $1`,
      [`code_uses:${codeId}`],
    );
    expect(counter.unallocated + counter.leased + counter.absorbed).toBe(counter.limit);
    expect(counter.absorbed).toBeGreaterThanOrEqual(1);

    // The supervisor's PIN approval went signed with the key registered at enrolment, so the server
    // honours it (docs/SECURITY.md "Overuse proof"): granted by the supervisor, nothing to prove later.
    const approval = (last?.payload as { approvals: { signature: string | null }[] }).approvals[0];
    expect(approval?.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const saleId = (last?.payload as { sale: { id: string } }).sale.id;
    expect(
      await one('SELECT overuse, overuse_granted_by AS "grantedBy" FROM redemptions WHERE order_id = $1', [
        saleId,
      ]),
    ).toEqual({ overuse: true, grantedBy: world.catalogue.supervisorId });
    expect(
      await one<{ n: number }>(
        "SELECT count(*)::int AS n FROM review_items WHERE kind = 'approval_unproven' AND terminal_id = $1",
        [pos.terminal.terminalId],
      ),
    ).toEqual({ n: 0 });
  });

  it('refuses a deny code with per-customer limits while the server is away, in German too, and checks best_effort ones locally', async () => {
    await createCode(world.org.api, {
      code: 'LOCALOK',
      rules: { maxUsesPerCustomer: 1 },
      offlinePolicy: 'best_effort',
    });
    await createCode(world.org.api, {
      code: 'PERCUST',
      rules: { maxUsesPerCustomer: 1 },
      offlinePolicy: 'deny',
    });
    const pos = await enrolledTerminal(world);
    open.push(pos);
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    await pos.must(c.cart.addTicket, {
      performanceId: world.catalogue.performanceId,
      ticketPriceId: world.catalogue.ticketPriceId,
      qty: 1,
    });
    await world.server.stop();
    try {
      expect(await pos.call(c.sync.now)).toMatchObject({ ok: false });
      await pos.must(c.settings.update, { language: 'de' });
      const refused = await pos.call(c.cart.applyCode, { input: 'PERCUST' });
      expect(refused).toMatchObject({ ok: false, reason: 'CODE_NEEDS_SERVER' });
      expect(!refused.ok && refused.message).toContain('Zentralserver');
      // best_effort: the local snapshot decides (here: no customer yet, so the engine asks for one).
      expect(await pos.call(c.cart.applyCode, { input: 'LOCALOK' })).toMatchObject({ ok: true });
    } finally {
      await pos.must(c.settings.update, { language: 'en' });
      await world.server.restart();
    }
  });

  it('expires every lease when the wall clock moves behind the highest it has seen', async () => {
    await createCode(world.org.api, { code: 'CLOCK9', rules: { maxUses: 9 } });
    const pos = await enrolledTerminal(world);
    open.push(pos);
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    expect(await sell(pos, world.catalogue, { code: 'CLOCK9' })).toMatchObject({ ok: true });
    expect((await pos.must(c.sync.status)).leases.length).toBeGreaterThan(0);

    await world.server.stop();
    const at = world.clock.now();
    world.clock.set(new Date(at - 3_600_000).toISOString());
    try {
      // No seat and no code use is left to spend: both limits speak.
      expect(await sell(pos, world.catalogue)).toMatchObject({ ok: false, reason: 'CAPACITY' });
      expect(await sell(pos, world.catalogue, { code: 'CLOCK9' })).toMatchObject({
        ok: false,
        reason: 'CODE_NOT_APPLICABLE',
      });
      expect((await pos.must(c.sync.status)).leases).toEqual([]);
      const returns = readOutbox(pos.terminal.db).filter((m) => m.type === 'lease.return');
      expect(returns.length).toBeGreaterThan(0);
      expect(returns.every((m) => (m.payload as { why: string }).why === 'clock_moved_back')).toBe(true);
    } finally {
      world.clock.set(new Date(at).toISOString());
      await world.server.restart();
    }
    // An hour later the session has locked itself; the scheduler's step needs no one signed in.
    expect(await pos.terminal.sync.syncNow()).toMatchObject({ ok: true, value: { pendingSales: 0 } });
  });
});
