import { openShiftAs } from './pages/core-setup';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/RESERVATIONS.md in the browser host: reserve the cart for a customer, find the hold on the
// will-call list, pick it up and pay; the seats are counted once.

test.describe('reservations and the will-call list', () => {
  test('reserves for a customer, lists it, picks it up and pays', async ({ demoHost, terminal, page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1280, height: 860 });
    await openShiftAs(demoHost);
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    const remaining = page.getByTestId('remaining');
    const before = await remaining.textContent();
    await terminal.addItem(ADULT_STALLS, 2);

    // Without a customer the reservation is refused with a sentence, and nothing is held.
    await page.keyboard.press('F3');
    const reserveDialog = page.getByTestId('reserve-dialog');
    await expect(reserveDialog.getByLabel('Hold until')).toBeFocused();
    await reserveDialog.getByRole('button', { name: 'Reserve' }).click();
    await expect(reserveDialog.getByRole('alert')).toContainText('needs a customer with a name');
    await reserveDialog.getByRole('button', { name: 'Back to the cart' }).click();

    await page.keyboard.press('F7');
    const customer = page.getByTestId('customer-dialog');
    await customer.getByRole('button', { name: 'New customer' }).click();
    await customer.getByLabel('Name').fill('Ada Lovelace');
    await customer.getByLabel('E-mail (optional)').fill('ada@example.com');
    await customer.getByRole('button', { name: 'Create and attach' }).click();
    await expect(page.getByTestId('customer-name')).toHaveText('Ada Lovelace');
    await page.keyboard.press('Escape');
    await expect(customer).toHaveCount(0);

    await page.keyboard.press('F3');
    await page.getByTestId('reserve-dialog').getByRole('button', { name: 'Reserve' }).click();
    const done = page.getByTestId('reserve-done');
    const reference = (await done.getByTestId('reservation-reference').textContent()) ?? '';
    expect(reference).toMatch(/^R-[2-9A-Z]{7}$/);
    await done.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('cart-lines')).toHaveCount(0);
    await expect(remaining).not.toHaveText(before ?? '');

    await terminal.nav('Will-call').click();
    const row = page.locator(`[data-reference="${reference}"]`);
    await expect(row).toContainText('Ada Lovelace');
    await expect(row.getByTestId('willcall-status')).toHaveText('Held');
    await expect(page.getByText('This window’s reservations only')).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/will-call.png' });

    // Keyboard: the search field has focus; typing the reference and Enter picks it up.
    await expect(page.getByLabel('Reference, name or phone')).toBeFocused();
    await page.keyboard.type(reference.toLowerCase());
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-screen="sell"]')).toBeVisible();
    await expect(page.getByTestId('customer-name')).toHaveText('Ada Lovelace');
    await expect(page.getByTestId('cart-gross')).toHaveText('90.00');
    await terminal.payCash();

    await page.getByRole('button', { name: 'Next sale' }).click();
    await terminal.nav('Will-call').click();
    await expect(row.getByTestId('willcall-status')).toHaveText('Picked up');
    await terminal.nav('Sell').click();
    await terminal.pickPerformance();
    // Two seats fewer than before: held, then sold, counted once.
    const left = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));
    await expect.poll(async () => left(await remaining.textContent())).toBe(left(before) - 2);
  });
});
