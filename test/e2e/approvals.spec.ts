import { BUILT_IN_ROLES, type RoleDefinition } from '../../shared/auth/permissions';
import { upsertRole } from '../../src-main/db/repos/staff-repo';
import { must, openShiftAs, sellAdults } from './pages/core-setup';
import { ADULT_STALLS, HAMLET } from './pages/terminal-page';
import { expect, test } from './fixtures';

test.describe('supervisor approvals', () => {
  test('a supervisor lets an exhausted code past its limit and the sale records it', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await openShiftAs(demoHost);
    for (let i = 0; i < 3; i++) await sellAdults(demoHost, 1, 'LIMITED');
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('LIMITED');
    await expect(page.getByTestId('code-why')).toContainText(
      'The maximum number of orders for this discount code has been met.',
    );

    await page.getByRole('button', { name: 'Supervisor override…' }).click();
    const dialog = terminal.dialog;
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByTestId('overuse-limits')).toContainText('MAX_USES');
    // docs/CASH.md "Reasons": a reason from the organisation's overuse list, the details in the note.
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    await dialog.getByLabel('Reason').selectOption('Manager decision');
    await dialog.getByLabel('Note (optional)').fill('regular patron');
    await dialog
      .getByLabel('Supervisor', { exact: true })
      .selectOption({ label: 'Sue Supervisor (Supervisor)' });
    await dialog.getByLabel('Supervisor PIN').fill('9999');
    await dialog.getByLabel('Supervisor PIN').press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('Wrong PIN.');
    await expect(dialog.getByLabel('Reason')).toHaveValue('Manager decision');
    await expect(dialog.getByLabel('Note (optional)')).toHaveValue('regular patron');
    await page.screenshot({ path: 'docs/screenshots/overuse-dialog.png' });
    await dialog.getByLabel('Supervisor PIN').fill('5937');
    await dialog.getByRole('button', { name: 'Grant override' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('overuse-granted')).toHaveText(
      'Override granted by Sue Supervisor: Manager decision (regular patron)',
    );
    await expect(terminal.cartTotal).toHaveText('38.25');
    await terminal.payCash();

    const sale = await demoHost.terminal.dispatch('pos:sales:find', { receiptNo: 4 });
    expect(sale).toMatchObject({
      ok: true,
      value: {
        approvals: [
          expect.objectContaining({
            kind: 'overuse',
            approverId: 'staff-sue',
            reason: 'Manager decision',
            note: 'regular patron',
          }),
        ],
      },
    });
  });

  test('a supervisor past their role’s daily overuse cap is refused with the sentence, nothing lost', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await openShiftAs(demoHost);
    for (let i = 0; i < 3; i++) await sellAdults(demoHost, 1, 'LIMITED');
    // The supervisor role allows one overuse a business day, as a pull from the server would set it.
    const supervisor = BUILT_IN_ROLES.find((r) => r.id === 'supervisor') as RoleDefinition;
    upsertRole(demoHost.terminal.db, { ...supervisor, overuseCap: 1 });
    await must(demoHost, 'pos:cart:addTicket', {
      performanceId: HAMLET,
      ticketPriceId: ADULT_STALLS,
      qty: 1,
    });
    await must(demoHost, 'pos:cart:applyCode', { input: 'LIMITED' });
    await must(demoHost, 'pos:cart:grantOveruse', {
      approverId: 'staff-sue',
      pin: '5937',
      reason: 'Manager decision',
    });
    const cart = await must(demoHost, 'pos:cart:get');
    await must(demoHost, 'pos:checkout:complete', {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });

    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('LIMITED');
    await page.getByRole('button', { name: 'Supervisor override…' }).click();
    const dialog = terminal.dialog;
    await dialog.getByLabel('Reason').selectOption('Code limit reached by mistake');
    await dialog
      .getByLabel('Supervisor', { exact: true })
      .selectOption({ label: 'Sue Supervisor (Supervisor)' });
    await dialog.getByLabel('Supervisor PIN').fill('5937');
    await dialog.getByRole('button', { name: 'Grant override' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Sue Supervisor has granted 1 overuse this business day, and their role allows 1 a day: ask a manager to grant this one.',
    );
    await expect(dialog.getByLabel('Reason')).toHaveValue('Code limit reached by mistake');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('code-why')).toContainText(
      'The maximum number of orders for this discount code has been met.',
    );
    await expect(terminal.cartTotal).toHaveText('45.00');
  });

  test('a custom discount above the seller ceiling needs a supervisor PIN', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await terminal.typeCode('SUMMER20');
    await expect(terminal.cartTotal).toHaveText('72.00');
    await page.keyboard.press('F6');
    const dialog = terminal.dialog;
    await expect(dialog.getByTestId('custom-ceiling')).toHaveText(
      'Without approval you may give up to 10 % or 5.00 per order.',
    );
    await expect(dialog.getByLabel('Percent off')).toBeFocused();
    await dialog.getByLabel('Percent off').fill('20');
    await dialog.getByLabel('Reason').selectOption('Goodwill');
    await dialog.getByRole('button', { name: 'Apply discount' }).click();
    await expect(dialog.getByTestId('custom-escalation')).toContainText(
      'a supervisor must approve it with their PIN',
    );
    await expect(dialog.getByLabel('Percent off')).toHaveValue('20');
    await expect(dialog.getByLabel('Supervisor PIN')).toBeFocused();
    await dialog.getByLabel('Supervisor PIN').fill('5937');
    await dialog.getByRole('button', { name: 'Apply with approval' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('custom-state')).toContainText('Approved by Sue Supervisor');
    await expect(page.getByTestId('cart-custom-discount')).toHaveText('−14.40');
    await expect(terminal.cartTotal).toHaveText('57.60');

    await page.keyboard.press('F4');
    await expect(terminal.dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(terminal.dialog).toHaveCount(0);
  });

  test('a small custom discount within the ceiling applies without approval', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await terminal.start(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await page.getByRole('button', { name: /Custom discount/ }).click();
    const dialog = terminal.dialog;
    await dialog.getByRole('radio', { name: /Amount/ }).check();
    await dialog.getByLabel('Amount off (EUR)').fill('2,5');
    // The organisation's custom discount reasons, the first picked; Enter in the note applies it.
    await expect(dialog.getByLabel('Reason')).toHaveValue('Goodwill');
    await expect(dialog.getByLabel('Reason').locator('option')).toHaveText([
      'Goodwill',
      'Damaged view',
      'Staff',
    ]);
    await dialog.getByLabel('Reason').selectOption('Damaged view');
    await dialog.getByLabel('Note (optional)').fill('obstructed view');
    await dialog.getByLabel('Note (optional)').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(terminal.cartTotal).toHaveText('42.50');
    await expect(page.getByTestId('custom-state')).toContainText('Damaged view (obstructed view)');
  });
});
