import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, ReviewItem } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import {
  seedOrganisation,
  signInAs,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload, type SaleSpec } from '../../helpers/sync-payloads';
import { assertConservation, counterState, openTill, pushTill, type Till } from '../../helpers/sync-server';
import type { Page } from '../../../shared/server-api/page';

type Sale = ReturnType<typeof salePayload>;
type Failure = { ok: false; reason: string; message: string };

describe.each(backends)('review queue: voided excesses and retried quarantines (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let eventId: string;
  let supervisor: { staffId: string; api: ApiClient };

  const newPerformance = async (capacity: number) =>
    (
      await org.api.post<{ id: string }>('/v1/performances', {
        eventId,
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        capacity,
      })
    ).body.id;
  const newCode = async (code: string, rules: Record<string, unknown>) =>
    (
      await org.api.post<{ id: string }>('/v1/codes', {
        code,
        name: code,
        benefit: { type: 'fixed_per_item', amount: 500 },
        rules,
      })
    ).body.id;
  const newTill = (): Promise<Till> => openTill(org, server.url, venueId, org.managerId);
  const sale = (till: Till, spec: Partial<SaleSpec>): Sale =>
    salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      lines: [],
      signer: till.signer,
      ...spec,
    });
  const seats = (performanceId: string, qty: number) => [{ eventId, performanceId, qty, unitPrice: 2000 }];
  /** Every item of a kind whose mutation is one of these, whatever its status. */
  const itemsOf = async (kind: string, ...mutations: Mutation[]) => {
    const ids = new Set(mutations.map((m) => m.mutationId));
    const page = await org.api.get<Page<ReviewItem>>(`/v1/review-items?kind=${kind}&limit=1000`);
    return page.body.items.filter((i) => i.mutationId !== null && ids.has(i.mutationId));
  };
  const itemOf = async (kind: string, mutation: Mutation) => {
    const [item] = await itemsOf(kind, mutation);
    if (!item) throw new Error(`no ${kind} item for ${mutation.mutationId}`);
    return item;
  };
  const applied = async (till: Till) => {
    const reply = await pushTill(till);
    expect(reply.status).toBe(200);
    return reply.body.results.at(-1)?.status;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    venueId = (
      await org.api.post<{ id: string }>('/v1/venues', { name: 'Hall', currency: 'EUR', timezone: 'UTC' })
    ).body.id;
    eventId = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Show' })).body.id;
    supervisor = await signInAs(org.api, server.url, 'supervisor');
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes a sale’s overuse excess as voided when the sale is voided, and lists it so', async () => {
    const performanceId = await newPerformance(1);
    const key = `capacity:${performanceId}`;
    const till = await newTill();
    const sold = sale(till, { lines: seats(performanceId, 3) });
    const soldAt = till.box.append('sale', sold);
    expect(await applied(till)).toBe('applied');
    const open = await itemOf('overuse_excess', soldAt);
    expect(open).toMatchObject({ status: 'open', counter: key, units: 2 });

    till.box.append('void', refundPayload(sold, { kind: 'void', staffId: org.managerId }));
    expect(await applied(till)).toBe('applied');
    const voided = await org.api.get<Page<ReviewItem>>('/v1/review-items?status=voided&kind=overuse_excess');
    const closed = voided.body.items.find((i) => i.id === open.id);
    expect(closed).toMatchObject({ status: 'voided', units: 2, resolvedBy: null });
    expect(closed?.resolvedAt).not.toBeNull();
    expect(closed?.note).toMatch(/the sale was voided at the terminal/);
    expect(closed?.payload).toMatchObject({ remainingUnits: 0 });
    const stillOpen = await org.api.get<Page<ReviewItem>>('/v1/review-items?status=open&kind=overuse_excess');
    expect(stillOpen.body.items.some((i) => i.id === open.id)).toBe(false);
    // The excess went back first, then the absorbed seat to the pool.
    expect(await counterState(db, key)).toEqual({ limit: 1, unallocated: 1, absorbed: 0 });
    await assertConservation(db);
    const twice = await org.api.post(`/v1/review-items/${open.id}/accept`, { note: 'too late now' });
    expect(twice.body).toMatchObject({ reason: 'ALREADY_RESOLVED' });
  });

  it('keeps an excess open with what is left after a partial refund, and closes it when none is left', async () => {
    const performanceId = await newPerformance(1);
    const till = await newTill();
    const sold = sale(till, { lines: seats(performanceId, 3) });
    const soldAt = till.box.append('sale', sold);
    const [first, second] = sold.units;
    till.box.append(
      'refund',
      refundPayload(sold, {
        kind: 'refund',
        staffId: org.managerId,
        units: [first as (typeof sold.units)[0]],
      }),
    );
    expect(await applied(till)).toBe('applied');
    expect(await itemOf('overuse_excess', soldAt)).toMatchObject({
      status: 'open',
      units: 2,
      payload: { remainingUnits: 1 },
    });

    till.box.append(
      'refund',
      refundPayload(sold, {
        kind: 'refund',
        staffId: org.managerId,
        units: [second as (typeof sold.units)[0]],
      }),
    );
    expect(await applied(till)).toBe('applied');
    const closed = await itemOf('overuse_excess', soldAt);
    expect(closed).toMatchObject({ status: 'voided', units: 2, payload: { remainingUnits: 0 } });
    expect(closed.note).toMatch(/refunds at the terminal gave the whole excess back/);
    // The third seat stands, absorbed within the capacity.
    expect(await counterState(db, `capacity:${performanceId}`)).toEqual({
      limit: 1,
      unallocated: 0,
      absorbed: 1,
    });
    await assertConservation(db);
  });

  it('keeps voided code overuses in the overuse report without "awaiting review", and a manager’s decision as made', async () => {
    const text = `OVER${Date.now()}`;
    const codeId = await newCode(text, { maxUses: 1 });
    const till = await newTill();
    const withCode = (overuse: boolean) =>
      sale(till, {
        lines: [{ kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
        code: { id: codeId, code: text },
        ...(overuse
          ? { overuse: { approverId: supervisor.staffId, reason: 'Regular guest', limits: ['MAX_USES'] } }
          : {}),
      });
    till.box.append('sale', withCode(false)); // absorbed: the one use the limit allows
    const unapproved = withCode(false);
    const unapprovedAt = till.box.append('sale', unapproved);
    const approved = withCode(true);
    const approvedAt = till.box.append('sale', approved);
    const decided = withCode(false);
    const decidedAt = till.box.append('sale', decided);
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    const report = async () =>
      (
        await org.api.get<{ rows: { orderId: string; reason: string }[] }>(
          `/v1/reports/overuse?codeId=${codeId}`,
        )
      ).body.rows;
    expect((await report()).find((r) => r.orderId === unapproved.sale.id)?.reason).toMatch(/awaiting review/);
    const decidedItem = await itemOf('overuse_excess', decidedAt);
    expect(
      (await org.api.post(`/v1/review-items/${decidedItem.id}/flag`, { note: 'ask the cashier' })).status,
    ).toBe(200);

    for (const s of [unapproved, approved, decided]) {
      till.box.append('void', refundPayload(s, { kind: 'void', staffId: org.managerId }));
    }
    const voids = await pushTill(till);
    expect(voids.body.results.slice(-3).map((r) => r.status)).toEqual(Array(3).fill('applied'));
    expect((await itemOf('overuse_excess', unapprovedAt)).status).toBe('voided');
    expect((await itemOf('overuse_excess', approvedAt)).status).toBe('voided');
    expect(await itemOf('overuse_excess', decidedAt)).toMatchObject({
      status: 'flagged',
      note: 'ask the cashier',
    });

    const rows = await report();
    expect(rows).toHaveLength(3);
    const reason = (s: Sale) => rows.find((r) => r.orderId === s.sale.id)?.reason;
    expect(reason(unapproved)).toMatch(/the sale was voided, which gave the use back/);
    expect(reason(unapproved)).not.toMatch(/awaiting review/);
    expect(reason(approved)).toBe('Regular guest');
    expect(await counterState(db, `code_uses:${codeId}`)).toEqual({ limit: 1, unallocated: 0, absorbed: 1 });
    await assertConservation(db);
  });

  it('retries a quarantined sale and its refund once the cause is fixed, exactly once', async () => {
    const performanceId = await newPerformance(50);
    const [performance] = await db.query<Record<string, unknown>>(
      'SELECT org_id, event_id, starts_at, capacity, status FROM performances WHERE id = $1',
      [performanceId],
    );
    expect((await org.api.delete(`/v1/performances/${performanceId}`)).status).toBe(204);
    const text = `RETRY${Date.now()}`;
    const codeId = await newCode(text, {});
    const till = await newTill();
    const sold = sale(till, {
      lines: [{ eventId, performanceId, qty: 2, unitPrice: 2000, unitDiscount: 500 }],
      code: { id: codeId, code: text },
    });
    const soldAt = till.box.append('sale', sold);
    const [unit] = sold.units;
    const refundAt = till.box.append(
      'refund',
      refundPayload(sold, {
        kind: 'refund',
        staffId: org.managerId,
        units: [unit as (typeof sold.units)[0]],
      }),
    );
    const first = await pushTill(till);
    expect(first.body.results.slice(1)).toMatchObject([
      { status: 'quarantined', reason: 'UNKNOWN_PERFORMANCE' },
      { status: 'quarantined', reason: 'UNKNOWN_SALE' },
    ]);
    const saleItem = await itemOf('quarantined', soldAt);
    const refundItem = await itemOf('quarantined', refundAt);
    const retry = (item: ReviewItem, api = org.api) =>
      api.post<ReviewItem & Failure>(`/v1/review-items/${item.id}/retry`, { note: 'performance restored' });

    expect((await retry(saleItem, supervisor.api)).status).toBe(403);
    const still = await retry(saleItem);
    expect(still.status).toBe(409);
    expect(still.body.reason).toBe('UNKNOWN_PERFORMANCE');
    expect(still.body.message).toMatch(
      /is not known to the server\. The sale stays quarantined: fix that and retry/,
    );
    expect((await itemOf('quarantined', soldAt)).status).toBe('open');
    const salesOf = () => db.query('SELECT total, status FROM pos_sales WHERE id = $1', [sold.sale.id]);
    expect(await salesOf()).toEqual([]);

    // The cause fixed: an operator restores the deleted performance row from a backup.
    await db.query(
      `INSERT INTO performances (id, org_id, event_id, starts_at, capacity, status) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        performanceId,
        performance?.org_id,
        performance?.event_id,
        performance?.starts_at,
        performance?.capacity,
        performance?.status,
      ],
    );
    const done = await retry(saleItem);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: saleItem.id, status: 'applied', resolvedBy: org.managerId });
    expect(done.body.note).toMatch(/^performance restored/);
    expect(await salesOf()).toEqual([{ total: 3000, status: 'completed' }]);
    const [kept] = await db.query<{ appliedBy: string | null; appliedAt: string | null }>(
      'SELECT applied_by AS "appliedBy", applied_at AS "appliedAt" FROM quarantined_mutations WHERE mutation_id = $1',
      [soldAt.mutationId],
    );
    expect(kept?.appliedBy).toBe(org.managerId);
    expect(kept?.appliedAt).not.toBeNull();
    const [logged] = await db.query<{ status: string }>(
      'SELECT status FROM sync_mutations WHERE mutation_id = $1',
      [soldAt.mutationId],
    );
    expect(logged?.status).toBe('applied');
    const codes = await org.api.get<{ rows: { codeId: string; orders: number; revenue: number }[] }>(
      `/v1/reports/codes?codeId=${codeId}`,
    );
    expect(codes.body.rows).toEqual([expect.objectContaining({ codeId, orders: 1, revenue: 3000 })]);

    const again = await retry(saleItem);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('ALREADY_RESOLVED');
    expect(await salesOf()).toHaveLength(1);

    expect((await retry(refundItem)).body).toMatchObject({ status: 'applied' });
    const refunds = await db.query('SELECT amount FROM pos_refunds WHERE sale_id = $1', [sold.sale.id]);
    expect(refunds).toEqual([{ amount: 1500 }]);
    // The refunded seat went back to the pool the retried sale took it from.
    expect(await counterState(db, `capacity:${performanceId}`)).toEqual({
      limit: 50,
      unallocated: 49,
      absorbed: 1,
    });
    await assertConservation(db);

    // A re-push of the whole outbox changes nothing: both mutation ids are known.
    const replay = await pushTill(till);
    expect(replay.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await salesOf()).toHaveLength(1);
    expect(await db.query('SELECT 1 FROM pos_refunds WHERE sale_id = $1', [sold.sale.id])).toHaveLength(1);
  });

  it('refuses to retry what a retry cannot fix: a changed payload, or an item that is not a quarantine', async () => {
    const performanceId = await newPerformance(0);
    const till = await newTill();
    const tampered = till.box.append('sale', sale(till, { lines: seats(performanceId, 1) }));
    const over = till.box.append('sale', sale(till, { lines: seats(performanceId, 1) }));
    const entries = till.box.entries.map((e) =>
      e === tampered ? { ...e, payload: { ...e.payload, extra: 1 } } : e,
    );
    expect((await pushTill(till, entries)).body.results.map((r) => r.status)).toEqual([
      'applied',
      'quarantined',
      'applied',
    ]);
    const hashItem = await itemOf('quarantined', tampered);
    const hash = await org.api.post<Failure>(`/v1/review-items/${hashItem.id}/retry`, { note: 'try again' });
    expect(hash.status).toBe(409);
    expect(hash.body).toMatchObject({ reason: 'HASH_MISMATCH' });
    expect((await itemOf('quarantined', tampered)).status).toBe('open');

    const excess = await itemOf('overuse_excess', over);
    const notQuarantine = await org.api.post<Failure>(`/v1/review-items/${excess.id}/retry`, {
      note: 'retry',
    });
    expect(notQuarantine.status).toBe(409);
    expect(notQuarantine.body.reason).toBe('NOT_RETRYABLE');
  });
});
