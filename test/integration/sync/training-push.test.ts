import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { salePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';
import { newPerformance } from '../../helpers/till';

// docs/CASH.md "Training mode": a terminal never pushes a training sale; one that reaches the server all
// the same (a faulty or tampered terminal) is quarantined whole and counts nowhere.

describe.each(backends)('a pushed training sale (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let till: Till;
  let performanceId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    const hall = await seedHall(org);
    performanceId = await newPerformance(org, hall.eventId, 10);
    till = await openTill(org, server.url, hall.venueId, org.managerId);
  });
  afterAll(async () => {
    await server.close();
  });

  const count = async (sql: string) => (await db.query<{ n: number }>(sql, [till.id]))[0]?.n;

  it('is quarantined with TRAINING_SALE, and leaves no sale, ticket or sold seat behind', async () => {
    expect((await pushTill(till)).status).toBe(200);
    const sale = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      lines: [{ kind: 'ticket', performanceId, qty: 2, unitPrice: 2500 }],
    });
    const entry = till.box.append('sale', { ...sale, sale: { ...sale.sale, training: 1 } });
    const reply = await pushTill(till, [entry]);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.results).toEqual([
      expect.objectContaining({ status: 'quarantined', reason: 'TRAINING_SALE' }),
    ]);
    expect(await count('SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM tickets WHERE terminal_id = $1')).toBe(0);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM pos_sale_escrow e JOIN pos_sales s ON s.id = e.sale_id WHERE s.terminal_id = $1',
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM quarantined_mutations WHERE terminal_id = $1 AND type = 'sale'",
      ),
    ).toBe(1);
  });
});
