import { customerKeys } from '../../../shared/reports/journal';
import type { Queryable } from '../database';
import type { PaymentRow } from '../../../shared/sync/sale-record';
import { NEXT_POS, positionCte } from './change-pos';

// The POS ledger: sales, refunds, voids and shift events as the terminals recorded them. Payloads are
// stored whole as JSONB: the terminal's record is the source of truth of a sale.

export interface NewSale {
  id: string;
  orgId: string;
  terminalId: string;
  mutationId: string;
  shiftId: string;
  cashierId: string;
  receiptNo: number;
  currency: string;
  gross: number;
  codeDiscount: number;
  customDiscount: number;
  total: number;
  payload: unknown;
  createdAt: string;
  /** The customer's search keys (shared/reports/journal.ts customerKeys). */
  customerName: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  /** The sale whose units this one took in exchange (migration 0028, docs/ORDERS.md "Exchanges"). */
  exchangeOf: string | null;
  /** The cash part's rounding (migration 0035, docs/CASH.md "Cash rounding"). */
  cashRounding: number;
}

/** The customer search columns (migration 0024) of a sale's `customer` JSON. */
export function customerColumns(
  customer: string | null,
): Pick<NewSale, 'customerName' | 'customerEmail' | 'customerPhone'> {
  const keys = customerKeys(customer);
  return { customerName: keys.name, customerEmail: keys.email, customerPhone: keys.phone };
}

/**
 * Several sales in one statement, for a caller that checked their ids are new (saleIdsTaken) under the
 * terminal's lock: a clash anyway is an error, never a silent skip.
 */
export async function insertSales(db: Queryable, sales: readonly NewSale[]): Promise<void> {
  if (sales.length === 0) return;
  await db.query(
    `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
       code_discount, custom_discount, total, payload, status, created_at, customer_name, customer_email, customer_phone,
       exchange_of, cash_rounding)
     SELECT s.id, s."orgId", s."terminalId", s."mutationId", s."shiftId", s."cashierId", s."receiptNo", s.currency,
       s.gross, s."codeDiscount", s."customDiscount", s.total, s.payload, 'completed', s."createdAt",
       s."customerName", s."customerEmail", s."customerPhone", s."exchangeOf", s."cashRounding"
     FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, "orgId" uuid, "terminalId" uuid, "mutationId" uuid,
       "shiftId" uuid, "cashierId" uuid, "receiptNo" bigint, currency text, gross bigint, "codeDiscount" bigint,
       "customDiscount" bigint, total bigint, payload jsonb, "createdAt" timestamptz, "customerName" text,
       "customerEmail" text, "customerPhone" text, "exchangeOf" uuid, "cashRounding" bigint)`,
    [JSON.stringify(sales)],
  );
}

/** Which of these sale ids the server holds already. */
export async function saleIdsTaken(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>('SELECT id FROM pos_sales WHERE id = ANY($1::uuid[])', [
    [...new Set(ids)],
  ]);
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

export interface LockedSale {
  id: string;
  /** The terminal that made the sale. */
  terminalId: string;
  mutationId: string;
  status: 'completed' | 'voided';
  payload: unknown;
}

export async function lockSale(db: Queryable, orgId: string, id: string): Promise<LockedSale | undefined> {
  const rows = await db.query<LockedSale>(
    `SELECT id, terminal_id AS "terminalId", mutation_id AS "mutationId", status, payload FROM pos_sales WHERE org_id = $1 AND id = $2
     FOR UPDATE`,
    [orgId, id],
  );
  return rows[0];
}

export async function markSaleVoided(db: Queryable, id: string, at: string): Promise<void> {
  await db.query("UPDATE pos_sales SET status = 'voided', voided_at = $2 WHERE id = $1", [id, at]);
}

export async function insertRefund(
  db: Queryable,
  r: {
    id: string;
    orgId: string;
    terminalId: string;
    saleId: string;
    mutationId: string;
    kind: 'refund' | 'void';
    shiftId: string;
    staffId: string;
    amount: number;
    /** The cash part's rounding (migration 0035). */
    cashRounding: number;
    payload: unknown;
    createdAt: string;
    /**
     * The sale's terminal when it is not the refunding one: the refund then takes a change position, so
     * the sale's terminal pulls it (migrations/server/0025_refunds_elsewhere.sql).
     */
    saleTerminalId: string | null;
  },
): Promise<boolean> {
  // Only a refund elsewhere takes a position: the sale's terminal pulls it.
  const elsewhere = r.saleTerminalId !== null;
  const rows = await db.query(
    `WITH ${positionCte()}
     INSERT INTO pos_refunds (id, org_id, terminal_id, sale_id, mutation_id, kind, shift_id, staff_id, amount, payload,
       created_at, sale_terminal_id, change_pos, cash_rounding)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::uuid, ${elsewhere ? NEXT_POS : 'NULL'}, $13)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      r.id,
      r.orgId,
      r.terminalId,
      r.saleId,
      r.mutationId,
      r.kind,
      r.shiftId,
      r.staffId,
      r.amount,
      JSON.stringify(r.payload),
      r.createdAt,
      r.saleTerminalId,
      r.cashRounding,
    ],
  );
  return rows.length === 1;
}

export interface LedgerSale extends LockedSale {
  receiptNo: number;
  currency: string;
  createdAt: string;
  terminalName: string | null;
}

/** A sale with its terminal's name, unlocked (docs/ORDERS.md: another terminal refunding it reads it). */
export async function getSale(db: Queryable, orgId: string, id: string): Promise<LedgerSale | undefined> {
  const rows = await db.query<LedgerSale & { createdAt: Date | string }>(
    `SELECT s.id, s.terminal_id AS "terminalId", s.mutation_id AS "mutationId", s.status, s.payload,
       s.receipt_no::int AS "receiptNo", s.currency, s.created_at AS "createdAt", t.name AS "terminalName"
     FROM pos_sales s LEFT JOIN terminals t ON t.id = s.terminal_id WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, id],
  );
  const row = rows[0];
  return row && { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

/** The money every refund and void of a sale paid back (negative amounts), oldest first. */
export async function refundPayments(
  db: Queryable,
  saleId: string,
): Promise<{ tender: PaymentRow['tender']; amount: number }[]> {
  const rows = await db.query<{ tender: PaymentRow['tender']; amount: string | number }>(
    `SELECT p->>'tender' AS tender, (p->>'amount')::bigint AS amount
     FROM pos_refunds r, jsonb_array_elements(r.payload->'payments') WITH ORDINALITY AS x (p, n)
     WHERE r.sale_id = $1 ORDER BY r.created_at, r.id, x.n`,
    [saleId],
  );
  return rows.map((r) => ({ tender: r.tender, amount: Number(r.amount) }));
}

/** Unit keys ("lineId:unitIndex") refunded so far on a sale. */
export async function refundedUnits(db: Queryable, saleId: string): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `SELECT (u->>'lineId') || ':' || (u->>'unitIndex') AS key
     FROM pos_refunds r, jsonb_array_elements(r.payload->'units') u WHERE r.sale_id = $1`,
    [saleId],
  );
  return new Set(rows.map((r) => r.key));
}

export async function insertShiftEvent(
  db: Queryable,
  e: {
    mutationId: string;
    orgId: string;
    terminalId: string;
    shiftId: string;
    kind: 'open' | 'close';
    staffId: string;
    payload: unknown;
    at: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO pos_shift_events (mutation_id, org_id, terminal_id, shift_id, kind, staff_id, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (mutation_id) DO NOTHING`,
    [e.mutationId, e.orgId, e.terminalId, e.shiftId, e.kind, e.staffId, JSON.stringify(e.payload), e.at],
  );
}
