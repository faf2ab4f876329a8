import type { CashMovementRow, CashMovementTotals } from '../../../shared/cash/movements';
import { prepared, type Db } from '../connection';
import { fromRow, insertRow } from '../rows';

// Cash movements of this terminal's shifts (migration 0027, docs/CASH.md).

export function insertCashMovement(db: Db, row: CashMovementRow): void {
  insertRow(db, 'cash_movements', row);
}

export function listCashMovements(db: Db, shiftId: string): CashMovementRow[] {
  return prepared(db, 'SELECT * FROM cash_movements WHERE shift_id = ? ORDER BY at, id')
    .all(shiftId)
    .map((r) => fromRow<CashMovementRow>(r));
}

/** Per kind, in the order the kinds are listed; a kind the shift never used is left out. */
export function cashMovementTotals(db: Db, shiftId: string): CashMovementTotals[] {
  return prepared(
    db,
    `SELECT kind, count(*) AS count, sum(amount) AS amount FROM cash_movements WHERE shift_id = ?
     GROUP BY kind ORDER BY CASE kind WHEN 'paid_in' THEN 1 WHEN 'paid_out' THEN 2 WHEN 'drop' THEN 3
       WHEN 'float_change' THEN 4 ELSE 5 END`,
  )
    .all(shiftId)
    .map((r) => fromRow<CashMovementTotals>(r));
}
