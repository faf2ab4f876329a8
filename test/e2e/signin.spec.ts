import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

test.describe('sign-in and lock', () => {
  test('a wrong PIN gets the core sentence; the right one signs in', async ({ demoHost, terminal, page }) => {
    await terminal.open(demoHost.url);
    await expect(terminal.heading).toHaveText('Sign in');
    await page.getByRole('button', { name: /^Sam Seller/ }).click();
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: '9', exact: true }).click();
    await page.getByRole('button', { name: '9', exact: true }).click();
    await page.getByRole('button', { name: '9', exact: true }).click();
    await page.getByRole('button', { name: '9', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).last().click();
    await expect(page.getByRole('alert')).toHaveText(
      'Wrong PIN. 4 more tries before the account locks for 5 minutes.',
    );
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.keyboard.type('4826');
    await page.keyboard.press('Enter');
    await expect(terminal.heading).toHaveText('Open a shift');
    await expect(page.getByTestId('signed-in-as')).toHaveText('Sam Seller · Seller');
  });

  test('locks and unlocks with the same person PIN, keeping the cart', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(terminal.heading).toHaveText('Terminal locked');
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.keyboard.type('5937');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Wrong PIN.');
    await page.keyboard.type('4826');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-screen="sell"]')).toBeVisible();
    await expect(terminal.cartTotal).toHaveText('45.00');
  });

  test('the core locking an idle session shows the lock screen', async ({ startHost, terminal, page }) => {
    const host = await startHost({ demoData: true, idleMinutes: 0.03 });
    await terminal.start(host.url);
    await page.waitForTimeout(2500);
    await page.getByRole('group', { name: 'Events' }).getByRole('button', { name: 'Hamlet' }).click();
    await page.locator('[data-performance="perf-hamlet-1"]').click();
    await expect(terminal.heading).toHaveText('Terminal locked');
    await expect(page.getByRole('alert')).toContainText('The terminal locked itself');
  });

  test('works in German, with the core sentences in German', async ({ demoHost, terminal, page }) => {
    await terminal.open(demoHost.url);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(terminal.heading).toHaveText('Anmelden');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.getByRole('button', { name: /^Sam Seller/ }).click();
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(page.getByRole('alert')).toContainText('Falsche PIN.');
    await page.getByLabel('PIN', { exact: true }).fill('4826');
    await page.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(terminal.heading).toHaveText('Schicht öffnen');
    await page.getByLabel(/Wechselgeld/).fill('50,00');
    await page.getByRole('button', { name: 'Schicht öffnen' }).click();
    await page
      .getByRole('group', { name: 'Veranstaltungen' })
      .getByRole('button', { name: 'Hamlet' })
      .click();
    await page.locator('[data-performance="perf-hamlet-1"]').click();
    await page.locator(`[data-item="${ADULT_STALLS}"]`).click();
    await page.locator(`[data-item="${ADULT_STALLS}"]`).click();
    await expect(terminal.cartTotal).toHaveText('85,00');
    await terminal.typeCode('NOSUCHCODE');
    await expect(terminal.codeError).toHaveText('Dies ist kein gültiger Rabattcode.');
    await terminal.typeCode('GROUP10');
    await expect(page.getByTestId('code-why')).toContainText('Die Gruppe ist für diesen Rabatt zu klein.');
    await page.screenshot({ path: 'docs/screenshots/sell-german.png' });
  });
});
