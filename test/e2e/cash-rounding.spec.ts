import { decodeEscPos } from '../helpers/escpos-decoder';
import { printTo } from './pages/core-setup';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/CASH.md "Cash rounding" at a CHF window in Chromium: a card pays its part exactly, the cash rest
// is rounded to 0.05, the change comes from the rounded cash, and the rounding is on the payment dialog,
// the sale's screen, the receipt (the preview and the emulated network printer's paper) and the Z report.
// An adult in the stalls costs 22.03 here, so two come to 44.06: 20.00 by card leaves 24.06, taken as
// 24.05 in cash (rounding −0.01); 30.00 handed over gives 5.95 back.

/** A receipt row: its cells apart by spaces only, the whole line. */
const row = (...cells: string[]) =>
  new RegExp(`^\\s*${cells.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}\\s*$`, 'm');

test.describe('cash rounding', () => {
  test('a CHF sale split between card and cash rounds only the cash, and the Z report shows the rounding', async ({
    printer,
    startHost,
    terminal,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    const host = await startHost({ demoData: true });
    host.terminal.db.exec(`UPDATE venues SET currency = 'CHF'`);
    host.terminal.db.prepare('UPDATE ticket_prices SET unit_price = 2203 WHERE id = ?').run(ADULT_STALLS);
    await printTo(host, printer);

    await terminal.open(host.url);
    await terminal.signIn('Sam Seller', '4826');
    await terminal.openShift('100.00');
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await expect(terminal.cartTotal).toHaveText('44.06');

    await page.keyboard.press('F4');
    const dialog = terminal.dialog;
    await expect(dialog.getByTestId('pay-cash-due')).toHaveText('44.05');
    await expect(dialog.getByTestId('pay-cash-rounding')).toHaveText('-0.01');
    await dialog.getByLabel(/Card amount/).fill('20');
    await dialog.getByLabel('Card terminal reference').fill('AUTH-7');
    await expect(dialog.getByTestId('pay-cash-due')).toHaveText('24.05');
    await expect(dialog.getByTestId('pay-cash-rounding')).toHaveText('-0.01');
    await dialog.getByLabel(/Cash received/).fill('30');
    await expect(dialog.getByTestId('pay-change')).toHaveText('5.95');
    await dialog.getByLabel(/Cash received/).press('Enter');

    const done = page.getByTestId('sale-done');
    await expect(done).toBeVisible();
    await expect(page.getByTestId('done-change')).toHaveText('5.95');
    await expect(done).toContainText('Card: 20.00 (AUTH-7)');
    await expect(done).toContainText('Cash: 24.05');
    await expect(page.getByTestId('done-cash-rounding')).toHaveText('Cash rounding: -0.01');
    // The receipt as the screen previews it (SVG): the same lines the printer prints.
    const preview = page.getByRole('img', { name: 'Receipt 1 as printed' });
    const svg = decodeURIComponent((await preview.getAttribute('src')) ?? '');
    const previewText = svg.replace(/<[^>]+>/g, '').replace(/&#xa0;/g, ' ');
    expect(previewText).toMatch(/Cash rounding\s*-0\.01Card AUTH-7\s*20\.00Cash\s*24\.05/);
    expect(previewText).toMatch(/Change\s*5\.95/);

    await expect.poll(() => printer.documents().length).toBe(1);
    const receipt = decodeEscPos(printer.documents()[0]!).text;
    expect(receipt).toMatch(row('TOTAL CHF', '44.06'));
    expect(receipt).toMatch(row('Cash rounding', '-0.01'));
    expect(receipt).toMatch(row('Cash', '24.05'));
    expect(receipt).toMatch(row('Change', '5.95'));

    // The Z report: the drawer holds the float and the rounded cash, and the rounding is shown apart.
    await page.getByRole('button', { name: 'Next sale' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sue Supervisor', '5937');
    await terminal.nav('Shift').click();
    await expect(page.getByTestId('z-expected')).toHaveText('124.05');
    await page.getByLabel(/Counted cash/).fill('124.05');
    await page.getByRole('button', { name: 'Close shift and print Z report' }).click();
    await expect(terminal.heading).toHaveText('Z report');
    await expect(page.getByTestId('z-difference')).toHaveText('0.00');
    await expect(page.getByTestId('z-cash-rounding')).toHaveText('-0.01');
    const tenders = page.getByTestId('z-tenders').locator('tbody tr');
    await expect(tenders.nth(0).locator('td')).toHaveText(['Card', '1', '20.00']);
    await expect(tenders.nth(1).locator('td')).toHaveText(['Cash', '1', '24.05']);
    await expect(page.getByTestId('z-sales').locator('tbody td').last()).toHaveText('44.06');

    await expect.poll(() => printer.documents().length).toBe(2);
    const z = decodeEscPos(printer.documents()[1]!).text;
    expect(z).toMatch(row('Cash rounding', '-0.01'));
  });
});
