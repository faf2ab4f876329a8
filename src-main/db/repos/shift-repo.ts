import { prepared, type Db } from '../connection';
import { fromRow, insertRow } from '../rows';
import { cashMovementTotals, listCashMovements } from './cash-repo';
import { getStaff } from './staff-repo';
import type { ShiftFigures, ShiftRow } from '../../../shared/ipc/domains/shift';

export type { ShiftRow };

export function getOpenShift(db: Db): ShiftRow | undefined {
  const row = prepared(db, 'SELECT * FROM shifts WHERE closed_at IS NULL').get();
  return row ? fromRow<ShiftRow>(row) : undefined;
}

export function getShift(db: Db, id: string): ShiftRow | undefined {
  const row = prepared(db, 'SELECT * FROM shifts WHERE id = ?').get(id);
  return row ? fromRow<ShiftRow>(row) : undefined;
}

export function insertShift(
  db: Db,
  shift: Pick<ShiftRow, 'id' | 'openedBy' | 'openedAt' | 'openingFloat'>,
): void {
  insertRow(db, 'shifts', shift);
}

export function closeShiftRow(
  db: Db,
  id: string,
  close: { closedBy: string; closedAt: string; countedCash: number; expectedCash: number },
): void {
  prepared(
    db,
    'UPDATE shifts SET closed_by = ?, closed_at = ?, counted_cash = ?, expected_cash = ? WHERE id = ? AND closed_at IS NULL',
  ).run(close.closedBy, close.closedAt, close.countedCash, close.expectedCash, id);
}

/**
 * What the drawer gained in the shift beyond its opening float: cash taken and paid back by sales and
 * refunds, and the cash movements (paid in and out, drops, float changes; docs/CASH.md).
 */
export function cashMovement(db: Db, shiftId: string): number {
  return (
    prepared(
      db,
      `SELECT (SELECT coalesce(sum(amount), 0) FROM shift_payments WHERE shift_id = @shiftId AND tender = 'cash')
         + (SELECT coalesce(sum(amount), 0) FROM cash_movements WHERE shift_id = @shiftId) AS n`,
    ).get({ shiftId }) as { n: number }
  ).n;
}

/** The Comps section from its per-reason rows: a comp recorded without a reason reads as "?" (none should). */
function compFigures(
  byReason: { reason: string | null; count: number; value: number }[],
): ShiftFigures['comps'] {
  const rows = byReason.map((r) => ({ ...r, reason: r.reason ?? '?' }));
  return {
    count: rows.reduce((n, r) => n + r.count, 0),
    value: rows.reduce((n, r) => n + r.value, 0),
    byReason: rows,
  };
}

/**
 * The Z report's figures for one shift, straight from the ledger. Every section counts the shift's
 * completed sales only; its voided sales are shown apart (`voided`, and marked among the overuses), never
 * in the takings (docs/REPORTS.md "The Z report (terminal)"). The money a void paid back is under `refunds`.
 * Training sales are in no section but their own count (`training`); the views shift_payments and
 * shift_refunds leave their money out (migration 0029, docs/CASH.md "Training mode").
 */
export function shiftFigures(db: Db, shiftId: string): ShiftFigures {
  const q = <T>(sql: string) =>
    prepared(db, sql)
      .all(shiftId)
      .map((r) => fromRow<T>(r));
  const movements = listCashMovements(db, shiftId);
  return {
    cashMovements: cashMovementTotals(movements),
    movements: movements.map((m) => ({ ...m, staff: getStaff(db, m.staffId)?.name ?? m.staffId })),
    byTender: q<{ tender: string; amount: number; count: number }>(
      'SELECT tender, sum(amount) AS amount, count(*) AS count FROM shift_payments WHERE shift_id = ? GROUP BY tender ORDER BY tender',
    ),
    sales: q<ShiftFigures['sales']>(
      `SELECT count(*) AS count, coalesce(sum(gross), 0) AS gross, coalesce(sum(code_discount), 0) AS code_discount,
         coalesce(sum(custom_discount), 0) AS custom_discount, coalesce(sum(total), 0) AS total
       FROM sales WHERE shift_id = ? AND status = 'completed' AND training = 0`,
    )[0] ?? { count: 0, gross: 0, codeDiscount: 0, customDiscount: 0, total: 0 },
    vouchersSold: q<{ count: number; amount: number }>(
      `SELECT count(*) AS count, coalesce(sum(v.amount), 0) AS amount FROM vouchers v
       JOIN sales s ON s.id = v.sale_id WHERE s.shift_id = ? AND s.status = 'completed' AND s.training = 0`,
    )[0] ?? { count: 0, amount: 0 },
    comps: compFigures(
      q<{ reason: string; count: number; value: number }>(
        `SELECT l.comp_reason AS reason, count(*) AS count, sum(u.comp) AS value
         FROM sale_units u JOIN sale_lines l ON l.id = u.line_id JOIN sales s ON s.id = l.sale_id
         WHERE s.shift_id = ? AND s.status = 'completed' AND u.comp > 0
         GROUP BY l.comp_reason ORDER BY value DESC, l.comp_reason`,
      ),
    ),
    voided: q<{ count: number; total: number }>(
      `SELECT count(*) AS count, coalesce(sum(total), 0) AS total FROM sales
       WHERE shift_id = ? AND status = 'voided' AND training = 0`,
    )[0] ?? { count: 0, total: 0 },
    training: q<{ count: number; total: number }>(
      `SELECT count(*) AS count, coalesce(sum(total), 0) AS total FROM sales
       WHERE shift_id = ? AND training = 1`,
    )[0] ?? { count: 0, total: 0 },
    refunds: q<{ kind: string; count: number; amount: number }>(
      'SELECT kind, count(*) AS count, sum(amount) AS amount FROM shift_refunds WHERE shift_id = ? GROUP BY kind ORDER BY kind',
    ),
    cashRounding: (
      prepared(
        db,
        `SELECT (SELECT coalesce(sum(cash_rounding), 0) FROM sales WHERE shift_id = @shiftId)
           - (SELECT coalesce(sum(cash_rounding), 0) FROM refunds WHERE shift_id = @shiftId)
           - (SELECT coalesce(sum(cash_rounding), 0) FROM remote_refunds WHERE shift_id = @shiftId) AS n`,
      ).get({ shiftId }) as { n: number }
    ).n,
    byCode: q<{ code: string; orders: number; discount: number }>(
      `SELECT code_text AS code, count(*) AS orders, sum(code_discount) AS discount FROM sales
       WHERE shift_id = ? AND code_id IS NOT NULL AND status = 'completed' AND training = 0 GROUP BY code_text ORDER BY discount DESC, code_text`,
    ),
    customByReason: q<{ reason: string; orders: number; discount: number }>(
      `SELECT custom_reason AS reason, count(*) AS orders, sum(custom_discount) AS discount FROM sales
       WHERE shift_id = ? AND custom_kind IS NOT NULL AND status = 'completed' AND training = 0 GROUP BY custom_reason ORDER BY discount DESC`,
    ),
    overuses: q<ShiftFigures['overuses'][number]>(
      `SELECT s.receipt_no, s.code_text AS code, st.name AS approver, a.reason, a.limits,
         s.status = 'voided' AS voided FROM approvals a
       JOIN sales s ON s.id = a.sale_id JOIN staff st ON st.id = a.approver_id
       WHERE s.shift_id = ? AND a.kind = 'overuse' AND s.training = 0 ORDER BY s.receipt_no`,
    ).map((o) => ({ ...o, voided: Boolean(o.voided) })),
    byCashier: q<{
      cashier: string;
      orders: number;
      total: number;
      codeDiscount: number;
      customDiscount: number;
      voided: number;
    }>(
      `SELECT st.name AS cashier, count(*) FILTER (WHERE s.status = 'completed') AS orders,
         coalesce(sum(s.total) FILTER (WHERE s.status = 'completed'), 0) AS total,
         coalesce(sum(s.code_discount) FILTER (WHERE s.status = 'completed'), 0) AS code_discount,
         coalesce(sum(s.custom_discount) FILTER (WHERE s.status = 'completed'), 0) AS custom_discount,
         count(*) FILTER (WHERE s.status = 'voided') AS voided
       FROM sales s JOIN staff st ON st.id = s.cashier_id WHERE s.shift_id = ? AND s.training = 0 GROUP BY st.name ORDER BY st.name`,
    ),
  };
}
