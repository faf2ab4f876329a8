import type { Db } from '../../../src-main/db/connection';
import type { Queryable } from '../../../src-server/db/database';

// Invariant 18 (docs/SYNC.md, docs/CASH.md "Training mode"): a training sale never leaves its terminal.

interface TrainingNode {
  readonly name: string;
  readonly open: { readonly db: Db };
}

/**
 * 18: no training sale in a terminal's store is on the server (as a sale, a ticket or a quarantined
 * mutation), in its outbox, or took a lease unit; and none has a redemption or a ticket secret.
 */
export async function checkTrainingStaysHome(
  db: Queryable,
  orgId: string,
  nodes: readonly TrainingNode[],
): Promise<string[]> {
  const out: string[] = [];
  for (const node of nodes) {
    const local = node.open.db;
    const ids = (local.prepare('SELECT id FROM sales WHERE training = 1').all() as { id: string }[]).map(
      (r) => r.id,
    );
    if (ids.length === 0) continue;
    const found = await db.query<{ id: string; what: string }>(
      `SELECT id::text, 'a sale' AS what FROM pos_sales WHERE org_id = $1 AND id::text = ANY($2::text[])
       UNION ALL SELECT sale_id::text, 'a ticket' FROM tickets WHERE org_id = $1 AND sale_id::text = ANY($2::text[])
       UNION ALL SELECT payload->'sale'->>'id', 'a quarantined mutation' FROM quarantined_mutations
         WHERE org_id = $1 AND payload->'sale'->>'id' = ANY($2::text[])`,
      [orgId, ids],
    );
    for (const f of found)
      out.push(`[18 training stays home] ${node.name}: training sale ${f.id} is on the server as ${f.what}`);
    const json = JSON.stringify(ids);
    const leaked: Record<string, string> = {
      'in the outbox': `SELECT count(*) AS n FROM outbox WHERE json_extract(payload, '$.sale.id') IN (SELECT value FROM json_each(?))
        OR json_extract(payload, '$.refund.saleId') IN (SELECT value FROM json_each(?))`,
      'with lease units': `SELECT count(*) AS n FROM sale_escrow WHERE sale_id IN (SELECT value FROM json_each(?)) AND ? IS NOT NULL`,
      'with a redemption': `SELECT count(*) AS n FROM redemptions WHERE sale_id IN (SELECT value FROM json_each(?)) AND ? IS NOT NULL`,
      'with a ticket secret': `SELECT count(*) AS n FROM tickets WHERE sale_id IN (SELECT value FROM json_each(?)) AND secret IS NOT NULL AND ? IS NOT NULL`,
    };
    for (const [what, sql] of Object.entries(leaked)) {
      const n = (local.prepare(sql).get(json, json) as { n: number }).n;
      if (n > 0) out.push(`[18 training stays home] ${node.name}: ${n} training sale row(s) ${what}`);
    }
  }
  return out;
}
