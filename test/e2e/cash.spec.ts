import { decodeEscPos } from '../helpers/escpos-decoder';
import { printTo } from './pages/core-setup';
import { expect, test } from './fixtures';

// docs/CASH.md: a supervisor pays cash out and opens the drawer for "no sale" at the window; the drawer
// hangs on a real network printer emulated on 127.0.0.1, which sees the pulses and prints the X report.

test.describe('cash in and out', () => {
  test('pays out with a listed reason, refuses more than the drawer holds, opens it for no sale, and prints the X report', async ({
    printer,
    startHost,
    terminal,
    page,
  }) => {
    const host = await startHost({ demoData: true });
    await printTo(host, printer, { drawerKick: true });
    await page.setViewportSize({ width: 1280, height: 1400 });
    await terminal.open(host.url);
    await terminal.signIn('Sue Supervisor', '5937');
    await terminal.openShift('100.00');
    await terminal.nav('Shift').click();

    const form = page.getByTestId('cash-form');
    await form.getByLabel('What happens').selectOption({ label: 'Paid out' });
    await expect(form.getByLabel('Reason')).toHaveValue('Petty cash purchase');
    await form.getByLabel(/Amount/).fill('150.00');
    await form.getByLabel('Reason').selectOption('Supplier payment');
    await form.getByLabel(/Note/).fill('window cleaner');
    await form.getByLabel(/Amount/).press('Enter');
    await expect(page.getByTestId('cash-error')).toHaveText(
      'The drawer should hold only 100.00 EUR, so 150.00 EUR cannot come out of it. Take out less, or count the drawer and pay in what is missing first.',
    );
    // What was typed stays, so the cashier corrects the amount only.
    await expect(form.getByLabel(/Note/)).toHaveValue('window cleaner');
    expect(printer.drawerPulses()).toBe(0);

    await form.getByLabel(/Amount/).fill('12.50');
    await form.getByRole('button', { name: 'Record and open the drawer' }).click();
    await expect(page.getByTestId('cash-notice')).toHaveText(
      'Paid out recorded: 12.50. Expected cash is now 87.50.',
    );
    await expect(page.getByTestId('z-expected')).toHaveText('87.50');
    await expect.poll(() => printer.drawerPulses()).toBe(1);

    await form.getByLabel('What happens').selectOption({ label: 'No sale (open the drawer)' });
    await expect(form.getByLabel(/Amount/)).toHaveCount(0);
    await form.getByLabel('Reason').selectOption('Change for a customer');
    await form.getByRole('button', { name: 'Record and open the drawer' }).click();
    await expect(page.getByTestId('cash-notice')).toHaveText('No sale recorded; the drawer was opened.');
    await expect.poll(() => printer.drawerPulses()).toBe(2);

    const rows = page.getByTestId('z-cash').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).locator('td').nth(1)).toHaveText('Paid out');
    await expect(rows.nth(0).locator('td').nth(2)).toHaveText('Supplier payment: window cleaner');
    await expect(rows.nth(0).locator('td').nth(4)).toHaveText('-12.50');
    await expect(rows.nth(1).locator('td').nth(1)).toHaveText('No sale (open the drawer)');
    await page.screenshot({ path: 'docs/screenshots/cash-movements.png', fullPage: true });

    await page.getByRole('button', { name: 'Print X report' }).click();
    await expect(page.getByTestId('x-report-notice')).toHaveText('The X report is printing.');
    await expect.poll(() => printer.documents().length).toBe(1);
    const x = decodeEscPos(printer.documents()[0]!).text;
    expect(x).toMatch(/^\s*X REPORT$/m);
    expect(x).toMatch(/^\s*Paid out \(1\)\s+-12\.50$/m);
    expect(x).toMatch(/^\s*No sale\s+1$/m);
  });

  test('a seller sees why the cash form is not there, and the core refuses the channel too', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await terminal.open(demoHost.url);
    await terminal.signIn('Sam Seller', '4826');
    await terminal.openShift('100.00');
    await terminal.nav('Shift').click();
    await expect(
      page.getByText('Only staff allowed to handle cash can pay in or out or open the drawer.'),
    ).toBeVisible();
    await expect(page.getByTestId('cash-form')).toHaveCount(0);
    const refused = await demoHost.terminal.dispatch('pos:cash:move', {
      kind: 'no_sale',
      amount: 0,
      reason: 'Check the drawer',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });
});
