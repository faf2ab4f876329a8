import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo } from '../helpers';

describe('0008_reference_indexes', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(8);
  });
  afterEach(() => m.close());

  const plan = (sql: string) =>
    (m.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

  it('answers "has this code children or sales" from an index, not a scan', () => {
    expect(plan(`SELECT 1 FROM codes WHERE parent_id = 'p'`)).toMatch(/USING (COVERING )?INDEX codes_parent/);
    expect(plan(`SELECT 1 FROM sales WHERE code_id = 'c'`)).toMatch(/USING (COVERING )?INDEX sales_code/);
  });
});
