import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import {
  publicKeyOf,
  ticketKeyring,
  ticketSigningKey,
  type TicketSigningKey,
} from '../../../shared/node/tickets/secret';
import { readVoucherSecret, signVoucher } from '../../../shared/node/vouchers/secret';
import { voucherExpiry } from '../../../shared/vouchers/rules';
import { getLease, upsertLease } from '../../../src-main/db/repos/lease-repo';
import { setVoucherSharePercent } from '../../../src-main/db/repos/meta-repo';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { markPushedThrough, saveEnrolment } from '../../../src-main/db/repos/sync-repo';
import { replaceTicketKeys } from '../../../src-main/db/repos/ticket-trust-repo';
import { upsertPulledVouchers } from '../../../src-main/db/repos/voucher-repo';
import { newSigningKey, SIGNING_KEY_SECRET } from '../../../src-main/services/sync/signing-key';
import { voucherShareWants } from '../../../src-main/services/sync/leases';
import { secretStoreWithKey } from '../../helpers/device-key';
import { saleReceipt } from '../../../src-main/services/printing/documents';
import { shiftFigures } from '../../../src-main/db/repos/shift-repo';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';
import { addVoucherProducts } from '../../helpers/voucher-products';

// docs/CASH.md "Gift vouchers" at the window, on the real core and SQLite: selling them beside the
// engine, their signed codes, paying with one from the leases held, the balance check offline, voids.
// The server's half (pulled vouchers, leases on voucher counters) is written into the store as a pull
// and a granted lease would leave it.

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00
const GIFT_50 = randomUUID();
const GIFT_OPEN = randomUUID();

describe('gift vouchers at the window', () => {
  let pos: TestTerminal;
  let key: TicketSigningKey;
  let publicKey: string;
  afterEach(() => pos.close());

  const start = async (options: { key: boolean; enrolled?: boolean }) => {
    const store = secretStoreWithKey();
    pos = await startTestTerminal(options.key ? { secrets: store.secrets } : {});
    const pem = store.secrets.read(SIGNING_KEY_SECRET) as string;
    key = ticketSigningKey(pem, publicKeyOf(pem));
    publicKey = store.publicKey;
    const db = pos.terminal.db;
    addVoucherProducts(db, { fixed50: GIFT_50, open: GIFT_OPEN });
    if (options.enrolled)
      saveEnrolment(db, {
        terminalId: randomUUID(),
        terminalName: 'Window 1',
        epoch: 1,
        venueId: randomUUID(),
        at: new Date(pos.clock.now()).toISOString(),
        clock: pos.clock.now(),
      });
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  };

  const payAll = async (tenders: unknown[] = []) => {
    const cart = await pos.must(c.cart.get);
    const taken = tenders.reduce((n: number, x) => n + (x as { amount: number }).amount, 0);
    const rest = cart.total - taken;
    return pos.call(c.checkout.complete, {
      cartId: cart.id,
      tenders: [...tenders, ...(rest > 0 ? [{ tender: 'card', amount: rest, reference: 'T1' }] : [])],
    } as never);
  };
  const count = (table: string) =>
    (pos.terminal.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('adds fixed and open vouchers beside the engine: a 20% code leaves them whole, VAT 0, totals add up', async () => {
    await start({ key: true });
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    await pos.must(c.cart.addVoucher, { productId: GIFT_50, qty: 2 });
    const cart = await pos.must(c.cart.addVoucher, { productId: GIFT_OPEN, qty: 1, amount: 1234 });
    const vouchers = cart.lines.filter((l) => l.kind === 'voucher');
    expect(vouchers.map((l) => [l.qty, l.unitPrice, l.codeDiscount, l.total])).toEqual([
      [2, 5000, 0, 10_000],
      [1, 1234, 0, 1234],
    ]);
    expect(cart.code).toMatchObject({ code: 'SUMMER20', discount: 1800 });
    expect(cart.total).toBe(9000 - 1800 + 11_234);
    expect(cart.gross - cart.codeDiscount - cart.customDiscount).toBe(cart.total);
    expect(cart.vat.find((v) => v.rate === 0)).toMatchObject({ gross: 11_234, vat: 0 });

    const sold = await payAll();
    expect(sold.ok).toBe(true);
    if (!sold.ok) return;
    const record = sold.value;
    expect(record.sale.total).toBe(cart.total);
    expect(record.vouchers.map((v) => v.amount)).toEqual([5000, 5000, 1234]);
    const keyring = ticketKeyring([{ publicKey, revokedAt: null }]);
    for (const v of record.vouchers) {
      const read = readVoucherSecret(v.secret);
      expect(read).toMatchObject({
        voucherId: v.id,
        amount: v.amount,
        currency: 'EUR',
        expiresAt: v.expiresAt,
      });
      expect(keyring.check(read!)).toEqual({ ok: true });
    }
    expect(record.vouchers[0]!.expiresAt).toBe(voucherExpiry(record.sale.createdAt, 30));
    expect(record.vouchers[2]!.expiresAt).toBe(voucherExpiry(record.sale.createdAt, 1095));
    // The receipt carries each voucher: amount, expiry, its code as a QR code.
    const paper = saleReceipt(record, {
      language: 'en',
      paperWidth: 80,
      venue: { name: 'Demo Theatre', timezone: 'Europe/Berlin' },
      terminalId: 'T',
      staffName: () => 'Max',
    });
    expect(paper.match(/GIFT VOUCHER/g)).toHaveLength(3);
    for (const v of record.vouchers) {
      expect(paper).toContain(v.secret);
      expect(paper).toContain(v.id.slice(-12));
    }
    expect(paper).toContain('Valid until');
    // The Z report shows the vouchers sold apart from the takings of goods.
    expect(shiftFigures(pos.terminal.db, record.sale.shiftId).vouchersSold).toEqual({
      count: 3,
      amount: 11_234,
    });
    // Pushed with the sale, signed.
    const pushed = readOutbox(pos.terminal.db).find((e) => e.type === 'sale');
    expect((pushed?.payload as { vouchers: unknown[] }).vouchers).toHaveLength(3);

    // Not pushed yet, nobody else can know its vouchers: one is taken back, and can pay no more.
    const voucherUnit = record.units.find((u) => u.lineId === record.vouchers[0]!.lineId)!;
    const back = await pos.must(c.sales.refund, {
      saleId: record.sale.id,
      units: [{ lineId: voucherUnit.lineId, unitIndex: voucherUnit.unitIndex }],
      reason: 'Customer request',
    });
    expect(back.payments.filter((p) => p.refundId !== null)).toEqual([
      expect.objectContaining({ tender: 'card', amount: -5000 }),
    ]);
  });

  it('refuses a wrong amount, a voucher comped, a voucher as a product, and selling one without a key', async () => {
    await start({ key: false });
    expect(await pos.call(c.cart.addVoucher, { productId: GIFT_50, qty: 1, amount: 2000 })).toMatchObject({
      ok: false,
      reason: 'VOUCHER_FIXED_AMOUNT',
    });
    expect(await pos.call(c.cart.addVoucher, { productId: GIFT_OPEN, qty: 1 })).toMatchObject({
      ok: false,
      reason: 'VOUCHER_AMOUNT_NEEDED',
    });
    expect(await pos.call(c.cart.addProduct, { productId: GIFT_50, qty: 1 })).toMatchObject({
      ok: false,
      reason: 'VOUCHER_ADD_AS_VOUCHER',
    });
    const cart = await pos.must(c.cart.addVoucher, { productId: GIFT_50, qty: 1 });
    const line = cart.lines[0]!;
    expect(await pos.call(c.cart.comp, { lineId: line.id, reason: 'Press' })).toMatchObject({
      ok: false,
      reason: 'VOUCHER_NOT_DISCOUNTED',
    });
    const sold = await payAll();
    expect(sold).toMatchObject({ ok: false, reason: 'VOUCHER_NEEDS_ENROLMENT' });
    if (!sold.ok) expect(sold.message).toMatch(/enrol this terminal before selling gift vouchers/i);
    expect(count('sales')).toBe(0);
  });

  it('issues a training voucher without a code: it prints as no voucher and can be voided', async () => {
    await start({ key: true });
    pos.terminal.db.prepare("UPDATE staff SET training = 1 WHERE id = 'staff-max'").run();
    await pos.must(c.cart.addVoucher, { productId: GIFT_50, qty: 1 });
    const sold = await payAll();
    if (!sold.ok) throw new Error(sold.message);
    expect(sold.value.sale.training).toBe(1);
    expect(sold.value.vouchers).toEqual([
      expect.objectContaining({ amount: 5000, secret: null, keyId: null }),
    ]);
    const paper = saleReceipt(sold.value, {
      language: 'en',
      paperWidth: 80,
      venue: null,
      terminalId: 'T',
      staffName: () => 'Max',
      training: true,
    });
    expect(paper).toContain('TRAINING: NOT A VOUCHER');
    expect(readOutbox(pos.terminal.db).filter((e) => e.type === 'sale')).toEqual([]);
    expect(
      await pos.call(c.sales.void, { saleId: sold.value.sale.id, reason: 'Wrong ticket sold' }),
    ).toMatchObject({
      ok: true,
    });
  });

  describe('paying with one (enrolled, leases held)', () => {
    const voucherId = randomUUID();
    const issued = '2026-11-01T10:00:00.000Z';
    const expires = '2027-11-01T10:00:00.000Z';
    const code = (
      over: Partial<{ id: string; currency: string; expiresAt: string; by: TicketSigningKey }> = {},
    ) =>
      signVoucher(
        {
          voucherId: over.id ?? voucherId,
          amount: 5000,
          currency: over.currency ?? 'EUR',
          issuedAt: issued,
          expiresAt: over.expiresAt ?? expires,
        },
        over.by ?? key,
      );
    const pulled = (over: Partial<{ id: string; balance: number; status: 'active' | 'void' }> = {}) =>
      upsertPulledVouchers(
        pos.terminal.db,
        [
          {
            voucherId: over.id ?? voucherId,
            currency: 'EUR',
            amount: 5000,
            balance: over.balance ?? 5000,
            expiresAt: expires,
            status: over.status ?? 'active',
          },
        ],
        new Date(pos.clock.now()).toISOString(),
        // As a pull now would: every sale so far is in the balance it brings.
        (pos.terminal.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number }).n,
      );
    const leaseId = randomUUID();
    const lease = (granted: number, id: string = voucherId) =>
      upsertLease(
        pos.terminal.db,
        {
          id: id === voucherId ? leaseId : randomUUID(),
          counter: `voucher_balance:${id}`,
          requestId: randomUUID(),
          epoch: 1,
          granted,
          used: 0,
          returned: 0,
          expiresAt: '2026-11-22T03:00:00.000Z',
          status: 'active',
        },
        new Date(pos.clock.now()).toISOString(),
      );
    // Enrolled, a ticket takes a seat from a capacity lease too.
    const addTicket = () => {
      upsertLease(
        pos.terminal.db,
        {
          id: randomUUID(),
          counter: `capacity:${HAMLET}`,
          requestId: randomUUID(),
          epoch: 1,
          granted: 10,
          used: 0,
          returned: 0,
          expiresAt: '2026-11-22T03:00:00.000Z',
          status: 'active',
        },
        new Date(pos.clock.now()).toISOString(),
      );
      return addOne();
    };
    const addOne = () =>
      pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });

    it('takes the amount from the lease, names the voucher, and a void gives the units back', async () => {
      await start({ key: true, enrolled: true });
      pulled();
      lease(3000);
      await addTicket();
      const sold = await payAll([{ tender: 'voucher', amount: 2000, code: `${code()}\r\n` }]);
      expect(sold.ok, JSON.stringify(sold)).toBe(true);
      if (!sold.ok) return;
      const receipt = saleReceipt(sold.value, {
        language: 'de',
        paperWidth: 58,
        venue: null,
        terminalId: 'T',
        staffName: () => 'Max',
      });
      expect(receipt).toContain(`Gutschein …${voucherId.slice(-4)}`);
      expect(sold.value.payments.find((p) => p.tender === 'voucher')).toMatchObject({
        amount: 2000,
        voucherId,
      });
      expect(getLease(pos.terminal.db, leaseId)?.used).toBe(2000);
      const entry = readOutbox(pos.terminal.db).find((e) => e.type === 'sale');
      const escrow = (entry?.payload as { escrow: { leaseUses: unknown[]; unbacked: unknown[] } }).escrow;
      expect(escrow.leaseUses).toContainEqual({
        leaseId,
        counter: `voucher_balance:${voucherId}`,
        units: 2000,
      });
      expect(escrow.unbacked).toEqual([]);

      // Offline, the balance is the pulled one less this window's spend, and what the lease still holds.
      const checked = await pos.must(c.vouchers.check, { code: code() });
      expect(checked).toMatchObject({
        voucherId,
        balance: 3000,
        live: false,
        spendableHere: 1000,
        expired: false,
      });

      const voided = await pos.must(c.sales.void, {
        saleId: sold.value.sale.id,
        reason: 'Wrong ticket sold',
      });
      expect(voided.payments.filter((p) => p.refundId !== null && p.tender === 'voucher')).toEqual([
        expect.objectContaining({ amount: -2000, voucherId }),
      ]);
      expect(getLease(pos.terminal.db, leaseId)?.used).toBe(0);
      const back = readOutbox(pos.terminal.db).find((e) => e.type === 'void');
      expect((back?.payload as { escrow: { leaseUses: unknown[] } }).escrow.leaseUses).toContainEqual({
        leaseId,
        counter: `voucher_balance:${voucherId}`,
        units: 2000,
      });
    });

    it('a partial refund puts the voucher part back on the voucher first, and its units on the lease', async () => {
      await start({ key: true, enrolled: true });
      pulled();
      lease(3000);
      await addTicket();
      await addOne();
      const sold = await payAll([{ tender: 'voucher', amount: 2000, code: code() }]);
      if (!sold.ok) throw new Error(sold.message);
      expect(getLease(pos.terminal.db, leaseId)?.used).toBe(2000);
      // One ticket back: the 20.00 the voucher paid first, then the rest to the card, in the order taken.
      const refunded = await pos.must(c.sales.refund, {
        saleId: sold.value.sale.id,
        units: [{ lineId: sold.value.units[0]!.lineId, unitIndex: 0 }],
        reason: 'Customer request',
      });
      expect(
        refunded.payments.filter((p) => p.refundId !== null).map((p) => [p.tender, p.amount, p.voucherId]),
      ).toEqual([
        ['voucher', -2000, voucherId],
        ['card', -(sold.value.units[0]!.total - 2000), null],
      ]);
      expect(getLease(pos.terminal.db, leaseId)?.used).toBe(0);
      const entry = readOutbox(pos.terminal.db).find((e) => e.type === 'refund');
      expect((entry?.payload as { escrow: { leaseUses: unknown[] } }).escrow.leaseUses).toContainEqual({
        leaseId,
        counter: `voucher_balance:${voucherId}`,
        units: 2000,
      });
      // The balance here is whole again, and the void of the rest goes to the card alone.
      expect(await pos.must(c.vouchers.check, { code: code() })).toMatchObject({ balance: 5000 });
      const voided = await pos.must(c.sales.void, {
        saleId: sold.value.sale.id,
        reason: 'Wrong ticket sold',
      });
      expect(voided.payments.filter((p) => p.refundId !== null && p.tender === 'voucher')).toHaveLength(1);
    });

    it('takes a sold voucher back only while this window holds its whole value, then returns the lease', async () => {
      await start({ key: true, enrolled: true });
      await pos.must(c.cart.addVoucher, { productId: GIFT_50, qty: 2 });
      const sold = await payAll();
      if (!sold.ok) throw new Error(sold.message);
      const [first, second] = sold.value.vouchers;
      const unitOf = (v: typeof first) => [{ lineId: v!.lineId!, unitIndex: v!.unitIndex! }];
      // The server has the sale now: another window may know the voucher.
      const db = pos.terminal.db;
      const last = (db.prepare('SELECT max(seq) AS n FROM outbox').get() as { n: number }).n;
      markPushedThrough(db, last, new Date(pos.clock.now()).toISOString());
      const refunds = count('refunds');
      const unsure = await pos.call(c.sales.refund, {
        saleId: sold.value.sale.id,
        units: unitOf(first),
        reason: 'Customer request',
      });
      expect(unsure).toMatchObject({ ok: false, reason: 'VOUCHER_REFUND_UNSURE' });
      if (!unsure.ok) expect(unsure.message).toContain(first!.id.slice(-12).toUpperCase());
      expect(count('refunds')).toBe(refunds);
      // Part of it held is not enough: 49.99 of 50.00 may mean a cent was spent elsewhere.
      lease(4999, first!.id);
      expect(
        await pos.call(c.sales.void, { saleId: sold.value.sale.id, reason: 'Wrong ticket sold' }),
      ).toMatchObject({ ok: false, reason: 'VOUCHER_REFUND_UNSURE' });
      // All of it held here: nobody else can spend it, and it goes back.
      lease(1, first!.id);
      const back = await pos.must(c.sales.refund, {
        saleId: sold.value.sale.id,
        units: unitOf(first),
        reason: 'Customer request',
      });
      expect(back.units.filter((u) => u.refundId !== null)).toHaveLength(1);
      // The refund first, then the voucher's leases return: the server voids it before the units reach its pool.
      const types = readOutbox(db, last).map((e) => [e.type, (e.payload as { counter?: string }).counter]);
      expect(types).toEqual([
        ['refund', undefined],
        ['lease.return', `voucher_balance:${first!.id}`],
        ['lease.return', `voucher_balance:${first!.id}`],
      ]);
      // It pays no more here, whatever the last pull said.
      upsertPulledVouchers(
        db,
        [
          {
            voucherId: first!.id,
            currency: 'EUR',
            amount: 5000,
            balance: 5000,
            expiresAt: first!.expiresAt,
            status: 'active',
          },
          {
            voucherId: second!.id,
            currency: 'EUR',
            amount: 5000,
            balance: 5000,
            expiresAt: second!.expiresAt,
            status: 'active',
          },
        ],
        new Date(pos.clock.now()).toISOString(),
        last,
      );
      lease(5000, first!.id);
      await addTicket();
      expect(await payAll([{ tender: 'voucher', amount: 1000, code: first!.secret }])).toMatchObject({
        ok: false,
        reason: 'VOUCHER_VOID',
      });
      // The sale's other voucher was not refunded: it still pays.
      lease(1000, second!.id);
      const paid = await payAll([{ tender: 'voucher', amount: 1000, code: second!.secret }]);
      if (!paid.ok) throw new Error(paid.message);
      expect(paid.value.payments.find((p) => p.tender === 'voucher')).toMatchObject({
        amount: 1000,
        voucherId: second!.id,
      });
    });

    it('refuses every bad voucher with its code, saves nothing and leaves the leases alone', async () => {
      await start({ key: true, enrolled: true });
      pulled();
      lease(3000);
      const other = newSigningKey();
      const stranger = ticketSigningKey(other.privateKey, other.publicKey);
      const trusted = newSigningKey();
      const colleague = ticketSigningKey(trusted.privateKey, trusted.publicKey);
      const lost = newSigningKey();
      const revoked = ticketSigningKey(lost.privateKey, lost.publicKey);
      replaceTicketKeys(pos.terminal.db, [
        { keyId: colleague.keyId, publicKey: trusted.publicKey, terminalId: randomUUID(), revokedAt: null },
        // Revoked the day before the vouchers below say they were issued.
        {
          keyId: revoked.keyId,
          publicKey: lost.publicKey,
          terminalId: randomUUID(),
          revokedAt: '2026-10-31T10:00:00.000Z',
        },
      ]);
      // The colleague's key id over a stranger's signature: a code made up, not one of a key not pulled yet.
      const forger: TicketSigningKey = { keyId: colleague.keyId, sign: (p) => stranger.sign(p) };
      const voidId = randomUUID();
      const emptyId = randomUUID();
      const unsyncedId = randomUUID();
      pulled({ id: voidId, status: 'void' });
      pulled({ id: emptyId, balance: 0 });
      lease(1000, voidId);
      await addTicket();
      const cases: [string, string, number][] = [
        ['VOUCHER_UNKNOWN', 'not a voucher', 1000],
        ['VOUCHER_FORGED', code({ by: forger }), 1000],
        ['VOUCHER_KEY_UNKNOWN', code({ by: stranger }), 1000],
        ['VOUCHER_KEY_REVOKED', code({ by: revoked }), 1000],
        ['VOUCHER_CURRENCY', code({ currency: 'USD' }), 1000],
        ['VOUCHER_EXPIRED', code({ expiresAt: '2026-11-21T10:00:00.000Z' }), 1000],
        ['VOUCHER_VOID', code({ id: voidId, by: colleague }), 1000],
        ['VOUCHER_EXHAUSTED', code({ id: emptyId }), 1000],
        ['VOUCHER_NOT_SYNCED', code({ id: unsyncedId, by: colleague }), 1000],
        ['VOUCHER_OVER_BALANCE', code(), 3500],
        // More than is left to pay: the tenders no longer add up (a voucher gives no change).
        ['TENDER_MISMATCH', code(), 4600],
      ];
      for (const [reason, scanned, amount] of cases) {
        const result = await payAll([{ tender: 'voucher', amount, code: scanned }]);
        expect(result, reason).toMatchObject({ ok: false, reason });
        if (reason === 'VOUCHER_OVER_BALANCE' && !result.ok) expect(result.message).toContain('30.00');
      }
      expect(count('sales')).toBe(0);
      expect(count('payments')).toBe(0);
      expect(getLease(pos.terminal.db, leaseId)?.used).toBe(0);
      // The same refusals when checking a balance.
      expect(await pos.call(c.vouchers.check, { code: 'not a voucher' })).toMatchObject({
        reason: 'VOUCHER_UNKNOWN',
      });
      expect(await pos.call(c.vouchers.check, { code: code({ by: forger }) })).toMatchObject({
        reason: 'VOUCHER_FORGED',
      });
      const unknownKey = await pos.call(c.vouchers.check, { code: code({ by: stranger }) });
      expect(unknownKey).toMatchObject({ reason: 'VOUCHER_KEY_UNKNOWN' });
      expect(!unknownKey.ok && unknownKey.message).toMatch(/does not know the key .* Sync this terminal/);
      const revokedKey = await pos.call(c.vouchers.check, { code: code({ by: revoked }) });
      expect(revokedKey).toMatchObject({ reason: 'VOUCHER_KEY_REVOKED' });
      expect(!revokedKey.ok && revokedKey.message).toMatch(/taken out of service.*ask a manager/);
      expect(await pos.call(c.vouchers.check, { code: code({ id: unsyncedId }) })).toMatchObject({
        reason: 'VOUCHER_NOT_SYNCED',
      });
      // A colleague's voucher, trusted by the pulled keys, pays.
      const paid = await payAll([{ tender: 'voucher', amount: 1000, code: code({ by: colleague }) }]);
      expect(paid.ok, JSON.stringify(paid)).toBe(true);
    });

    it('refuses a voucher in training', async () => {
      await start({ key: true, enrolled: true });
      pulled();
      lease(3000);
      pos.terminal.db.prepare("UPDATE staff SET training = 1 WHERE id = 'staff-max'").run();
      await addTicket();
      const result = await payAll([{ tender: 'voucher', amount: 1000, code: code() }]);
      expect(result).toMatchObject({ ok: false, reason: 'VOUCHER_TRAINING' });
      expect(getLease(pos.terminal.db, leaseId)?.used).toBe(0);
    });

    it('asks ahead for a share of each open voucher only when the share is above 0', async () => {
      await start({ key: true, enrolled: true });
      pulled({ balance: 3333 });
      const now = new Date(pos.clock.now()).toISOString();
      expect(voucherShareWants(pos.terminal.db, now, () => false)).toEqual([]);
      setVoucherSharePercent(pos.terminal.db, 10);
      expect(voucherShareWants(pos.terminal.db, now, () => false)).toEqual([
        { counter: `voucher_balance:${voucherId}`, want: 334 },
      ]);
      lease(100);
      expect(voucherShareWants(pos.terminal.db, now, () => false)).toEqual([]);
    });
  });
});
