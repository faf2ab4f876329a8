import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: VENUE } = SEEDED;
const MAP = '00000000-0000-7000-8000-00000000d001';
const SECTION = '00000000-0000-7000-8000-00000000d002';
const SEAT = '00000000-0000-7000-8000-00000000d003';
const EVENT = '00000000-0000-7000-8000-00000000d004';
const PERFORMANCE = '00000000-0000-7000-8000-00000000d005';

describe.each(backends)('0030_seating (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 29));
    await seedTerminal(database.db);
    await q(`INSERT INTO events (id, org_id, venue_id, name) VALUES ($1, $2, $3, 'Play')`, [
      EVENT,
      ORG,
      VENUE,
    ]);
    await q(
      `INSERT INTO performances (id, org_id, event_id, starts_at, capacity, status)
       VALUES ($1, $2, $3, '2026-12-24T19:30:00Z', 100, 'on_sale')`,
      [PERFORMANCE, ORG, EVENT],
    );
    await migrate(database.db, loadMigrations().slice(0, 30));
    await q(
      `INSERT INTO seat_maps (id, org_id, venue_id, name, bands) VALUES ($1, $2, $3, 'Main', '["A"]')`,
      [MAP, ORG, VENUE],
    );
    await q(
      `INSERT INTO seat_sections (id, map_id, position, name, kind) VALUES ($1, $2, 0, 'Stalls', 'seated')`,
      [SECTION, MAP],
    );
    await q(
      `INSERT INTO seats (id, map_id, section_id, row_label, seat_label, x, y, band)
       VALUES ($1, $2, $3, 'B', '12', 10.5, 20, 'A')`,
      [SEAT, MAP, SECTION],
    );
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps existing performances unseated and one seat per section, row and label', async () => {
    const rows = await q('SELECT seat_map_id FROM performances WHERE id = $1', [PERFORMANCE]);
    expect(rows).toEqual([{ seat_map_id: null }]);
    await expect(
      q(
        `INSERT INTO seats (id, map_id, section_id, row_label, seat_label, x, y, band)
         VALUES (gen_random_uuid(), $1, $2, 'B', '12', 0, 0, 'A')`,
        [MAP, SECTION],
      ),
    ).rejects.toThrow(/duplicate key|unique/i);
    // A GA area needs both its capacity and its band.
    await expect(
      q(
        `INSERT INTO seat_sections (id, map_id, position, name, kind, capacity) VALUES (gen_random_uuid(), $1, 1, 'Floor', 'ga', 50)`,
        [MAP],
      ),
    ).rejects.toThrow(/check/i);
  });

  it('gives each state exactly the owner it needs', async () => {
    const seat = (fields: string, values: string) =>
      q(
        `INSERT INTO performance_seats (performance_id, seat_id, org_id${fields}) VALUES ($1, $2, $3${values})`,
        [PERFORMANCE, SEAT, ORG],
      );
    await expect(seat(', state', ", 'leased'")).rejects.toThrow(/check/i);
    await expect(seat(', state, holder', ", 'sold', 'till'")).rejects.toThrow(/check/i);
    await expect(seat(', state, holder', ", 'lost', 'till'")).rejects.toThrow(/check/i);
    await seat(', state, holder, cart_id', ", 'cart', 'till', 'cart-1'");
    await expect(seat('', '')).rejects.toThrow(/duplicate key|unique/i);
    const rows = await q('SELECT state, change_pos FROM performance_seats');
    expect(rows).toEqual([{ state: 'cart', change_pos: 0 }]);
  });

  it('accepts a seat_not_held review item', async () => {
    await q(
      `INSERT INTO review_items (id, org_id, kind, summary) VALUES (gen_random_uuid(), $1, 'seat_not_held', 'x')`,
      [ORG],
    );
    await expect(
      q(
        `INSERT INTO review_items (id, org_id, kind, summary) VALUES (gen_random_uuid(), $1, 'seat_lost', 'x')`,
        [ORG],
      ),
    ).rejects.toThrow(/check/i);
  });
});
