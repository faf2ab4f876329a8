import { z } from 'zod';
import { text } from '../text';
import { flag, id, instant, minor, qty, signedMinor, uuid } from './fields';
import { MAX_REASON_NOTE_LENGTH } from '../cash/reasons';

/** A refund's note and a tender override's words together (refund-plan.ts), at most. */
export const REFUND_NOTE_LENGTH = 2 * MAX_REASON_NOTE_LENGTH + 40;

// A sale as the terminal records it (migrations/terminal/0005_sales.sql, in camelCase), as the screens
// receive it and as it is pushed: one schema per part, and every type derives from these. The server
// parses pushed sales with `pushed*` schemas derived below, so a field added here reaches both sides
// at compile time, and a field only the terminal needs is named once, in the omit lists.

export const saleRowSchema = z.object({
  id: uuid,
  receiptNo: z.number().int().min(0),
  shiftId: uuid,
  cashierId: uuid,
  currency: text().regex(/^[A-Z]{3}$/),
  customerId: text().nullable(),
  /** The customer as picked at the till (JSON of CustomerInput), to pick again later. */
  customer: text().nullable(),
  gross: minor,
  codeDiscount: minor,
  customDiscount: minor,
  /**
   * What comps gave away (docs/CASH.md "Comps"): the full price of the comped units. It is outside
   * `gross` (what was charged before discounts), so gross − codeDiscount − customDiscount = total still
   * holds and gross + comp is the order's value at list price. Missing from a sale recorded before comps.
   */
  comp: minor.default(0),
  total: minor,
  codeId: uuid.nullable(),
  codeVersion: z.number().int().min(1).nullable(),
  codeText: text().nullable(),
  /** 1 when the code was applied by itself (auto-apply), 0 when staff entered it. */
  codeAuto: flag,
  customKind: z.enum(['percentage', 'fixed']).nullable(),
  customValue: z.number().int().min(0).nullable(),
  customReason: text().nullable(),
  /**
   * The custom discount's note beside its listed reason (docs/CASH.md "Reasons"); null without one, and
   * missing from a sale recorded before notes.
   */
  customNote: text().max(MAX_REASON_NOTE_LENGTH).nullable().default(null),
  status: z.enum(['completed', 'voided']),
  createdAt: instant,
  /**
   * The sale whose units this one took in exchange (docs/ORDERS.md "Exchanges"); null for a plain sale
   * and missing from a sale recorded before exchanges.
   */
  exchangeOf: uuid.nullable().default(null),
  /**
   * 1: sold in training (docs/CASH.md "Training mode"). Such a sale is never pushed; the server parses
   * the flag only to refuse one that reached it all the same. Missing from a sale recorded before.
   */
  training: flag.default(0),
  /**
   * The cash rounding of the sale's cash part (docs/CASH.md "Cash rounding"): the cash taken less what
   * it paid for, so the tenders add up to total + cashRounding. 0 without cash or rounding, and
   * missing from a sale recorded (or pushed by a terminal) before rounding existed.
   */
  cashRounding: signedMinor.default(0),
});

export const saleLineSchema = z.object({
  id,
  saleId: uuid,
  lineNo: z.number().int().min(1),
  /** 'voucher': a gift voucher sold (docs/CASH.md "Gift vouchers"); one voucher per unit, never discounted. */
  kind: z.enum(['ticket', 'addon', 'merch', 'fee', 'voucher']),
  itemId: id,
  name: text(),
  eventId: id.nullable(),
  performanceId: id.nullable(),
  priceBandId: id.nullable(),
  ticketTypeId: id.nullable(),
  inventoryItemId: id.nullable(),
  category: text().nullable(),
  qty,
  unitPrice: minor,
  /** Basis points. */
  vatRate: z.number().int().min(0),
  gross: minor,
  codeDiscount: minor,
  customDiscount: minor,
  /** The full price of this line's comped units (0 without a comp); gross + comp = unitPrice × qty. */
  comp: minor.default(0),
  /** The comp's reason as listed (the organisation's `comp` list) and its free text; null without a comp. */
  compReason: text().max(200).nullable().default(null),
  compNote: text().max(200).nullable().default(null),
  total: minor,
});

export const saleUnitSchema = z.object({
  lineId: id,
  unitIndex: z.number().int().min(0),
  unitPrice: minor,
  codeDiscount: minor,
  customDiscount: minor,
  /** The unit's price when it was comped (its total is then 0), else 0: total = unitPrice − discounts − comp. */
  comp: minor.default(0),
  total: minor,
  /** The refund that gave this unit back; terminal-local (a refund is pushed as its own mutation). */
  refundId: uuid.nullable(),
  /**
   * The refund at another terminal that gave this unit back, as pull brought it (docs/ORDERS.md);
   * terminal-local. Missing from a record stored before it existed.
   */
  refundedElsewhereId: uuid.nullable().default(null),
  /** The seat this unit sold (docs/SEATING.md "A sold seat"); null for an unseated ticket or an older record. */
  seatId: uuid.nullable().default(null),
  /** The seat's label as printed ("Stalls, row B, seat 12"); null with seatId. */
  seatLabel: text().max(200).nullable().default(null),
});

/**
 * How money moves: 'exchange' is the value of units given back in an exchange, paid out by its refund
 * and taken as credit by the new sale (docs/ORDERS.md "Exchanges"); no cash moves with it.
 */
export const PAYMENT_TENDERS = ['cash', 'card', 'complimentary', 'exchange', 'voucher'] as const;

export const paymentSchema = z.object({
  id: uuid,
  saleId: uuid,
  refundId: uuid.nullable(),
  shiftId: uuid,
  tender: z.enum(PAYMENT_TENDERS),
  amount: signedMinor,
  /** Cash handed over and change given back; null for other tenders. */
  tendered: minor.nullable(),
  changeGiven: minor.nullable(),
  /** The card terminal's reference; null for other tenders. */
  reference: text().nullable(),
  createdAt: instant,
  /** The gift voucher a 'voucher' tender spent; null for other tenders and missing from older records. */
  voucherId: uuid.nullable().default(null),
});

export const redemptionSchema = z.object({
  id: uuid,
  saleId: uuid,
  codeId: uuid,
  codeVersion: z.number().int().min(1),
  customerId: text().nullable(),
  itemUses: qty,
  discount: minor,
  overuse: flag,
  /** When a void gave the code use back; terminal-local (the void is pushed as its own mutation). */
  releasedAt: instant.nullable(),
  createdAt: instant,
});

/** The most approvals one sale carries, and the kinds that take at most one each (the rest are comps). */
export const MAX_SALE_APPROVALS = 10;
const SINGLE_APPROVALS = ['overuse', 'custom_discount', 'offline'] as const;
/**
 * One approval per comp approver and reason goes with a sale: what the record leaves once every
 * single approval is there.
 */
export const MAX_COMP_APPROVALS = MAX_SALE_APPROVALS - SINGLE_APPROVALS.length;

export const approvalSchema = z.object({
  id: uuid,
  saleId: uuid,
  /**
   * 'comp': who allowed the comp (the seller, holding sale.comp, or a supervisor's PIN) and its reason.
   * 'offline': the supervisor whose PIN let the sale go past the terminal's minutes offline
   * (docs/CASH.md "Offline limits").
   */
  kind: z.enum([...SINGLE_APPROVALS, 'comp']),
  approverId: uuid,
  /** The reason as listed (docs/CASH.md "Reasons"); free text in an approval recorded before lists. */
  reason: text(),
  /** The note beside the reason; not signed (approvalMessage names its fields). Missing from older ones. */
  note: text().max(MAX_REASON_NOTE_LENGTH).nullable().default(null),
  /**
   * JSON text of the limit reasons the overuse bypassed, e.g. '["MAX_USES"]'; for a comp, the ids of the
   * lines it comped, e.g. '["l1"]'; for an offline sale, '["OFFLINE_TOO_LONG"]'.
   */
  limits: text(),
  createdAt: instant,
  /**
   * The terminal's Ed25519 signature over approvalMessage() (approval-proof.ts); null before
   * enrolment. Any text is taken and checked when applied, so a bad signature leaves the sale applied
   * and only the approval unhonoured.
   */
  signature: text().max(200).nullable(),
});

export const refundRowSchema = z.object({
  id: uuid,
  refundNo: z.number().int().min(0),
  saleId: uuid,
  kind: z.enum(['refund', 'void']),
  shiftId: uuid,
  staffId: uuid,
  /** The reason as listed (docs/CASH.md "Reasons"); free text in a refund recorded before lists. */
  reason: text(),
  /**
   * The note beside the reason, with a supervisor's words for a tender override after it; null without
   * either, and missing from a refund recorded (or pushed by a terminal) before notes.
   */
  note: text().max(REFUND_NOTE_LENGTH).nullable().default(null),
  amount: minor,
  createdAt: instant,
  /** The rounding of the cash given back: the refund's payments add up to −(amount + cashRounding). */
  cashRounding: signedMinor.default(0),
});

/**
 * An admission ticket: one per unit of a ticket line with a performance, made in the sale's transaction
 * (docs/TICKETS.md). A refund or void of the unit voids it; a reprint with a new barcode marks it
 * reissued and makes a ticket that `replaces` it.
 */
export const ticketRowSchema = z.object({
  id: uuid,
  saleId: uuid,
  lineId: id,
  unitIndex: z.number().int().min(0),
  performanceId: id,
  /** The sale line's ticket type, or its item id when the line names none: what the secret's tag hashes. */
  ticketTypeId: id,
  priceBandId: id.nullable(),
  /** The unit's price after discounts, in minor units. */
  pricePaid: minor,
  status: z.enum(['valid', 'void', 'reissued']),
  /** The signed barcode text; null when the terminal had no signing key yet (not enrolled). */
  secret: text().max(200).nullable(),
  /** The signing key's id (16 hex digits); null with the secret. */
  keyId: text()
    .regex(/^[0-9a-f]{16}$/)
    .nullable(),
  issuedAt: instant,
  /** The ticket this one replaced at a reprint with a new barcode; null for a first issue. */
  replaces: uuid.nullable(),
});

/**
 * A gift voucher a sale issued (docs/CASH.md "Gift vouchers"): one per unit of a 'voucher' line, made in
 * the sale's transaction like tickets, or a credit voucher a refund paid out onto (docs/CASH.md "Refunds
 * onto a voucher"), made in the refund's transaction. A sold voucher names its unit, a credit voucher its
 * refund: exactly one of the two. Its balance lives on the server as the counter
 * `voucher_balance:<id>`, whose limit is `amount`.
 */
export const voucherRowSchema = z
  .object({
    id: uuid,
    saleId: uuid,
    /** The voucher line and unit that sold it; null for a credit voucher. */
    lineId: id.nullable(),
    unitIndex: z.number().int().min(0).nullable(),
    /** The refund that paid out onto it; null for a sold voucher, and missing from a record before. */
    refundId: uuid.nullable().default(null),
    /** The face value in minor units of the sale's currency: what the unit was charged, or the refund paid. */
    amount: minor.min(1),
    currency: text().regex(/^[A-Z]{3}$/),
    issuedAt: instant,
    expiresAt: instant,
    /** The signed code (shared/node/vouchers/secret.ts), 164 characters of base45. */
    secret: text().max(200),
    /** The signing key's id (16 hex digits). */
    keyId: text().regex(/^[0-9a-f]{16}$/),
  })
  .refine(isSoldOrCredit, { message: 'a voucher names either its unit (lineId, unitIndex) or its refund' });

/** The most credit vouchers one refund pays out onto: the terminal makes one, the server takes a few. */
export const MAX_CREDIT_VOUCHERS = 10;

/** Exactly one of: the unit that sold the voucher (line and unit both), the refund it was paid out by. */
export function isSoldOrCredit(v: {
  lineId: string | null;
  unitIndex: number | null;
  refundId: string | null;
}): boolean {
  const sold = v.lineId !== null && v.unitIndex !== null;
  const unit = v.lineId !== null || v.unitIndex !== null;
  return v.refundId === null ? sold : !unit;
}

export const scopeSchema = z.object({ eventId: id, performanceId: text() });

/** The parts of a sale record, bounded as the server takes them: the same shape stored and pushed. */
export function saleRecordParts<
  Sale extends z.ZodType,
  Line extends z.ZodType,
  Unit extends z.ZodType,
  Payment extends z.ZodType,
  Redemption extends z.ZodType,
  Approval extends z.ZodType,
  Ticket extends z.ZodType,
  Voucher extends z.ZodType,
>(parts: {
  sale: Sale;
  line: Line;
  unit: Unit;
  payment: Payment;
  redemption: Redemption;
  approval: Approval;
  ticket: Ticket;
  voucher: Voucher;
}) {
  return {
    sale: parts.sale,
    lines: z.array(parts.line).min(1).max(1000),
    units: z.array(parts.unit).max(100_000),
    payments: z.array(parts.payment).max(100),
    redemption: parts.redemption.nullable(),
    scopes: z.array(scopeSchema).max(1000),
    approvals: z.array(parts.approval).max(MAX_SALE_APPROVALS),
    /** Missing from a terminal older than tickets: it issued none. */
    tickets: z.array(parts.ticket).max(100_000).default([]),
    /** Missing from a terminal older than gift vouchers: it issued none. */
    vouchers: z.array(parts.voucher).max(1000).default([]),
  };
}

export const storedSaleParts = {
  sale: saleRowSchema,
  line: saleLineSchema,
  unit: saleUnitSchema,
  payment: paymentSchema,
  redemption: redemptionSchema,
  approval: approvalSchema,
  ticket: ticketRowSchema,
  voucher: voucherRowSchema,
};

/**
 * The parts as the server parses them. Omitted fields are the terminal's own (screens, receipts, its
 * refund bookkeeping): the server neither reads nor checks them, and strips them as it always has, so
 * an older terminal's sale parses exactly as before. `signature` may be missing (a terminal from
 * before approval signing).
 */
export const pushedSaleParts = {
  // The customer snapshot is kept for the sales journal's customer search (docs/ORDERS.md); a sale
  // from a terminal that stripped it parses with none.
  sale: saleRowSchema
    .omit({
      codeAuto: true,
      customKind: true,
      customValue: true,
      customReason: true,
      customNote: true,
    })
    .extend({ customer: saleRowSchema.shape.customer.default(null) }),
  // The VAT rate is read for voucher lines only (docs/CASH.md "Issuing": a voucher's is 0); an older
  // terminal that sold no vouchers may leave it out.
  line: saleLineSchema
    .omit({
      name: true,
      priceBandId: true,
      ticketTypeId: true,
      inventoryItemId: true,
      category: true,
    })
    .extend({ vatRate: saleLineSchema.shape.vatRate.optional() }),
  unit: saleUnitSchema.omit({ refundId: true, refundedElsewhereId: true }),
  payment: paymentSchema.omit({ tendered: true, changeGiven: true, reference: true }),
  redemption: redemptionSchema.omit({ releasedAt: true }),
  approval: approvalSchema.partial({ signature: true }),
  /** Status is the server's to keep: it voids a ticket when it applies the refund or void of its unit. */
  ticket: ticketRowSchema.omit({ status: true }),
  voucher: voucherRowSchema,
};

/** A sale as stored and as the screens receive it, with the refunds made against it. */
export const saleRecordSchema = z.object({
  ...saleRecordParts(storedSaleParts),
  refunds: z.array(refundRowSchema),
});

export type SaleRow = z.infer<typeof saleRowSchema>;
export type SaleLineRow = z.infer<typeof saleLineSchema>;
export type SaleUnitRow = z.infer<typeof saleUnitSchema>;
export type PaymentRow = z.infer<typeof paymentSchema>;
export type RedemptionRow = z.infer<typeof redemptionSchema>;
export type ApprovalRow = z.infer<typeof approvalSchema>;
export type RefundRow = z.infer<typeof refundRowSchema>;
export type TicketRow = z.infer<typeof ticketRowSchema>;
export type VoucherRow = z.infer<typeof voucherRowSchema>;
export type SaleRecord = z.infer<typeof saleRecordSchema>;
