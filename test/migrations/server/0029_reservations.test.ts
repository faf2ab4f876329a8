import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const PERFORMANCE = '00000000-0000-7000-8000-00000000b001';

describe.each(backends)('0029_reservations (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const reservation = (
    id: string,
    reference: string,
    fields: { status?: string; closedAt?: string | null } = {},
  ) =>
    q(
      `INSERT INTO pos_reservations (id, org_id, terminal_id, mutation_id, reference, staff_id, customer_name,
         customer_phone, currency, total, lines, expires_at, created_at, status, closed_at)
       VALUES ($1, $2, $3, gen_random_uuid(), $4, 'staff-1', 'Ada', '+44 1', 'EUR', 8000, '[]',
         '2026-12-06T18:00:00Z', '2026-12-06T10:00:00Z', $5, $6)`,
      [id, ORG, TERMINAL, reference, fields.status ?? 'held', fields.closedAt ?? null],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 29));
    await seedTerminal(database.db);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps one reference per organisation and an end exactly when the hold is no longer held', async () => {
    await reservation('00000000-0000-7000-8000-00000000c001', 'R-AAAAAAA');
    await expect(reservation('00000000-0000-7000-8000-00000000c002', 'R-AAAAAAA')).rejects.toThrow(
      /duplicate key|unique/i,
    );
    await expect(
      reservation('00000000-0000-7000-8000-00000000c003', 'R-BBBBBBB', { status: 'expired' }),
    ).rejects.toThrow(/check/i);
    await expect(
      reservation('00000000-0000-7000-8000-00000000c004', 'R-CCCCCCC', { closedAt: '2026-12-06T11:00:00Z' }),
    ).rejects.toThrow(/check/i);
    await reservation('00000000-0000-7000-8000-00000000c005', 'R-DDDDDDD', {
      status: 'cancelled',
      closedAt: '2026-12-06T11:00:00Z',
    });
    await expect(
      reservation('00000000-0000-7000-8000-00000000c006', 'R-EEEEEEE', {
        status: 'lost',
        closedAt: '2026-12-06T11:00:00Z',
      }),
    ).rejects.toThrow(/check/i);
  });

  it('counts held units per performance only for a reservation it has', async () => {
    await reservation('00000000-0000-7000-8000-00000000c001', 'R-AAAAAAA');
    const units = (reservationId: string, n: number) =>
      q('INSERT INTO pos_reservation_units (reservation_id, performance_id, units) VALUES ($1, $2, $3)', [
        reservationId,
        PERFORMANCE,
        n,
      ]);
    await units('00000000-0000-7000-8000-00000000c001', 2);
    await expect(units('00000000-0000-7000-8000-00000000c001', 1)).rejects.toThrow(/duplicate key|unique/i);
    await expect(units('00000000-0000-7000-8000-00000000c0ff', 1)).rejects.toThrow(/foreign key/i);
    await expect(
      q('UPDATE pos_reservation_units SET units = 0 WHERE reservation_id = $1', [
        '00000000-0000-7000-8000-00000000c001',
      ]),
    ).rejects.toThrow(/check/i);
  });
});
