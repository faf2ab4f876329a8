import { expect } from 'vitest';
import type { Database } from '../../src-server/db/database';

// What must hold in the server's database whatever requests came before: a fuzz, a race or a crash that
// left something half-saved breaks one of these. Each query lists the rows that break its rule.

const RULES: Record<string, string> = {
  // codes' counters move only with the ledger, in the same transaction (0003_codes.sql)
  'code counters equal the sum of their live redemptions': `
    SELECT c.id, c.uses, c.item_uses, c.discount_given, r.uses AS ledger_uses, r.item_uses AS ledger_item_uses,
      r.discount AS ledger_discount
    FROM codes c
    LEFT JOIN (SELECT code_id, count(*)::int AS uses, sum(item_uses)::bigint AS item_uses,
                 sum(discount)::bigint AS discount
               FROM redemptions WHERE released_at IS NULL GROUP BY code_id) r ON r.code_id = c.id
    WHERE c.uses <> COALESCE(r.uses, 0) OR c.item_uses <> COALESCE(r.item_uses, 0)
       OR c.discount_given <> COALESCE(r.discount, 0)`,
  'a redemption belongs to its code’s organisation': `
    SELECT r.id FROM redemptions r JOIN codes c ON c.id = r.code_id WHERE c.org_id <> r.org_id`,
  'a redemption’s terminal, cashier and granter belong to its organisation': `
    SELECT r.id FROM redemptions r
      LEFT JOIN terminals t ON t.id = r.terminal_id
      LEFT JOIN staff c ON c.id = r.cashier_id
      LEFT JOIN staff g ON g.id = r.overuse_granted_by
    WHERE t.org_id <> r.org_id OR c.org_id <> r.org_id OR g.org_id <> r.org_id`,
  'a child code belongs to its parent’s organisation': `
    SELECT c.id FROM codes c JOIN codes p ON p.id = c.parent_id WHERE p.org_id <> c.org_id`,
  'catalogue rows belong to their parent’s organisation': `
    SELECT 'event' AS kind, e.id FROM events e JOIN venues v ON v.id = e.venue_id WHERE v.org_id <> e.org_id
    UNION ALL SELECT 'performance', p.id FROM performances p JOIN events e ON e.id = p.event_id WHERE e.org_id <> p.org_id
    UNION ALL SELECT 'price band', b.id FROM price_bands b JOIN events e ON e.id = b.event_id WHERE e.org_id <> b.org_id
    UNION ALL SELECT 'ticket type', t.id FROM ticket_types t JOIN events e ON e.id = t.event_id WHERE e.org_id <> t.org_id
    UNION ALL SELECT 'ticket price', t.id FROM ticket_prices t
      JOIN events e ON e.id = t.event_id
      JOIN ticket_types tt ON tt.id = t.ticket_type_id
      JOIN price_bands pb ON pb.id = t.price_band_id
      WHERE e.org_id <> t.org_id OR tt.org_id <> t.org_id OR pb.org_id <> t.org_id`,
  'terminal rows belong to the terminal’s organisation': `
    SELECT 'sale' AS kind, s.id FROM pos_sales s JOIN terminals t ON t.id = s.terminal_id WHERE t.org_id <> s.org_id
    UNION ALL SELECT 'lease', l.id FROM escrow_leases l JOIN terminals t ON t.id = l.terminal_id WHERE t.org_id <> l.org_id
    UNION ALL SELECT 'review item', i.id FROM review_items i JOIN terminals t ON t.id = i.terminal_id WHERE t.org_id <> i.org_id`,
  'a sale never gives back more than it took': `
    SELECT s.id FROM pos_sales s JOIN pos_refunds f ON f.sale_id = s.id
    GROUP BY s.id, s.total HAVING sum(f.amount) > s.total`,
  // docs/SYNC.md "Escrow leases"
  'every escrow counter keeps limit = unallocated + Σ(granted − returned) + absorbed, unallocated ≥ 0': `
    SELECT c.counter, c.limit_units, c.unallocated, c.absorbed, l.out FROM escrow_counters c
    LEFT JOIN LATERAL (SELECT COALESCE(sum(granted - returned), 0)::bigint AS out FROM escrow_leases
                       WHERE org_id = c.org_id AND counter = c.counter) l ON true
    WHERE c.unallocated < 0 OR c.unallocated + l.out + c.absorbed <> c.limit_units`,
};

/** Each rule the database breaks, with the rows that break it; empty when every rule holds. */
export async function invariantBreaks(db: Database): Promise<{ rule: string; rows: unknown[] }[]> {
  const breaks: { rule: string; rows: unknown[] }[] = [];
  for (const [rule, sql] of Object.entries(RULES)) {
    const rows = await db.query(sql);
    if (rows.length > 0) breaks.push({ rule, rows });
  }
  return breaks;
}

export async function assertInvariants(db: Database): Promise<void> {
  expect(await invariantBreaks(db)).toEqual([]);
}
