import { randomUUID } from 'node:crypto';
import type { ApprovalSigner } from '../../../shared/sync/approval-proof';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AcquireResponse,
  Change,
  LeaseView,
  PullResponse,
  PushConflictBody,
  PushResponse,
  ReviewItem,
} from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import {
  apiClient,
  seedOrganisation,
  signInAs,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, postgresBackends, startTestServer, type TestServer } from '../../helpers/server-db';
import {
  outbox,
  refundPayload,
  salePayload,
  shiftOpenPayload,
  type Outbox,
} from '../../helpers/sync-payloads';
import { assertConservation, counterState, enrol, setLeaseCap } from '../../helpers/sync-server';
import type { Page } from '../../../shared/server-api/page';

interface Terminal {
  id: string;
  epoch: number;
  token: string;
  api: ApiClient;
  box: Outbox;
  shiftId: string;
  signer: ApprovalSigner | undefined;
}

/** A digest of everything a push may change: a replay must leave it identical. */
async function stateDigest(db: Database): Promise<string> {
  const tables = [
    'pos_sales',
    'pos_refunds',
    'pos_shift_events',
    'redemptions',
    'escrow_counters',
    'escrow_leases',
    'pos_sale_escrow',
    'sync_mutations',
    'quarantined_mutations',
    'review_items',
    'sync_positions',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = await db.query<{ d: string | null }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM ${table} t`,
    );
    parts.push(`${table}:${row?.d ?? ''}`);
  }
  const codes = await db.query<{ d: string }>(
    `SELECT md5(string_agg(id::text || ':' || uses || '/' || item_uses || '/' || discount_given, '|' ORDER BY id)) AS d FROM codes`,
  );
  const terminals = await db.query<{ d: string }>(
    `SELECT md5(string_agg(id::text || ':' || last_seq || ':' || epoch || ':' || state, '|' ORDER BY id)) AS d FROM terminals`,
  );
  return [...parts, codes[0]?.d, terminals[0]?.d].join(' ');
}

describe.each(backends)('offline sync (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let eventId: string;
  let performanceId: string;
  let supervisorId: string;

  const push = (t: Terminal, entries = t.box.entries, epoch = t.epoch) =>
    t.api.post<PushResponse & PushConflictBody>('/v1/sync/push', {
      terminalId: t.id,
      epoch,
      mutations: entries,
    });
  const acquire = (t: Terminal, key: string, want: number, requestId = randomUUID()) =>
    t.api.post<AcquireResponse>('/v1/leases/acquire', {
      terminalId: t.id,
      epoch: t.epoch,
      requestId,
      counter: key,
      want,
    });
  const newCode = async (code: string, rules: Record<string, unknown>) =>
    (
      await org.api.post<{ id: string }>('/v1/codes', {
        code,
        name: code,
        benefit: { type: 'fixed_per_item', amount: 500 },
        rules,
      })
    ).body.id;
  const newTerminal = async (): Promise<Terminal> => {
    const reg = await enrol(org, server.url, venueId);
    const t: Terminal = {
      id: reg.terminalId,
      epoch: reg.epoch,
      token: reg.deviceToken,
      api: apiClient(server.url, reg.deviceToken),
      box: outbox(),
      shiftId: '',
      signer: reg.signer,
    };
    const open = shiftOpenPayload(t.id, org.managerId);
    t.shiftId = open.id;
    t.box.append('shift.open', open);
    return t;
  };
  const sale = (t: Terminal, extra: Partial<Parameters<typeof salePayload>[0]> = {}) =>
    salePayload({
      terminalId: t.id,
      shiftId: t.shiftId,
      cashierId: org.managerId,
      lines: [{ eventId, performanceId, qty: 1, unitPrice: 2000 }],
      signer: t.signer,
      ...extra,
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    venueId = (
      await org.api.post<{ id: string }>('/v1/venues', {
        name: 'Hall',
        currency: 'EUR',
        timezone: 'Europe/Berlin',
      })
    ).body.id;
    eventId = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Show' })).body.id;
    performanceId = (
      await org.api.post<{ id: string }>('/v1/performances', {
        eventId,
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        capacity: 100,
        status: 'on_sale',
      })
    ).body.id;
    supervisorId = (await signInAs(org.api, server.url, 'supervisor')).staffId;
  });
  afterAll(async () => {
    await server.close();
  });

  it('applies mutations in seq order and acknowledges a replay as duplicates without changing anything', async () => {
    const t = await newTerminal();
    t.box.append('sale', sale(t));
    t.box.append('sale', sale(t, { receiptNo: 2 }));
    const first = await push(t);
    expect(first.status).toBe(200);
    expect(first.body.lastSeq).toBe(3);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const before = await stateDigest(db);
    const again = await push(t);
    expect(again.status).toBe(200);
    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await stateDigest(db)).toBe(before);
    const sales = await db.query('SELECT id FROM pos_sales WHERE terminal_id = $1', [t.id]);
    expect(sales).toHaveLength(2);
  });

  it('answers a gap with 409 SEQ_GAP and the last seq it holds', async () => {
    const t = await newTerminal();
    t.box.append('sale', sale(t));
    t.box.append('sale', sale(t));
    const gap = await push(t, t.box.entries.slice(1));
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ ok: false, reason: 'SEQ_GAP', lastSeq: 0 });
    expect((await push(t)).body.lastSeq).toBe(3);
  });

  it('quarantines a sale that does not add up with its full payload and still advances the seq', async () => {
    const t = await newTerminal();
    const bad = sale(t);
    bad.payments[0] = { ...(bad.payments[0] as (typeof bad.payments)[number]), amount: 1 };
    const m = t.box.append('sale', bad);
    t.box.append('sale', sale(t));
    const reply = await push(t);
    expect(reply.status).toBe(200);
    expect(reply.body.lastSeq).toBe(3);
    expect(reply.body.results[1]).toMatchObject({ status: 'quarantined', reason: 'MONEY_MISMATCH' });
    expect(reply.body.results[2]?.status).toBe('applied');
    const [kept] = await db.query<{ payload: unknown }>(
      'SELECT payload FROM quarantined_mutations WHERE mutation_id = $1',
      [m.mutationId],
    );
    expect(kept?.payload).toEqual(m.payload);
    const items = await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=quarantined&status=open');
    expect(items.body.items.some((i) => i.mutationId === m.mutationId)).toBe(true);
  });

  it('quarantines a sale whose id reached the server already, in the same batch or an earlier one', async () => {
    const t = await newTerminal();
    const first = sale(t);
    // Another sale recorded under the first one's id: its tickets name that id too, as checkout makes them.
    const underFirstId = (receiptNo: number) => {
      const other = sale(t, { receiptNo });
      return {
        ...other,
        sale: { ...first.sale, receiptNo },
        tickets: other.tickets.map((ticket) => ({ ...ticket, saleId: first.sale.id })),
      };
    };
    t.box.append('sale', first);
    t.box.append('sale', underFirstId(2));
    t.box.append('sale', sale(t, { receiptNo: 3 }));
    const reply = await push(t);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'quarantined', 'applied']);
    expect(reply.body.results[2]).toMatchObject({ reason: 'DUPLICATE_SALE' });
    const later = t.box.append('sale', underFirstId(4));
    const again = await push(t);
    expect(again.body.lastSeq).toBe(5);
    expect(again.body.results.at(-1)).toMatchObject({
      mutationId: later.mutationId,
      reason: 'DUPLICATE_SALE',
    });
    const sales = await db.query('SELECT id FROM pos_sales WHERE terminal_id = $1', [t.id]);
    expect(sales).toHaveLength(2);
  });

  it('quarantines a payload whose hash does not verify, keeping the chain going', async () => {
    const t = await newTerminal();
    const m = t.box.append('sale', sale(t));
    t.box.append('sale', sale(t));
    const tampered = t.box.entries.map((e) =>
      e === m ? { ...e, payload: { ...e.payload, terminalId: e.payload.terminalId, extra: 1 } } : e,
    );
    const reply = await push(t, tampered);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'quarantined', 'applied']);
    expect(reply.body.results[1]?.reason).toBe('HASH_MISMATCH');
  });

  it('grants idempotent leases that shrink as the pool drains, and online uses never take leased units', async () => {
    const t = await newTerminal();
    // The only till here may hold the whole pool: this test is about grant sizes, not the cap.
    await setLeaseCap(org, t.id, 100);
    const codeId = await newCode(`LEASE${Date.now()}`, { maxUses: 5 });
    const key = `code_uses:${codeId}`;
    const requestId = randomUUID();
    const first = await acquire(t, key, 100, requestId);
    expect(first.status).toBe(200);
    expect(first.body.lease?.granted).toBe(2);
    expect(first.body).toMatchObject({ unallocated: 3, limit: 5 });
    await assertConservation(db);
    const again = await acquire(t, key, 100, requestId);
    expect(again.body).toEqual(first.body);
    const second = await acquire(t, key, 100);
    expect(second.body.lease?.granted).toBe(1);
    await assertConservation(db);
    // Two units left in the pool: two online uses, then the limit's own sentence.
    const code = (await db.query<{ code: string }>('SELECT code FROM codes WHERE id = $1', [codeId]))[0]
      ?.code;
    const online = () =>
      org.api.post('/v1/redemptions', {
        id: randomUUID(),
        orderId: randomUUID(),
        code,
        tickets: 1,
        discount: 500,
        revenue: 1500,
        currency: 'EUR',
      });
    expect((await online()).status).toBe(201);
    expect((await online()).status).toBe(201);
    const refused = await online();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'MAX_USES' });
    expect(await counterState(db, key)).toEqual({ limit: 5, unallocated: 0, absorbed: 2 });
    await assertConservation(db);
    const empty = await acquire(t, key, 1);
    expect(empty.body).toMatchObject({ lease: null, unallocated: 0 });
  });

  it('applies a sale whose redemption id another organisation used already, as a row of its own', async () => {
    const other = await seedOrganisation(db, server.url, 'Other');
    await other.api.post('/v1/codes', {
      code: 'ELSEWHERE',
      name: 'e',
      benefit: { type: 'percentage', percent: 1000 },
    });
    const t = await newTerminal();
    const codeText = `MINE${Date.now()}`;
    const codeId = await newCode(codeText, {});
    const payload = sale(t, {
      lines: [{ eventId, performanceId: null, kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
      code: { id: codeId, code: codeText },
    });
    const id = payload.redemption?.id as string;
    const online = await other.api.post('/v1/redemptions', {
      id,
      orderId: randomUUID(),
      code: 'ELSEWHERE',
      tickets: 1,
      discount: 100,
      revenue: 900,
      currency: 'EUR',
    });
    expect(online.status).toBe(201);
    t.box.append('sale', payload);
    const reply = await push(t);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const rows = await db.query<{ orgId: string; codeId: string }>(
      'SELECT org_id AS "orgId", code_id AS "codeId" FROM redemptions WHERE id = $1 ORDER BY code_id = $2',
      [id, codeId],
    );
    expect(rows.map((r) => r.orgId)).toEqual([other.organisationId, org.organisationId]);
    expect(rows[1]?.codeId).toBe(codeId);
  });

  it('refuses leases for codes without that limit and for unknown counters, in sentences', async () => {
    const t = await newTerminal();
    const codeId = await newCode(`FREE${Date.now()}`, {});
    const noLimit = await acquire(t, `code_uses:${codeId}`, 1);
    expect(noLimit.status).toBe(400);
    expect(noLimit.body).toMatchObject({ reason: 'NO_LIMIT' });
    const unknown = await acquire(t, `capacity:${randomUUID()}`, 1);
    expect(unknown.body).toMatchObject({ reason: 'UNKNOWN_PERFORMANCE' });
  });

  it('backs sale uses with leases, absorbs unbacked ones while the pool lasts and sends the excess to review', async () => {
    const t = await newTerminal();
    const codeText = `ESC${Date.now()}`;
    const codeId = await newCode(codeText, { maxUses: 3 });
    const key = `code_uses:${codeId}`;
    const lease = (await acquire(t, key, 1)).body.lease as LeaseView;
    expect(lease.granted).toBe(1);
    const withCode = (escrow: Parameters<typeof salePayload>[0]['escrow'], overuse = false) =>
      sale(t, {
        lines: [{ eventId, performanceId: null, kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
        code: { id: codeId, code: codeText },
        ...(overuse
          ? { overuse: { approverId: supervisorId, reason: 'Regular guest', limits: ['MAX_USES'] } }
          : {}),
        escrow,
      });
    t.box.append(
      'sale',
      withCode({ leaseUses: [{ leaseId: lease.id, counter: key, units: 1 }], unbacked: [] }),
    );
    t.box.append('sale', withCode({ leaseUses: [], unbacked: [{ counter: key, units: 1 }] }, true));
    t.box.append('sale', withCode({ leaseUses: [], unbacked: [{ counter: key, units: 1 }] }, true));
    const excessSale = withCode({ leaseUses: [], unbacked: [{ counter: key, units: 1 }] }, true);
    t.box.append('sale', excessSale);
    const reply = await push(t);
    expect(reply.body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(await counterState(db, key)).toEqual({ limit: 3, unallocated: 0, absorbed: 2 });
    await assertConservation(db);
    const [leaseRow] = await db.query<{ used: number }>('SELECT used FROM escrow_leases WHERE id = $1', [
      lease.id,
    ]);
    expect(leaseRow?.used).toBe(1);
    const items = (
      await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=overuse_excess&status=open')
    ).body.items.filter((i) => i.counter === key);
    expect(items).toHaveLength(1);
    expect(items[0]?.units).toBe(1);

    const item = items[0] as ReviewItem;
    const accepted = await org.api.post<ReviewItem>(`/v1/review-items/${item.id}/accept`, {
      note: 'Regular guest, approved by the manager',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      resolvedBy: org.managerId,
      note: 'Regular guest, approved by the manager',
    });
    const twice = await org.api.post(`/v1/review-items/${item.id}/flag`, { note: 'changed my mind' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ reason: 'ALREADY_RESOLVED' });
    const report = await org.api.get<{ rows: { orderId: string; reason: string }[] }>(
      `/v1/reports/overuse?codeId=${codeId}`,
    );
    expect(report.body.rows.find((r) => r.orderId === excessSale.sale.id)?.reason).toBe(
      'Regular guest, approved by the manager',
    );
  });

  it('gives a voided sale’s units back to its lease, and lease.return gives the rest to the pool', async () => {
    const t = await newTerminal();
    const codeText = `VOID${Date.now()}`;
    const codeId = await newCode(codeText, { maxUses: 8 });
    const key = `code_uses:${codeId}`;
    const lease = (await acquire(t, key, 4)).body.lease as LeaseView;
    expect(lease.granted).toBe(2);
    const sold = sale(t, {
      lines: [{ eventId, performanceId: null, kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
      code: { id: codeId, code: codeText },
      escrow: { leaseUses: [{ leaseId: lease.id, counter: key, units: 1 }], unbacked: [] },
    });
    t.box.append('sale', sold);
    await push(t);
    const leased = async () =>
      (
        await db.query<{ used: number; returned: number; status: string }>(
          'SELECT used, returned, status FROM escrow_leases WHERE id = $1',
          [lease.id],
        )
      )[0];
    expect(await leased()).toMatchObject({ used: 1 });
    const [{ uses } = { uses: -1 }] = await db.query<{ uses: number }>(
      'SELECT uses FROM codes WHERE id = $1',
      [codeId],
    );
    expect(uses).toBe(1);
    t.box.append(
      'void',
      refundPayload(sold, {
        kind: 'void',
        staffId: org.managerId,
        escrow: { leaseUses: [{ leaseId: lease.id, counter: key, units: 1 }], unbacked: [] },
      }),
    );
    const voided = await push(t);
    expect(voided.body.results.at(-1)?.status).toBe('applied');
    expect(await leased()).toMatchObject({ used: 0 });
    const [after] = await db.query<{ uses: number }>('SELECT uses FROM codes WHERE id = $1', [codeId]);
    expect(after?.uses).toBe(0);
    const [released] = await db.query<{ releasedAt: string | null }>(
      'SELECT released_at AS "releasedAt" FROM redemptions WHERE order_id = $1',
      [sold.sale.id],
    );
    expect(released?.releasedAt).not.toBeNull();
    await assertConservation(db);
    t.box.append('lease.return', { leaseId: lease.id, counter: key, units: 2, why: 'surplus' });
    expect((await push(t)).body.results.at(-1)?.status).toBe('applied');
    expect(await leased()).toMatchObject({ returned: 2, status: 'returned' });
    expect(await counterState(db, key)).toEqual({ limit: 8, unallocated: 8, absorbed: 0 });
    await assertConservation(db);
  });

  it('gives a refunded seat back to its capacity lease', async () => {
    const t = await newTerminal();
    const key = `capacity:${performanceId}`;
    const lease = (await acquire(t, key, 2)).body.lease as LeaseView;
    const sold = sale(t, {
      lines: [{ eventId, performanceId, qty: 2, unitPrice: 2000 }],
      escrow: { leaseUses: [{ leaseId: lease.id, counter: key, units: 2 }], unbacked: [] },
    });
    t.box.append('sale', sold);
    const unit = sold.units[0] as { lineId: string; unitIndex: number };
    t.box.append('refund', refundPayload(sold, { kind: 'refund', staffId: org.managerId, units: [unit] }));
    const reply = await push(t);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const [row] = await db.query<{ used: number }>('SELECT used FROM escrow_leases WHERE id = $1', [
      lease.id,
    ]);
    expect(row?.used).toBe(1);
    await assertConservation(db);
  });

  it('detects a restore, voids the leases, and after re-enrolment applies only the new mutations of a full re-push', async () => {
    const t = await newTerminal();
    const codeId = await newCode(`RST${Date.now()}`, { maxUses: 10 });
    const key = `code_uses:${codeId}`;
    const lease = (await acquire(t, key, 8)).body.lease as LeaseView;
    t.box.append('sale', sale(t));
    t.box.append('sale', sale(t));
    expect((await push(t)).body.lastSeq).toBe(3);
    // The backup was taken after seq 2; the restored copy records another sale as seq 3.
    const restored = outbox();
    for (const e of t.box.entries.slice(0, 2)) restored.entries.push(e);
    restored.append('sale', sale(t, { receiptNo: 3 }));
    restored.append('sale', sale(t, { receiptNo: 4 }));
    const clash = await push(t, restored.entries);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ reason: 'RESTORED_FROM_BACKUP' });
    const [voided] = await db.query<{ status: string }>('SELECT status FROM escrow_leases WHERE id = $1', [
      lease.id,
    ]);
    expect(voided?.status).toBe('void');
    await assertConservation(db);
    const item = (
      await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=restore_detected')
    ).body.items.find((i) => i.terminalId === t.id);
    expect(item?.payload).toMatchObject({ conflictingSeqs: [3] });
    expect((await push(t, restored.entries)).body).toMatchObject({ reason: 'RESTORED_FROM_BACKUP' });
    const status = await org.api.get<{ state: string; leases: LeaseView[] }>(`/v1/terminals/${t.id}/sync`);
    expect(status.body.state).toBe('restore_detected');

    const again = await enrol(org, server.url, venueId, t.id);
    expect(again).toMatchObject({ terminalId: t.id, epoch: 2 });
    expect((await push(t, restored.entries)).status).toBe(401);
    const t2: Terminal = {
      ...t,
      epoch: again.epoch,
      token: again.deviceToken,
      api: apiClient(server.url, again.deviceToken),
    };
    const stale = await push(t2, restored.entries, 1);
    expect(stale.body).toMatchObject({ reason: 'EPOCH_STALE', epoch: 2 });
    const repush = await push(t2, restored.entries);
    expect(repush.status).toBe(200);
    expect(repush.body.results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'applied',
      'applied',
    ]);
    const sales = await db.query('SELECT id FROM pos_sales WHERE terminal_id = $1', [t.id]);
    expect(sales).toHaveLength(4);
    const fresh = await acquire(t2, key, 1);
    expect(fresh.body.lease?.epoch).toBe(2);
  });

  it('pages a pull by cursor without skipping changes made between pages, and resets on an unknown cursor', async () => {
    const t = await newTerminal();
    const pullAll = async (cursor: string | null, limit: number, during?: () => Promise<void>) => {
      const seen: Change[] = [];
      let next = cursor;
      let pages = 0;
      for (;;) {
        const page = await t.api.post<PullResponse>('/v1/sync/pull', {
          terminalId: t.id,
          cursor: next,
          limit,
        });
        expect(page.status).toBe(200);
        seen.push(...page.body.changes);
        next = page.body.cursor;
        pages += 1;
        if (during && pages === 2) await during();
        if (!page.body.more) return { seen, cursor: next, reset: page.body.reset, pages };
      }
    };
    const first = await pullAll(null, 3);
    expect(first.pages).toBeGreaterThan(2);
    expect(first.seen.some((c) => c.entity === 'venue' && c.id === venueId)).toBe(true);
    expect(first.seen.filter((c) => c.entity === 'role').map((c) => c.id)).toEqual(
      expect.arrayContaining(['seller', 'supervisor', 'manager']),
    );
    const manager = first.seen.find((c) => c.entity === 'staff' && c.id === org.managerId);
    expect(manager).toBeDefined();

    const made: string[] = [];
    const write = async () => {
      for (let i = 0; i < 4; i++) {
        const created = await org.api.post<{ id: string }>('/v1/products', {
          kind: 'merch',
          name: `Mug ${i}`,
          unitPrice: 900,
          vatRate: 1900,
        });
        made.push(created.body.id);
      }
      await org.api.patch(`/v1/performances/${performanceId}`, { capacity: 120 });
    };
    const second = await pullAll(first.cursor, 2, write);
    await write();
    const third = await pullAll(second.cursor, 2);
    const ids = new Set(
      [...second.seen, ...third.seen].filter((c) => c.entity === 'product').map((c) => c.id),
    );
    for (const id of made) expect(ids.has(id)).toBe(true);
    expect(third.reset).toBe(false);

    const deleted = made.at(-1) as string;
    await org.api.delete(`/v1/products/${deleted}`);
    const gone = await pullAll(third.cursor, 50);
    expect(gone.seen).toContainEqual({ entity: 'product', id: deleted, deleted: true });

    const reset = await t.api.post<PullResponse>('/v1/sync/pull', {
      terminalId: t.id,
      cursor: 'not-a-cursor',
    });
    expect(reset.body.reset).toBe(true);
  });

  it('serves generated child codes as child records and staff with PIN hashes', async () => {
    const t = await newTerminal();
    const parent = await org.api.post<{ id: string }>('/v1/codes', {
      code: `PAR${Date.now()}`,
      name: 'Parent',
      isParent: true,
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 1 },
    });
    const job = await org.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, { count: 30 });
    for (;;) {
      const j = await org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      if (j.body.status === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await org.api.post('/v1/staff', { name: 'Seller PIN', roleId: 'seller', pin: '6083' });
    const page = await t.api.post<PullResponse>('/v1/sync/pull', {
      terminalId: t.id,
      cursor: null,
      limit: 20_000,
    });
    const children = page.body.changes.filter(
      (c) => c.entity === 'code_child' && 'data' in c && c.data.parentId === parent.body.id,
    );
    expect(children).toHaveLength(30);
    expect(Object.keys((children[0] as { data: object }).data).sort()).toEqual([
      'code',
      'id',
      'parentId',
      'status',
    ]);
    const seller = page.body.changes.find(
      (c) => c.entity === 'staff' && 'data' in c && c.data.name === 'Seller PIN',
    );
    expect((seller as { data: { pinHash: string } }).data.pinHash).toMatch(/^scrypt\$/);
  });
});

describe.each(postgresBackends)('escrow under concurrency (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(async () => {
    await server.close();
  });

  it('never over-grants when many terminals acquire the same counter at once', async () => {
    const org = await seedOrganisation(server.database.db, server.url);
    const venue = await org.api.post<{ id: string }>('/v1/venues', {
      name: 'V',
      currency: 'EUR',
      timezone: 'UTC',
    });
    const code = await org.api.post<{ id: string }>('/v1/codes', {
      code: 'RACE',
      name: 'Race',
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 50 },
    });
    const terminals = await Promise.all(
      Array.from({ length: 6 }, () => enrol(org, server.url, venue.body.id)),
    );
    const key = `code_uses:${code.body.id}`;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const t = terminals[i % terminals.length] as (typeof terminals)[number];
        return apiClient(server.url, t.deviceToken).post<AcquireResponse>('/v1/leases/acquire', {
          terminalId: t.terminalId,
          epoch: t.epoch,
          requestId: randomUUID(),
          counter: key,
          want: 5,
        });
      }),
    );
    const granted = answers.reduce((n, a) => n + (a.body.lease?.granted ?? 0), 0);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(granted).toBe(50);
    await assertConservation(server.database.db);
  });
});
