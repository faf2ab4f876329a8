import type { CashMovementPayload } from '../../../shared/cash/movements';
import type { Queryable } from '../database';

// Pushed cash movements (migration 0032, docs/CASH.md): the columns the shift report reads, and the
// payload whole, as the terminal recorded it.

/**
 * Stores the movement unless its id is taken. Returns 'inserted', 'same' when the id holds this very
 * movement from this terminal (a resend), or 'other' when it holds something else, which is never
 * overwritten.
 */
export async function insertCashMovement(
  db: Queryable,
  m: { orgId: string; mutationId: string; movement: CashMovementPayload; payload: unknown },
): Promise<'inserted' | 'same' | 'other'> {
  const p = m.movement;
  const json = JSON.stringify(m.payload);
  const inserted = await db.query(
    `INSERT INTO pos_cash_movements (id, org_id, terminal_id, mutation_id, shift_id, kind, amount, currency, reason,
       note, staff_id, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      p.id,
      m.orgId,
      p.terminalId,
      m.mutationId,
      p.shiftId,
      p.kind,
      p.amount,
      p.currency,
      p.reason,
      p.note,
      p.staffId,
      json,
      p.at,
    ],
  );
  if (inserted.length > 0) return 'inserted';
  const [held] = await db.query<{ same: boolean }>(
    `SELECT (org_id = $2 AND terminal_id = $3 AND payload = $4::jsonb) AS same FROM pos_cash_movements WHERE id = $1`,
    [p.id, m.orgId, p.terminalId, json],
  );
  return held?.same ? 'same' : 'other';
}
