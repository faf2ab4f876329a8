import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/db/connection';
import { verifyOutboxChain } from '../../src-main/db/repos/outbox-repo';
import { makeTempDir } from '../helpers/temp-dir';

const ROUNDS = 6;

/** Starts the seller, waits until it has sold once, lets it run `ms` more, then SIGKILLs it. */
async function sellThenKill(dataDir: string, ms: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'crash-seller.ts'), dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.on('exit', (code) => reject(new Error(`seller exited early (${code}): ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function checkStore(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const one = <T>(sql: string) => db.prepare(sql).get() as T;
    const sales = one<{ n: number; maxReceipt: number }>(
      'SELECT count(*) AS n, coalesce(max(receipt_no), 0) AS maxReceipt FROM sales',
    );
    return {
      sales: sales.n,
      gaplessReceipts: sales.maxReceipt === sales.n,
      salesWithoutLines: one<{ n: number }>(
        'SELECT count(*) AS n FROM sales s WHERE NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)',
      ).n,
      linesWithWrongUnits: one<{ n: number }>(
        `SELECT count(*) AS n FROM sale_lines l WHERE l.qty != (SELECT count(*) FROM sale_units u WHERE u.line_id = l.id)
           OR l.total != (SELECT sum(total) FROM sale_units u WHERE u.line_id = l.id)`,
      ).n,
      unpaidSales: one<{ n: number }>(
        'SELECT count(*) AS n FROM sales s WHERE s.total != (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.sale_id = s.id)',
      ).n,
      salesWithoutOutbox: one<{ n: number }>(
        "SELECT count(*) AS n FROM sales s WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.type = 'sale' AND json_extract(o.payload, '$.sale.id') = s.id)",
      ).n,
      outboxWithoutSale: one<{ n: number }>(
        "SELECT count(*) AS n FROM outbox o WHERE o.type = 'sale' AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = json_extract(o.payload, '$.sale.id'))",
      ).n,
      redemptionMismatch: one<{ n: number }>(
        'SELECT count(*) AS n FROM sales s WHERE (s.code_id IS NULL) != (NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.sale_id = s.id))',
      ).n,
      soldMismatch: one<{ n: number }>(
        `SELECT count(*) AS n FROM performance_sold ps WHERE ps.sold != (
           SELECT coalesce(sum(l.qty), 0) FROM sale_lines l WHERE l.performance_id = ps.performance_id AND l.kind = 'ticket')`,
      ).n,
      // docs/TICKETS.md: a sale's tickets are written with it, one per seat of a line with a performance.
      ticketsMismatch: one<{ n: number }>(
        `SELECT count(*) AS n FROM sale_lines l WHERE (
           SELECT count(*) FROM tickets t WHERE t.line_id = l.id) != (CASE WHEN l.kind = 'ticket' AND l.performance_id IS NOT NULL THEN l.qty ELSE 0 END)`,
      ).n,
      unsignedTickets: one<{ n: number }>('SELECT count(*) AS n FROM tickets WHERE secret IS NULL').n,
      brokenChainAt: verifyOutboxChain(db),
    };
  } finally {
    db.close();
  }
}

describe('crash atomicity', () => {
  const temp = makeTempDir('pos-crash-');
  afterAll(() => temp.cleanup());

  it(
    'leaves only whole sales when the process is killed at random points',
    { timeout: 120_000 },
    async () => {
      let previous = 0;
      for (let round = 0; round < ROUNDS; round++) {
        await sellThenKill(temp.path, 50 + Math.floor(Math.random() * 400));
        const state = checkStore(temp.path);
        expect(state).toEqual({
          sales: state.sales,
          gaplessReceipts: true,
          salesWithoutLines: 0,
          linesWithWrongUnits: 0,
          unpaidSales: 0,
          salesWithoutOutbox: 0,
          outboxWithoutSale: 0,
          redemptionMismatch: 0,
          soldMismatch: 0,
          ticketsMismatch: 0,
          unsignedTickets: 0,
          brokenChainAt: null,
        });
        expect(state.sales).toBeGreaterThan(previous);
        previous = state.sales;
      }
    },
  );
});
