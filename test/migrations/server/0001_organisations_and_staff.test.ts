import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

const ORG = '00000000-0000-7000-8000-000000000001';

describe.each(backends)('0001_organisations_and_staff (%s)', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 1));
    await database.db.query('INSERT INTO organisations (id, name) VALUES ($1, $2)', [ORG, 'Org']);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps staff emails unique regardless of case', async () => {
    const insert = (id: string, email: string) =>
      database.db.query(
        "INSERT INTO staff (id, org_id, name, email, role_id) VALUES ($1, $2, 'n', $3, 'seller')",
        [id, ORG, email],
      );
    await insert('00000000-0000-7000-8000-000000000002', 'a@example.test');
    await expect(insert('00000000-0000-7000-8000-000000000003', 'A@EXAMPLE.TEST')).rejects.toThrow(
      /staff_email/,
    );
  });

  it('refuses a venue currency that is not three capital letters', async () => {
    await expect(
      database.db.query(
        "INSERT INTO venues (id, org_id, name, currency, timezone) VALUES ($1, $2, 'v', 'eur', 'UTC')",
        ['00000000-0000-7000-8000-000000000004', ORG],
      ),
    ).rejects.toThrow(/currency/);
  });

  it('refuses a role id with capitals or spaces', async () => {
    await expect(
      database.db.query(
        "INSERT INTO roles (org_id, id, name, permissions, ceiling_percent, ceiling_amount) VALUES ($1, 'Box Office', 'x', '[]', 0, 0)",
        [ORG],
      ),
    ).rejects.toThrow(/roles_id_check/);
  });
});
