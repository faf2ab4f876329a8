import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0014_ticket_trust', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(14);
  });
  afterEach(() => m.close());

  it('makes strict tables for the pulled ticket keys and revocations', () => {
    expect(strictTables(m.db, ['ticket_keys', 'ticket_revocations'])).toEqual({
      ticket_keys: 1,
      ticket_revocations: 1,
    });
  });

  it('holds a key under its 16-hex-digit id, and refuses another id', () => {
    const insert = m.db.prepare(
      "INSERT INTO ticket_keys (key_id, public_key, terminal_id, revoked_at) VALUES (?, 'pk', 't1', NULL)",
    );
    insert.run('0123456789abcdef');
    expect(() => insert.run('0123456789ABCDEF')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('0123')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('0123456789abcdef')).toThrow(/UNIQUE constraint failed/);
  });

  it('holds one revocation per ticket, void or reissued only', () => {
    const insert = m.db.prepare(
      "INSERT INTO ticket_revocations (ticket_id, status, changed_at) VALUES (?, ?, '2026-12-05T10:00:00.000Z')",
    );
    insert.run('t1', 'void');
    insert.run('t2', 'reissued');
    expect(() => insert.run('t3', 'valid')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('t1', 'reissued')).toThrow(/UNIQUE constraint failed/);
  });
});
