import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0007_sync', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(7);
  });
  afterEach(() => m.close());

  const run = (sql: string) => () => m.db.exec(sql);
  const lease = (id: string, values: string) =>
    `INSERT INTO leases (id, counter, request_id, epoch, granted, server_status, expires_at, used, status)
     VALUES ('${id}', 'code_uses:c1', 'r-${id}', 1, ${values})`;

  it('creates every sync table as STRICT', () => {
    const names = [
      'sync_state',
      'leases',
      'lease_requests',
      'code_usage',
      'code_children',
      'sale_escrow',
      'redemption_sync',
      'sync_seen',
    ];
    expect(strictTables(m.db, names)).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
  });

  it('keeps one sync_state row in a known state', () => {
    const insert = (id: number, state: string) =>
      run(`INSERT INTO sync_state (id, terminal_id, terminal_name, epoch, device_token, venue_id, state, clock_high_water, enrolled_at)
           VALUES (${id}, 't', 'Box 1', 1, 'token', 'v', '${state}', 0, 'now')`);
    expect(insert(1, 'enrolled')).not.toThrow();
    expect(insert(2, 'enrolled')).toThrow(/CHECK constraint failed/);
    expect(run(`UPDATE sync_state SET state = 'lost'`)).toThrow(/CHECK constraint failed/);
    expect(run(`UPDATE sync_state SET state = 'restore_detected', epoch = 2`)).not.toThrow();
  });

  it('never lets a lease spend more than it was granted, nor below zero', () => {
    expect(run(lease('a', `3, 'active', '2026-01-02T04:00:00.000Z', 3, 'active'`))).not.toThrow();
    expect(run(lease('b', `3, 'active', '2026-01-02T04:00:00.000Z', 4, 'active'`))).toThrow(
      /CHECK constraint failed/,
    );
    expect(run(`UPDATE leases SET used = -1 WHERE id = 'a'`)).toThrow(/CHECK constraint failed/);
    expect(run(lease('c', `3, 'active', '2026-01-02T04:00:00.000Z', 0, 'spent'`))).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('holds one pending acquire per counter and reuses no request id', () => {
    const request = (id: string, counter: string) =>
      run(
        `INSERT INTO lease_requests (request_id, counter, want, epoch, created_at) VALUES ('${id}', '${counter}', 5, 1, 'now')`,
      );
    expect(request('r1', 'capacity:p1')).not.toThrow();
    expect(request('r2', 'capacity:p1')).toThrow(/UNIQUE constraint failed/);
    expect(request('r1', 'capacity:p2')).toThrow(/UNIQUE constraint failed/);
  });

  it('ties escrow rows to a sale and gives back no more than was taken', () => {
    expect(
      run(
        `INSERT INTO sale_escrow (sale_id, counter, lease_id, units) VALUES ('no-such-sale', 'capacity:p', NULL, 1)`,
      ),
    ).toThrow(/FOREIGN KEY constraint failed/);
    m.db.exec(`PRAGMA foreign_keys = OFF`);
    m.db.exec(
      `INSERT INTO sale_escrow (sale_id, counter, lease_id, units) VALUES ('s', 'capacity:p', NULL, 2)`,
    );
    expect(run(`UPDATE sale_escrow SET given_back = 3`)).toThrow(/CHECK constraint failed/);
    expect(run(`UPDATE sale_escrow SET given_back = 2`)).not.toThrow();
  });
});
