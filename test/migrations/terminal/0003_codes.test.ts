import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0003_codes', () => {
  let m: ReturnType<typeof migratedTo>;
  const insert = (id: string, code: string, name: string, description = '') =>
    m.db
      .prepare(
        "INSERT INTO codes (id, code, version, status, name, description, definition, updated_at) VALUES (?, ?, 1, 'active', ?, ?, '{}', 'now')",
      )
      .run(id, code, name, description);
  const search = (q: string) =>
    (
      m.db
        .prepare(
          'SELECT c.code FROM codes_search s JOIN codes c ON c.rowid = s.rowid WHERE codes_search MATCH ? ORDER BY c.code',
        )
        .all(`"${q}"`) as {
        code: string;
      }[]
    ).map((r) => r.code);

  beforeEach(() => {
    m = migratedTo(3);
  });
  afterEach(() => m.close());

  it('creates codes and code_versions as STRICT tables', () => {
    expect(strictTables(m.db, ['codes', 'code_versions'])).toEqual({ codes: 1, code_versions: 1 });
  });

  it('keeps code strings unique', () => {
    insert('a', 'SUMMER20', 'Summer');
    expect(() => insert('b', 'SUMMER20', 'Other')).toThrow(/UNIQUE constraint failed/);
  });

  it('finds substrings of code, name and description in any case, and follows updates and deletes', () => {
    insert('a', 'SUMMER20', 'Summer sale', 'twenty percent');
    insert('b', 'WINTER10', 'Winter sale', 'ten percent off');
    expect(search('mmer')).toEqual(['SUMMER20']);
    expect(search('SALE')).toEqual(['SUMMER20', 'WINTER10']);
    expect(search('ten perc')).toEqual(['WINTER10']);
    m.db.prepare("UPDATE codes SET name = 'Frost deal' WHERE id = 'b'").run();
    expect(search('sale')).toEqual(['SUMMER20']);
    m.db.prepare("DELETE FROM codes WHERE id = 'a'").run();
    expect(search('mmer')).toEqual([]);
  });
});
