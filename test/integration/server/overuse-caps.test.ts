import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/server-api/page';
import type { AuditRowView } from '../../../shared/server-api/audit-calls';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { createVenue, discountedSale, openTill, pushTill, type Till } from '../../helpers/sync-server';

// docs/SECURITY.md "Overuse caps": a role's overuseCap limits its holders' overuse grants per business
// day of the organisation's time zone, counted across the organisation: refused online, reviewed when
// a pushed sale went past it.

const NOW = '2026-07-01T12:00:00.000Z';
// The organisation keeps New York time: its business day runs 2026-07-01T08:00Z to 2026-07-02T08:00Z.
const TODAY = '2026-07-01T10:00:00.000Z';
const YESTERDAY = '2026-07-01T07:00:00.000Z';

const role = (id: string, permissions: string[], overuseCap?: number | null) => ({
  id,
  name: id,
  permissions,
  customDiscountCeiling: { percent: 0, amount: 0 },
  ...(overuseCap === undefined ? {} : { overuseCap }),
});

describe.each(backends)('overuse caps per role (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let sellerId: string;
  /** Holds the role `capped`: overuse.grant, at most 2 a business day. */
  let capped: Awaited<ReturnType<typeof signInAs>>;

  const spentCode = async (code: string) => {
    const created = await org.api.post<{ id: string }>('/v1/codes', {
      code,
      name: code,
      benefit: { type: 'fixed_per_item', amount: 500 },
      rules: { maxUses: 1 },
    });
    expect(created.status).toBe(201);
    expect((await org.api.post('/v1/redemptions', redemption(code))).status).toBe(201);
    return created.body.id;
  };
  const redemption = (code: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    orderId: randomUUID(),
    code,
    tickets: 1,
    discount: 500,
    revenue: 1500,
    currency: 'EUR',
    ...extra,
  });
  const pushedSale = (till: Till, codeId: string, approverId: string, createdAt: string) =>
    discountedSale(till, sellerId, codeId, approverId, { createdAt });
  const capItems = async () =>
    (await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=overuse_cap_exceeded&limit=1000')).body.items;

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => new Date(NOW) });
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    await db.query("UPDATE organisations SET timezone = 'America/New_York' WHERE id = $1", [
      org.organisationId,
    ]);
    venueId = await createVenue(org);
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    expect((await org.api.post('/v1/roles', role('capped', ['sell', 'overuse.grant'], 2))).status).toBe(201);
    capped = await signInAs(org.api, server.url, 'capped');
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps a role’s cap, null when left out, audits it, and refuses one out of range', async () => {
    const made = await org.api.post('/v1/roles', role('plain', ['sell']));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ overuseCap: null });
    expect((await org.api.put('/v1/roles/plain', { ...role('x', ['sell'], 7), id: undefined })).status).toBe(
      200,
    );
    const roles = await org.api.get<{ id: string; overuseCap: number | null }[]>('/v1/roles');
    const capOf = (id: string) => roles.body.find((r) => r.id === id)?.overuseCap;
    expect([capOf('plain'), capOf('capped'), capOf('supervisor')]).toEqual([7, 2, null]);
    const audit = await org.api.get<{ rows: AuditRowView[] }>('/v1/audit?entityKind=role&entityId=plain');
    expect(audit.body.rows.map((r) => [r.action, r.before?.overuseCap, r.after?.overuseCap])).toEqual([
      ['role.update', null, 7],
      ['role.create', undefined, null],
    ]);
    for (const bad of [-1, 10_001, 1.5, '3']) {
      const refused = await org.api.post('/v1/roles', role('bad', ['sell'], bad as number));
      expect(refused.status, String(bad)).toBe(400);
    }
  });

  it('refuses a staff manager a role with a higher cap than theirs, or none', async () => {
    const managing = role('capmanager', ['sell', 'overuse.grant', 'staff.manage'], 5);
    expect((await org.api.post('/v1/roles', managing)).status).toBe(201);
    const manager = (await signInAs(org.api, server.url, 'capmanager')).api;
    const higher = await manager.post<{ message: string }>('/v1/roles', role('more', ['sell'], 6));
    expect(higher.status).toBe(403);
    expect(higher.body.message).toContain('an overuse cap of 6 a day (yours is 5 a day)');
    const none = await manager.post<{ message: string }>('/v1/roles', role('none', ['sell'], null));
    expect(none.status).toBe(403);
    expect(none.body.message).toContain('no overuse cap (yours is 5 a day)');
    // Leaving the cap out means no cap: refused too.
    expect((await manager.post('/v1/roles', role('unsaid', ['sell']))).status).toBe(403);
    expect((await manager.post('/v1/roles', role('same', ['sell'], 5))).status).toBe(201);
  });

  it('counts pushed and online grants of the business day, and refuses online past the cap', async () => {
    const codeId = await spentCode('CAPPED1');
    const till = await openTill(org, server.url, venueId, sellerId);
    // Yesterday's business day in New York (though today in UTC): not counted.
    till.box.append('sale', pushedSale(till, codeId, capped.staffId, YESTERDAY));
    till.box.append('sale', pushedSale(till, codeId, capped.staffId, TODAY));
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(Array(3).fill('applied'));

    const overuse = { reason: 'Regular guest' };
    const second = await capped.api.post('/v1/redemptions', redemption('CAPPED1', { overuse }));
    expect(second.status).toBe(201);
    const third = await capped.api.post('/v1/redemptions', redemption('CAPPED1', { overuse }));
    expect(third.status).toBe(403);
    expect(third.body).toEqual({
      ok: false,
      reason: 'OVERUSE_CAP_REACHED',
      message:
        'A capped has granted 2 overuses this business day, and their role allows 2 a day: ask a manager to grant this one.',
    });
    // The same through a seller carrying the supervisor's token; a supervisor without a cap goes on.
    const seller = await signInAs(org.api, server.url, 'seller');
    const carried = await seller.api.post('/v1/redemptions', {
      ...redemption('CAPPED1'),
      overuse: { ...overuse, approverToken: capped.token },
    });
    expect(carried.body).toMatchObject({ reason: 'OVERUSE_CAP_REACHED' });
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    expect((await supervisor.api.post('/v1/redemptions', redemption('CAPPED1', { overuse }))).status).toBe(
      201,
    );
    const granted = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM redemptions WHERE overuse_granted_by = $1',
      [capped.staffId],
    );
    expect(granted[0]?.n).toBe(3);
  });

  it('refuses an online overuse under a cap dated outside the business day', async () => {
    const other = await signInAs(org.api, server.url, 'capped');
    await spentCode('CAPPED2');
    const backdated = await other.api.post<{ reason: string; message: string }>(
      '/v1/redemptions',
      redemption('CAPPED2', { overuse: { reason: 'Regular guest' }, redeemedAt: YESTERDAY }),
    );
    expect(backdated.status).toBe(400);
    expect(backdated.body.reason).toBe('OVERUSE_OUTSIDE_BUSINESS_DAY');
    expect(backdated.body.message).toMatch(/leave redeemedAt out or send a time within it/);
    expect(
      (
        await other.api.post(
          '/v1/redemptions',
          redemption('CAPPED2', { overuse: { reason: 'Regular guest' }, redeemedAt: TODAY }),
        )
      ).status,
    ).toBe(201);
  });

  it('applies a pushed sale past the cap, its overuse granted, and opens a review item', async () => {
    const holder = await signInAs(org.api, server.url, 'capped');
    const codeId = await spentCode('CAPPED3');
    const till = await openTill(org, server.url, venueId, sellerId);
    const sales = [1, 2, 3].map(() => pushedSale(till, codeId, holder.staffId, TODAY));
    for (const s of sales) till.box.append('sale', s);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(Array(4).fill('applied'));
    expect(reply.body.results[3]?.message).toMatch(
      /an overuse past its supervisor’s daily cap went to review/,
    );
    const over = sales[2]?.sale;
    const rows = await db.query<{ orderId: string; grantedBy: string }>(
      `SELECT order_id AS "orderId", overuse_granted_by AS "grantedBy" FROM redemptions
       WHERE overuse_granted_by = $1 ORDER BY redeemed_at, order_id`,
      [holder.staffId],
    );
    expect(rows).toHaveLength(3);
    const items = (await capItems()).filter((i) => (i.payload as { saleId: string }).saleId === over?.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'overuse_cap_exceeded',
      status: 'open',
      terminalId: till.id,
      payload: {
        cap: 2,
        grantedBefore: 2,
        businessDay: { start: '2026-07-01T08:00:00.000Z', end: '2026-07-02T08:00:00.000Z' },
      },
    });
    expect(items[0]?.summary).toMatch(
      /used an overuse granted by A capped \("Regular guest"\), who had granted 2 before it that business day, and their role allows 2 a day/,
    );
    // Only the sale past the cap is reviewed.
    const saleIds = new Set(sales.map((s) => s.sale.id));
    expect(
      (await capItems()).filter((i) => saleIds.has((i.payload as { saleId: string }).saleId)),
    ).toHaveLength(1);
  });
  it('takes a person’s own cap in place of their role’s, online and for pushed sales, and audits it', async () => {
    expect((await org.api.post('/v1/roles', role('roomy', ['sell', 'overuse.grant'], 5))).status).toBe(201);
    const sue = await signInAs(org.api, server.url, 'roomy');
    const own = await org.api.patch<{ overuseCap: number | null }>(`/v1/staff/${sue.staffId}`, {
      overuseCap: 1,
    });
    expect(own.status).toBe(200);
    expect(own.body.overuseCap).toBe(1);
    const codeId = await spentCode('OWNCAP');
    const overuse = { reason: 'Regular guest' };
    expect((await sue.api.post('/v1/redemptions', redemption('OWNCAP', { overuse }))).status).toBe(201);
    const refused = await sue.api.post('/v1/redemptions', redemption('OWNCAP', { overuse }));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      ok: false,
      reason: 'OVERUSE_CAP_REACHED',
      message:
        'A roomy has granted 1 overuse this business day, and a manager set their own cap at 1 a day: ask a manager to grant this one.',
    });
    // A pushed sale past the person's own cap is kept and reviewed, naming that cap.
    const till = await openTill(org, server.url, venueId, sellerId);
    const sale = pushedSale(till, codeId, sue.staffId, TODAY);
    till.box.append('sale', sale);
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const item = (await capItems()).find((i) => (i.payload as { saleId: string }).saleId === sale.sale.id);
    expect(item?.summary).toMatch(
      /who had granted 1 before it that business day, and a manager set their own cap at 1 a day/,
    );
    // Back to the role's cap of 5: the next grant online goes through.
    expect((await org.api.patch(`/v1/staff/${sue.staffId}`, { overuseCap: null })).status).toBe(200);
    expect((await sue.api.post('/v1/redemptions', redemption('OWNCAP', { overuse }))).status).toBe(201);
    const audit = await org.api.get<{ rows: AuditRowView[] }>(
      `/v1/audit?entityKind=staff&entityId=${sue.staffId}`,
    );
    expect(audit.body.rows.map((r) => [r.action, r.before?.overuseCap, r.after?.overuseCap])).toEqual([
      ['staff.update', 1, null],
      ['staff.update', null, 1],
      ['staff.create', undefined, null],
    ]);
  });

  it('refuses an own cap out of range, or above what the staff manager may grant themselves', async () => {
    // Someone the capped staff manager may edit at all: their role holds no more than the manager's.
    const target = await signInAs(org.api, server.url, 'capped');
    for (const bad of [-1, 10_001, 1.5, '3']) {
      const refused = await org.api.patch(`/v1/staff/${target.staffId}`, { overuseCap: bad });
      expect(refused.status, String(bad)).toBe(400);
    }
    const managing = role('ownmanager', ['sell', 'overuse.grant', 'staff.manage'], 5);
    expect((await org.api.post('/v1/roles', managing)).status).toBe(201);
    const manager = (await signInAs(org.api, server.url, 'ownmanager')).api;
    const higher = await manager.patch<{ message: string }>(`/v1/staff/${target.staffId}`, { overuseCap: 6 });
    expect(higher.status).toBe(403);
    expect(higher.body.message).toContain('an overuse cap of 6 a day (yours is 5 a day)');
    const before = await db.query('SELECT overuse_cap FROM staff WHERE id = $1', [target.staffId]);
    expect(before).toEqual([{ overuse_cap: null }]);
    expect((await manager.patch(`/v1/staff/${target.staffId}`, { overuseCap: 5 })).status).toBe(200);
  });
});
