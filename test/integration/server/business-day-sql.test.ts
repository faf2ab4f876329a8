import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateOf } from '../../../shared/business-day';
import { businessDateSql } from '../../../src-server/db/business-day';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

// The business day in SQL (src-server/db/business-day.ts) names every instant as businessDateOf does
// in TypeScript (shared/business-day.ts): the 04:00 turn, both nights the clocks change, and a zone far
// from UTC. A report grouped in SQL and a screen reckoning in TypeScript must never disagree.

describe.each(backends)('the business day in SQL (%s)', (backend) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await freshDatabase(backend, { migrated: false });
  }, 60_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('names each instant’s business day as businessDateOf does', async () => {
    const cases: [string, string][] = [
      ['2026-07-01T01:59:59Z', 'Europe/Berlin'],
      ['2026-07-01T02:00:00Z', 'Europe/Berlin'],
      ['2026-11-20T02:30:00Z', 'Europe/Berlin'],
      ['2026-11-20T03:30:00Z', 'Europe/Berlin'],
      // The night clocks go forward (02:00 → 03:00) and back (03:00 → 02:00) in Berlin.
      ['2026-03-29T01:30:00Z', 'Europe/Berlin'],
      ['2026-03-29T02:00:00Z', 'Europe/Berlin'],
      ['2026-10-25T01:30:00Z', 'Europe/Berlin'],
      ['2026-10-25T03:00:00Z', 'Europe/Berlin'],
      ['2026-12-07T03:59:59Z', 'UTC'],
      ['2026-12-07T04:00:00Z', 'UTC'],
      ['2026-12-07T13:00:00Z', 'Pacific/Kiritimati'],
      ['2026-12-07T13:00:00Z', 'America/Los_Angeles'],
    ];
    for (const [at, zone] of cases) {
      const [row] = await test.db.query<{ day: string }>(
        `SELECT ${businessDateSql('$1::timestamptz', '$2::text')} AS day`,
        [at, zone],
      );
      expect(row?.day, `${at} in ${zone}`).toBe(businessDateOf(new Date(at), zone));
    }
    expect(businessDateOf(new Date('2026-11-20T02:30:00Z'), 'Europe/Berlin')).toBe('2026-11-19');
    expect(businessDateOf(new Date('2026-10-25T03:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25');
  });
});
