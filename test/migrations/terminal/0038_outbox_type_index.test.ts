import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo } from '../helpers';

describe('0038_outbox_type_index', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(38);
  });
  afterEach(() => m.close());

  it('counts the waiting sales, refunds and voids from the index, without reading a payload', () => {
    const plan = (
      m.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT count(*) AS n FROM outbox WHERE seq > 5 AND type IN ('sale', 'refund', 'void')`,
        )
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX outbox_type_seq/);
  });
});
