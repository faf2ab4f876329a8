import { addCode, openShiftAs } from './pages/core-setup';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

test.describe('customer picker', () => {
  test('puts a customer on the cart for a per-customer code, offers them again, and clears them', async ({
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1280, height: 860 });
    addCode(demoHost, { id: 'code-once', code: 'ONCE15', rules: { maxUsesPerCustomer: 1 } });
    await openShiftAs(demoHost);
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('ONCE15');
    await expect(page.getByTestId('code-why')).toContainText(
      'You must select a customer to use this discount code.',
    );

    const dialog = page.getByTestId('customer-dialog');
    await page.keyboard.press('F7');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Customer number')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByText('Enter the customer number.')).toBeVisible();
    await expect(dialog.getByLabel('Customer number')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Customer number')).toBeFocused();
    await dialog.getByLabel('Customer number').fill('C-1001');
    await dialog.getByLabel('Name').fill('Ada Lovelace');
    await dialog.getByLabel('Email (optional)').fill('ada-at-example');
    await expect(dialog.getByLabel('Previous orders')).toHaveAccessibleDescription('new customer');
    await dialog.getByLabel('Groups (comma separated)').fill('members, press');
    await dialog.getByRole('button', { name: 'Set customer' }).click();
    await expect(dialog.getByLabel('Email (optional)')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Email (optional)')).toBeFocused();
    await expect(dialog.getByLabel('Name')).toHaveValue('Ada Lovelace');
    await dialog.getByLabel('Email (optional)').fill('ada@example.com');
    await page.screenshot({ path: 'docs/screenshots/sell-customer.png' });
    await dialog.getByLabel('Email (optional)').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('customer-name')).toHaveText('Ada Lovelace');
    await expect(page.getByTestId('customer-detail')).toHaveText('C-1001 · new customer · members · press');
    await expect(terminal.appliedCode).toHaveText('ONCE15');
    await expect(page.getByTestId('cart-code-discount')).toHaveText('−6.75');
    await terminal.payCash();
    await page.getByRole('button', { name: 'Next sale' }).click();

    // The next order: the customer is picked from this terminal's recent sales and the code is used up.
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('ONCE15');
    await page.getByRole('button', { name: /^Add customer/ }).click();
    await dialog.getByLabel('Recent customers at this terminal').selectOption('C-1001');
    await expect(dialog.getByLabel('Name')).toHaveValue('Ada Lovelace');
    await expect(dialog.getByLabel('Previous orders')).toHaveValue('1');
    await expect(dialog.getByLabel('Previous orders')).toHaveAccessibleDescription('previous orders: 1');
    await dialog.getByRole('button', { name: 'Set customer' }).click();
    await expect(page.getByTestId('customer-name')).toHaveText('Ada Lovelace');
    await expect(page.getByTestId('code-why')).toContainText(
      'The maximum number of orders for this discount code has been met for this customer.',
    );

    // Cleared from the cart, the code asks for a customer again.
    await page.getByRole('button', { name: 'Remove customer' }).click();
    await expect(page.getByTestId('customer-name')).toHaveCount(0);
    await expect(page.getByTestId('code-why')).toContainText('You must select a customer');

    // And cleared from the dialog, after Cancel kept the cart as it was.
    await page.keyboard.press('F7');
    await dialog.getByLabel('Customer number').fill('C-2002');
    await dialog.getByLabel('Name').fill('Grace Hopper');
    await dialog.getByLabel('Name').press('Enter');
    await expect(page.getByTestId('customer-name')).toHaveText('Grace Hopper');
    await page.keyboard.press('F7');
    await expect(dialog.getByLabel('Customer number')).toHaveValue('C-2002');
    await dialog.getByRole('button', { name: 'Remove customer' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('customer-name')).toHaveCount(0);
  });
});
