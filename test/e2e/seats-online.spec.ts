import type { Page } from '@playwright/test';
import { seatedCataloguePerformance } from '../helpers/seated-world';
import { must } from './pages/core-setup';
import { enrolledWindow, startSyncServer, type SyncServer } from './pages/sync-setup';
import { TerminalPage } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/SEATING.md "At the window", online: two windows enrolled with a real server sell one seated
// performance. A seat picked at window A shows as taken at window B within B's refresh (4 s); best
// available suggests seats together and puts them in A's cart; the receipt shows the seats; a refund
// gives one back and both windows show it free again.

test.describe('seats at two windows, online', () => {
  let world: SyncServer | undefined;
  test.afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  test('a seat picked at one window is taken at the other, sold, and free again after a refund', async ({
    startHost,
    terminal,
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    world = await startSyncServer();
    const { performanceId, seat } = await seatedCataloguePerformance(world);
    const a = await enrolledWindow(startHost, world, 'Window A');
    const b = await enrolledWindow(startHost, world, 'Window B');
    const pageB = await context.newPage();
    const windowB = new TerminalPage(pageB);
    for (const [host, at] of [
      [a, terminal],
      [b, windowB],
    ] as const) {
      await at.page.setViewportSize({ width: 1400, height: 1000 });
      await at.open(host.url);
      await at.pickPerformance(performanceId, 'Macbeth');
    }
    const seatOn = (p: Page, row: string, label: string) =>
      p
        .getByTestId('seat-picker')
        .getByRole('option', { name: new RegExp(`^Stalls row ${row} seat ${label},`) });
    await expect(seatOn(page, 'A', '1')).toHaveAttribute('aria-label', /, free, Band Stalls$/);
    const cartSeats = page.getByTestId('line-seats').getByRole('listitem');

    // A takes A1: a cart hold on the server. B's map asks again within four seconds and shows it taken.
    await seatOn(page, 'A', '1').click();
    await expect(cartSeats).toHaveText(['Stalls, row A, seat 1']);
    await expect(seatOn(page, 'A', '1')).toHaveAttribute('aria-label', /in this cart/);
    await expect(seatOn(pageB, 'A', '1')).toHaveAttribute('aria-label', /, taken,/, { timeout: 6_000 });
    // Clicking a taken seat takes nothing.
    await seatOn(pageB, 'A', '1').click();
    await expect(pageB.getByTestId('line-seats')).toHaveCount(0);

    // Best available 2, online: two together in one row, taken into A's cart with their labels.
    const picker = page.getByTestId('seat-picker');
    await picker.getByLabel('Seats', { exact: true }).selectOption('2');
    await picker.getByRole('button', { name: /Best available/ }).click();
    await expect(page.getByTestId('best-available')).toBeVisible();
    await page.getByRole('button', { name: 'Take 2 together' }).click();
    await expect(cartSeats).toHaveCount(3);
    const labels = await cartSeats.allTextContents();
    const together = labels.slice(1).map((l) => /row (\w+), seat (\d+)$/.exec(l)?.slice(1) ?? []);
    expect(together[0]?.[0]).toBe(together[1]?.[0]);
    expect(Math.abs(Number(together[0]?.[1]) - Number(together[1]?.[1]))).toBe(1);
    await expect(seatOn(pageB, together[0]?.[0] ?? '', together[0]?.[1] ?? '')).toHaveAttribute(
      'aria-label',
      /, taken,/,
      { timeout: 6_000 },
    );

    // Checkout: the receipt on screen shows each seat.
    await terminal.payCash();
    const receipt = page.getByTestId('sale-done').locator('img.receipt-preview');
    await expect(receipt).toBeVisible();
    const text = decodeURIComponent((await receipt.getAttribute('src')) ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#xa0;/g, ' ');
    for (const label of labels) expect(text).toContain(label);
    await must(a, 'pos:sync:now');
    const sold = await world.server
      .db()
      .query<{ state: string }>(
        'SELECT state FROM performance_seats WHERE performance_id = $1 AND seat_id = $2',
        [performanceId, seat('A1')],
      );
    expect(sold[0]?.state).toBe('sold');

    // A refund of A1 gives the seat back: free at the server, so free again at both windows.
    const sale = a.terminal.db.prepare('SELECT id FROM sales ORDER BY receipt_no DESC LIMIT 1').get() as {
      id: string;
    };
    const found = await must(a, 'pos:sales:find', { saleId: sale.id });
    const unit = found.units.find((u) => u.seatId === seat('A1'));
    await must(a, 'pos:sales:refund', {
      saleId: sale.id,
      units: [{ lineId: unit?.lineId, unitIndex: unit?.unitIndex }],
      reason: 'Customer request',
    });
    await must(a, 'pos:sync:now');
    await page.getByRole('button', { name: 'Next sale' }).click();
    await expect(seatOn(page, 'A', '1')).toHaveAttribute('aria-label', /, free,/, { timeout: 6_000 });
    await expect(seatOn(pageB, 'A', '1')).toHaveAttribute('aria-label', /, free,/, { timeout: 6_000 });
  });
});
