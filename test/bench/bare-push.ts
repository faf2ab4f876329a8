import type { Database } from '../../src-server/db/database';
import { MAX_PUSH_BATCH } from '../../shared/sync/protocol';

// The push's baseline of issue 20: the rows a push of offline sales left on the server (the sales, their
// tickets and escrow rows, the code uses and the mutation log), written again into copies of their
// tables, MAX_PUSH_BATCH sales per transaction, one set-based INSERT per table. No HTTP, JSON schema,
// chain, lease or exactly-once check: what PostgreSQL needs to store the same rows with the same indexes.

/** The tables a sale's push writes rows into, and how a batch's rows are found from its sale ids. */
const TABLES: readonly { table: string; bySale: string }[] = [
  { table: 'pos_sales', bySale: 'id = ANY($1::uuid[])' },
  { table: 'tickets', bySale: 'sale_id = ANY($1::uuid[])' },
  { table: 'pos_sale_escrow', bySale: 'sale_id = ANY($1::uuid[])' },
  { table: 'redemptions', bySale: 'order_id = ANY($1::uuid[])' },
  {
    table: 'sync_mutations',
    bySale: 'mutation_id IN (SELECT mutation_id FROM pos_sales WHERE id = ANY($1::uuid[]))',
  },
];

const copyOf = (table: string) => `bench_bare_${table}`;

/**
 * Copies every pushed sale's rows into tables LIKE the originals (indexes and constraints included),
 * timing only the inserts: seconds for all of them.
 */
export async function bareBatchedInsert(db: Database): Promise<number> {
  const ids = (await db.query<{ id: string }>('SELECT id FROM pos_sales ORDER BY receipt_no')).map(
    (r) => r.id,
  );
  const columns = new Map<string, string>();
  for (const { table } of TABLES) {
    await db.exec(
      `DROP TABLE IF EXISTS ${copyOf(table)}; CREATE TABLE ${copyOf(table)} (LIKE ${table} INCLUDING ALL)`,
    );
    const names = await db.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_name = $1 AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [table],
    );
    columns.set(table, names.map((c) => `"${c.name}"`).join(', '));
  }
  // Each batch's rows as JSON, read before the clock starts.
  const batches: { table: string; rows: string }[][] = [];
  for (let i = 0; i < ids.length; i += MAX_PUSH_BATCH) {
    const batch = ids.slice(i, i + MAX_PUSH_BATCH);
    const parts: { table: string; rows: string }[] = [];
    for (const { table, bySale } of TABLES) {
      const [row] = await db.query<{ rows: string | null }>(
        `SELECT json_agg(t)::text AS rows FROM ${table} t WHERE ${bySale}`,
        [batch],
      );
      if (row?.rows) parts.push({ table, rows: row.rows });
    }
    batches.push(parts);
  }
  const started = performance.now();
  for (const parts of batches) {
    await db.transaction(async (tx) => {
      for (const { table, rows } of parts) {
        const list = columns.get(table) as string;
        await tx.query(
          `INSERT INTO ${copyOf(table)} (${list})
           SELECT ${list} FROM jsonb_populate_recordset(NULL::${copyOf(table)}, $1::jsonb)`,
          [rows],
        );
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const [copied] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${copyOf('pos_sales')}`);
  if (copied?.n !== ids.length) throw new Error(`the bare copy holds ${copied?.n} sales, not ${ids.length}`);
  return seconds;
}
