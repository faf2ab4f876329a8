import { setServerTraining } from '../../src-main/db/repos/meta-repo';
import { decodeEscPos } from '../helpers/escpos-decoder';
import { printTo } from './pages/core-setup';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/CASH.md "Training mode": a manager puts the window in training from the Manage screen; a cashier
// sells there, sees the TRAINING banner all along, and the receipt the (emulated, network) printer prints
// says TRAINING. Nothing of the sale waits to be synced.

test.describe('training mode', () => {
  test('a manager turns training on, a cashier sells, and the printed receipt says TRAINING', async ({
    printer,
    startHost,
    terminal,
    page,
  }) => {
    const host = await startHost({ demoData: true });
    await printTo(host, printer);
    await terminal.open(host.url);
    await terminal.signIn('Max Manager', '640273');
    await expect(page.getByTestId('training-banner')).toHaveCount(0);
    await terminal.nav('Manage').click();
    await page.getByRole('button', { name: 'Training', exact: true }).click();
    const panel = page.getByTestId('training-switch');
    await expect(panel.getByText('This terminal sells for real.')).toBeVisible();
    await panel.getByRole('button', { name: 'Start training on this terminal' }).click();
    await expect(panel.getByText('This terminal is in training.')).toBeVisible();
    await expect(page.getByTestId('training-banner')).toContainText('TRAINING');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await terminal.signIn('Sam Seller', '4826');
    await expect(page.getByTestId('training-banner')).toBeVisible();
    await terminal.openShift('100.00');
    const unsynced = await page.getByTestId('unsynced').getAttribute('data-count');
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.payCash('50');
    await expect(page.getByTestId('training-banner')).toBeVisible();
    // The training sale waits for no sync: the count is what the shift's opening left.
    await expect(page.getByTestId('unsynced')).toHaveAttribute('data-count', unsynced ?? '');
    await page.screenshot({ path: 'docs/screenshots/training-sale.png' });

    await expect.poll(() => printer.documents().length).toBe(1);
    const receipt = decodeEscPos(printer.documents()[0]!).text;
    expect(receipt).toMatch(/^\s*RECEIPT$/m);
    expect(receipt.match(/^\s*TRAINING$/gm)).toHaveLength(2);
    expect(receipt).toContain('Practice only: no sale, no payment, no entry.');
  });

  test('the back office’s switch, as a pull brings it, puts the window in training; the Manage screen says so and its own switch cannot end it', async ({
    startHost,
    terminal,
    page,
  }) => {
    const host = await startHost({ demoData: true });
    // What a pull writes when the back office has the terminal in training (apply-changes.ts).
    setServerTraining(host.terminal.db, true);
    await terminal.open(host.url);
    await terminal.signIn('Max Manager', '640273');
    await expect(page.getByTestId('training-banner')).toContainText('TRAINING');
    await terminal.nav('Manage').click();
    await page.getByRole('button', { name: 'Training', exact: true }).click();
    const panel = page.getByTestId('training-switch');
    await expect(panel.getByText('This terminal sells for real.')).toBeVisible();
    await expect(panel.getByTestId('training-server')).toHaveText(
      'The back office has put this terminal in training: every sale here is practice, whatever this switch says, until a manager ends it in the back office.',
    );
    await panel.getByRole('button', { name: 'Start training on this terminal' }).click();
    await panel.getByRole('button', { name: 'End training on this terminal' }).click();
    await expect(panel.getByText('This terminal sells for real.')).toBeVisible();
    await expect(page.getByTestId('training-banner')).toBeVisible();
    await expect(panel.getByTestId('training-server')).toBeVisible();
  });
});
