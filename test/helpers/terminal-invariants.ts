import { expect } from 'vitest';
import type { Db } from '../../src-main/db/connection';

// What must hold in a terminal's store whatever requests came before (the terminal's counterpart of
// server-invariants.ts): a sale is its lines, a line its units, and the money taken and paid back
// matches what was sold and refunded. Each query lists the rows that break its rule.

const RULES: Record<string, string> = {
  'a sale’s gross, discounts and total are the sums of its lines': `
    SELECT s.id FROM sales s LEFT JOIN sale_lines l ON l.sale_id = s.id
    GROUP BY s.id
    HAVING s.gross <> COALESCE(sum(l.gross), 0) OR s.total <> COALESCE(sum(l.total), 0)
       OR s.code_discount <> COALESCE(sum(l.code_discount), 0)
       OR s.custom_discount <> COALESCE(sum(l.custom_discount), 0)`,
  'a line’s total is the sum of its units': `
    SELECT l.id FROM sale_lines l JOIN sale_units u ON u.line_id = l.id
    GROUP BY l.id HAVING l.total <> sum(u.total)`,
  'the payments of a sale add up to its total': `
    SELECT s.id FROM sales s LEFT JOIN payments p ON p.sale_id = s.id AND p.refund_id IS NULL
    GROUP BY s.id HAVING s.total <> COALESCE(sum(p.amount), 0)`,
  'a refund pays back exactly its amount': `
    SELECT r.id FROM refunds r LEFT JOIN payments p ON p.refund_id = r.id
    GROUP BY r.id HAVING -COALESCE(sum(p.amount), 0) <> r.amount`,
  'a sale never gives back more than it took': `
    SELECT s.id FROM sales s JOIN refunds r ON r.sale_id = s.id
    GROUP BY s.id HAVING sum(r.amount) > s.total`,
};

export function assertTerminalInvariants(db: Db): void {
  for (const [rule, sql] of Object.entries(RULES)) {
    expect(db.prepare(sql).all(), rule).toEqual([]);
  }
}
