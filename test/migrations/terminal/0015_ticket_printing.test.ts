import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0015_ticket_printing', () => {
  let m: ReturnType<typeof migratedTo>;
  const job = (id: string, kind: string, state = 'queued') =>
    m.db
      .prepare(
        `INSERT INTO print_jobs (id, kind, ref_id, copy_no, copies, duplicate, document, cpl, state, created_at)
         VALUES (?, ?, 's1', 1, 1, 0, 'doc', 48, ?, '2026-01-01T00:00:00.000Z')`,
      )
      .run(id, kind, state);
  beforeEach(() => {
    m = migratedTo(14);
    m.db
      .prepare(
        `INSERT INTO printer_settings (id, output, host, port, paper_width, language, copies, system_printer, updated_at)
         VALUES (1, 'network', '10.0.0.9', 9100, 80, 'de', 2, NULL, '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    job('j1', 'sale', 'done');
    job('j2', 'refund');
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 15),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps every job and setting, and prints the receipt first on a terminal that said nothing', () => {
    expect(m.db.prepare('SELECT id, kind, state FROM print_jobs ORDER BY seq').all()).toEqual([
      { id: 'j1', kind: 'sale', state: 'done' },
      { id: 'j2', kind: 'refund', state: 'queued' },
    ]);
    expect(m.db.prepare('SELECT copies, language, ticket_order FROM printer_settings').get()).toEqual({
      copies: 2,
      language: 'de',
      ticket_order: 'receipt_first',
    });
    expect(strictTables(m.db, ['print_jobs'])).toEqual({ print_jobs: 1 });
  });

  it('takes a tickets job once per sale, and only the three orders', () => {
    job('j3', 'tickets');
    expect(() => job('j4', 'tickets')).toThrow(/UNIQUE constraint failed/);
    expect(() => job('j5', 'badge')).toThrow(/CHECK constraint failed/);
    expect(() => m.db.prepare(`UPDATE printer_settings SET ticket_order = 'random'`).run()).toThrow(
      /CHECK constraint failed/,
    );
    m.db.prepare(`UPDATE printer_settings SET ticket_order = 'tickets_first'`).run();
    m.db.prepare(`UPDATE printer_settings SET ticket_order = 'receipt_only'`).run();
  });
});
