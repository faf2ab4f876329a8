import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signApproval } from '../../../shared/sync/approval-proof';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { apiClient, seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { outbox, salePayload, shiftOpenPayload, type SaleSpec } from '../../helpers/sync-payloads';
import { createVenue, discountedSale, enrol, openTill, pushTill, type Till } from '../../helpers/sync-server';
import type { Page } from '../../../shared/server-api/page';

// docs/SECURITY.md "Overuse proof": a pushed approval is honoured only with the pushing terminal's
// signature and an approver allowed to give it; otherwise the sale is still applied, the approval is
// not honoured and a review item says why.

type Sale = ReturnType<typeof discountedSale>;

describe.each(backends)('approval proof on push (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let supervisorId: string;
  let otherSupervisorId: string;
  let sellerId: string;

  const newCode = async (code: string) =>
    (
      await org.api.post<{ id: string }>('/v1/codes', {
        code,
        name: code,
        benefit: { type: 'fixed_per_item', amount: 500 },
        rules: { maxUses: 1 },
      })
    ).body.id;
  /** A sale of one discounted item with `code`; with `approverId`, an overuse that approver granted. */
  const sale = (till: Till, codeId: string, approverId?: string, spec: Partial<SaleSpec> = {}): Sale =>
    discountedSale(till, sellerId, codeId, approverId, spec);
  const redemptionOf = async (s: Sale) =>
    (
      await db.query<{ overuse: boolean; grantedBy: string | null; reason: string | null }>(
        `SELECT overuse, overuse_granted_by AS "grantedBy", overuse_reason AS reason FROM redemptions
         WHERE order_id = $1`,
        [s.sale.id],
      )
    )[0];
  const unproven = async (s: Sale) =>
    (
      await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=approval_unproven&limit=1000')
    ).body.items.filter((i) => (i.payload as { saleId?: string } | null)?.saleId === s.sale.id);
  const usesOf = async (codeId: string) =>
    (await db.query<{ uses: number }>('SELECT uses FROM codes WHERE id = $1', [codeId]))[0]?.uses;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    venueId = await createVenue(org);
    supervisorId = (await signInAs(org.api, server.url, 'supervisor')).staffId;
    otherSupervisorId = (await signInAs(org.api, server.url, 'supervisor')).staffId;
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
  });
  afterAll(async () => {
    await server.close();
  });

  it('honours an overuse the terminal signed for a supervisor', async () => {
    const codeId = await newCode(`SIGNED${Date.now()}`);
    const till = await openTill(org, server.url, venueId, sellerId);
    till.box.append('sale', sale(till, codeId));
    const granted = sale(till, codeId, supervisorId);
    till.box.append('sale', granted);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await redemptionOf(granted)).toEqual({
      overuse: true,
      grantedBy: supervisorId,
      reason: 'Regular guest',
    });
    expect(await unproven(granted)).toEqual([]);
    expect(await usesOf(codeId)).toBe(2);
  });

  it('keeps tampered approvals’ sales but honours neither, sends each to review, and pushes on', async () => {
    const codeId = await newCode(`TAMPER${Date.now()}`);
    const till = await openTill(org, server.url, venueId, sellerId);
    till.box.append('sale', sale(till, codeId));
    // Changed after signing: the reason, and the approver swapped to another supervisor.
    const reworded = sale(till, codeId, supervisorId);
    (reworded.approvals[0] as { reason: string }).reason = 'Said the manager allowed it';
    const swapped = sale(till, codeId, supervisorId);
    (swapped.approvals[0] as { approverId: string }).approverId = otherSupervisorId;
    const behind = sale(till, codeId, supervisorId);
    const mutationOf = new Map([reworded, swapped, behind].map((s) => [s, till.box.append('sale', s)]));
    const reply = await pushTill(till);
    // Nothing quarantined, nothing stalled: the honest sale behind them is applied and honoured.
    expect(reply.body.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    expect(reply.body.results[2]?.message).toMatch(/an unproven overuse approval went to review/);
    for (const s of [reworded, swapped]) {
      const redemption = await redemptionOf(s);
      // Past the limit with no proven grant: an overuse nobody granted, awaiting review.
      expect(redemption).toMatchObject({ overuse: true, grantedBy: null });
      expect(redemption?.reason).toMatch(/awaiting review/);
      const [item] = await unproven(s);
      expect(item).toMatchObject({ kind: 'approval_unproven', status: 'open', terminalId: till.id });
      expect(item?.mutationId).toBe(mutationOf.get(s)?.mutationId);
      expect(item?.summary).toMatch(/approval could not be proven: its signature does not match/);
    }
    expect(await redemptionOf(behind)).toMatchObject({ overuse: true, grantedBy: supervisorId });
    expect(await usesOf(codeId)).toBe(4);
    const [item] = await unproven(reworded);
    const accepted = await org.api.post<ReviewItem>(`/v1/review-items/${item?.id}/accept`, {
      note: 'the supervisor confirms',
    });
    expect(accepted.body).toMatchObject({ status: 'accepted' });
  });

  it('does not honour an approval a seller gave, nor one from someone the server does not know', async () => {
    const codeId = await newCode(`ROLE${Date.now()}`);
    const till = await openTill(org, server.url, venueId, sellerId);
    till.box.append('sale', sale(till, codeId));
    const bySeller = sale(till, codeId, sellerId);
    const byStranger = sale(till, codeId, randomUUID());
    const custom = sale(till, codeId);
    custom.approvals.push(
      signApproval(
        {
          id: randomUUID(),
          saleId: custom.sale.id,
          kind: 'custom_discount' as const,
          approverId: sellerId,
          reason: 'friend of the house',
          note: null,
          limits: '[]',
          createdAt: custom.sale.createdAt,
        },
        till.id,
        till.signer,
      ),
    );
    for (const s of [bySeller, byStranger, custom]) till.box.append('sale', s);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    expect(await redemptionOf(bySeller)).toMatchObject({ overuse: true, grantedBy: null });
    expect((await unproven(bySeller))[0]?.summary).toMatch(/has a role without overuse\.grant/);
    expect(await redemptionOf(byStranger)).toMatchObject({ overuse: true, grantedBy: null });
    expect((await unproven(byStranger))[0]?.summary).toMatch(/is no active staff member of the organisation/);
    expect((await unproven(custom))[0]?.summary).toMatch(/custom discount approval.*without custom\.approve/);
  });

  it('does not honour approvals from a terminal that registered no key, or sent unsigned', async () => {
    const codeId = await newCode(`NOKEY${Date.now()}`);
    const old = await openTill(org, server.url, venueId, sellerId, { signingKey: false });
    old.box.append('sale', sale(old, codeId));
    const fromOld = sale(old, codeId, supervisorId);
    old.box.append('sale', fromOld);
    expect((await pushTill(old)).body.results.map((r) => r.status)).toEqual(Array(3).fill('applied'));
    expect(await redemptionOf(fromOld)).toMatchObject({ overuse: true, grantedBy: null });
    expect((await unproven(fromOld))[0]?.summary).toMatch(/registered no signing key/);

    const keyed = await openTill(org, server.url, venueId, sellerId);
    const unsigned = sale(keyed, codeId, supervisorId, { signer: undefined });
    keyed.box.append('sale', unsigned);
    expect((await pushTill(keyed)).body.results.map((r) => r.status)).toEqual(Array(2).fill('applied'));
    expect((await unproven(unsigned))[0]?.summary).toMatch(/sent it unsigned/);
    expect(await usesOf(codeId)).toBe(3);
  });

  it('registers a new key at re-enrolment and still verifies approvals signed under the earlier one', async () => {
    const codeId = await newCode(`EPOCH${Date.now()}`);
    const first = await openTill(org, server.url, venueId, sellerId);
    await db.query("UPDATE terminals SET state = 'restore_detected' WHERE id = $1", [first.id]);
    const again = await enrol(org, server.url, venueId, first.id);
    expect(again.epoch).toBe(2);
    const keys = await db.query<{ epoch: number; publicKey: string }>(
      'SELECT epoch, public_key AS "publicKey" FROM terminal_signing_keys WHERE terminal_id = $1 ORDER BY epoch',
      [first.id],
    );
    expect(keys.map((k) => k.epoch)).toEqual([1, 2]);
    expect(keys[0]?.publicKey).not.toBe(keys[1]?.publicKey);

    const box = outbox();
    const open = shiftOpenPayload(first.id, sellerId);
    box.append('shift.open', open);
    const till: Till = {
      id: first.id,
      epoch: again.epoch,
      api: apiClient(server.url, again.deviceToken),
      box,
      shiftId: open.id,
      signer: again.signer,
    };
    till.box.append('sale', sale(till, codeId));
    const signedBefore = sale(till, codeId, supervisorId, { signer: first.signer });
    const signedAfter = sale(till, codeId, supervisorId);
    till.box.append('sale', signedBefore);
    till.box.append('sale', signedAfter);
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(Array(4).fill('applied'));
    expect(await redemptionOf(signedBefore)).toMatchObject({ grantedBy: supervisorId });
    expect(await redemptionOf(signedAfter)).toMatchObject({ grantedBy: supervisorId });
  });

  it('sends a sale with comped units and no comp approval at all to review, keeping it', async () => {
    const till = await openTill(org, server.url, venueId, sellerId);
    /** Two 20.00 items, the second given away as "Press"; with `approverId`, its signed comp approval. */
    const comped = (approverId?: string) => {
      const s = salePayload({
        terminalId: till.id,
        shiftId: till.shiftId,
        cashierId: sellerId,
        lines: [{ kind: 'merch', qty: 2, unitPrice: 2000 }],
        signer: till.signer,
      });
      const line = s.lines[0]!;
      Object.assign(line, { gross: 2000, comp: 2000, compReason: 'Press', total: 2000 });
      Object.assign(s.units[1]!, { comp: 2000, total: 0 });
      Object.assign(s.sale, { gross: 2000, comp: 2000, total: 2000 });
      Object.assign(s.payments[0]!, { amount: 2000, tendered: 2000 });
      if (approverId) {
        const approval = {
          id: randomUUID(),
          saleId: s.sale.id,
          kind: 'comp' as const,
          approverId,
          reason: 'Press',
          note: null,
          limits: JSON.stringify([line.id]),
          createdAt: s.sale.createdAt,
        };
        s.approvals.push(signApproval(approval, till.id, till.signer));
      }
      return s;
    };
    const bare = comped();
    const approved = comped(supervisorId);
    till.box.append('sale', bare);
    till.box.append('sale', approved);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(reply.body.results[1]?.message).toMatch(/comped units without a comp approval went to review/);
    expect(reply.body.results[2]?.message).toBeUndefined();
    const kept = await db.query<{ id: string }>('SELECT id FROM pos_sales WHERE id = ANY($1::uuid[])', [
      [bare.sale.id, approved.sale.id],
    ]);
    expect(kept).toHaveLength(2);
    const items = await unproven(bare);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'approval_unproven',
      status: 'open',
      terminalId: till.id,
      units: 1,
      payload: {
        saleId: bare.sale.id,
        approval: null,
        why: 'no comp approval came with the sale',
        comp: 2000,
      },
    });
    expect(items[0]?.summary).toMatch(
      /^Sale 1 at this terminal gave 1 unit\(s\) away as comps \(2000 in minor units at full price\), but no comp approval came with the sale/,
    );
    expect(await unproven(approved)).toEqual([]);
  });

  it('refuses a register request whose signing key is not an Ed25519 public key', async () => {
    const code = await org.api.post<{ enrolmentCode: string }>(`/v1/venues/${venueId}/enrolment-codes`);
    const reply = await apiClient(server.url).post('/v1/terminals/register', {
      enrolmentCode: code.body.enrolmentCode,
      name: 'Till',
      signingKey: 'not-a-key',
    });
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/Ed25519 public key/);
  });
});
