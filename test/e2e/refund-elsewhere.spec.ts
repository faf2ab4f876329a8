import AxeBuilder from '@axe-core/playwright';
import type { OrderDetail } from '../../shared/reports/orders';
import { must } from './pages/core-setup';
import { enrolledWindow, startSyncServer, type SyncServer } from './pages/sync-setup';
import { expect, test } from './fixtures';

// docs/ORDERS.md "Refunds at another window", end to end: two terminals against a real server. A sale
// at window A is found at window B by scanning its receipt's QR (a wedge scanner types the order id and
// Enter), one seat is refunded there through the server, and A's journal and the server's order agree.

test.describe('refunds at another window', () => {
  let world: SyncServer | undefined;
  test.afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  test('sell at A, refund one seat at B from the journal, and A and the server agree', async ({
    startHost,
    terminal,
    page,
  }) => {
    test.setTimeout(120_000);
    world = await startSyncServer();
    const { catalogue } = world;
    const a = await enrolledWindow(startHost, world, 'Window A');
    const b = await enrolledWindow(startHost, world, 'Window B');

    await must(a, 'pos:cart:addTicket', {
      performanceId: catalogue.performanceId,
      ticketPriceId: catalogue.ticketPriceId,
      qty: 2,
    });
    const cart = await must(a, 'pos:cart:get');
    const sale = await must(a, 'pos:checkout:complete', {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    await must(a, 'pos:sync:now');

    await terminal.open(b.url);
    await page.keyboard.press('F8');
    const search = page.getByTestId('journal-search');
    await expect(search).toBeFocused();
    await search.fill(sale.sale.id);
    await search.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Order #1');
    await page.getByRole('button', { name: 'Refund at this window' }).click();
    const panel = page.getByTestId('remote-refund');
    await expect(panel.getByRole('heading')).toHaveText('Refund at this window an order Window A sold');
    await panel.getByRole('checkbox').first().check();
    await panel.getByLabel('Reason').selectOption('Customer request');
    await panel.getByRole('button', { name: 'Refund ticked items' }).click();
    await expect(panel.getByTestId('refund-done')).toHaveText('Refund 1: 40.00 paid back.');
    await expect(panel.getByRole('checkbox').first()).toBeDisabled();
    const axe = await new AxeBuilder({ page }).include('[data-testid="remote-refund"]').analyze();
    expect(axe.violations).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/journal-refund-elsewhere.png', fullPage: true });

    await must(b, 'pos:sync:now');
    await must(a, 'pos:sync:now');
    const atA = await must(a, 'pos:journal:open', { ref: sale.sale.id });
    expect(atA.order).toMatchObject({ status: 'partly_refunded', refunded: 4000 });
    expect(atA.refunds.map((r) => r.terminalId)).toEqual([b.terminal.terminalId]);
    const server = await world.org.api.get<OrderDetail>(`/v1/reports/orders/${sale.sale.id}`);
    expect(server.body.order).toMatchObject({ status: atA.order.status, refunded: atA.order.refunded });
    expect(server.body.refunds.map((r) => r.terminalName)).toEqual(['Window B']);
  });
});
