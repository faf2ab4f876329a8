import { openShiftAs, sellAdults } from './pages/core-setup';
import { expect, test } from './fixtures';

test.describe('refunds and voids', () => {
  test('a seller may look up a sale but not refund it', async ({ demoHost, terminal, page }) => {
    await openShiftAs(demoHost);
    await sellAdults(demoHost, 1);
    await terminal.open(demoHost.url);
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('7');
    await page.getByLabel('Receipt number').press('Enter');
    await expect(page.getByRole('alert')).toHaveText(
      'No sale with that receipt number on this terminal. Check the number on the receipt.',
    );
    await expect(page.getByLabel('Receipt number')).toHaveValue('7');
    await page.getByLabel('Receipt number').fill('1');
    await page.getByLabel('Receipt number').press('Enter');
    await expect(page.getByTestId('refund-sale')).toBeVisible();
    await expect(
      page.getByText('Your role may look up sales; a supervisor refunds and voids them.'),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Refund ticked items' })).toHaveCount(0);
  });

  test('a supervisor refunds one ticket exactly and then voids the sale', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await openShiftAs(demoHost);
    await sellAdults(demoHost, 3, 'LIMITED');
    await terminal.open(demoHost.url);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sue Supervisor', '5937');
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('1');
    await page.getByRole('button', { name: 'Find sale' }).click();
    const units = page.getByRole('checkbox');
    await expect(units).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Refund Hamlet · Adult 2' }).check();
    await page.getByLabel('Reason').fill('cannot attend');
    // A cash sale cannot be paid back to a card: the core refuses and says how it was paid.
    await page.getByLabel('Pay back as').selectOption({ label: 'Card' });
    await page.getByLabel('Card terminal reference').fill('REF-77');
    await page.getByRole('button', { name: 'Refund ticked items' }).click();
    await expect(page.getByRole('alert')).toContainText('only what it took with each tender (cash');
    await page.getByLabel('Pay back as').selectOption({ label: 'Cash' });
    await page.getByRole('button', { name: 'Refund ticked items' }).click();
    await expect(page.getByTestId('refund-done')).toHaveText('Refund 1: 38.25 paid back.');
    const refunded = await demoHost.terminal.dispatch('pos:sales:find', { receiptNo: 1 });
    expect(refunded).toMatchObject({
      ok: true,
      value: {
        payments: expect.arrayContaining([expect.objectContaining({ tender: 'cash', amount: -3825 })]),
      },
    });
    await expect(page.getByRole('checkbox', { name: 'Refund Hamlet · Adult 2' })).toBeDisabled();

    await page.getByLabel('Reason').fill('event cancelled');
    await page.getByRole('button', { name: 'Void whole sale' }).click();
    await expect(page.getByTestId('refund-done')).toHaveText('Sale voided; 76.50 paid back (refund 2).');
    await expect(page.getByTestId('sale-status')).toHaveText('Voided');
    const found = await demoHost.terminal.dispatch('pos:sales:find', { receiptNo: 1 });
    expect(found).toMatchObject({
      ok: true,
      value: { sale: { status: 'voided' }, redemption: { releasedAt: expect.any(String) } },
    });
  });
});
