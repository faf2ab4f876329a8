import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load/load-run';

// The load bench's harness (test/bench/load.bench.ts), briefly and untimed: a few terminals push to
// two server processes on PostgreSQL for a few seconds, and the run must account for every sale.

const databaseUrl = process.env.DATABASE_URL;
const suite = databaseUrl ? describe : describe.skip;

suite(
  databaseUrl
    ? 'the load harness, briefly, on PostgreSQL'
    : 'the load harness (skipped: it needs PostgreSQL, set DATABASE_URL)',
  () => {
    it('has every terminal’s acknowledged sales on the server once, with no server error', async () => {
      const result = await runLoad({ adminUrl: databaseUrl as string, terminals: 4, servers: 2, seconds: 3 });
      expect(result.sales).toBeGreaterThan(0);
      expect(result.codeSales).toBeGreaterThan(0);
      expect(result.codeSales).toBeLessThan(result.sales);
      expect(result).toMatchObject({ lost: 0, doubled: 0, serverErrors: 0, problems: [] });
    }, 120_000);
  },
);
