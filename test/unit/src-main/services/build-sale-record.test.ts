import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../../../shared/codes/types';
import { evaluateCode, priceBasket, type Evaluation, type Rules } from '../../../../shared/discounts';
import type { TenderInput } from '../../../../shared/ipc/contract';
import {
  publicKeyOf,
  readTicketSecret,
  ticketKeyring,
  ticketSealer,
  ticketSigningKey,
} from '../../../../shared/node/tickets/secret';
import { salePayloadSchema, terminalSalePayloadSchema } from '../../../../shared/sync/payloads';
import { buildSaleRecord, type SaleRecordInput } from '../../../../src-main/services/build-sale-record';
import type { CartLine, CustomGrant, OveruseGrant } from '../../../../src-main/services/cart-service';
import { basket as basketOf, ctx, usage } from '../../shared/discounts/builders';
import { engineLines } from '../../../../src-main/services/vouchers/cart-vouchers';

// buildSaleRecord is pure: a cart priced by the real engine goes in, the record checkout commits comes
// out. Every figure is checked against another one it must agree with.

const SHIFT = randomUUID();
const CASHIER = randomUUID();
const APPROVER = randomUUID();
const NOW = '2025-07-15T12:00:00.000Z';

function ticket(id: string, unitPrice: number, qty: number, event: string, performance: string): CartLine {
  return {
    id,
    itemId: `tt-${id}`,
    ticketTypeId: `tt-${id}`,
    sourceId: `tp-${id}`,
    kind: 'ticket',
    name: `Show · ${id}`,
    detail: '',
    unitPrice,
    qty,
    vatRate: 700,
    eventId: event,
    scheduleId: performance,
    priceBandId: 'band-1',
  };
}

const programme: CartLine = {
  id: 'merch',
  itemId: 'programme',
  sourceId: 'programme',
  inventoryItemId: 'inv-1',
  kind: 'merch',
  name: 'Programme',
  detail: '',
  unitPrice: 550,
  qty: 1,
  vatRate: 1900,
};

/** A percentage (in basis points) off tickets only: the programme stays at full price. */
function codeRecord(percent: number, rules: Rules = {}): CodeRecord {
  return {
    id: randomUUID(),
    code: 'TICKETS',
    name: 'Tickets off',
    status: 'active',
    benefit: { type: 'percentage', percent },
    rules: { targets: [{ by: 'kind', id: 'ticket' }], ...rules },
    version: 3,
    parentId: null,
    description: '',
    offlinePolicy: 'best_effort',
    createdAt: NOW,
    updatedAt: NOW,
  };
}

interface Setup {
  lines: CartLine[];
  code?: CodeRecord;
  usedUp?: boolean;
  overuse?: OveruseGrant | null;
  custom?: CustomGrant | null;
  customer?: { id: string; name: string; priorOrders: number; groups: string[] } | null;
  source?: 'manual' | 'auto';
}

function priced(setup: Setup): SaleRecordInput['priced'] {
  const basket = basketOf(
    engineLines(setup.lines).map(({ name: _n, detail: _d, sourceId: _s, ticketTypeId: _t, ...l }) => l),
  );
  const evaluation: Evaluation | null = setup.code
    ? evaluateCode(
        setup.code,
        basket,
        ctx({ usage: usage(setup.usedUp ? { uses: 1 } : {}), overuse: (setup.overuse ?? null) !== null }),
      )
    : null;
  return {
    cart: {
      id: randomUUID(),
      lines: setup.lines,
      customer: setup.customer ?? null,
      manualCodeId: setup.source === 'auto' ? null : (setup.code?.id ?? null),
      overuse: setup.overuse ?? null,
      custom: setup.custom ?? null,
    },
    basket,
    code: setup.code ?? null,
    evaluation,
    source: setup.code ? (setup.source ?? 'manual') : null,
    priced: priceBasket(basket, evaluation?.ok ? evaluation : null, setup.custom ?? undefined),
  };
}

function build(setup: Setup, tenders?: TenderInput[], sealTicket?: SaleRecordInput['sealTicket']) {
  const cart = priced(setup);
  const signed: string[] = [];
  const record = buildSaleRecord({
    priced: cart,
    tenders: tenders ?? [{ tender: 'cash', amount: cart.priced.total }],
    saleId: cart.cart.id,
    shiftId: SHIFT,
    cashierId: CASHIER,
    now: NOW,
    ids: randomUUID,
    sign: (approval) => {
      signed.push(approval.id);
      return { ...approval, signature: `sig:${approval.id}` };
    },
    sealTicket,
  });
  return { record, cart, signed };
}

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);

describe('buildSaleRecord', () => {
  it('splits lines into units whose totals add up to the line, and the lines to the sale', () => {
    const { record, cart } = build({
      lines: [ticket('a', 2999, 3, 'ev-1', 'perf-1'), ticket('b', 1850, 2, 'ev-1', 'perf-2'), programme],
      code: codeRecord(1500),
      custom: {
        kind: 'fixed',
        value: 1001,
        reason: 'regular',
        note: null,
        approverId: null,
        approverName: null,
      },
    });
    expect(record.lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);
    expect(record.units).toHaveLength(6);
    for (const line of record.lines) {
      const units = record.units.filter((u) => u.lineId === line.id);
      expect(units.map((u) => u.unitIndex)).toEqual([...Array(line.qty).keys()]);
      expect(sum(units.map((u) => u.total))).toBe(line.total);
      expect(sum(units.map((u) => u.codeDiscount))).toBe(line.codeDiscount);
      expect(sum(units.map((u) => u.customDiscount))).toBe(line.customDiscount);
      expect(line.gross - line.codeDiscount - line.customDiscount).toBe(line.total);
      for (const u of units) expect(u.unitPrice - u.codeDiscount - u.customDiscount).toBe(u.total);
    }
    expect(sum(record.lines.map((l) => l.total))).toBe(record.sale.total);
    expect(record.sale.total).toBe(cart.priced.total);
    expect(record.sale.gross - record.sale.codeDiscount - record.sale.customDiscount).toBe(record.sale.total);
    expect(sum(record.payments.map((p) => p.amount))).toBe(record.sale.total);
    // The code gave tickets only; the custom discount reached every line, the programme too.
    expect(record.lines[2]).toMatchObject({ kind: 'merch', codeDiscount: 0, inventoryItemId: 'inv-1' });
    expect(record.lines[2]?.customDiscount).toBeGreaterThan(0);
    expect(record.sale.customDiscount).toBe(1001);
    expect(record.lines[0]).toMatchObject({ performanceId: 'perf-1', priceBandId: 'band-1', vatRate: 700 });
  });

  it('spreads the custom discount over the units in proportion to what each costs after the code', () => {
    const { record } = build({
      lines: [ticket('a', 1000, 3, 'ev-1', 'perf-1'), programme],
      custom: {
        kind: 'fixed',
        value: 100,
        reason: 'regular',
        note: null,
        approverId: null,
        approverName: null,
      },
    });
    const tickets = record.units.filter((u) => u.lineId === 'a').map((u) => u.customDiscount);
    // 100 over 3550: the three 1000 tickets take 28 or 29 each, the 550 programme the rest.
    expect(sum(tickets) + (record.units.find((u) => u.lineId === 'merch')?.customDiscount ?? 0)).toBe(100);
    expect(Math.max(...tickets) - Math.min(...tickets)).toBeLessThanOrEqual(1);
    expect(record.sale.customKind).toBe('fixed');
    expect(record.approvals).toEqual([]);
  });

  it('records cash tendered and change, the card reference, and a comp without either', () => {
    const lines = [ticket('a', 2500, 2, 'ev-1', 'perf-1')];
    const { record } = build({ lines }, [
      { tender: 'card', amount: 3000, reference: 'AUTH-77' },
      { tender: 'cash', amount: 1500, tendered: 2000 },
      { tender: 'complimentary', amount: 500 },
    ]);
    expect(record.payments.map((p) => [p.tender, p.amount, p.tendered, p.changeGiven, p.reference])).toEqual([
      ['card', 3000, null, null, 'AUTH-77'],
      ['cash', 1500, 2000, 500, null],
      ['complimentary', 500, null, null, null],
    ]);
    expect(new Set(record.payments.map((p) => p.id)).size).toBe(3);
    for (const p of record.payments)
      expect(p).toMatchObject({ saleId: record.sale.id, shiftId: SHIFT, refundId: null });

    const exact = build({ lines }, [{ tender: 'cash', amount: 5000 }]).record.payments[0];
    expect(exact).toMatchObject({ tendered: 5000, changeGiven: 0 });
  });

  it('records the redemption, one scope per discounted event and performance, and the code on the sale', () => {
    const code = codeRecord(1000);
    const { record, cart } = build({
      lines: [ticket('a', 2000, 2, 'ev-1', 'perf-1'), ticket('b', 2000, 1, 'ev-1', 'perf-1'), programme],
      code,
      source: 'auto',
      customer: { id: 'cust-9', name: 'Ada', priorOrders: 2, groups: [] },
    });
    const evaluation = cart.evaluation as Extract<Evaluation, { ok: true }>;
    expect(record.redemption).toMatchObject({
      saleId: record.sale.id,
      codeId: code.id,
      codeVersion: 3,
      customerId: 'cust-9',
      itemUses: evaluation.itemUses,
      discount: record.sale.codeDiscount,
      overuse: 0,
      releasedAt: null,
    });
    expect(evaluation.itemUses).toBe(3);
    expect(record.scopes).toEqual([{ eventId: 'ev-1', performanceId: 'perf-1' }]);
    expect(record.sale).toMatchObject({ codeId: code.id, codeVersion: 3, codeText: 'TICKETS', codeAuto: 1 });
    expect(JSON.parse(record.sale.customer ?? 'null')).toMatchObject({ id: 'cust-9', name: 'Ada' });
    expect(record.approvals).toEqual([]);
  });

  it('leaves a code that does not apply off the sale', () => {
    const { record, cart } = build({
      lines: [ticket('a', 2000, 1, 'ev-1', 'perf-1')],
      code: codeRecord(1000, { maxUses: 1 }),
      usedUp: true,
    });
    expect(cart.evaluation?.ok).toBe(false);
    expect(record.redemption).toBeNull();
    expect(record.scopes).toEqual([]);
    expect(record.sale).toMatchObject({
      codeId: null,
      codeVersion: null,
      codeText: null,
      codeDiscount: 0,
      total: 2000,
    });
  });

  it('flags an overuse on the redemption and records both approvals, each signed', () => {
    const overuse: OveruseGrant = {
      approverId: APPROVER,
      approverName: 'Sue',
      reason: 'school trip',
      note: 'their teacher asked',
      limits: ['MAX_USES'],
    };
    const custom: CustomGrant = {
      kind: 'percentage',
      value: 2000,
      reason: 'damaged seat',
      note: null,
      approverId: APPROVER,
      approverName: 'Sue',
    };
    const { record, signed } = build({
      lines: [ticket('a', 2000, 2, 'ev-1', 'perf-1'), ticket('b', 1000, 1, 'ev-2', 'perf-3')],
      code: codeRecord(1000, { maxUses: 1 }),
      usedUp: true,
      overuse,
      custom,
    });
    expect(record.redemption?.overuse).toBe(1);
    expect(record.approvals.map((a) => [a.kind, a.approverId, a.reason, a.note, a.limits])).toEqual([
      ['overuse', APPROVER, 'school trip', 'their teacher asked', '["MAX_USES"]'],
      ['custom_discount', APPROVER, 'damaged seat', null, '[]'],
    ]);
    expect(signed).toEqual(record.approvals.map((a) => a.id));
    for (const a of record.approvals) expect(a.signature).toBe(`sig:${a.id}`);
    expect(record.scopes).toEqual([
      { eventId: 'ev-1', performanceId: 'perf-1' },
      { eventId: 'ev-2', performanceId: 'perf-3' },
    ]);
    expect(record.sale).toMatchObject({
      customKind: 'percentage',
      customValue: 2000,
      customReason: 'damaged seat',
      customNote: null,
    });
  });

  it('issues a ticket per ticket unit at what the unit cost after both discounts, signed with the key', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicKey = publicKeyOf(pem);
    const { record } = build(
      {
        lines: [ticket('a', 2999, 3, 'ev-1', 'perf-1'), programme],
        code: codeRecord(1500),
        custom: {
          kind: 'fixed',
          value: 1001,
          reason: 'regular',
          note: null,
          approverId: null,
          approverName: null,
        },
      },
      undefined,
      ticketSealer(ticketSigningKey(pem, publicKey)),
    );
    const ticketUnits = record.units.filter((u) => u.lineId === 'a');
    expect(record.tickets.map((t) => [t.lineId, t.unitIndex, t.pricePaid])).toEqual(
      ticketUnits.map((u) => ['a', u.unitIndex, u.total]),
    );
    // Both discounts reached the tickets, so what each admits for is less than its list price.
    expect(ticketUnits.every((u) => u.codeDiscount > 0 && u.customDiscount > 0)).toBe(true);
    const keyring = ticketKeyring([{ publicKey, revokedAt: null }]);
    for (const t of record.tickets) {
      expect(t).toMatchObject({ performanceId: 'perf-1', ticketTypeId: 'tt-a', priceBandId: 'band-1' });
      expect(t).toMatchObject({ status: 'valid', issuedAt: NOW, replaces: null, saleId: record.sale.id });
      const read = readTicketSecret(t.secret ?? '');
      expect(read?.ticketId).toBe(t.id);
      expect(read?.keyId).toBe(t.keyId);
      expect(read && keyring.check(read)).toEqual({ ok: true });
    }
  });

  it('issues tickets without secrets when there is no key yet', () => {
    const { record } = build({ lines: [ticket('a', 1000, 2, 'ev-1', 'perf-1')] });
    expect(record.tickets.map((t) => [t.secret, t.keyId])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('builds what the terminal pushes, and the server parses it', () => {
    const { record } = build({
      lines: [ticket('a', 2000, 2, 'ev-1', 'perf-1'), programme],
      code: codeRecord(1000),
      custom: {
        kind: 'fixed',
        value: 300,
        reason: 'regular',
        note: null,
        approverId: APPROVER,
        approverName: 'Sue',
      },
    });
    const payload = { terminalId: randomUUID(), ...record, sale: { ...record.sale, receiptNo: 1 } };
    expect(terminalSalePayloadSchema.parse(payload)).toEqual(payload);
    const parsed = salePayloadSchema.parse(payload);
    expect(parsed.sale.total).toBe(record.sale.total);
    // The customer travels, for the server's sales journal (docs/ORDERS.md); the terminal's own fields
    // stay with the terminal.
    expect(parsed.sale.customer).toBe(record.sale.customer);
    expect(parsed.lines[0]).not.toHaveProperty('name');
    expect(parsed.units[0]).not.toHaveProperty('refundId');
    expect(parsed.tickets.map((t) => t.id)).toEqual(record.tickets.map((t) => t.id));
    expect(parsed.tickets).toHaveLength(2);
    expect(parsed.tickets[0]).not.toHaveProperty('status');
  });
});
