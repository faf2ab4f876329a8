import { must, openShiftAs, sellAdults } from './pages/core-setup';
import { expect, test } from './fixtures';

// docs/ORDERS.md "Exchanges": from the journal's order view, a seat is exchanged for two at a later
// performance; the code still applies, the difference is paid in cash, and both orders' history shows it.

test.describe('exchanges', () => {
  test('exchanges a seat for two at a later performance from the journal', async ({
    startHost,
    terminal,
    page,
  }) => {
    const host = await startHost({ demoData: true });
    await openShiftAs(host, 'staff-sue', '5937');
    // Two stalls at 45.00 with SUMMER20 (20 % off): each seat was charged 36.00.
    const sale = await sellAdults(host, 2, 'SUMMER20');

    await terminal.open(host.url);
    await page.keyboard.press('F8');
    const search = page.getByTestId('journal-search');
    await search.fill(String(sale.sale.receiptNo));
    await search.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Order #${sale.sale.receiptNo}`);

    await page.getByRole('button', { name: 'Exchange…' }).click();
    const form = page.getByTestId('exchange');
    await form.getByRole('checkbox').first().check();
    await form.getByLabel('Performance').selectOption('perf-hamlet-2');
    await form.getByLabel('Ticket type and band').selectOption('price-hamlet-adult-circle');
    await form.getByLabel('Quantity').fill('2');
    await form.getByRole('button', { name: 'Show the difference' }).click();

    // Two circle seats at 35.00, SUMMER20 still 20 % off: 56.00 against 36.00 given back.
    const preview = page.getByTestId('exchange-preview');
    await expect(preview).toContainText('code SUMMER20 still applies');
    await expect(page.getByTestId('exchange-to-pay')).toContainText('20.00');
    await page.screenshot({ path: 'docs/screenshots/journal-exchange.png', fullPage: true });
    await form.getByLabel('Pay the difference with').selectOption('cash');
    await form.getByRole('button', { name: 'Exchange', exact: true }).click();
    await expect(page.getByTestId('exchange-done')).toContainText('Exchanged: new receipt');

    const fresh = await must(host, 'pos:journal:search', {});
    const newest = fresh.rows[0]!;
    expect(newest.receiptNo).not.toBe(sale.sale.receiptNo);
    expect(newest.total).toBe(5600);

    // The old order's history names the new receipt.
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await search.fill(String(sale.sale.receiptNo));
    await search.press('Enter');
    await expect(page.getByTestId('journal-history').locator('[data-kind="exchanged_for"]')).toContainText(
      `Exchanged for receipt ${newest.receiptNo}`,
    );
  });
});
