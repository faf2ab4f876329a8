import { prepared, type Db } from '../connection';
import { fromRow, insertRow } from '../rows';
import type { VoucherRow } from '../../../shared/sync/sale-record';
import type { VoucherBalance } from '../../../shared/vouchers/rules';

// docs/CASH.md "Gift vouchers": the vouchers this terminal's sales issued (part of their sale record),
// and the organisation's vouchers as the last pull said.

/** A voucher a training sale issued has no code: stored with secret and key id null. */
export type StoredVoucherRow = Omit<VoucherRow, 'secret' | 'keyId'> & {
  secret: string | null;
  keyId: string | null;
};

export function insertVouchers(db: Db, rows: readonly StoredVoucherRow[]): void {
  for (const row of rows) insertRow(db, 'vouchers', row);
}

/** The sale's vouchers: those it sold in line order, then the credit vouchers its refunds paid out onto. */
export function listSaleVouchers(db: Db, saleId: string): StoredVoucherRow[] {
  return prepared(
    db,
    `SELECT v.* FROM vouchers v LEFT JOIN sale_lines l ON l.id = v.line_id WHERE v.sale_id = ?
     ORDER BY v.refund_id IS NOT NULL, l.line_no, v.unit_index, v.issued_at, v.id`,
  )
    .all(saleId)
    .map((r) => fromRow<StoredVoucherRow>(r));
}

export interface PulledVoucher extends VoucherBalance {
  pulledAt: string;
  /** This terminal's pushed-through seq when the pull that brought the balance began. */
  pulledThrough: number;
}

/**
 * The pull's word on each voucher replaces the last. `through`: the seq this terminal had pushed through
 * when the pull began, so its sales up to there are in these balances.
 */
export function upsertPulledVouchers(
  db: Db,
  vouchers: readonly VoucherBalance[],
  at: string,
  through: number,
): void {
  const upsert = prepared(
    db,
    `INSERT INTO pulled_vouchers (id, currency, amount, balance, expires_at, status, pulled_at, pulled_through)
     VALUES (@voucherId, @currency, @amount, @balance, @expiresAt, @status, @at, @through)
     ON CONFLICT (id) DO UPDATE SET currency = excluded.currency, amount = excluded.amount,
       balance = excluded.balance, expires_at = excluded.expires_at, status = excluded.status,
       pulled_at = excluded.pulled_at, pulled_through = excluded.pulled_through`,
  );
  for (const v of vouchers) upsert.run({ ...v, at, through });
}

const pulled = (r: unknown): PulledVoucher => {
  const row = fromRow<PulledVoucher & { id: string }>(r);
  const { id, ...rest } = row;
  return { ...rest, voucherId: id };
};

export function getPulledVoucher(db: Db, id: string): PulledVoucher | undefined {
  const row = prepared(db, 'SELECT * FROM pulled_vouchers WHERE id = ?').get(id);
  return row ? pulled(row) : undefined;
}

/** Active vouchers still valid at `now` with something left: the ones a share may hold ahead. */
export function listOpenPulledVouchers(db: Db, now: string): PulledVoucher[] {
  return prepared(
    db,
    `SELECT * FROM pulled_vouchers WHERE status = 'active' AND balance > 0 AND expires_at > ?
     ORDER BY expires_at, id`,
  )
    .all(now)
    .map(pulled);
}

/**
 * What this terminal took from the voucher (less what voids gave back) that its last known balance does
 * not hold yet: the payments of its sales and refunds outside the outbox rows up to `through` (the seq it
 * had pushed through when the pull that brought the balance began). Counted by seq, not by time: a sale
 * pushed before that pull is in the balance whatever the clocks say. Training sales never spend one.
 */
export function spentHereSince(db: Db, voucherId: string, through: number): number {
  const row = prepared(
    db,
    `SELECT coalesce(sum(p.amount), 0) AS n FROM payments p JOIN sales s ON s.id = p.sale_id
     WHERE p.voucher_id = @voucherId AND s.training = 0
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.seq <= @through AND (
         (p.refund_id IS NULL AND o.type = 'sale' AND json_extract(o.payload, '$.sale.id') = p.sale_id)
         OR (p.refund_id IS NOT NULL AND o.type IN ('refund', 'void')
             AND json_extract(o.payload, '$.refund.id') = p.refund_id)))`,
  ).get({ voucherId, through }) as { n: number };
  return row.n;
}

/** Whether the unit that sold this voucher here was refunded or voided: it can no longer pay. */
export function takenBackHere(db: Db, voucherId: string): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM vouchers v JOIN sale_units u ON u.line_id = v.line_id AND u.unit_index = v.unit_index
       WHERE v.id = ? AND u.refund_id IS NOT NULL`,
    ).get(voucherId) !== undefined
  );
}

/**
 * Whether the sale is still waiting in the outbox past what the server confirmed: then no other window can
 * know its vouchers. Pruned rows were pushed long ago.
 */
export function saleUnpushed(db: Db, saleId: string, pushedThrough: number): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM outbox WHERE type = 'sale' AND seq > @through AND json_extract(payload, '$.sale.id') = @saleId`,
    ).get({ saleId, through: pushedThrough }) !== undefined
  );
}
