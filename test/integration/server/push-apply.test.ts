import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaseView, Mutation } from '../../../shared/sync/protocol';
import { BackgroundTasks } from '../../../src-server/context';
import type { Database, Queryable } from '../../../src-server/db/database';
import { lockTerminal } from '../../../src-server/db/repos/terminal-repo';
import { applyOrQuarantine } from '../../../src-server/services/mutation-apply';
import { BatchScope } from '../../../src-server/services/mutation-scope';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { createCode } from '../../helpers/sync-fixture';
import { salePayload, type SaleSpec } from '../../helpers/sync-payloads';
import {
  acquireLease,
  assertConservation,
  counterState,
  newPerformance,
  openTill,
  pushTill,
  seedHall,
  type Till,
} from '../../helpers/sync-server';

// One way to apply a pushed mutation (docs/SYNC.md "Push"): a mutation rejected after it wrote leaves
// nothing behind while its neighbours in the batch apply, and a mutation that needs no statement (or is
// rejected before its first) costs no savepoint.

describe.each(backends)('applying a pushed batch (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let venueId: string;
  let eventId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    ({ venueId, eventId } = await seedHall(org));
  });
  afterAll(async () => {
    await server.close();
  });

  const sale = (till: Till, spec: Partial<SaleSpec> & Pick<SaleSpec, 'lines'>) =>
    salePayload({ terminalId: till.id, shiftId: till.shiftId, cashierId: org.managerId, ...spec });
  const ticket = (till: Till, performanceId: string, spec: Partial<SaleSpec> = {}) =>
    sale(till, { lines: [{ eventId, performanceId, qty: 1, unitPrice: 2000 }], ...spec });
  const salesHeld = async (ids: string[]) =>
    (
      await db.query<{ id: string }>('SELECT id FROM pos_sales WHERE id = ANY($1::uuid[]) ORDER BY id', [ids])
    ).map((r) => r.id);
  const escrowRowsOf = async (saleId: string) =>
    (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sale_escrow WHERE sale_id = $1', [
        saleId,
      ])
    )[0]?.n;
  const leaseUsed = async (id: string) =>
    (await db.query<{ used: number }>('SELECT used FROM escrow_leases WHERE id = $1', [id]))[0]?.used;
  const quarantined = async (mutationId: string) =>
    (
      await db.query<{ reason: string; payload: unknown }>(
        'SELECT reason, payload FROM quarantined_mutations WHERE mutation_id = $1',
        [mutationId],
      )
    )[0];

  /** A code taking 5.00 off each item, its text unique to this run: its id, text and use counter. */
  const fixedCode = async (prefix: string, rules: Record<string, unknown>) => {
    const code = `${prefix}${Date.now()}`;
    const id = await createCode(org.api, { code, benefit: { type: 'fixed_per_item', amount: 500 }, rules });
    return { id, code, uses: `code_uses:${id}` };
  };
  /** The batch's transaction, noting each statement the apply sends through it. */
  const recording = (tx: Queryable, statements: string[]): Queryable => ({
    query(sql, params) {
      statements.push(sql);
      return tx.query(sql, params);
    },
    exec(sql) {
      statements.push(sql);
      return tx.exec(sql);
    },
  });

  it('quarantines a sale rejected after it wrote, with nothing of it left, between sales that apply', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const performanceId = await newPerformance(org, eventId, 100);
    const seats = `capacity:${performanceId}`;
    const lease = (await acquireLease(till, seats, 3)).body.lease as LeaseView;
    const backed = { leaseId: lease.id, counter: seats, units: 1 };
    const before = ticket(till, performanceId, { escrow: { leaseUses: [backed], unbacked: [] } });
    // Its lease use is deferred and its unbacked seat is absorbed from the pool (a write, which made the
    // counter row too) before the use of a code the server does not know is refused.
    const bad = ticket(till, performanceId, {
      escrow: {
        leaseUses: [backed],
        unbacked: [
          { counter: seats, units: 1 },
          { counter: `code_uses:${randomUUID()}`, units: 1 },
        ],
      },
    });
    const after = ticket(till, performanceId, { escrow: { leaseUses: [backed], unbacked: [] } });
    till.box.append('sale', before);
    const rejected = till.box.append('sale', bad);
    till.box.append('sale', after);
    const counterBefore = await counterState(db, seats);

    const reply = await pushTill(till);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'quarantined', 'applied']);
    expect(reply.body.results[2]).toMatchObject({ reason: 'UNKNOWN_CODE' });
    expect(await salesHeld([before.sale.id, bad.sale.id, after.sale.id])).toEqual(
      [before.sale.id, after.sale.id].sort(),
    );
    expect(await escrowRowsOf(bad.sale.id)).toBe(0);
    expect(await escrowRowsOf(after.sale.id)).toBe(1);
    expect(await leaseUsed(lease.id)).toBe(2);
    expect(await counterState(db, seats)).toEqual(counterBefore);
    await assertConservation(db);
    expect(await quarantined(rejected.mutationId)).toEqual({
      reason: 'UNKNOWN_CODE',
      payload: rejected.payload,
    });
  });

  it('quarantines a sale whose redemption id was used already, after its code use was absorbed', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const { id: codeId, code: codeText, uses } = await fixedCode('ONCE', { maxUses: 5 });
    const withCode = () =>
      sale(till, {
        lines: [{ eventId, performanceId: null, kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
        code: { id: codeId, code: codeText },
        escrow: { leaseUses: [], unbacked: [{ counter: uses, units: 1 }] },
      });
    const first = withCode();
    const again = withCode();
    again.redemption = { ...again.redemption!, id: first.redemption!.id };
    const last = withCode();
    till.box.append('sale', first);
    const rejected = till.box.append('sale', again);
    till.box.append('sale', last);

    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'quarantined', 'applied']);
    expect(reply.body.results[2]).toMatchObject({ reason: 'DUPLICATE_REDEMPTION' });
    expect(await salesHeld([again.sale.id])).toEqual([]);
    expect(await escrowRowsOf(again.sale.id)).toBe(0);
    expect(await counterState(db, uses)).toEqual({ limit: 5, unallocated: 3, absorbed: 2 });
    const [code] = await db.query<{ uses: number }>('SELECT uses FROM codes WHERE id = $1', [codeId]);
    expect(code?.uses).toBe(2);
    await assertConservation(db);
    expect((await quarantined(rejected.mutationId))?.reason).toBe('DUPLICATE_REDEMPTION');
  });

  it('writes plain code uses with the batch: a cached coded sale costs no statement, and each use counts once', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const { id: codeId, code: codeText, uses } = await fixedCode('BATCH', { maxUses: 100 });
    const lease = (await acquireLease(till, uses, 3)).body.lease as LeaseView;
    const performanceId = await newPerformance(org, eventId, 100);
    const seats = `capacity:${performanceId}`;
    const seatLease = (await acquireLease(till, seats, 3)).body.lease as LeaseView;
    const coded = () =>
      sale(till, {
        lines: [{ eventId, performanceId, qty: 1, unitPrice: 2000, unitDiscount: 500 }],
        code: { id: codeId, code: codeText },
        escrow: {
          leaseUses: [
            { leaseId: lease.id, counter: uses, units: 1 },
            { leaseId: seatLease.id, counter: seats, units: 1 },
          ],
          unbacked: [],
        },
      });
    const sales = [coded(), coded(), coded()];
    for (const s of sales) till.box.append('sale', s);
    const [, first, second, third] = till.box.entries as [Mutation, Mutation, Mutation, Mutation];

    const statements: string[] = [];
    const counted = (tx: Queryable) => recording(tx, statements);
    const ctx = { db, now: () => new Date(), background: new BackgroundTasks() };
    await db.transaction(async (tx) => {
      const terminal = await lockTerminal(tx, till.id);
      const scope = new BatchScope(counted(tx), ctx, terminal!, till.box.entries.slice(1));
      expect((await applyOrQuarantine(scope, first)).status).toBe('applied');
      statements.length = 0;
      expect((await applyOrQuarantine(scope, second)).status).toBe('applied');
      expect((await applyOrQuarantine(scope, third)).status).toBe('applied');
      expect(statements).toEqual([]);
      await scope.flush();
    });
    const ledger = await db.query<{ orderId: string; posSale: boolean; performanceIds: string[] }>(
      `SELECT order_id AS "orderId", pos_sale AS "posSale", performance_ids AS "performanceIds"
       FROM redemptions WHERE code_id = $1 ORDER BY redeemed_at, order_id`,
      [codeId],
    );
    expect(ledger.map((r) => r.orderId).sort()).toEqual(sales.map((s) => s.sale.id).sort());
    expect(ledger.every((r) => r.posSale && r.performanceIds.join() === performanceId)).toBe(true);
    const [code] = await db.query<{ uses: number; itemUses: number; discountGiven: number }>(
      'SELECT uses, item_uses AS "itemUses", discount_given AS "discountGiven" FROM codes WHERE id = $1',
      [codeId],
    );
    expect(code).toEqual({
      uses: 3,
      itemUses: sales.reduce((n, s) => n + s.redemption!.itemUses, 0),
      discountGiven: sales.reduce((n, s) => n + s.redemption!.discount, 0),
    });
    expect(await leaseUsed(lease.id)).toBe(3);
    await assertConservation(db);
  });

  it('quarantines a plain use whose redemption id a use written earlier in the batch took, and keeps the batch', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const {
      id: codeId,
      code: codeText,
      uses,
    } = await fixedCode('PERCUST', { maxUses: 100, maxUsesPerCustomer: 5 });
    const withCode = (customerId: string | null) =>
      sale(till, {
        lines: [{ eventId, performanceId: null, kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
        code: { id: codeId, code: codeText, customerId },
        escrow: { leaseUses: [], unbacked: [{ counter: uses, units: 1 }] },
      });
    // The first plain use reads which ids the ledger holds; a customer's use is counted against their
    // limit, so it is written at once, after that read; the last names its id.
    const first = withCode(null);
    const named = withCode(randomUUID());
    const plain = withCode(null);
    plain.redemption = { ...plain.redemption!, id: named.redemption!.id };
    till.box.append('sale', first);
    till.box.append('sale', named);
    const rejected = till.box.append('sale', plain);

    const reply = await pushTill(till);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'quarantined']);
    expect(reply.body.results[3]).toMatchObject({ reason: 'DUPLICATE_REDEMPTION' });
    expect(await salesHeld([first.sale.id, named.sale.id, plain.sale.id])).toEqual(
      [first.sale.id, named.sale.id].sort(),
    );
    const [code] = await db.query<{ uses: number }>('SELECT uses FROM codes WHERE id = $1', [codeId]);
    expect(code?.uses).toBe(2);
    await assertConservation(db);
    expect((await quarantined(rejected.mutationId))?.reason).toBe('DUPLICATE_REDEMPTION');
  });

  it('quarantines a sale timed at an instant PostgreSQL cannot hold, and applies the rest of the batch', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const performanceId = await newPerformance(org, eventId, 100);
    const good = [ticket(till, performanceId), ticket(till, performanceId)];
    const yearZero = ticket(till, performanceId, { createdAt: '0000-06-01T12:00:00Z' });
    const farOffset = ticket(till, performanceId, { createdAt: '2026-03-01T12:00:00+16:00' });
    till.box.append('sale', good[0]!);
    const rejected = [till.box.append('sale', yearZero), till.box.append('sale', farOffset)];
    till.box.append('sale', good[1]!);

    const reply = await pushTill(till);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'quarantined',
      'quarantined',
      'applied',
    ]);
    for (const m of rejected) expect((await quarantined(m.mutationId))?.reason).toBe('INVALID_PAYLOAD');
    expect(await salesHeld([...good, yearZero, farOffset].map((s) => s.sale.id))).toEqual(
      good.map((s) => s.sale.id).sort(),
    );
  });

  it('opens a savepoint only for a mutation that issues a statement', async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const performanceId = await newPerformance(org, eventId, 100);
    const seats = `capacity:${performanceId}`;
    const lease = (await acquireLease(till, seats, 3)).body.lease as LeaseView;
    const backedTicket = () =>
      ticket(till, performanceId, {
        escrow: { leaseUses: [{ leaseId: lease.id, counter: seats, units: 1 }], unbacked: [] },
      });
    till.box.append('sale', backedTicket());
    till.box.append('sale', backedTicket());
    const unbalanced = backedTicket();
    unbalanced.payments[0] = { ...unbalanced.payments[0]!, amount: 1 };
    till.box.append('sale', unbalanced);
    const [, first, cached, rejected] = till.box.entries as [Mutation, Mutation, Mutation, Mutation];

    const statements: string[] = [];
    const counted = (tx: Queryable) => recording(tx, statements);
    const ctx = { db, now: () => new Date(), background: new BackgroundTasks() };
    const during = async (scope: BatchScope, mutation: Mutation) => {
      statements.length = 0;
      const result = await applyOrQuarantine(scope, mutation);
      return { status: result.status, statements: [...statements] };
    };
    const rolledBack = new Error('rolled back on purpose');
    await expect(
      db.transaction(async (tx) => {
        const terminal = await lockTerminal(tx, till.id);
        const scope = new BatchScope(counted(tx), ctx, terminal!, till.box.entries.slice(1));
        const missed = await during(scope, first);
        expect(missed.status).toBe('applied');
        // The organisation's lock, shared, outside any savepoint.
        expect(missed.statements[0]).toMatch(/pg_advisory_xact_lock_shared/);
        expect(missed.statements[1]).toBe('SAVEPOINT apply_mutation');
        expect(missed.statements.at(-1)).toBe('RELEASE SAVEPOINT apply_mutation');
        // Staff, performance and lease are cached, the sale and its escrow deferred: not one statement.
        expect(await during(scope, cached)).toEqual({ status: 'applied', statements: [] });
        const refused = await during(scope, rejected);
        expect(refused.status).toBe('quarantined');
        expect(refused.statements).toHaveLength(2); // the quarantine row and its review item
        expect(refused.statements.join(' ')).not.toMatch(/SAVEPOINT/);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });
});
