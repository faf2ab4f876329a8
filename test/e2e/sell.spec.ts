import { readFile } from 'node:fs/promises';
import { readPdf } from '../helpers/pdf-reader';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

test.describe('selling', () => {
  test('sells two tickets with a typed code and gives change in cash', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await page.keyboard.press('F2');
    await expect(terminal.codeInput).toBeFocused();
    await terminal.codeInput.pressSequentially('summer20');
    await terminal.codeInput.press('Enter');
    await expect(terminal.appliedCode).toHaveText('SUMMER20');
    await expect(terminal.codeInput).toHaveValue('');
    await expect(page.getByTestId('line-discount')).toHaveText('−18.00');
    await expect(page.getByTestId('cart-code-discount')).toHaveText('−18.00');
    await expect(terminal.cartTotal).toHaveText('72.00');
    await page.screenshot({ path: 'docs/screenshots/sell-code-applied.png' });
    await terminal.payCash('100');
    await expect(page.getByTestId('done-change')).toHaveText('28.00');
    await expect(page.getByRole('heading', { name: /receipt 1$/ })).toBeVisible();
    await expect(page.getByTestId('unsynced')).toHaveAttribute('data-count', '2');

    // The customer's tickets as a PDF, made by the terminal's main process (docs/TICKETS.md).
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save tickets as PDF (A4)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('tickets-1-a4.pdf');
    const pages = readPdf(await readFile(await file.path()));
    expect(pages).toHaveLength(2);
    expect(pages[0]!.texts).toEqual(expect.arrayContaining(['Hamlet', 'EUR 36.00 (Code Summer 20 %)']));
    // The demo terminal is not enrolled: its tickets have no entry code, and say so.
    expect(pages.map((p) => p.qr)).toEqual([null, null]);
    expect(pages[0]!.text.replace(/\s+/g, ' ')).toContain('NOT VALID FOR ENTRY');
  });

  test('auto-applies WELCOME5 once the order reaches 50.00', async ({ demoHost, terminal, page }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await expect(terminal.cartTotal).toHaveText('45.00');
    await expect(terminal.appliedCode).toHaveCount(0);
    await page.getByRole('button', { name: 'One more Hamlet · Adult' }).click();
    await expect(page.getByTestId('line-qty')).toHaveText('2');
    await expect(terminal.appliedCode).toHaveText('WELCOME5');
    await expect(page.getByTestId('code-state')).toContainText('automatic');
    await expect(terminal.cartTotal).toHaveText('85.00');

    await terminal.addItem('prod-tshirt');
    await terminal.typeCode('MERCH15');
    await expect(page.locator('[data-line="Theatre T-shirt"]').getByTestId('line-discount')).toHaveText(
      '−3.75',
    );
    await expect(terminal.cartTotal).toHaveText('111.25');
    await page.getByRole('button', { name: 'Remove code' }).click();
    await expect(terminal.appliedCode).toHaveText('WELCOME5');

    const pay = page.getByRole('button', { name: /^Pay/ });
    await pay.focus();
    await page.keyboard.press('Enter');
    await expect(terminal.dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(terminal.dialog).toHaveCount(0);
    await expect(pay).toBeFocused();
  });

  test('keeps what was typed and shows the engine sentence for an unknown code; a scanned link applies', async ({
    demoHost,
    terminal,
  }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('NOSUCHCODE');
    await expect(terminal.codeError).toHaveText('This is not a valid discount code.');
    await expect(terminal.codeInput).toHaveValue('NOSUCHCODE');
    await expect(terminal.codeInput).toBeFocused();
    await terminal.typeCode('https://tickets.example/checkout?coupon=tenoff');
    await expect(terminal.appliedCode).toHaveText('TENOFF');
    await expect(terminal.cartTotal).toHaveText('35.00');
  });

  test('searches codes with their saving, says why others do not apply, and applies with the keyboard', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await terminal.codeInput.pressSequentially('summer');
    const summer = terminal.codeList.locator('[data-code="SUMMER20"]');
    await expect(summer).toContainText('−18.00');
    await terminal.codeInput.fill('group');
    const group = terminal.codeList.locator('[data-code="GROUP10"]');
    await expect(group).toContainText('The group is too small for this discount.');
    await terminal.codeInput.fill('promo00');
    await expect(terminal.codeList).toHaveAttribute('data-answered', 'promo00');
    await expect(terminal.codeList.getByRole('option')).toHaveCount(9);
    await terminal.codeInput.fill('');
    await terminal.codeInput.pressSequentially('SCHOOL');
    await expect(terminal.codeList).toHaveAttribute('data-answered', 'SCHOOL');
    // 200 answers, but only the rows in view are drawn.
    await expect(terminal.codeList).toHaveAttribute('data-count', '200');
    expect(await terminal.codeList.getByRole('option').count()).toBeLessThan(20);
    await terminal.codeInput.press('ArrowDown');
    for (let i = 0; i < 5; i++) await terminal.codeInput.press('PageDown');
    const far = terminal.codeList.locator('[aria-selected="true"]');
    await expect(far).toHaveAttribute('aria-posinset', '31');
    await expect(far).toBeInViewport();
    expect(await terminal.codeList.getByRole('option').count()).toBeLessThan(20);
    await terminal.codeInput.fill('');
    await terminal.codeInput.pressSequentially('off');
    await expect(terminal.codeList).toHaveAttribute('data-answered', 'off');
    await terminal.codeInput.press('ArrowDown');
    await terminal.codeInput.press('ArrowDown');
    await page.screenshot({ path: 'docs/screenshots/code-dropdown.png' });
    await terminal.codeInput.fill('');
    await terminal.codeInput.pressSequentially('TEN');
    await expect(terminal.codeList).toHaveAttribute('data-answered', 'TEN');
    await terminal.codeInput.press('ArrowDown');
    const active = terminal.codeList.locator('[aria-selected="true"]');
    await expect(active).toHaveAttribute('data-code', 'TENOFF');
    await expect(terminal.codeInput).toHaveAttribute('aria-activedescendant', /option-0$/);
    await terminal.codeInput.press('Enter');
    await expect(terminal.appliedCode).toHaveText('TENOFF');
    await expect(terminal.codeList).toHaveCount(0);
    await terminal.codeInput.pressSequentially('MERCH');
    await expect(terminal.codeList.locator('[data-code="MERCH15"]')).toContainText(
      'This discount code does not apply to any items in the basket.',
    );
    await terminal.codeInput.press('Escape');
    await expect(terminal.codeList).toHaveCount(0);
    await expect(terminal.codeInput).toHaveValue('MERCH');
  });

  test('hides a role-gated code from a seller and shows it to a supervisor', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await terminal.codeInput.pressSequentially('staff');
    await expect(terminal.codeList.or(page.getByTestId('code-list-empty'))).toHaveAttribute(
      'data-answered',
      'staff',
    );
    await expect(page.locator('[data-code="STAFF50"]')).toHaveCount(0);
    await terminal.typeCode('STAFF50');
    await expect(terminal.codeError).toHaveText('This discount code is not available in box office.');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sue Supervisor', '5937');
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await terminal.codeInput.pressSequentially('staff');
    await expect(terminal.codeList.locator('[data-code="STAFF50"]')).toContainText('−45.00');
  });

  test('a whole sale works with the keyboard alone', async ({ demoHost, terminal, page }) => {
    await terminal.open(demoHost.url);
    await terminal.tabTo('[data-staff="staff-sam"]');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.keyboard.type('4826');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel(/Cash float/)).toBeFocused();
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await terminal.tabTo('[aria-label="Events"] button:nth-child(2)');
    await page.keyboard.press('Enter');
    await terminal.tabTo('[data-performance="perf-hamlet-1"]');
    await page.keyboard.press('Enter');
    await terminal.tabTo(`[data-item="${ADULT_STALLS}"]`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('line-qty')).toHaveText('1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('line-qty')).toHaveText('2');
    await page.keyboard.press('F2');
    await page.keyboard.type('SUMMER20');
    await page.keyboard.press('Enter');
    await expect(terminal.appliedCode).toHaveText('SUMMER20');
    await page.keyboard.press('F4');
    await page.keyboard.type('80');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('done-change')).toHaveText('8.00');
  });
});
