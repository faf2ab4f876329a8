import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/CASH.md "Comps" at the window: a seller (no sale.comp) comps one ticket of a line with the
// keyboard, a supervisor types their PIN in the same dialog, and the receipt shows the comp and its reason.

test.describe('comps', () => {
  test('a seller comps one ticket of a line with a supervisor’s PIN and sees it on the receipt', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    // WELCOME5 applies by itself to the two tickets.
    await expect(terminal.cartTotal).toHaveText('85.00');

    await page.keyboard.press('F10');
    const dialog = terminal.dialog;
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    // One line in the cart: it is picked, and focus starts on what to give away.
    await expect(dialog.getByLabel('What to give away')).toBeFocused();
    await dialog.getByLabel(/How many/).fill('1');
    await dialog.getByLabel('Reason', { exact: true }).selectOption('Artist guest');
    await dialog.getByLabel('Note (optional)').fill('Ophelia’s mother');
    await dialog
      .getByLabel('Supervisor', { exact: true })
      .selectOption({ label: 'Sue Supervisor (Supervisor)' });
    await dialog.getByLabel('Supervisor PIN').fill('9999');
    await dialog.getByLabel('Supervisor PIN').press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('Wrong PIN.');
    // What was typed stays; nothing was comped.
    await expect(dialog.getByLabel('Note (optional)')).toHaveValue('Ophelia’s mother');
    await dialog.getByLabel('Supervisor PIN').fill('5937');
    await dialog.getByLabel('Supervisor PIN').press('Enter');
    await expect(dialog).toHaveCount(0);

    await expect(page.getByTestId('line-comp')).toContainText(
      'Comp 1 × · Artist guest (Ophelia’s mother) · Sue Supervisor',
    );
    await expect(page.getByTestId('cart-comps')).toHaveText('45.00');
    // The code's discount now counts on the one ticket still charged, if it applies to one at all.
    const total = Math.round(Number(await terminal.cartTotal.textContent()) * 100);
    expect(total).toBeLessThanOrEqual(4500);
    await page.screenshot({ path: 'docs/screenshots/comp-line.png' });
    await terminal.payCash();

    const receipt = page.getByTestId('sale-done').locator('img.receipt-preview');
    await expect(receipt).toBeVisible();
    const text = decodeURIComponent((await receipt.getAttribute('src')) ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#xa0;/g, ' ')
      .replace(/&#x2019;/g, '’');
    expect(text).toContain('Comp 1 x');
    expect(text).toContain('-45.00');
    expect(text).toContain('Reason: Artist guest (Ophelia’s mother)');
    expect(text).toContain('Comp: Approved by Sue Supervisor');

    const sale = await demoHost.terminal.dispatch('pos:sales:find', { receiptNo: 1 });
    expect(sale).toMatchObject({
      ok: true,
      value: {
        sale: { cashierId: 'staff-sam', comp: 4500, total },
        approvals: [
          expect.objectContaining({ kind: 'comp', approverId: 'staff-sue', reason: 'Artist guest' }),
        ],
      },
    });
  });
});
