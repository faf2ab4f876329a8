import { secretStoreWithKey } from '../helpers/device-key';
import { must, openShiftAs, sellAdults } from './pages/core-setup';
import type { TerminalPage } from './pages/terminal-page';
import { expect, test } from './fixtures';

/** Signs the demo's supervisor in instead of the seller and finds `receipt` on the refund screen. */
async function findAsSupervisor(terminal: TerminalPage, receipt: string): Promise<void> {
  const { page } = terminal;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await terminal.signIn('Sue Supervisor', '5937');
  await terminal.nav('Refunds').click();
  await page.getByLabel('Receipt number').fill(receipt);
  await page.getByRole('button', { name: 'Find sale' }).click();
}

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
    await findAsSupervisor(terminal, '1');
    // The refund's own boxes; the ticket reprint below has its own.
    const units = page.getByRole('checkbox', { name: /^Refund / });
    await expect(units).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Refund Hamlet · Adult 2' }).check();
    // docs/CASH.md "Reasons": the refund list, the details in the note.
    await page.getByLabel('Reason').selectOption('Customer request');
    await page.getByLabel('Note (optional)').fill('cannot attend');
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

    // A void takes its own list: picking the action switches the reasons.
    await page.getByRole('radio', { name: 'Void' }).check();
    await expect(page.getByLabel('Reason').locator('option')).toHaveText([
      'Wrong ticket sold',
      'Customer changed their mind',
      'Payment failed',
    ]);
    await page.getByLabel('Reason').selectOption('Customer changed their mind');
    await page.getByRole('button', { name: 'Void whole sale' }).click();
    await expect(page.getByTestId('refund-done')).toHaveText('Sale voided; 76.50 paid back (refund 2).');
    await expect(page.getByTestId('sale-status')).toHaveText('Voided');
    const found = await demoHost.terminal.dispatch('pos:sales:find', { receiptNo: 1 });
    expect(found).toMatchObject({
      ok: true,
      value: {
        sale: { status: 'voided' },
        redemption: { releasedAt: expect.any(String) },
        refunds: [
          expect.objectContaining({ reason: 'Customer request', note: 'cannot attend' }),
          expect.objectContaining({ reason: 'Customer changed their mind', note: null }),
        ],
      },
    });
  });

  test('finding another receipt replaces the former sale on the screen, its refund form included', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await openShiftAs(demoHost);
    await sellAdults(demoHost, 3);
    await sellAdults(demoHost, 1);
    await terminal.open(demoHost.url);
    await findAsSupervisor(terminal, '1');
    const units = page.getByRole('checkbox', { name: /^Refund / });
    await expect(units).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Refund Hamlet · Adult 3' }).check();
    await page.getByLabel('Receipt number').fill('2');
    await page.getByRole('button', { name: 'Find sale' }).click();
    await expect(page.getByRole('heading', { name: /^Receipt 2 ·/ })).toBeVisible();
    // One form, the new sale's, with nothing ticked from the former one.
    await expect(page.getByRole('button', { name: 'Refund ticked items' })).toHaveCount(1);
    await expect(units).toHaveCount(1);
    await expect(page.getByRole('checkbox', { name: 'Refund Hamlet · Adult 1' })).not.toBeChecked();
  });

  test('a seller reprints a lost ticket with a new barcode; only a supervisor may print the same barcode', async ({
    startHost,
    terminal,
    page,
  }) => {
    // A terminal holding a device key signs new barcodes; the queue keeps the jobs (no printer runs here).
    const host = await startHost({
      demoData: true,
      secrets: secretStoreWithKey().secrets,
      printer: { enabled: false },
    });
    await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
    await must(host, 'pos:print:settingsUpdate', { output: 'network', host: '127.0.0.1', port: 9100 });
    await openShiftAs(host);
    const sale = await sellAdults(host, 2);
    const [, lost] = sale.tickets;
    await terminal.open(host.url);
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('1');
    await page.getByRole('button', { name: 'Find sale' }).click();
    const reprint = page.getByTestId('ticket-reprint');
    await expect(reprint.getByRole('button', { name: 'Reprint with new barcode' })).toBeVisible();
    await expect(reprint.getByRole('button', { name: 'Same barcode (DUPLICATE)' })).toHaveCount(0);

    await reprint.getByRole('checkbox', { name: 'Reprint Hamlet · Adult 2' }).check();
    await reprint.getByRole('button', { name: 'Reprint with new barcode' }).click();
    await expect(page.getByTestId('reprint-outcome')).toHaveText(
      '1 ticket(s) reprinted with a new barcode; the old one(s) no longer admit.',
    );
    await expect(reprint.locator(`tr[data-ticket="${lost!.id}"]`)).toContainText('replaced');
    const found = await must(host, 'pos:sales:find', { receiptNo: 1 });
    expect(found.tickets.map((t) => t.status).sort()).toEqual(['reissued', 'valid', 'valid']);
    expect(found.tickets.find((t) => t.replaces === lost!.id)?.status).toBe('valid');

    await findAsSupervisor(terminal, '1');
    await reprint.getByRole('button', { name: 'Same barcode (DUPLICATE)' }).click();
    await expect(page.getByTestId('reprint-outcome')).toHaveText(
      '2 ticket(s) reprinted as DUPLICATE with the same barcode.',
    );
    const jobs = (await must(host, 'pos:print:status')).jobs.filter((j) => j.kind === 'tickets');
    expect(jobs.map((j) => j.duplicate).sort()).toEqual([false, false, true]);
  });
});
