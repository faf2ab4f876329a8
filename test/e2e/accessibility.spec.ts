import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openShiftAs, sellAdults } from './pages/core-setup';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

/** axe-core on what is showing now: no serious or critical violation. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

test.describe('accessibility', () => {
  for (const language of ['English', 'Deutsch'] as const) {
    test(`the status screen has no serious violations in ${language}`, async ({ host, statusPage, page }) => {
      await statusPage.open(host.url);
      await statusPage.language(language).click();
      await expect(statusPage.language(language)).toHaveAttribute('aria-pressed', 'true');
      await expectAccessible(page, 'status');
    });
  }

  test('sign-in, shift, sell, dropdown, dialogs and payment have no serious violations', async ({
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000); // axe takes about a second per screen
    await terminal.open(demoHost.url);
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: /^Sam Seller/ }).click();
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'sign-in with error');
    await page.getByLabel('PIN', { exact: true }).fill('1111');
    await page.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(terminal.heading).toHaveText('Open a shift');
    await expectAccessible(page, 'open shift');
    await terminal.openShift();
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await terminal.typeCode('SUMMER20');
    await expect(terminal.appliedCode).toHaveText('SUMMER20');
    await expectAccessible(page, 'sell');
    await terminal.codeInput.pressSequentially('s');
    await expect(terminal.codeList).toHaveAttribute('data-answered', 's');
    await terminal.codeInput.press('ArrowDown');
    await expectAccessible(page, 'code dropdown');
    await terminal.codeInput.press('Escape');
    await page.keyboard.press('F6');
    await terminal.dialog.getByLabel('Percent off').fill('30');
    await terminal.dialog.getByLabel('Reason').fill('show delayed');
    await terminal.dialog.getByLabel('Reason').press('Enter');
    await expect(terminal.dialog.getByLabel('Supervisor PIN')).toBeVisible();
    await expectAccessible(page, 'custom discount');
    await page.keyboard.press('Escape');
    await expect(terminal.dialog).toHaveCount(0);
    await page.keyboard.press('F4');
    await expect(terminal.dialog).toBeVisible();
    await expectAccessible(page, 'payment');
    await terminal.dialog.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('sale-done')).toBeVisible();
    await expectAccessible(page, 'sale done');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('button', { name: 'Nächster Verkauf' }).click();
    await expect(terminal.heading).toHaveText('Verkauf');
    await expectAccessible(page, 'sell (German)');
  });

  test('overuse dialog and lock screen have no serious violations', async ({ demoHost, terminal, page }) => {
    await openShiftAs(demoHost);
    for (let i = 0; i < 3; i++) await sellAdults(demoHost, 1, 'LIMITED');
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('LIMITED');
    await page.getByRole('button', { name: 'Supervisor override…' }).click();
    await expect(terminal.dialog).toBeVisible();
    await expectAccessible(page, 'overuse');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(terminal.heading).toHaveText('Terminal locked');
    await expectAccessible(page, 'lock');
  });

  test('refunds, shift and Z report have no serious violations', async ({ demoHost, terminal, page }) => {
    await openShiftAs(demoHost, 'staff-sue', '2222');
    await sellAdults(demoHost, 2, 'SUMMER20');
    await terminal.open(demoHost.url);
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('1');
    await page.getByLabel('Receipt number').press('Enter');
    await expect(page.getByTestId('refund-sale')).toBeVisible();
    await expectAccessible(page, 'refunds');
    await terminal.nav('Shift').click();
    await expect(page.getByTestId('z-report')).toBeVisible();
    await expectAccessible(page, 'shift');
    await page.getByLabel(/Counted cash/).fill('172');
    await page.getByLabel(/Counted cash/).press('Enter');
    await expect(terminal.heading).toHaveText('Z report');
    await expectAccessible(page, 'Z report');
  });
});
