import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Page } from '../../../shared/server-api/page';
import { saleReceipt } from '../../../src-main/services/printing/documents';
import { sell, useSyncWorld } from '../../helpers/sync-fixture';

// docs/CASH.md "Offline limits": past the terminal's minutes without the server, a seller's sale goes
// only with a supervisor's PIN typed in on the seller's session (or the supervisor signed in). The PIN
// is checked by the main process; the sale records a signed 'offline' approval, which the server
// honours once the sale is pushed.

describe('sync: a supervisor’s PIN for a sale past the minutes offline', () => {
  const { world: worldOf, enrolled: terminal } = useSyncWorld();

  it('refuses without a PIN, with a wrong one, an approver without offline.approve or one’s own; sells with a supervisor’s', async () => {
    const { org, catalogue, clock, server } = worldOf();
    const sam = await org.api.post<{ id: string }>('/v1/staff', {
      name: 'Sam Seller',
      roleId: 'seller',
      pin: '4826',
    });
    expect(sam.status, sam.text).toBe(201);
    const samId = sam.body.id;
    const pos = await terminal();
    const limits = await org.api.put(`/v1/terminals/${pos.terminal.terminalId}/offline-limits`, {
      maxSale: null,
      maxMinutes: 30,
    });
    expect(limits.status, limits.text).toBe(200);
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    await pos.must(c.sync.now);
    await pos.must(c.staff.signIn, { staffId: samId, pin: '4826' });
    expect(await sell(pos, catalogue)).toMatchObject({ ok: true });
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });

    await server.stop();
    let saleId: string;
    try {
      clock.advance(31 * 60_000);
      await pos.must(c.staff.signIn, { staffId: samId, pin: '4826' });
      const count = (sql: string) => (pos.terminal.db.prepare(sql).get() as { n: number }).n;
      // The wrong PIN is queued for the server's lockout (the PIN path's own doing); no sale goes out.
      const stored = () => ({
        sales: count('SELECT count(*) AS n FROM sales'),
        approvals: count('SELECT count(*) AS n FROM approvals'),
        outbox: count("SELECT count(*) AS n FROM outbox WHERE type <> 'pin.attempt'"),
      });
      const before = stored();

      const refused = await sell(pos, catalogue);
      expect(refused).toMatchObject({ ok: false, reason: 'OFFLINE_TOO_LONG' });
      expect(!refused.ok && refused.message).toMatch(
        /a supervisor must take each sale now\. Ask one to type their PIN \(Supervisor PIN\) or to sign in/,
      );
      const cart = await pos.must(c.cart.get);
      const tenders = [{ tender: 'cash' as const, amount: cart.total }];
      const checkout = (approverId: string, pin: string) =>
        pos.call(c.checkout.complete, { cartId: cart.id, tenders, offlineApproval: { approverId, pin } });

      expect(await checkout(catalogue.supervisorId, '0000')).toMatchObject({
        ok: false,
        reason: 'WRONG_PIN',
      });
      // Sally's role (the built-in seller) sells offline but may not approve an offline sale.
      const seller = await checkout(catalogue.sellerId, '7305');
      expect(seller).toMatchObject({ ok: false, reason: 'APPROVER_NOT_ALLOWED' });
      expect(!seller.ok && seller.message).toContain('Sally Seller');
      const own = await checkout(samId, '4826');
      expect(own).toMatchObject({
        ok: false,
        reason: 'OFFLINE_OWN_APPROVAL',
        message:
          'Your own PIN cannot let your sale past the offline limit: ask a supervisor to type theirs, or wait for the server. The cart stays.',
      });
      expect(stored()).toEqual(before);
      expect((await pos.must(c.cart.get)).lines).toHaveLength(1);

      const sold = await checkout(catalogue.supervisorId, '8142');
      expect(sold).toMatchObject({ ok: true });
      if (!sold.ok) throw new Error(sold.message);
      saleId = sold.value.sale.id;
      // Sold by Sam, let through by the supervisor: one signed approval of kind 'offline'.
      expect(sold.value.sale.cashierId).toBe(samId);
      expect(sold.value.approvals).toHaveLength(1);
      const [approval] = sold.value.approvals;
      expect(approval).toMatchObject({
        kind: 'offline',
        approverId: catalogue.supervisorId,
        limits: '["OFFLINE_TOO_LONG"]',
      });
      expect(approval?.reason).toMatch(/^offline 3[12] min, limit 30$/);
      expect(approval?.signature).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(stored()).toEqual({
        sales: before.sales + 1,
        approvals: before.approvals + 1,
        outbox: before.outbox + 1,
      });
      const paper = saleReceipt(sold.value, {
        language: 'en',
        paperWidth: 80,
        venue: null,
        terminalId: 'T',
        staffName: (id) => (id === catalogue.supervisorId ? 'Sue Supervisor' : '?'),
      });
      expect(paper).toContain('Offline sale: Approved by Sue Supervisor');

      // The next sale needs the PIN again: an approval is for one sale.
      expect(await sell(pos, catalogue)).toMatchObject({ ok: false, reason: 'OFFLINE_TOO_LONG' });
    } finally {
      await server.restart();
    }

    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    const [row] = await server
      .db()
      .query<{ payload: { approvals: { kind: string; approverId: string }[] } }>(
        'SELECT payload FROM pos_sales WHERE id = $1',
        [saleId],
      );
    expect(row?.payload.approvals).toEqual([
      expect.objectContaining({ kind: 'offline', approverId: catalogue.supervisorId }),
    ]);
    const review = await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=approval_unproven&limit=1000');
    expect(review.body.items.filter((i) => (i.payload as { saleId?: string }).saleId === saleId)).toEqual([]);
  }, 120_000);
});
