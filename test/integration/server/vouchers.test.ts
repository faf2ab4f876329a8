import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateOf } from '../../../shared/business-day';
import type { Page } from '../../../shared/server-api/page';
import type { VoucherReport } from '../../../shared/reports/vouchers';
import type { PullResponse } from '../../../shared/sync/protocol';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import type { VoucherBalance } from '../../../shared/vouchers/rules';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload, type SaleSpec } from '../../helpers/sync-payloads';
import {
  acquireLease,
  assertConservation,
  counterState,
  openTill,
  pushTill,
  seedHall,
  type Till,
} from '../../helpers/sync-server';

// docs/CASH.md "Gift vouchers", "On the server": vouchers issued by pushed sales, spent from leases at
// another window, their balances in GET /v1/vouchers/:id, the pull and the report; overspends and
// unknown vouchers in review; the grant rule; voids giving balances back; the voucher share route and
// voucher products.

describe.each(backends)('gift vouchers on the server (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let seller: Till;
  let spender: Till;
  let foreign: Till;

  const counter = (voucherId: string) => `voucher_balance:${voucherId}`;
  const sell = (till: Till, spec: Partial<SaleSpec>) =>
    salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      lines: [],
      ticketSigner: till.ticketSigner,
      ...spec,
    });
  /** Pushes the till's outbox and answers the status and message of its last mutation. */
  const push = async (till: Till, type: 'sale' | 'refund' | 'void', payload: object) => {
    till.box.append(type, payload as Record<string, unknown>);
    const reply = await pushTill(till);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.results.at(-1);
  };
  const balanceOf = async (till: Till, id: string) => {
    const reply = await till.api.get<VoucherBalance>(`/v1/vouchers/${id}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  };
  const pulled = async (till: Till) => {
    const reply = await till.api.post<PullResponse>('/v1/sync/pull', { terminalId: till.id, cursor: null });
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  };
  /** Sells `qty` vouchers of `amount` at the seller and answers their ids. */
  const issue = async (amount: number, qty = 1, spec: Partial<SaleSpec> = {}) => {
    const sale = sell(seller, { lines: [{ kind: 'voucher', qty, unitPrice: amount }], ...spec });
    expect((await push(seller, 'sale', sale))?.status).toBe('applied');
    return sale.vouchers.map((v) => v.id);
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url, 'Globe');
    other = await seedOrganisation(db, server.url, 'Rose');
    const { venueId } = await seedHall(org);
    seller = await openTill(org, server.url, venueId, org.managerId);
    spender = await openTill(org, server.url, venueId, org.managerId);
    foreign = await openTill(other, server.url, (await seedHall(other)).venueId, other.managerId);
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('issues a voucher with its row and counter, pulled by every terminal of the organisation', async () => {
    const [id] = await issue(5000);
    if (!id) throw new Error('no voucher issued');
    const [row] = await db.query<{ amount: number; status: string; terminal_id: string }>(
      'SELECT amount::int AS amount, status, terminal_id FROM vouchers WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ amount: 5000, status: 'active', terminal_id: seller.id });
    expect(await counterState(db, counter(id))).toEqual({ limit: 5000, unallocated: 5000, absorbed: 0 });
    const seen = (await pulled(spender)).vouchers?.find((v) => v.voucherId === id);
    expect(seen).toMatchObject({ amount: 5000, balance: 5000, currency: 'EUR', status: 'active' });
    expect((await pulled(foreign)).vouchers?.some((v) => v.voucherId === id)).toBe(false);
    expect((await balanceOf(spender, id)).balance).toBe(5000);
    // Another organisation's terminal does not learn it exists.
    const elsewhere = await foreign.api.get<{ reason: string; message: string }>(`/v1/vouchers/${id}`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toMatch(/no gift voucher/);
  });

  it('grants another window what it asks of a voucher with no cap, and its spend lowers the balance everywhere', async () => {
    const [id] = await issue(8000);
    if (!id) throw new Error('no voucher issued');
    const first = await pulled(spender);
    // 6000 of 8000: far above the 25 % cap and the quarter-shrinking of other counters.
    const lease = (await acquireLease(spender, counter(id), 6000)).body.lease;
    expect(lease?.granted).toBe(6000);
    if (!lease) throw new Error('no lease');
    // Held by a window but not spent: still the customer's balance.
    expect((await balanceOf(spender, id)).balance).toBe(8000);
    const sale = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 7000 }],
      vouchersPaid: [{ voucherId: id, amount: 5000 }],
      escrow: { leaseUses: [{ leaseId: lease.id, counter: counter(id), units: 5000 }], unbacked: [] },
    });
    expect((await push(spender, 'sale', sale))?.status).toBe('applied');
    expect((await balanceOf(seller, id)).balance).toBe(3000);
    // A pull from the cursor of before sees the new balance.
    const next = await spender.api.post<PullResponse>('/v1/sync/pull', {
      terminalId: spender.id,
      cursor: first.cursor,
    });
    expect(next.body.vouchers?.find((v) => v.voucherId === id)?.balance).toBe(3000);
    await assertConservation(db);
  });

  it('keeps an overspent sale, sends the excess to review and never takes the balance below 0', async () => {
    const [id] = await issue(1000);
    if (!id) throw new Error('no voucher issued');
    // No lease at all, 1500 spent: 1000 absorbed from the pool, 500 beyond it.
    const sale = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 1500 }],
      vouchersPaid: [{ voucherId: id, amount: 1500 }],
    });
    const result = await push(spender, 'sale', sale);
    expect(result?.status).toBe('applied');
    expect(result?.message).toMatch(/went to review/);
    expect((await balanceOf(spender, id)).balance).toBe(0);
    expect(await counterState(db, counter(id))).toEqual({ limit: 1000, unallocated: 0, absorbed: 1000 });
    const items = await db.query<{ kind: string; units: number }>(
      'SELECT kind, units::int AS units FROM review_items WHERE counter = $1',
      [counter(id)],
    );
    expect(items).toEqual([{ kind: 'voucher_overspent', units: 500 }]);

    // Voiding it gives the excess back first (never counted), then the 1000: the item closes as voided.
    const voided = refundPayload(sale, {
      kind: 'void',
      staffId: org.managerId,
      vouchersBack: [{ voucherId: id, amount: 1500 }],
    });
    expect((await push(spender, 'void', voided))?.status).toBe('applied');
    expect((await balanceOf(spender, id)).balance).toBe(1000);
    const closed = await db.query<{ status: string }>('SELECT status FROM review_items WHERE counter = $1', [
      counter(id),
    ]);
    expect(closed).toEqual([{ status: 'voided' }]);
    await assertConservation(db);
  });

  it('keeps a sale paid with a voucher nobody issued and sends it to review', async () => {
    const unknown = '0190f000-0000-7000-8000-00000000abcd';
    const sale = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 1200 }],
      vouchersPaid: [{ voucherId: unknown, amount: 1200 }],
    });
    expect((await push(spender, 'sale', sale))?.status).toBe('applied');
    const items = await db.query<{ kind: string; units: number }>(
      'SELECT kind, units::int AS units FROM review_items WHERE counter = $1',
      [counter(unknown)],
    );
    expect(items).toEqual([{ kind: 'voucher_unknown', units: 1200 }]);
    expect(await counterState(db, counter(unknown))).toBeUndefined();
    expect((await spender.api.get(`/v1/vouchers/${unknown}`)).status).toBe(404);
  });

  it('grants nothing on an expired voucher', async () => {
    const longAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const [id] = await issue(2000, 1, { createdAt: longAgo, voucherDays: 1 });
    if (!id) throw new Error('no voucher issued');
    const answer = (await acquireLease(spender, counter(id), 100)).body;
    expect(answer.lease).toBeNull();
    expect(answer.refusal?.reason).toBe('VOUCHER_EXPIRED');
    expect(answer.refusal?.message).toMatch(/expired/);
    expect(await counterState(db, counter(id))).toEqual({ limit: 2000, unallocated: 2000, absorbed: 0 });
  });

  it('gives a voided spend back to the balance, and a voided voucher sale voids the voucher', async () => {
    const [id] = await issue(4000);
    if (!id) throw new Error('no voucher issued');
    const lease = (await acquireLease(spender, counter(id), 3000)).body.lease;
    if (!lease) throw new Error('no lease');
    const sale = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 3000 }],
      vouchersPaid: [{ voucherId: id, amount: 2500 }],
      escrow: { leaseUses: [{ leaseId: lease.id, counter: counter(id), units: 2500 }], unbacked: [] },
    });
    expect((await push(spender, 'sale', sale))?.status).toBe('applied');
    expect((await balanceOf(spender, id)).balance).toBe(1500);
    const voided = refundPayload(sale, {
      kind: 'void',
      staffId: org.managerId,
      vouchersBack: [{ voucherId: id, amount: 2500 }],
    });
    expect((await push(spender, 'void', voided))?.status).toBe('applied');
    expect((await balanceOf(seller, id)).balance).toBe(4000);
    // Back on the lease the window still holds: it can spend it again without asking.
    const [held] = await db.query<{ used: number }>(
      'SELECT used::int AS used FROM escrow_leases WHERE id = $1',
      [lease.id],
    );
    expect(held?.used).toBe(0);
    await assertConservation(db);

    // Voiding the sale that sold a voucher voids the voucher: its counter grants nothing more.
    const issuing = sell(seller, { lines: [{ kind: 'voucher', qty: 1, unitPrice: 900 }] });
    expect((await push(seller, 'sale', issuing))?.status).toBe('applied');
    const soldId = issuing.vouchers[0]?.id ?? '';
    expect(
      (await push(seller, 'void', refundPayload(issuing, { kind: 'void', staffId: org.managerId })))?.status,
    ).toBe('applied');
    expect((await balanceOf(spender, soldId)).status).toBe('void');
    const refused = (await acquireLease(spender, counter(soldId), 100)).body;
    expect(refused.lease).toBeNull();
    expect(refused.refusal?.reason).toBe('VOUCHER_VOID');
    expect((await pulled(spender)).vouchers?.find((v) => v.voucherId === soldId)?.status).toBe('void');
  });

  it('refuses a voucher product with VAT, or voucher days on another kind, saving nothing', async () => {
    const count = async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM products WHERE name = 'Gift card'"))[0]
        ?.n;
    const taxed = await org.api.post<{ reason: string; message: string; fields: Record<string, string> }>(
      '/v1/products',
      { kind: 'voucher', name: 'Gift card', unitPrice: 0, vatRate: 1900, voucherDays: 365 },
    );
    expect(taxed.status).toBe(400);
    expect(taxed.body.fields.vatRate).toBe(
      'A gift voucher carries no VAT: its VAT is due on what it buys; set the VAT rate to 0.',
    );
    const days = await org.api.post<{ fields: Record<string, string> }>('/v1/products', {
      kind: 'merch',
      name: 'Gift card',
      unitPrice: 100,
      vatRate: 1900,
      voucherDays: 365,
    });
    expect(days.status).toBe(400);
    expect(days.body.fields.voucherDays).toMatch(/Only a gift voucher/);
    expect(await count()).toBe(0);

    const made = await org.api.post<{ id: string; voucherDays: number }>('/v1/products', {
      kind: 'voucher',
      name: 'Gift card',
      unitPrice: 0,
      vatRate: 0,
      voucherDays: 365,
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.voucherDays).toBe(365);
    // A patch cannot add VAT to it afterwards.
    const patched = await org.api.patch(`/v1/products/${made.body.id}`, { vatRate: 700 });
    expect(patched.status).toBe(400);
    const [stored] = await db.query<{ vat_rate: number }>('SELECT vat_rate FROM products WHERE id = $1', [
      made.body.id,
    ]);
    expect(stored?.vat_rate).toBe(0);
    const product = (await pulled(spender)).changes.find((c) => c.id === made.body.id);
    expect(product && 'data' in product ? product.data : null).toMatchObject({
      kind: 'voucher',
      voucherDays: 365,
    });
  });

  it('sets a terminal’s voucher share for managers only, audited, listed and pulled', async () => {
    const put = (api: SeededOrganisation['api'], till: Till, body: unknown) =>
      api.put<{ terminalId: string; voucherSharePercent: number; message?: string }>(
        `/v1/terminals/${till.id}/voucher-share`,
        body,
      );
    expect((await pulled(spender)).voucherSharePercent).toBe(0);
    const set = await put(org.api, spender, { percent: 30 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ terminalId: spender.id, voucherSharePercent: 30 });
    expect((await pulled(spender)).voucherSharePercent).toBe(30);
    const listed = (await org.api.get<Page<TerminalRow>>('/v1/terminals')).body.items.find(
      (t) => t.id === spender.id,
    );
    expect(listed?.voucherSharePercent).toBe(30);
    const audit = await db.query<{
      before: { voucherSharePercent: number };
      after: { voucherSharePercent: number };
    }>(`SELECT before, after FROM audit_log WHERE action = 'terminal.voucher_share' AND entity_id = $1`, [
      spender.id,
    ]);
    expect(audit.map((a) => [a.before.voucherSharePercent, a.after.voucherSharePercent])).toEqual([[0, 30]]);

    const tooMuch = await put(org.api, spender, { percent: 51 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.text).toContain('percent must be at most 50');
    expect((await put(org.api, spender, { percent: 2.5 })).status).toBe(400);
    expect((await put(org.api, foreign, { percent: 10 })).status).toBe(404);
    const cashier = await signInAs(org.api, server.url, 'seller');
    expect((await put(cashier.api, spender, { percent: 10 })).status).toBe(403);
    const [row] = await db.query<{ p: number }>(
      'SELECT voucher_share_percent AS p FROM terminals WHERE id = $1',
      [spender.id],
    );
    expect(row?.p).toBe(30);
    const [away] = await db.query<{ p: number }>(
      'SELECT voucher_share_percent AS p FROM terminals WHERE id = $1',
      [foreign.id],
    );
    expect(away?.p).toBe(0);
  });

  it('reports vouchers sold, spent and voided per business day, the liability and expired balances apart', async () => {
    const report = await org.api.get<VoucherReport>('/v1/reports/vouchers');
    expect(report.status, report.text).toBe(200);
    // The organisation's zone is UTC: today's business day began at 04:00 UTC.
    const today = businessDateOf(new Date(), 'UTC');
    const day = report.body.days.find((d) => d.day === today && d.currency === 'EUR');
    // Sold today: 5000, 8000, 1000, 4000 and 900 (the expired one was sold ten days ago); the 900 one
    // was voided since and stays sold.
    expect(day).toMatchObject({ soldCount: 5, soldAmount: 18_900 });
    // Spent today: 5000 (backed); the 1000 absorbed and the 2500 backed were given back by their voids,
    // and an excess never counts.
    expect(day?.spentAmount).toBe(5000);
    // Voided today: the 900 voucher, with the 900 it still held.
    expect(day).toMatchObject({ voidedCount: 1, voidedAmount: 900 });
    // Active, not expired: 5000 + 3000 + 1000 + 4000 (the 900 voucher is void); expired: 2000 apart.
    expect(report.body.totals).toEqual([
      { currency: 'EUR', openVouchers: 4, outstanding: 13_000, expiredVouchers: 1, expiredBalance: 2000 },
    ]);
    const otherOrg = await other.api.get<VoucherReport>('/v1/reports/vouchers');
    expect(otherOrg.body).toEqual({ days: [], totals: [] });
    const seller = await signInAs(org.api, server.url, 'seller');
    expect((await seller.api.get('/v1/reports/vouchers')).status).toBe(403);
  });

  it('groups the report by the organisation’s business day, voided vouchers on the day of their void', async () => {
    const zone = await org.api.patch('/v1/organisation', { timezone: 'Europe/Berlin' });
    expect(zone.status, zone.text).toBe(200);
    // Berlin is UTC+1 in November: 02:30 UTC is 03:30 there, still the business day of the 19th;
    // 03:30 UTC is 04:30, the 20th's. By UTC both would be the 20th.
    const early = sell(seller, {
      createdAt: '2026-11-20T02:30:00.000Z',
      lines: [{ kind: 'voucher', qty: 1, unitPrice: 1500 }],
    });
    expect((await push(seller, 'sale', early))?.status).toBe('applied');
    const earlyId = early.vouchers[0]?.id ?? '';
    const [late] = await issue(2500, 1, { createdAt: '2026-11-20T03:30:00.000Z' });
    // 500 of the early one spent at 11:00 there (no lease: absorbed from the pool).
    const spend = sell(spender, {
      createdAt: '2026-11-20T10:00:00.000Z',
      lines: [{ kind: 'merch', qty: 1, unitPrice: 500 }],
      vouchersPaid: [{ voucherId: earlyId, amount: 500 }],
    });
    expect((await push(spender, 'sale', spend))?.status).toBe('applied');
    // Voided at 03:00 there on the 21st: the business day of the 20th, with the 1000 it still held.
    const voided = refundPayload(early, { kind: 'void', staffId: org.managerId });
    voided.refund.createdAt = '2026-11-21T02:00:00.000Z';
    expect((await push(seller, 'void', voided))?.status).toBe('applied');
    expect((await balanceOf(spender, earlyId)).status).toBe('void');

    const report = await org.api.get<VoucherReport>(
      '/v1/reports/vouchers?from=2026-11-19T00:00:00Z&to=2026-11-21T23:00:00Z',
    );
    expect(report.status, report.text).toBe(200);
    expect(report.body.days).toEqual([
      {
        day: '2026-11-19',
        currency: 'EUR',
        soldCount: 1,
        soldAmount: 1500,
        spentAmount: 0,
        voidedCount: 0,
        voidedAmount: 0,
      },
      {
        day: '2026-11-20',
        currency: 'EUR',
        soldCount: 1,
        soldAmount: 2500,
        spentAmount: 500,
        voidedCount: 1,
        voidedAmount: 1000,
      },
    ]);
    expect(businessDateOf(new Date('2026-11-20T02:30:00.000Z'), 'Europe/Berlin')).toBe('2026-11-19');
    // The liability gains the late voucher and never the voided one.
    expect(report.body.totals).toEqual([
      { currency: 'EUR', openVouchers: 5, outstanding: 15_500, expiredVouchers: 1, expiredBalance: 2000 },
    ]);
    expect((await balanceOf(spender, late ?? '')).balance).toBe(2500);
    const back = await org.api.patch('/v1/organisation', { timezone: 'UTC' });
    expect(back.status, back.text).toBe(200);
  });

  it('keeps a refund that takes back a voucher already spent in part, voids it and sends it to review', async () => {
    const issuing = sell(seller, { lines: [{ kind: 'voucher', qty: 2, unitPrice: 2000 }] });
    expect((await push(seller, 'sale', issuing))?.status).toBe('applied');
    const [spentId, wholeId] = issuing.vouchers.map((v) => v.id);
    if (!spentId || !wholeId) throw new Error('no vouchers issued');
    const spend = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 700 }],
      vouchersPaid: [{ voucherId: spentId, amount: 700 }],
    });
    expect((await push(spender, 'sale', spend))?.status).toBe('applied');
    // The seller's window took both back for their face value (it should have held them whole first).
    const voided = refundPayload(issuing, { kind: 'void', staffId: org.managerId });
    expect((await push(seller, 'void', voided))?.status).toBe('applied');
    for (const id of [spentId, wholeId]) expect((await balanceOf(spender, id)).status).toBe('void');
    const items = await db.query<{ kind: string; units: number; summary: string }>(
      'SELECT kind, units::int AS units, summary FROM review_items WHERE counter = ANY($1::text[])',
      [[counter(spentId), counter(wholeId)]],
    );
    expect(items).toEqual([expect.objectContaining({ kind: 'voucher_refunded_spent', units: 700 })]);
    expect(items[0]?.summary).toMatch(/face value of 2000 minor units of EUR, but 700 of it had been spent/);
  });

  it('refuses a lease on a voucher it does not know yet, and a late copy of that ask grants nothing', async () => {
    const issuing = sell(seller, { lines: [{ kind: 'voucher', qty: 1, unitPrice: 1500 }] });
    const id = issuing.vouchers[0]?.id ?? '';
    const requestId = randomUUID();
    const early = await acquireLease(spender, counter(id), 1500, requestId);
    expect(early.status, early.text).toBe(200);
    expect(early.body.lease).toBeNull();
    expect(early.body.refusal?.reason).toBe('VOUCHER_UNKNOWN');
    expect(early.body.refusal?.message).toMatch(/known once the sale that issued it is pushed/);
    expect((await push(seller, 'sale', issuing))?.status).toBe('applied');
    const late = await acquireLease(spender, counter(id), 1500, requestId);
    expect(late.body.lease).toBeNull();
    expect(await counterState(db, counter(id))).toEqual({ limit: 1500, unallocated: 1500, absorbed: 0 });
    expect((await acquireLease(spender, counter(id), 1500)).body.lease?.granted).toBe(1500);
  });

  it('quarantines a pushed sale whose voucher line carries VAT or a discount, or whose voucher pays in another currency', async () => {
    /** Pushes the sale, expects it quarantined as INVALID_PAYLOAD, and answers its sentence. */
    const refused = async (till: Till, sale: ReturnType<typeof sell>) => {
      const result = await push(till, 'sale', sale);
      expect(result?.status).toBe('quarantined');
      expect(result?.reason).toBe('INVALID_PAYLOAD');
      const kept = await db.query('SELECT 1 FROM pos_sales WHERE id = $1', [sale.sale.id]);
      expect(kept).toEqual([]);
      const vouchers = await db.query('SELECT 1 FROM vouchers WHERE sale_id = $1', [sale.sale.id]);
      expect(vouchers).toEqual([]);
      return result?.message ?? '';
    };
    const voucherSale = () => sell(seller, { lines: [{ kind: 'voucher', qty: 2, unitPrice: 2500 }] });

    const taxed = voucherSale();
    taxed.lines[0]!.vatRate = 1900;
    expect(await refused(seller, taxed)).toMatch(/carries VAT rate 1900: a gift voucher carries none/);

    // A code's discount, as the terminal's engine would have given it (it never does on a voucher).
    const coded = sell(seller, { lines: [{ kind: 'voucher', qty: 1, unitPrice: 2500, unitDiscount: 500 }] });
    expect(await refused(seller, coded)).toMatch(/is discounted \(code 500, custom 0, comp 0 minor units\)/);

    // A custom discount on one unit only, the line's figures left clean.
    const custom = voucherSale();
    custom.units[1]!.customDiscount = 300;
    expect(await refused(seller, custom)).toMatch(/custom 300.*never discounted or comped/);

    const comped = voucherSale();
    comped.lines[0]!.comp = 5000;
    expect(await refused(seller, comped)).toMatch(/comp 5000/);

    // A voucher sold in USD cannot pay a sale in EUR.
    const [dollars] = await issue(3000, 1, { currency: 'USD' });
    if (!dollars) throw new Error('no voucher issued');
    const lease = (await acquireLease(spender, counter(dollars), 1000)).body.lease;
    if (!lease) throw new Error('no lease');
    const paidInEuros = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 1000 }],
      vouchersPaid: [{ voucherId: dollars, amount: 1000 }],
      escrow: { leaseUses: [{ leaseId: lease.id, counter: counter(dollars), units: 1000 }], unbacked: [] },
    });
    expect(await refused(spender, paidInEuros)).toMatch(
      new RegExp(`spends gift voucher ${dollars} in EUR, but the voucher is in USD`),
    );
    expect((await balanceOf(spender, dollars)).balance).toBe(3000);
    const [held] = await db.query<{ used: number }>(
      'SELECT used::int AS used FROM escrow_leases WHERE id = $1',
      [lease.id],
    );
    expect(held?.used).toBe(0);

    // The same sale in USD pays, and a clean voucher sale is applied: the checks refuse only those.
    const paidInDollars = sell(spender, {
      currency: 'USD',
      lines: [{ kind: 'merch', qty: 1, unitPrice: 1000 }],
      vouchersPaid: [{ voucherId: dollars, amount: 1000 }],
      escrow: { leaseUses: [{ leaseId: lease.id, counter: counter(dollars), units: 1000 }], unbacked: [] },
    });
    expect((await push(spender, 'sale', paidInDollars))?.status).toBe('applied');
    expect((await balanceOf(spender, dollars)).balance).toBe(2000);
    expect((await push(seller, 'sale', voucherSale()))?.status).toBe('applied');
    await assertConservation(db);
  });

  it('issues a refund’s credit voucher with its own counter, pulled and spent like any voucher', async () => {
    const report = async () =>
      (await org.api.get<VoucherReport>('/v1/reports/vouchers')).body.days.find(
        (d) => d.day === new Date().toISOString().slice(0, 10) && d.currency === 'EUR',
      );
    const before = await report();
    // Paid in cash; one of its two units goes back onto a new voucher (docs/CASH.md "Refunds onto a voucher").
    const sale = sell(seller, { lines: [{ kind: 'merch', qty: 2, unitPrice: 2500 }] });
    expect((await push(seller, 'sale', sale))?.status).toBe('applied');
    const first = sale.units[0]!;
    const refund = refundPayload(sale, {
      kind: 'refund',
      staffId: org.managerId,
      units: [{ lineId: first.lineId, unitIndex: first.unitIndex }],
      toVoucher: { amount: 2500 },
    });
    const id = refund.vouchers[0]!.id;
    expect(refund.payments).toEqual([
      expect.objectContaining({ tender: 'voucher', amount: -2500, voucherId: id }),
    ]);
    expect((await push(seller, 'refund', refund))?.status).toBe('applied');
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT refund_id::text AS refund_id, line_id, unit_index, amount::int AS amount, status
       FROM vouchers WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      refund_id: refund.refund.id,
      line_id: null,
      unit_index: null,
      amount: 2500,
      status: 'active',
    });
    // Its payment is no give-back onto a voucher: the whole face value is in the pool.
    expect(await counterState(db, counter(id))).toEqual({ limit: 2500, unallocated: 2500, absorbed: 0 });
    expect((await pulled(spender)).vouchers?.find((v) => v.voucherId === id)).toMatchObject({
      amount: 2500,
      balance: 2500,
      status: 'active',
    });
    // The report counts it as issued.
    expect(await report()).toMatchObject({
      soldCount: (before?.soldCount ?? 0) + 1,
      soldAmount: (before?.soldAmount ?? 0) + 2500,
    });

    // Another window spends part of it.
    const lease = (await acquireLease(spender, counter(id), 1000)).body.lease;
    if (!lease) throw new Error('no lease');
    const spent = sell(spender, {
      lines: [{ kind: 'merch', qty: 1, unitPrice: 1000 }],
      vouchersPaid: [{ voucherId: id, amount: 1000 }],
      escrow: { leaseUses: [{ leaseId: lease.id, counter: counter(id), units: 1000 }], unbacked: [] },
    });
    expect((await push(spender, 'sale', spent))?.status).toBe('applied');
    expect((await balanceOf(seller, id)).balance).toBe(1500);

    // Voiding the rest of the sale leaves the credit voucher the customer holds.
    const voided = refundPayload(sale, {
      kind: 'void',
      staffId: org.managerId,
      units: [{ lineId: sale.units[1]!.lineId, unitIndex: sale.units[1]!.unitIndex }],
    });
    expect((await push(seller, 'void', voided))?.status).toBe('applied');
    expect(await balanceOf(seller, id)).toMatchObject({ status: 'active', balance: 1500 });
    await assertConservation(db);
  });

  it('quarantines a refund whose credit voucher is in another currency or not worth its payment', async () => {
    const stored = async (refundId: string) =>
      (
        await db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM vouchers WHERE refund_id = $1)::int
             + (SELECT count(*) FROM pos_refunds WHERE id = $1)::int AS n`,
          [refundId],
        )
      )[0]?.n;
    const sale = sell(seller, { lines: [{ kind: 'merch', qty: 1, unitPrice: 3000 }], tender: 'card' });
    expect((await push(seller, 'sale', sale))?.status).toBe('applied');
    const cases = [
      [{ amount: 3000, currency: 'CHF' }, /is in CHF, the sale in EUR/],
      [
        { amount: 3000, voucherAmount: 2900 },
        /worth 2900 but the refund's voucher payment naming it paid out 3000/,
      ],
    ] as const;
    for (const [toVoucher, message] of cases) {
      const refund = refundPayload(sale, { kind: 'refund', staffId: org.managerId, toVoucher });
      const result = await push(seller, 'refund', refund);
      expect(result).toMatchObject({ status: 'quarantined', reason: 'INVALID_PAYLOAD' });
      expect(result?.message).toMatch(message);
      expect(await stored(refund.refund.id)).toBe(0);
      expect(await counterState(db, counter(refund.vouchers[0]!.id))).toBeUndefined();
    }
  });
});
