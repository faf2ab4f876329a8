import type { CodeRecord } from '../../shared/codes/types';
import type { Db } from '../../src-main/db/connection';
import { countCodes, upsertCode } from '../../src-main/db/repos/code-repo';

export const BENCH_CODES = 100_000;

/** Tops the terminal store up to `total` codes with generated partner offers of mixed kinds. */
export function fillCodes(db: Db, total = BENCH_CODES): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = countCodes(db); i < total; i++) {
      const n = String(i).padStart(6, '0');
      const record: CodeRecord = {
        id: `bench-${n}`,
        code: `BENCH${n}`,
        name: `Bench partner ${i % 997}`,
        description: `Generated partner offer ${n} for the search benchmarks`,
        status: 'active',
        benefit:
          i % 2
            ? { type: 'percentage', percent: 500 + (i % 20) * 100 }
            : { type: 'fixed_order', amount: 100 + (i % 50) * 10 },
        rules: i % 3 === 0 ? { minSpend: 5000 } : {},
        version: 1,
        parentId: null,
        offlinePolicy: 'best_effort',
        createdAt: now,
        updatedAt: now,
      };
      upsertCode(db, record);
    }
  })();
}
