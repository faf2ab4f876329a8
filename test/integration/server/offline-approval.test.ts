import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signApproval } from '../../../shared/sync/approval-proof';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Page } from '../../../shared/server-api/page';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { salePayload } from '../../helpers/sync-payloads';
import { createVenue, openTill, pushTill, type Till } from '../../helpers/sync-server';

// docs/CASH.md "Offline limits": a sale past the terminal's minutes offline carries the signed approval
// of the supervisor whose PIN let it go (kind 'offline'). The server honours it when the approver's
// role holds offline.approve; otherwise the sale is kept (the money was taken) and a review item says
// why, as for every other approval (docs/SECURITY.md "Overuse proof").

describe.each(backends)('offline approvals on push (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let supervisorId: string;
  let sellerId: string;

  const unproven = async (saleId: string) =>
    (
      await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=approval_unproven&limit=1000')
    ).body.items.filter((i) => (i.payload as { saleId?: string } | null)?.saleId === saleId);
  /** A 20.00 sale by the seller, let past the minutes offline by `approverId`, signed by the till. */
  const offlineSale = (till: Till, approverId: string) => {
    const sale = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: sellerId,
      lines: [{ kind: 'merch', qty: 1, unitPrice: 2000 }],
      signer: till.signer,
    });
    const approval = {
      id: randomUUID(),
      saleId: sale.sale.id,
      kind: 'offline' as const,
      approverId,
      reason: 'offline 95 min, limit 60',
      note: null,
      limits: '["OFFLINE_TOO_LONG"]',
      createdAt: sale.sale.createdAt,
    };
    sale.approvals.push(signApproval(approval, till.id, till.signer));
    return sale;
  };
  const stored = async (saleId: string) =>
    (
      await server.database.db.query<{ status: string; approvals: { kind: string }[] }>(
        `SELECT status, payload->'approvals' AS approvals FROM pos_sales WHERE id = $1`,
        [saleId],
      )
    )[0];

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
    venueId = await createVenue(org);
    supervisorId = (await signInAs(org.api, server.url, 'supervisor')).staffId;
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    // A server, an organisation and several scrypt hashes: slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('honours a supervisor’s offline approval, and sends a seller’s to review keeping the sale', async () => {
    const till = await openTill(org, server.url, venueId, sellerId);
    const bySupervisor = offlineSale(till, supervisorId);
    const bySeller = offlineSale(till, sellerId);
    const tampered = offlineSale(till, supervisorId);
    (tampered.approvals[0] as { reason: string }).reason = 'offline 5 min, limit 60';
    for (const s of [bySupervisor, bySeller, tampered]) till.box.append('sale', s);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(Array(4).fill('applied'));
    expect(reply.body.results[2]?.message).toMatch(/an unproven offline approval went to review/);

    expect(await unproven(bySupervisor.sale.id)).toEqual([]);
    for (const s of [bySupervisor, bySeller, tampered]) {
      expect(await stored(s.sale.id)).toMatchObject({
        status: 'completed',
        approvals: [{ kind: 'offline' }],
      });
    }
    const [item] = await unproven(bySeller.sale.id);
    expect(item).toMatchObject({ kind: 'approval_unproven', status: 'open', terminalId: till.id });
    expect(item?.summary).toMatch(
      /offline approval \(a sale past the terminal’s minutes without the server\) by staff .* has a role without offline\.approve/,
    );
    expect((await unproven(tampered.sale.id))[0]?.summary).toMatch(/its signature does not match/);
  });
});
