import type { Queryable } from '../database';

// DECISIONS.md "Pull": every write to a synced row takes the next change position of its organisation
// in the same statement. The upsert locks the organisation's row until the transaction commits, so a
// later position can only be handed out after an earlier one is committed: positions appear in
// commit order and a pull paging by position never skips a change.

/** A `pos` CTE yielding the next position; reference it as `(SELECT last_pos FROM pos)`. */
export function positionCte(orgParam: string): string {
  return `pos AS (
    INSERT INTO sync_positions AS sp (org_id, last_pos) VALUES (${orgParam}, 1)
    ON CONFLICT (org_id) DO UPDATE SET last_pos = sp.last_pos + 1
    RETURNING last_pos)`;
}

export const NEXT_POS = '(SELECT last_pos FROM pos)';

/**
 * Takes the organisation's position lock up front. A transaction that locks a code row and then
 * writes a position would otherwise deadlock with one that took the position first.
 */
export async function lockPositions(db: Queryable, orgId: string): Promise<void> {
  await db.query('SELECT 1 FROM sync_positions WHERE org_id = $1 FOR UPDATE', [orgId]);
}
