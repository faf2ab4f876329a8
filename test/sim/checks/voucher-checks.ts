import type { Queryable } from '../../../src-server/db/database';

// Invariant 19 (docs/SYNC.md, docs/CASH.md "Gift vouchers"): voucher balances never go below zero.

/**
 * 19: per voucher the server holds, counted two ways. From its counter and leases (what the server's
 * balance reads, before it is clamped at 0): face value − absorbed − Σ used ≥ 0. From the pushed
 * papers: what its sales paid with it less what their refunds gave back never exceeds its face value,
 * except by units a `voucher_overspent` review item names, and such an item exists only when a terminal
 * was restored from a backup (its leases were voided under sales it had made with them).
 */
export async function checkVoucherBalances(
  db: Queryable,
  orgId: string,
  restored: boolean,
): Promise<string[]> {
  const rows = await db.query<{
    id: string;
    amount: number;
    counted: number;
    spent: number;
    overspent: number;
  }>(
    `SELECT v.id::text, v.amount::int AS amount,
       (v.amount
         - COALESCE((SELECT c.absorbed FROM escrow_counters c
             WHERE c.org_id = v.org_id AND c.counter = 'voucher_balance:' || v.id::text), 0)
         - COALESCE((SELECT sum(l.used) FROM escrow_leases l
             WHERE l.org_id = v.org_id AND l.counter = 'voucher_balance:' || v.id::text), 0))::int AS counted,
       (COALESCE((SELECT sum((p->>'amount')::bigint) FROM pos_sales s, jsonb_array_elements(s.payload->'payments') p
           WHERE s.org_id = v.org_id AND p->>'voucherId' = v.id::text), 0)
        + COALESCE((SELECT sum((p->>'amount')::bigint) FROM pos_refunds r, jsonb_array_elements(r.payload->'payments') p
           WHERE r.org_id = v.org_id AND p->>'voucherId' = v.id::text), 0))::int AS spent,
       COALESCE((SELECT sum(i.units) FROM review_items i WHERE i.org_id = v.org_id AND i.kind = 'voucher_overspent'
           AND i.counter = 'voucher_balance:' || v.id::text), 0)::int AS overspent
     FROM vouchers v WHERE v.org_id = $1 ORDER BY v.id`,
    [orgId],
  );
  const out: string[] = [];
  for (const r of rows) {
    const name = `[19 voucher balance] voucher ${r.id} (face value ${r.amount})`;
    if (r.counted < 0) out.push(`${name}: its counter and leases leave ${r.counted}, below zero`);
    if (r.spent < 0) out.push(`${name}: its refunds gave back ${-r.spent} more than its sales took`);
    if (r.spent - r.overspent > r.amount)
      out.push(
        `${name}: sales took ${r.spent} net of refunds, ${r.spent - r.overspent - r.amount} beyond it with no review item`,
      );
    if (r.overspent > 0 && !restored)
      out.push(
        `${name}: ${r.overspent} spent past its balance though no terminal was restored from a backup`,
      );
  }
  return out;
}
