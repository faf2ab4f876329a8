import type { Db } from '../../../src-main/db/connection';
import type { Queryable } from '../../../src-server/db/database';

// Invariant 17 (docs/SYNC.md): cash movements (docs/CASH.md) reach the server exactly once, as recorded.

interface CashNode {
  readonly name: string;
  readonly open: { readonly db: Db };
  readonly restores: number;
  readonly movements: ReadonlyMap<string, { restoresBefore: number }>;
}

/**
 * 17: every movement in a terminal's store is on the server once, with the same kind and amount; every
 * movement a terminal reported recorded is on the terminal or on the server, unless a restore rolled the
 * store back past it before it was pushed (as invariant 1 allows for sales).
 */
export async function checkCashMovements(
  db: Queryable,
  orgId: string,
  nodes: readonly CashNode[],
): Promise<string[]> {
  const rows = await db.query<{ id: string; kind: string; amount: string | number }>(
    'SELECT id::text, kind, amount FROM pos_cash_movements WHERE org_id = $1',
    [orgId],
  );
  const onServer = new Map(rows.map((r) => [r.id, `${r.kind} ${Number(r.amount)}`]));
  const out: string[] = [];
  for (const node of nodes) {
    const inStore = new Map(
      (
        node.open.db.prepare('SELECT id, kind, amount FROM cash_movements').all() as {
          id: string;
          kind: string;
          amount: number;
        }[]
      ).map((r) => [r.id.toLowerCase(), `${r.kind} ${r.amount}`]),
    );
    for (const [id, what] of inStore) {
      const held = onServer.get(id);
      if (held !== what)
        out.push(
          `[17 cash once] ${node.name}: movement ${id} (${what}) is ${held ? `on the server as ${held}` : 'not on the server'}`,
        );
    }
    for (const [id, at] of node.movements) {
      const key = id.toLowerCase();
      if (inStore.has(key) || onServer.has(key) || at.restoresBefore < node.restores) continue;
      out.push(
        `[17 cash once] ${node.name}: movement ${id} was recorded but is neither on the terminal nor on the server`,
      );
    }
  }
  return out;
}
