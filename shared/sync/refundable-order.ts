import { z } from 'zod';
import { text } from '../text';
import { id, minor, signedMinor, uuid } from './fields';
import { PAYMENT_TENDERS, saleLineSchema, scopeSchema } from './sale-record';

// GET /v1/sync/orders/:id (docs/ORDERS.md "Refunds at another window"): another terminal's sale as a
// terminal refunds it: every unit, whether it was given back already, and the tenders it was paid and
// paid back with. The terminal parses the server's answer with this schema.

export const refundableUnitSchema = z.object({
  lineId: id,
  unitIndex: z.number().int().min(0),
  /** The line's name as its terminal sent it; the item id when it sent none. */
  name: text().max(500),
  kind: saleLineSchema.shape.kind,
  /** Basis points, as the sale's terminal sent it (0 when it sent none). */
  vatRate: z.number().int().min(0).max(100_000),
  performanceId: id.nullable(),
  /** What the unit was charged, after discounts. */
  total: minor,
  refunded: z.boolean(),
});

export const refundableOrderSchema = z.object({
  saleId: uuid,
  /** The terminal that made the sale, and its receipt number there. */
  terminalId: uuid,
  terminalName: text().max(200).nullable(),
  receiptNo: z.number().int().min(0),
  currency: text().regex(/^[A-Z]{3}$/),
  status: z.enum(['completed', 'voided']),
  createdAt: z.iso.datetime({ offset: true }),
  units: z.array(refundableUnitSchema).max(100_000),
  /** The sale's payments and every refund's (negative), oldest first. */
  payments: z.array(z.object({ tender: z.enum(PAYMENT_TENDERS), amount: signedMinor })).max(10_000),
  // What an exchange at this window re-checks the order's code with (docs/ORDERS.md "Exchanges"): the
  // code, the order's own use of it (left out of the code's usage) and the customer as picked at the
  // till. Missing from an older server: the exchange then prices the new tickets without the code.
  codeId: uuid.nullable().default(null),
  redemption: z
    .object({ itemUses: z.number().int().min(0), discount: minor })
    .nullable()
    .default(null),
  scopes: z.array(scopeSchema).max(1000).default([]),
  customer: text().nullable().default(null),
});

export type RefundableUnit = z.infer<typeof refundableUnitSchema>;
export type RefundableOrder = z.infer<typeof refundableOrderSchema>;
