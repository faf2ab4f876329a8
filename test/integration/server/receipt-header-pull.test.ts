import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

// The receipt header reaches terminals with their venue: a new header moves every venue to a new change
// position (so the next pull sends it), and saving the settings with the same header moves nothing.

describe.each(backends)('the receipt header and the venues terminals pull (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Header');
    for (const name of ['Main stage', 'Studio']) {
      await org.api.post('/v1/venues', { name, currency: 'EUR', timezone: 'Europe/Berlin' });
    }
  });
  afterAll(async () => {
    await server.close();
  });

  const positions = async () =>
    (
      await server.database.db.query<{ pos: string }>(
        'SELECT change_pos::text AS pos FROM venues WHERE org_id = $1 ORDER BY name',
        [org.organisationId],
      )
    ).map((r) => r.pos);
  const save = async (body: Record<string, unknown>) => {
    const current = await org.api.get<{ version: number }>('/v1/organisation');
    const saved = await org.api.patch('/v1/organisation', { ...body, expectedVersion: current.body.version });
    expect(saved.status).toBe(200);
  };

  it('moves every venue for a new header, and none for the same one or other settings', async () => {
    const start = await positions();
    await save({ receiptHeader: ['Header GmbH'] });
    const moved = await positions();
    expect(moved).toHaveLength(2);
    moved.forEach((pos, i) => expect(BigInt(pos)).toBeGreaterThan(BigInt(start[i] ?? '0')));
    await save({ receiptHeader: ['Header GmbH'], name: 'Header Theatre' });
    expect(await positions()).toEqual(moved);
    await save({ receiptHeader: ['Header GmbH', 'VAT DE1'] });
    expect((await positions())[0]).not.toBe(moved[0]);
  });
});
