import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: VENUE } = SEEDED;
const EVENT = '00000000-0000-7000-8000-0000000000e1';

describe.each(backends)('0022_event_ticket_layouts (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 21));
    await seedTerminal(database.db);
    await q(`INSERT INTO events (id, org_id, venue_id, name) VALUES ($1, $2, $3, 'Hamlet')`, [
      EVENT,
      ORG,
      VENUE,
    ]);
    await migrate(database.db, loadMigrations().slice(0, 22));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves an existing event on the default layout, and stores a layout only as a JSON object', async () => {
    expect(await q('SELECT name, ticket_layout FROM events')).toEqual([
      { name: 'Hamlet', ticket_layout: null },
    ]);
    const layout = { fields: ['venue'], logo: null, freeText: ['No re-entry'] };
    await q('UPDATE events SET ticket_layout = $1::jsonb WHERE id = $2', [JSON.stringify(layout), EVENT]);
    expect(await q('SELECT ticket_layout FROM events')).toEqual([{ ticket_layout: layout }]);
    await expect(q(`UPDATE events SET ticket_layout = '["venue"]'::jsonb`)).rejects.toThrow(/check/i);
    await q('UPDATE events SET ticket_layout = NULL');
  });
});
