import { z } from 'zod';
import { text } from '../text';
import { escrowSchema } from './protocol';

// The payloads of pushed mutations as the terminal's services write them (src-main/services/
// sale-service.ts, shift-service.ts). The server parses each with these before applying it; a payload
// that does not parse is quarantined whole, never dropped. Objects are loose where the terminal may
// add fields later; money and counts are strict integers.

const id = text().min(1).max(100);
const uuid = z.uuid();
const instant = z.iso.datetime({ offset: true });
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Signed minor units: refund payments are negative. */
const signedMinor = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const qty = z.number().int().min(0).max(1_000_000);

export const saleRowSchema = z.object({
  id: uuid,
  receiptNo: z.number().int().min(0),
  shiftId: uuid,
  cashierId: uuid,
  currency: text().regex(/^[A-Z]{3}$/),
  customerId: text().nullable(),
  gross: minor,
  codeDiscount: minor,
  customDiscount: minor,
  total: minor,
  codeId: uuid.nullable(),
  codeVersion: z.number().int().min(1).nullable(),
  codeText: text().nullable(),
  status: z.enum(['completed', 'voided']),
  createdAt: instant,
});

export const saleLineSchema = z.object({
  id,
  saleId: uuid,
  lineNo: z.number().int().min(1),
  kind: z.enum(['ticket', 'addon', 'merch', 'fee']),
  itemId: id,
  eventId: id.nullable(),
  performanceId: id.nullable(),
  qty,
  unitPrice: minor,
  gross: minor,
  codeDiscount: minor,
  customDiscount: minor,
  total: minor,
});

export const saleUnitSchema = z.object({
  lineId: id,
  unitIndex: z.number().int().min(0),
  unitPrice: minor,
  codeDiscount: minor,
  customDiscount: minor,
  total: minor,
});

export const paymentSchema = z.object({
  id: uuid,
  saleId: uuid,
  refundId: uuid.nullable(),
  shiftId: uuid,
  tender: z.enum(['cash', 'card', 'complimentary']),
  amount: signedMinor,
  createdAt: instant,
});

export const saleRedemptionSchema = z.object({
  id: uuid,
  saleId: uuid,
  codeId: uuid,
  codeVersion: z.number().int().min(1),
  customerId: text().nullable(),
  itemUses: qty,
  discount: minor,
  overuse: z.union([z.literal(0), z.literal(1)]),
  createdAt: instant,
});

export const approvalSchema = z.object({
  id: uuid,
  saleId: uuid,
  kind: z.enum(['overuse', 'custom_discount']),
  approverId: uuid,
  reason: text(),
  /** JSON text of the limit reasons the overuse bypassed, e.g. '["MAX_USES"]'. */
  limits: text(),
  createdAt: instant,
  /**
   * The terminal's Ed25519 signature over approvalMessage() (approval-proof.ts). Optional so an older
   * terminal's sale still parses; any text is taken here and checked when applied, so a bad signature
   * leaves the sale applied and only the approval unhonoured.
   */
  signature: text().max(200).nullable().optional(),
});

/** `sale`: checkout's record plus the terminal id and what it took from its leases. */
export const salePayloadSchema = z.object({
  terminalId: uuid,
  sale: saleRowSchema,
  lines: z.array(saleLineSchema).min(1).max(1000),
  units: z.array(saleUnitSchema).max(100_000),
  payments: z.array(paymentSchema).max(100),
  redemption: saleRedemptionSchema.nullable(),
  scopes: z.array(z.object({ eventId: id, performanceId: text() })).max(1000),
  approvals: z.array(approvalSchema).max(10),
  /** Missing (an older terminal): the server counts every capped use of the sale as unbacked. */
  escrow: escrowSchema.optional(),
});
export type SalePayload = z.infer<typeof salePayloadSchema>;

export const refundRowSchema = z.object({
  id: uuid,
  refundNo: z.number().int().min(0),
  saleId: uuid,
  kind: z.enum(['refund', 'void']),
  shiftId: uuid,
  staffId: uuid,
  reason: text(),
  amount: minor,
  createdAt: instant,
});

/**
 * `refund` and `void`. The server gives back what it recorded when it applied the sale (lease units
 * to the same leases, absorbed units to the pool); `escrow` here is the terminal's own view of that.
 */
export const refundPayloadSchema = z.object({
  terminalId: uuid,
  refund: refundRowSchema,
  units: z
    .array(z.object({ lineId: id, unitIndex: z.number().int().min(0) }))
    .min(1)
    .max(100_000),
  payments: z.array(paymentSchema).max(100),
  escrow: escrowSchema.optional(),
});
export type RefundPayload = z.infer<typeof refundPayloadSchema>;

export const shiftOpenPayloadSchema = z.object({
  terminalId: uuid,
  id: uuid,
  openedBy: uuid,
  openedAt: instant,
  openingFloat: minor,
});
export type ShiftOpenPayload = z.infer<typeof shiftOpenPayloadSchema>;

export const shiftClosePayloadSchema = z.object({
  terminalId: uuid,
  shiftId: uuid,
  closedBy: uuid,
  closedAt: instant,
  countedCash: minor,
  expectedCash: signedMinor,
});
export type ShiftClosePayload = z.infer<typeof shiftClosePayloadSchema>;

/**
 * `pin.attempt`: a PIN checked at a terminal, wrong (counts towards the person's lock on every
 * terminal) or right after failures (clears the failures that came before it). Never the PIN itself.
 */
export const pinAttemptPayloadSchema = z.object({
  terminalId: uuid,
  /** A demo terminal's own staff have ids the server does not know: applied as a no-op. */
  staffId: id,
  ok: z.boolean(),
  at: instant,
});
export type PinAttemptPayload = z.infer<typeof pinAttemptPayloadSchema>;
