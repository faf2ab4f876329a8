import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

test.describe('payment', () => {
  test('splits card and cash, shows the change and the receipt', async ({ demoHost, terminal, page }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await expect(terminal.cartTotal).toHaveText('45.00');
    await page.keyboard.press('F4');
    const dialog = terminal.dialog;
    await expect(dialog.getByLabel(/Cash received/)).toBeFocused();
    await dialog.getByLabel(/Card amount/).fill('25');
    await expect(dialog.getByTestId('pay-cash-due')).toHaveText('20.00');
    await dialog.getByRole('button', { name: 'Complete sale' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Enter the reference the card terminal printed.');
    await expect(dialog.getByLabel('Card terminal reference')).toBeFocused();
    await dialog.getByLabel('Card terminal reference').fill('AUTH-123');
    await dialog.getByLabel(/Cash received/).fill('10');
    await dialog.getByLabel(/Cash received/).press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('The cash received must be at least 20.00.');
    await dialog.getByLabel(/Cash received/).fill('50.00');
    await expect(dialog.getByTestId('pay-change')).toHaveText('30.00');
    await dialog.getByLabel(/Cash received/).press('Enter');
    await expect(page.getByTestId('sale-done')).toBeVisible();
    await expect(page.getByTestId('done-change')).toHaveText('30.00');
    await expect(page.getByTestId('sale-done')).toContainText('Card: 25.00 (AUTH-123)');
    await expect(page.getByTestId('sale-done')).toContainText('Cash: 20.00');
    await expect(page.getByRole('img', { name: 'Receipt 1 as printed' })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/sale-done.png', fullPage: true });
    await expect(page.getByRole('button', { name: 'Next sale' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cart-total')).toHaveText('0.00');
  });

  test('a supervisor gives an order comped whole away free; an order not comped is not offered it', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await page.keyboard.press('F4');
    await expect(terminal.dialog.getByRole('button', { name: 'Complimentary' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sue Supervisor', '5937');
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    // docs/CASH.md "Comps": the complimentary tender finishes only an order comped whole.
    await page.keyboard.press('F10');
    await terminal.dialog.getByLabel('What to give away').selectOption({ label: 'The whole order' });
    await terminal.dialog.getByLabel('Reason', { exact: true }).selectOption('Press');
    await terminal.dialog.getByLabel('Note (optional)').press('Enter');
    await expect(terminal.dialog).toHaveCount(0);
    await page.keyboard.press('F4');
    await terminal.dialog.getByRole('button', { name: 'Finish as complimentary' }).click();
    await expect(page.getByTestId('sale-done')).toContainText('Complimentary: 0.00');
  });
});
