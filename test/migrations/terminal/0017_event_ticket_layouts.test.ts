import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0017_event_ticket_layouts', () => {
  let m: ReturnType<typeof migratedTo>;
  const setLayout = (eventId: string, layout: string) =>
    m.db.prepare('INSERT INTO event_ticket_layouts (event_id, layout) VALUES (?, ?)').run(eventId, layout);
  beforeEach(() => {
    m = migratedTo(16);
    m.db
      .prepare(`INSERT INTO venues (id, name, currency, timezone) VALUES ('v1', 'Hall', 'EUR', 'UTC')`)
      .run();
    m.db.prepare(`INSERT INTO events (id, venue_id, name) VALUES ('e1', 'v1', 'Hamlet')`).run();
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 17),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps the events, holds one JSON object per event, and drops it with its event', () => {
    expect(m.db.prepare('SELECT id, name FROM events').all()).toEqual([{ id: 'e1', name: 'Hamlet' }]);
    expect(strictTables(m.db, ['event_ticket_layouts'])).toEqual({ event_ticket_layouts: 1 });
    setLayout('e1', '{"fields":[],"logo":null,"freeText":[]}');
    expect(() => setLayout('e1', '{}')).toThrow(/UNIQUE constraint failed/);
    expect(() => setLayout('e2', '{}')).toThrow(/FOREIGN KEY constraint failed/);
    m.db.prepare('DELETE FROM event_ticket_layouts').run();
    expect(() => setLayout('e1', '[1]')).toThrow(/CHECK constraint failed/);
    expect(() => setLayout('e1', 'not json')).toThrow(/CHECK constraint failed|malformed JSON/);
    setLayout('e1', '{}');
    m.db.prepare(`DELETE FROM events WHERE id = 'e1'`).run();
    expect(m.db.prepare('SELECT count(*) AS n FROM event_ticket_layouts').get()).toEqual({ n: 0 });
  });
});
