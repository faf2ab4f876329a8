import {
  CASH_MOVEMENT_KINDS,
  type CashMovementRow,
  type CashMovementTotals,
} from '../../../shared/cash/movements';
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
export function cashMovementTotals(movements: readonly CashMovementRow[]): CashMovementTotals[] {
  return CASH_MOVEMENT_KINDS.flatMap((kind) => {
    const of = movements.filter((m) => m.kind === kind);
    return of.length === 0 ? [] : [{ kind, count: of.length, amount: of.reduce((n, m) => n + m.amount, 0) }];
  });
}
