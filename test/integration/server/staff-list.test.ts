import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/server-api/page';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

interface Person {
  id: string;
  name: string;
  email: string | null;
  roleId: string;
  active: boolean;
}

/** GET /v1/staff pages like every other back-office list: filters, a page, and how many match. */
describe.each(backends)('the staff list (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  const list = async (query: string) => {
    const reply = await org.api.get<Page<Person>>(`/v1/staff?${query}`);
    expect(reply.status).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Listing');
    other = await seedOrganisation(server.database.db, server.url, 'Elsewhere');
    for (let i = 0; i < 12; i++) {
      const created = await org.api.post('/v1/staff', {
        name: `Seller ${String(i).padStart(2, '0')}`,
        roleId: 'seller',
        ...(i === 3 ? { email: 'ada_lovelace@example.test' } : {}),
      });
      expect(created.status).toBe(201);
    }
    await other.api.post('/v1/staff', { name: 'Seller from elsewhere', roleId: 'seller' });
    const sellers = await list('q=Seller&limit=100');
    const leaving = sellers.items.find((p) => p.name === 'Seller 11');
    expect((await org.api.delete(`/v1/staff/${leaving?.id}`)).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  it('pages by name and says how many match, only of its own organisation', async () => {
    const first = await list('q=seller&limit=5');
    expect(first).toMatchObject({ total: 12, limit: 5, offset: 0 });
    expect(first.items.map((p) => p.name)).toEqual([
      'Seller 00',
      'Seller 01',
      'Seller 02',
      'Seller 03',
      'Seller 04',
    ]);
    const last = await list('q=seller&limit=5&offset=10');
    expect(last.items.map((p) => p.name)).toEqual(['Seller 10', 'Seller 11']);
  });

  it('finds by part of the e-mail address, taking % and _ literally', async () => {
    expect((await list('q=LOVELACE')).items.map((p) => p.name)).toEqual(['Seller 03']);
    expect((await list('q=a_l')).total).toBe(1);
    expect((await list('q=%25')).total).toBe(0);
  });

  it('filters by role and by whether the person is active', async () => {
    expect((await list('roleId=seller&active=false')).items.map((p) => p.name)).toEqual(['Seller 11']);
    expect((await list('roleId=seller&active=true')).total).toBe(11);
    expect((await list('roleId=manager')).items.every((p) => p.roleId === 'manager')).toBe(true);
  });

  it('refuses a page size it would not serve', async () => {
    const reply = await org.api.get('/v1/staff?limit=5000');
    expect(reply.status).toBe(400);
  });
});
