import { must, sellAdults } from './pages/core-setup';
import { expect, test } from './fixtures';

test.describe('shifts', () => {
  test('opens a shift with a float, and a supervisor closes it with the Z report', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await terminal.open(demoHost.url);
    await terminal.signIn('Sam Seller', '4826');
    await expect(terminal.heading).toHaveText('Open a shift');
    await page.getByLabel(/Cash float/).fill('1OO');
    await page.getByLabel(/Cash float/).press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Enter an amount such as 12.50.');
    await expect(page.getByLabel(/Cash float/)).toHaveValue('1OO');
    await terminal.openShift('100,00');

    await sellAdults(demoHost, 2, 'SUMMER20');
    await must(demoHost, 'pos:cart:addTicket', {
      performanceId: 'perf-hamlet-1',
      ticketPriceId: 'price-hamlet-adult-stalls',
      qty: 1,
    });
    await must(demoHost, 'pos:cart:setCustomDiscount', {
      kind: 'fixed',
      value: 500,
      reason: 'Goodwill',
      note: 'loyal customer',
    });
    const cart = await must(demoHost, 'pos:cart:get');
    await must(demoHost, 'pos:checkout:complete', {
      cartId: cart.id,
      tenders: [{ tender: 'card', amount: cart.total, reference: 'AUTH-9' }],
    });

    await terminal.nav('Shift').click();
    await expect(page.getByText('Only a supervisor or manager can close the shift.')).toBeVisible();
    await expect(page.getByTestId('z-expected')).toHaveText('172.00');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sue Supervisor', '5937');
    await terminal.nav('Shift').click();
    await page.getByLabel(/Counted cash/).fill('171.00');
    await page.getByRole('button', { name: 'Close shift and print Z report' }).click();
    await expect(terminal.heading).toHaveText('Z report');
    await expect(page.getByTestId('z-expected')).toHaveText('172.00');
    await expect(page.getByTestId('z-counted')).toHaveText('171.00');
    await expect(page.getByTestId('z-difference')).toHaveText('-1.00');
    const rows = (testId: string) => page.getByTestId(testId).locator('tbody tr');
    await expect(rows('z-tenders').nth(0).locator('td')).toHaveText(['Card', '1', '40.00']);
    await expect(rows('z-tenders').nth(1).locator('td')).toHaveText(['Cash', '1', '72.00']);
    await expect(rows('z-codes').locator('td')).toHaveText(['SUMMER20', '1', '18.00']);
    await expect(rows('z-custom').locator('td')).toHaveText(['Goodwill', '1', '5.00']);
    await expect(rows('z-cashiers').locator('td')).toHaveText([
      'Sam Seller',
      '2',
      '112.00',
      '18.00',
      '5.00',
      '0',
    ]);
    await page.screenshot({ path: 'docs/screenshots/z-report.png', fullPage: true });
    await page.getByRole('button', { name: 'Open a new shift' }).click();
    await expect(terminal.heading).toHaveText('Open a shift');
  });
});
