import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { ShiftPage } from '../../../shared/reports/shifts';
import { sell, useSyncWorld } from '../../helpers/sync-fixture';

// docs/CASH.md end to end: an enrolled terminal records cash movements with the organisation's own
// reasons (pulled with the venue), pushes them once, and the server's shift report counts them; a role
// without sell.offline cannot sell while the server is away.

describe('sync: cash at the window', () => {
  const { world: worldOf, enrolled: terminal } = useSyncWorld();

  const setReasons = async (reasons: Record<string, string[]>) => {
    const current = await worldOf().org.api.get<{ version: number }>('/v1/organisation');
    const reply = await worldOf().org.api.patch('/v1/organisation', {
      reasons,
      expectedVersion: current.body.version,
    });
    expect(reply.status, reply.text).toBe(200);
  };

  it('offers the organisation’s reasons after a pull, pushes each movement once, and the shift report counts them', async () => {
    await setReasons({ paid_out: ['Taxi for the artist', 'Flowers'] });
    const pos = await terminal();
    await pos.must(c.staff.signIn, { staffId: worldOf().catalogue.supervisorId, pin: '8142' });
    await pos.must(c.sync.now);
    expect(await pos.must(c.cash.reasons, { category: 'paid_out' })).toEqual([
      'Taxi for the artist',
      'Flowers',
    ]);
    // A category the organisation left alone offers the default list.
    expect(await pos.must(c.cash.reasons, { category: 'drop' })).toEqual(['Cash drop to the safe']);

    await pos.must(c.shift.open, { openingFloat: 10_000 });
    expect(
      await pos.call(c.cash.move, { kind: 'paid_out', amount: 2_500, reason: 'Petty cash purchase' }),
    ).toMatchObject({ ok: false, reason: 'CASH_REASON_NOT_LISTED' });
    await pos.must(c.cash.move, { kind: 'paid_out', amount: 2_500, reason: 'taxi for the artist' });
    await pos.must(c.cash.move, { kind: 'no_sale', amount: 0, reason: 'Check the drawer' });
    await pos.must(c.cash.move, {
      kind: 'float_change',
      direction: 'in',
      amount: 1_000,
      reason: 'Float topped up',
    });
    expect(await sell(pos, worldOf().catalogue)).toMatchObject({ ok: true });
    const closed = await pos.must(c.shift.close, { countedCash: 12_500 });
    // 100.00 float − 25.00 paid out + 10.00 float + 40.00 cash sale.
    expect(closed.expectedCash).toBe(12_500);

    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    // A second push sends nothing again, and the server holds each movement once.
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    const rows = await worldOf()
      .server.db()
      .query<{ kind: string; amount: number; reason: string }>(
        'SELECT kind, amount::int AS amount, reason FROM pos_cash_movements WHERE terminal_id = $1 ORDER BY at',
        [pos.terminal.terminalId],
      );
    expect(rows).toEqual([
      { kind: 'paid_out', amount: -2_500, reason: 'Taxi for the artist' },
      { kind: 'no_sale', amount: 0, reason: 'Check the drawer' },
      { kind: 'float_change', amount: 1_000, reason: 'Float topped up' },
    ]);
    const report = await worldOf().org.api.get<ShiftPage>(
      `/v1/reports/shifts?terminalId=${pos.terminal.terminalId}`,
    );
    expect(report.status, report.text).toBe(200);
    expect(report.body.rows[0]).toMatchObject({
      expectedCash: 12_500,
      countedCash: 12_500,
      difference: 0,
      noSales: 1,
      cashMovements: { paid_in: 0, paid_out: -2_500, drop: 0, float_change: 1_000, no_sale: 0 },
    });
  });

  it('lets a role without sell.offline sell online only, and the built-in seller on', async () => {
    const role = await worldOf().org.api.post('/v1/roles', {
      id: 'online-only',
      name: 'Online only',
      permissions: ['sell'],
      customDiscountCeiling: { percent: 0, amount: 0 },
    });
    expect(role.status, role.text).toBe(201);
    const person = await worldOf().org.api.post<{ id: string }>('/v1/staff', {
      name: 'Olly Online',
      roleId: 'online-only',
      pin: '3917',
    });
    expect(person.status, person.text).toBe(201);
    const pos = await terminal();
    await pos.must(c.staff.signIn, { staffId: worldOf().catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    await pos.must(c.staff.signIn, { staffId: person.body.id, pin: '3917' });
    expect(await sell(pos, worldOf().catalogue)).toMatchObject({ ok: true });

    await worldOf().server.stop();
    // Nothing has told the terminal yet: the checkout asks the server itself.
    try {
      const sales = () =>
        (pos.terminal.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
      const before = sales();
      const refused = await sell(pos, worldOf().catalogue);
      expect(refused).toMatchObject({ ok: false, reason: 'OFFLINE_NOT_ALLOWED' });
      expect(!refused.ok && refused.message).toBe(
        'The server does not answer, and your role may not sell while it is away. Ask a supervisor to take this sale, or take it when the server answers again: the cart stays.',
      );
      expect(sales()).toBe(before);
      // The cart stays for the supervisor (or for when the server is back).
      expect((await pos.must(c.cart.get)).lines).toHaveLength(1);
      await pos.must(c.staff.signIn, { staffId: worldOf().catalogue.sellerId, pin: '7305' });
      expect(await sell(pos, worldOf().catalogue)).toMatchObject({ ok: true });
    } finally {
      await worldOf().server.restart();
    }
  });

  it('holds an enrolled terminal to the limits its manager set: no large sale offline, a supervisor after too long', async () => {
    const pos = await terminal();
    const api = worldOf().org.api;
    const path = `/v1/terminals/${pos.terminal.terminalId}/offline-limits`;
    const refused = await api.put(path, { maxSale: 0, maxMinutes: 99_999 });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('maxSale must be at least 1 minor unit, or null for no limit');
    expect(refused.text).toContain('maxMinutes must be at most 10080 (a week)');
    expect(
      (
        await api.put('/v1/terminals/00000000-0000-7000-8000-000000000000/offline-limits', {
          maxSale: 5_000,
          maxMinutes: 30,
        })
      ).status,
    ).toBe(404);
    const set = await api.put(path, { maxSale: 5_000, maxMinutes: 30 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ terminalId: pos.terminal.terminalId, maxSale: 5_000, maxMinutes: 30 });

    await pos.must(c.staff.signIn, { staffId: worldOf().catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    // Online the limits change nothing: two tickets (80.00) sell.
    expect(await sell(pos, worldOf().catalogue, { qty: 2 })).toMatchObject({ ok: true });

    await worldOf().server.stop();
    try {
      const sales = () =>
        (pos.terminal.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
      const before = sales();
      const large = await sell(pos, worldOf().catalogue, { qty: 2 });
      expect(large).toMatchObject({
        ok: false,
        reason: 'OFFLINE_SALE_TOO_LARGE',
        message:
          'The server does not answer, and this terminal may sell at most 50.00 EUR in one sale while it is away; this sale is 80.00 EUR. Take it when the server answers again (the cart stays), or ask a manager.',
      });
      expect(sales()).toBe(before);
      expect(await sell(pos, worldOf().catalogue, { qty: 1 })).toMatchObject({ ok: true });

      worldOf().clock.advance(31 * 60_000);
      // The idle lock came down meanwhile; the seller signs in again.
      await pos.must(c.staff.signIn, { staffId: worldOf().catalogue.sellerId, pin: '7305' });
      const late = await sell(pos, worldOf().catalogue, { qty: 1 });
      expect(late).toMatchObject({ ok: false, reason: 'OFFLINE_TOO_LONG' });
      expect(!late.ok && late.message).toMatch(
        /^This terminal has not heard from the server for 3[12] minutes, longer than the 30 allowed: a supervisor must take each sale now\./,
      );
      expect(sales()).toBe(before + 1);
      await pos.must(c.staff.signIn, { staffId: worldOf().catalogue.supervisorId, pin: '8142' });
      expect(await sell(pos, worldOf().catalogue, { qty: 1 })).toMatchObject({ ok: true });
    } finally {
      await worldOf().server.restart();
    }
    // null lifts each limit again.
    const lifted = await api.put(path, { maxSale: null, maxMinutes: null });
    expect(lifted.body).toEqual({ terminalId: pos.terminal.terminalId, maxSale: null, maxMinutes: null });
  });
});
