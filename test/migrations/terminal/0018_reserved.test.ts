import { describe, expect, it } from 'vitest';
import { migratedTo } from '../helpers';

// 0018 is a placeholder for the change that owns the number (see the migration); it changes nothing.
describe('0018_reserved', () => {
  it('leaves the schema as 0017 made it', () => {
    const before = migratedTo(17);
    const after = migratedTo(18);
    const schema = (m: typeof before) =>
      m.db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    try {
      expect(schema(after)).toEqual(schema(before));
    } finally {
      before.close();
      after.close();
    }
  });
});
