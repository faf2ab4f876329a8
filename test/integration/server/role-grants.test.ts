import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedOrganisation,
  signInAs,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

const role = (id: string, percent: number, amount: number, permissions = ['sell', 'discount.custom']) => ({
  id,
  name: id,
  permissions,
  customDiscountCeiling: { percent, amount },
});

/** A PUT body: the id is in the path. */
const edit = (percent: number, amount: number) => {
  const { id: _id, ...body } = role('edited', percent, amount);
  return body;
};

describe.each(backends)('granting roles up to your own limits (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let staffer: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Grants');
    // A staff manager who may give 10 % or 5.00 of ad-hoc discount alone, and sells offline as the
    // built-in seller does (or could not hand that role out: nobody grants more than they hold).
    const staffRole = role('staffer', 1000, 500, ['sell', 'sell.offline', 'discount.custom', 'staff.manage']);
    expect((await org.api.post('/v1/roles', staffRole)).status).toBe(201);
    expect((await org.api.post('/v1/roles', role('bigseller', 5000, 5000))).status).toBe(201);
    staffer = (await signInAs(org.api, server.url, 'staffer')).api;
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a new role whose discount ceiling is above the creator’s own', async () => {
    const percent = await staffer.post<{ message: string }>('/v1/roles', role('wide', 5000, 500));
    expect(percent.status).toBe(403);
    expect(percent.body).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect(percent.body.message).toContain('50 % (yours is 10 %)');
    const amount = await staffer.post('/v1/roles', role('deep', 1000, 100_000));
    expect(amount.status).toBe(403);
    expect(amount.body).toMatchObject({ reason: 'FORBIDDEN' });
    expect((await staffer.post('/v1/roles', role('equal', 1000, 500))).status).toBe(201);
  });

  it('refuses raising a role’s ceiling, or editing a role above the editor, on edit', async () => {
    expect((await staffer.post('/v1/roles', role('modest', 500, 200))).status).toBe(201);
    const raised = await staffer.put('/v1/roles/modest', edit(500, 900));
    expect(raised.status).toBe(403);
    const lowered = await staffer.put('/v1/roles/bigseller', edit(100, 100));
    expect(lowered.status).toBe(403);
    expect(lowered.body).toMatchObject({ reason: 'FORBIDDEN' });
  });

  it('refuses giving staff a role whose ceiling is above the granter’s own', async () => {
    const created = await staffer.post('/v1/staff', { name: 'Big', roleId: 'bigseller' });
    expect(created.status).toBe(403);
    expect(created.body).toMatchObject({ reason: 'FORBIDDEN' });
    const mine = await staffer.post<{ id: string }>('/v1/staff', { name: 'Small', roleId: 'seller' });
    expect(mine.status).toBe(201);
    const promoted = await staffer.patch(`/v1/staff/${mine.body.id}`, { roleId: 'bigseller' });
    expect(promoted.status).toBe(403);
    // The manager, whose limits are higher, may.
    expect((await org.api.patch(`/v1/staff/${mine.body.id}`, { roleId: 'bigseller' })).status).toBe(200);
  });
});
