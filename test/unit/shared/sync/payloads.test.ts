import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  refundPayloadSchema,
  salePayloadSchema,
  terminalSalePayloadSchema,
} from '../../../../shared/sync/payloads';
import { refundPayload, salePayload } from '../../../helpers/sync-payloads';

// The server's parse schemas derive from the one sale record schema (shared/sync/sale-record.ts) by
// leaving the terminal's own fields out. What the server accepted before that must still parse, and
// what it refused must stay refused.

const sale = () =>
  salePayload({
    terminalId: randomUUID(),
    shiftId: randomUUID(),
    cashierId: randomUUID(),
    lines: [{ qty: 2, unitPrice: 2500, unitDiscount: 250, eventId: 'ev-1', performanceId: 'perf-1' }],
    code: { id: randomUUID(), code: 'TEN' },
    overuse: { approverId: randomUUID(), reason: 'school trip', limits: ['MAX_USES'] },
  });

describe('pushed sale and refund payloads', () => {
  it('parses what a terminal writes today, and keeps only the fields the server reads', () => {
    const payload = sale();
    expect(terminalSalePayloadSchema.parse(payload)).toEqual(payload);
    const parsed = salePayloadSchema.parse(payload);
    // The customer snapshot is kept: the server's sales journal searches it (docs/ORDERS.md).
    expect(parsed.sale.customer).toBe(payload.sale.customer);
    expect(Object.keys(parsed.sale)).not.toContain('codeAuto');
    expect(Object.keys(parsed.lines[0] ?? {})).not.toContain('category');
    // Kept: the server checks that a voucher line carries VAT 0 (docs/CASH.md "Issuing").
    expect(parsed.lines[0]?.vatRate).toBe(payload.lines[0]?.vatRate);
    expect(Object.keys(parsed.payments[0] ?? {})).not.toContain('tendered');
    expect(Object.keys(parsed.redemption ?? {})).not.toContain('releasedAt');
    expect(parsed.approvals[0]?.signature).toBeNull();
  });

  it("parses an older terminal's sale: no terminal-only fields, no signature, no escrow", () => {
    const payload = sale();
    const {
      customer: _c,
      codeAuto: _a,
      customKind: _k,
      customValue: _v,
      customReason: _r,
      ...row
    } = payload.sale;
    const older = {
      terminalId: payload.terminalId,
      sale: row,
      lines: payload.lines.map(({ name: _n, vatRate: _vr, category: _cat, ...l }) => l),
      units: payload.units.map(({ refundId: _ref, refundedElsewhereId: _else, ...u }) => u),
      payments: payload.payments.map(({ tendered: _t, changeGiven: _g, reference: _rf, ...p }) => p),
      redemption: payload.redemption && { ...payload.redemption, releasedAt: undefined },
      scopes: payload.scopes,
      approvals: payload.approvals.map(({ signature: _s, ...a }) => a),
    };
    const parsedOlder = salePayloadSchema.safeParse(older);
    expect(parsedOlder.success).toBe(true);
    expect(parsedOlder.data?.sale.customer).toBeNull();
    expect(terminalSalePayloadSchema.safeParse(older).success).toBe(false);
  });

  it('takes any terminal-only field as it always did (never checked by the server), but refuses bad money', () => {
    const payload = sale();
    const odd = { ...payload, sale: { ...payload.sale, customKind: 'odd', codeAuto: 7 } };
    expect(salePayloadSchema.safeParse(odd).success).toBe(true);
    expect(terminalSalePayloadSchema.safeParse(odd).success).toBe(false);

    const fractional = { ...payload, sale: { ...payload.sale, total: 10.5 } };
    expect(salePayloadSchema.safeParse(fractional).success).toBe(false);
    const noLines = { ...payload, lines: [] };
    expect(salePayloadSchema.safeParse(noLines).success).toBe(false);
    const unsignedKind = { ...payload, approvals: [{ ...payload.approvals[0], kind: 'other' }] };
    expect(salePayloadSchema.safeParse(unsignedKind).success).toBe(false);
  });

  it('parses refunds and voids with or without the terminal-only payment fields', () => {
    const sold = sale();
    const refund = refundPayload(sold, { kind: 'void', staffId: randomUUID() });
    expect(refundPayloadSchema.safeParse(refund).success).toBe(true);
    const older = {
      ...refund,
      payments: refund.payments.map(({ tendered: _t, changeGiven: _g, reference: _r, ...p }) => p),
    };
    expect(refundPayloadSchema.safeParse(older).success).toBe(true);
    expect(refundPayloadSchema.safeParse({ ...refund, units: [] }).success).toBe(false);
  });

  it('takes a refund and approvals from a terminal before reason lists: free text, no note', () => {
    // docs/CASH.md "Reasons": old terminals keep pushing; their free-text reasons stay valid.
    const sold = sale();
    const { note: _n, ...oldRow } = refundPayload(sold, { kind: 'refund', staffId: randomUUID() }).refund;
    const refund = { ...refundPayload(sold, { kind: 'refund', staffId: randomUUID() }), refund: oldRow };
    const parsed = refundPayloadSchema.parse(refund);
    expect(parsed.refund).toMatchObject({ reason: 'customer changed plans', note: null });
    const older = { ...sold, approvals: sold.approvals.map(({ note: _an, ...a }) => a) };
    expect(salePayloadSchema.parse(older).approvals[0]).toMatchObject({ reason: 'school trip', note: null });

    const noted = { ...refund, refund: { ...oldRow, reason: 'Customer request', note: 'flight cancelled' } };
    expect(refundPayloadSchema.parse(noted).refund).toMatchObject({
      reason: 'Customer request',
      note: 'flight cancelled',
    });
    const tooLong = { ...refund, refund: { ...oldRow, note: 'x'.repeat(1000) } };
    expect(refundPayloadSchema.safeParse(tooLong).success).toBe(false);
  });
});
