import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertPrintJobs, type NewPrintJob } from '../../../src-main/db/repos/print-repo';
import { migratedTo, strictTables } from '../helpers';

describe('0006_print_queue', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(6);
  });
  afterEach(() => m.close());

  const job = (id: string, over: Partial<NewPrintJob> = {}): NewPrintJob => ({
    id,
    kind: 'sale',
    refId: 'sale-1',
    copyNo: 1,
    copies: 1,
    duplicate: 0,
    document: 'RECEIPT',
    cpl: 48,
    createdAt: '2026-11-21T10:00:00.000Z',
    ...over,
  });
  const insertRaw = (values: string) =>
    m.db.exec(
      `INSERT INTO print_jobs (id, kind, ref_id, copy_no, copies, duplicate, document, cpl, state, created_at) VALUES ${values}`,
    );

  it('creates printer_settings and print_jobs as STRICT tables', () => {
    expect(strictTables(m.db, ['printer_settings', 'print_jobs'])).toEqual({
      printer_settings: 1,
      print_jobs: 1,
    });
  });

  it('keeps one settings row and refuses a network printer without a host', () => {
    const insert = (id: number, output: string, host: string | null) =>
      m.db
        .prepare(
          `INSERT INTO printer_settings (id, output, host, port, paper_width, language, copies, updated_at) VALUES (?, ?, ?, 9100, 80, 'en', 1, 'now')`,
        )
        .run(id, output, host);
    expect(() => insert(1, 'network', null)).toThrow(/CHECK constraint failed/);
    expect(() => insert(2, 'none', null)).toThrow(/CHECK constraint failed/);
    expect(() => insert(1, 'network', '192.168.1.50')).not.toThrow();
  });

  it('refuses a paper width, a copy count or a state it does not know', () => {
    expect(() =>
      m.db
        .prepare(
          `INSERT INTO printer_settings (id, output, host, port, paper_width, language, copies, updated_at) VALUES (1, 'none', NULL, 9100, 70, 'en', 1, 'now')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      m.db
        .prepare(
          `INSERT INTO printer_settings (id, output, host, port, paper_width, language, copies, updated_at) VALUES (1, 'none', NULL, 9100, 58, 'en', 4, 'now')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() => insertRaw(`('j1', 'sale', 's', 1, 1, 0, 'doc', 48, 'lost', 'now')`)).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('allows one original per document and copy but any number of reprints', () => {
    insertRaw(`('j1', 'sale', 's', 1, 1, 0, 'doc', 48, 'queued', 'now')`);
    expect(() => insertRaw(`('j2', 'sale', 's', 1, 1, 0, 'doc', 48, 'queued', 'now')`)).toThrow(
      /UNIQUE constraint failed/,
    );
    expect(() =>
      insertRaw(
        `('j3', 'sale', 's', 1, 1, 1, 'doc', 48, 'queued', 'now'), ('j4', 'sale', 's', 1, 1, 1, 'doc', 48, 'queued', 'now')`,
      ),
    ).not.toThrow();
  });

  it('returns the queued original instead of adding a second one when a document is enqueued twice', () => {
    const [first] = insertPrintJobs(m.db, [job('a')]);
    const [again] = insertPrintJobs(m.db, [job('b')]);
    expect(again?.id).toBe(first?.id);
    expect(m.db.prepare('SELECT count(*) AS n FROM print_jobs').get()).toEqual({ n: 1 });
  });
});
