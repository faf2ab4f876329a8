import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { askOveruse, payCash } from '../../helpers/overuse';
import { createCode, sell, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CASH.md "Overuse caps": the caps a manager sets reach the terminal with a pull, and its main
// process holds every grant to them, with the server away too: the terminal's own cap per business day,
// and a supervisor's own cap in place of their role's.

describe('sync: overuse caps as settings at the terminal', () => {
  const { world, enrolled } = useSyncWorld();

  const ask = (pos: TestTerminal, approverId: string, pin: string) =>
    askOveruse(pos, world().catalogue, 'SPENT', { id: approverId, pin });
  const rows = (pos: TestTerminal) =>
    pos.terminal.db
      .prepare(
        `SELECT (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM approvals) AS approvals,
           (SELECT count(*) FROM outbox) AS outbox`,
      )
      .get();
  const storedCap = (pos: TestTerminal) =>
    pos.terminal.db.prepare("SELECT value FROM terminal_meta WHERE key = 'overuse_cap'").get();

  it('holds the terminal to the cap its manager set, offline too, and refuses a cap no terminal can have', async () => {
    const { api } = world().org;
    await createCode(api, { code: 'SPENT', rules: { maxUses: 1 } });
    const pos = await enrolled();
    const path = `/v1/terminals/${pos.terminal.terminalId}/overuse-cap`;
    // Enrolled with the cap every terminal had before it was a setting.
    expect(storedCap(pos)).toEqual({ value: '{"cap":20}' });
    for (const bad of [-1, 10_001, 1.5, '2']) {
      const refused = await api.put(path, { cap: bad });
      expect(refused.status, String(bad)).toBe(400);
    }
    expect((await api.put(path, {})).status).toBe(400);
    const set = await api.put(path, { cap: 1 });
    expect(set.body).toEqual({ terminalId: pos.terminal.terminalId, cap: 1 });

    await pos.must(c.staff.signIn, { staffId: world().catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    expect(storedCap(pos)).toEqual({ value: '{"cap":1}' });
    expect(await sell(pos, world().catalogue, { code: 'SPENT' })).toMatchObject({ ok: true });
    const { supervisorId } = world().catalogue;
    expect(await ask(pos, supervisorId, '8142')).toMatchObject({ ok: true });
    await payCash(pos);

    await world().server.stop();
    try {
      const before = rows(pos);
      // Refused before any PIN is asked: no supervisor can grant past the terminal's cap.
      expect(await ask(pos, supervisorId, '0000')).toEqual({
        ok: false,
        reason: 'OVERUSE_CAP',
        message:
          'This terminal has granted 1 overuse this business day, and its cap is 1 a day: a manager can raise ' +
          'the cap in the back office (Terminals), or sell at another terminal.',
      });
      expect(rows(pos)).toEqual(before);
      const kept = await pos.must(c.cart.get);
      expect(kept.lines).toHaveLength(1);
      expect(kept.code).toMatchObject({ code: 'SPENT', applies: false, overridable: true, overuse: null });
    } finally {
      await world().server.restart();
    }

    // null lifts the cap with the next pull.
    expect((await api.put(path, { cap: null })).body).toEqual({
      terminalId: pos.terminal.terminalId,
      cap: null,
    });
    await pos.must(c.sync.now);
    expect(storedCap(pos)).toEqual({ value: '{"cap":null}' });
    expect(await ask(pos, supervisorId, '8142')).toMatchObject({ ok: true });
  });

  it('holds a supervisor to their own cap in place of their role’s, until a manager clears it', async () => {
    const { api } = world().org;
    const dora = await api.post<{ id: string; overuseCap: number | null }>('/v1/staff', {
      name: 'Dora Door',
      roleId: 'supervisor',
      pin: '381947',
      overuseCap: 1,
    });
    expect(dora.status).toBe(201);
    expect(dora.body.overuseCap).toBe(1);
    const pos = await enrolled();
    const staffCap = () =>
      pos.terminal.db.prepare('SELECT overuse_cap AS cap FROM staff WHERE id = ?').get(dora.body.id);
    expect(staffCap()).toEqual({ cap: 1 });
    await pos.must(c.staff.signIn, { staffId: world().catalogue.sellerId, pin: '7305' });
    if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 10_000 });

    expect(await ask(pos, dora.body.id, '381947')).toMatchObject({ ok: true });
    await payCash(pos);
    const before = rows(pos);
    expect(await ask(pos, dora.body.id, '381947')).toEqual({
      ok: false,
      reason: 'OVERUSE_CAP_REACHED',
      message:
        'Dora Door has granted 1 overuse this business day, and a manager set their own cap at 1 a day: ask a ' +
        'manager to grant this one.',
    });
    expect(rows(pos)).toEqual(before);

    // Cleared: the built-in supervisor role has no cap, so Dora grants again after the next pull.
    expect((await api.patch(`/v1/staff/${dora.body.id}`, { overuseCap: null })).status).toBe(200);
    await pos.must(c.sync.now);
    expect(staffCap()).toEqual({ cap: null });
    expect(await ask(pos, dora.body.id, '381947')).toMatchObject({ ok: true });
  });
});
