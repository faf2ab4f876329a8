import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0016_door_entries', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(16);
  });
  afterEach(() => m.close());

  it('makes strict tables for the entry log and the open door', () => {
    expect(strictTables(m.db, ['door_entries', 'door_state'])).toEqual({ door_entries: 1, door_state: 1 });
  });

  it('admits a ticket once, from a named door, decided online or offline only', () => {
    const insert = m.db.prepare(
      `INSERT INTO door_entries (id, ticket_id, performance_id, door, staff_id, at, source)
       VALUES (?, ?, 'perf-1', ?, 'staff-1', '2026-12-05T18:00:00.000Z', ?)`,
    );
    insert.run('e1', 't1', 'North', 'offline');
    insert.run('e2', 't2', 'South', 'online');
    expect(() => insert.run('e3', 't1', 'South', 'online')).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run('e4', 't4', 'North', 'guessed')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('e5', 't5', '', 'offline')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('e6', 't6', 'x'.repeat(61), 'offline')).toThrow(/CHECK constraint failed/);
  });

  it('keeps one open door whose performances are a JSON array', () => {
    const insert = m.db.prepare(
      `INSERT INTO door_state (id, door, performance_ids, opened_by, opened_at)
       VALUES (?, 'North', ?, 'staff-1', '2026-12-05T17:00:00.000Z')`,
    );
    expect(() => insert.run(1, '{"a":1}')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(1, 'not json')).toThrow(/CHECK constraint failed/);
    insert.run(1, '["perf-1"]');
    expect(() => insert.run(2, '["perf-2"]')).toThrow(/CHECK constraint failed/);
  });
});
