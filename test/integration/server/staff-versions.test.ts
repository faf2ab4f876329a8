import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionConflictMessage } from '../../../shared/server-api/version-conflict';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

// Two managers, one person or role: an edit made from a stale copy is refused with 409 VERSION_CONFLICT
// (docs/BACKOFFICE.md "Two managers, one record"); one sent without a version updates as before.

interface Versioned {
  id: string;
  name: string;
  version?: number;
  builtIn?: boolean;
}

describe.each(backends)('versions of staff and roles (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Versions');
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a stale edit of a staff member and keeps the newer one', async () => {
    const created = await org.api.post<Versioned>('/v1/staff', { name: 'Ada', roleId: 'seller' });
    expect(created.body.version).toBe(1);
    const first = await org.api.patch<Versioned>(`/v1/staff/${created.body.id}`, {
      name: 'Ada L.',
      expectedVersion: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: 'Ada L.', version: 2 });

    const stale = await org.api.patch<{ reason: string; message: string }>(`/v1/staff/${created.body.id}`, {
      name: 'Ada Lovelace',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      ok: false,
      reason: 'VERSION_CONFLICT',
      message: versionConflictMessage('staff member', 2),
    });
    const now = await org.api.get<Versioned>(`/v1/staff/${created.body.id}`);
    expect(now.body).toMatchObject({ name: 'Ada L.', version: 2 });
    const listed = await org.api.get<{ items: Versioned[] }>('/v1/staff?q=Ada');
    expect(listed.body.items[0]?.version).toBe(2);

    // Deactivating (DELETE) and a script's PATCH without a version still go through, each a new version.
    expect((await org.api.delete<Versioned>(`/v1/staff/${created.body.id}`)).body.version).toBe(3);
    const script = await org.api.patch<Versioned>(`/v1/staff/${created.body.id}`, { active: true });
    expect(script.body.version).toBe(4);
  });

  it('refuses a stale edit of a custom role; built-in roles carry no version', async () => {
    const role = {
      name: 'Desk',
      permissions: ['sell'],
      customDiscountCeiling: { percent: 500, amount: 200 },
    };
    const created = await org.api.post<Versioned>('/v1/roles', { id: 'desk', ...role });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const renamed = await org.api.put<Versioned>('/v1/roles/desk', {
      ...role,
      name: 'Front desk',
      expectedVersion: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Front desk', version: 2 });

    const stale = await org.api.put<{ reason: string; message: string }>('/v1/roles/desk', {
      ...role,
      name: 'Box office desk',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('VERSION_CONFLICT');
    expect(stale.body.message).toBe(versionConflictMessage('role', 2));

    const roles = await org.api.get<Versioned[]>('/v1/roles');
    expect(roles.body.find((r) => r.id === 'desk')).toMatchObject({ name: 'Front desk', version: 2 });
    expect(roles.body.find((r) => r.id === 'seller')).toMatchObject({ builtIn: true });
    expect(roles.body.find((r) => r.id === 'seller')?.version).toBeUndefined();
  });
});
