import { secretStoreWithKey } from '../helpers/device-key';
import { decodeEscPos } from '../helpers/escpos-decoder';
import { startEscPosEmulator } from '../helpers/escpos-emulator';
import { must, openShiftAs, sellAdults } from './pages/core-setup';
import { expect, test } from './fixtures';

// docs/ORDERS.md: the sales journal at the terminal. A sale is found by scanning its receipt's QR (a
// wedge scanner types the order id and Enter), and its receipt is reprinted marked DUPLICATE on a real
// network printer emulated on 127.0.0.1.

test.describe('sales journal', () => {
  test('finds a sale by its receipt QR and reprints the receipt as DUPLICATE', async ({
    startHost,
    terminal,
    page,
  }) => {
    const printer = await startEscPosEmulator();
    try {
      const host = await startHost({ demoData: true, secrets: secretStoreWithKey().secrets });
      await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
      await must(host, 'pos:print:settingsUpdate', {
        output: 'network',
        host: printer.host,
        port: printer.port,
        ticketOrder: 'receipt_only',
      });
      await openShiftAs(host);
      const sale = await sellAdults(host, 2);
      await printer.waitForPrinted(1);

      await terminal.open(host.url);
      await page.keyboard.press('F8');
      const search = page.getByTestId('journal-search');
      await expect(search).toBeFocused();

      // An unknown receipt number gets a sentence.
      await search.fill('999');
      await search.press('Enter');
      await expect(page.getByTestId('journal-error')).toHaveText(
        'No order matches “999”. Check the receipt number, scan the receipt’s or ticket’s QR code, or search by the customer’s name.',
      );

      // The receipt's QR holds the order id: scanning it opens the order.
      await search.fill(sale.sale.id);
      await search.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Order #1');
      await expect(page.getByTestId('journal-tickets').getByRole('row')).toHaveCount(3);
      await expect(page.getByTestId('journal-refund-note')).toHaveCount(0);
      await page.screenshot({ path: 'docs/screenshots/journal-order.png', fullPage: true });

      await page.getByRole('button', { name: 'Reprint receipt' }).click();
      await expect(page.getByText('Sent to the printer, marked DUPLICATE.')).toBeVisible();
      await expect(page.getByTestId('journal-history').locator('[data-kind="reprint_receipt"]')).toHaveCount(
        1,
      );
      const [, reprint] = await printer.waitForPrinted(2);
      const text = decodeEscPos(reprint!).text;
      expect(text).toContain('DUPLICATE');

      await page.getByRole('button', { name: 'Back to the list' }).click();
      await expect(page.getByTestId('journal-scope')).toHaveText(
        'This terminal is not enrolled with a server: the journal shows its own sales.',
      );
    } finally {
      await printer.close();
    }
  });

  test('marks a training sale TRAINING in the list and in the order, and a real sale not', async ({
    startHost,
    terminal,
    page,
  }) => {
    // docs/CASH.md "Training mode": main reads sales.training; the screen only shows it.
    const host = await startHost({ demoData: true });
    await openShiftAs(host);
    const real = await sellAdults(host, 1);
    await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
    await must(host, 'pos:training:set', { on: true });
    await must(host, 'pos:staff:signIn', { staffId: 'staff-sam', pin: '4826' });
    const practice = await sellAdults(host, 2);
    expect([real.sale.training, practice.sale.training]).toEqual([0, 1]);

    await terminal.open(host.url);
    await page.keyboard.press('F8');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByTestId('journal-results');
    await expect(results.locator('tbody tr')).toHaveCount(2);
    const practiceRow = results.locator(`tr[data-order="${practice.sale.id}"]`);
    const realRow = results.locator(`tr[data-order="${real.sale.id}"]`);
    await expect(practiceRow.getByTestId('training-badge')).toHaveText('TRAINING');
    await expect(realRow.getByTestId('training-badge')).toHaveCount(0);

    await practiceRow.getByRole('button', { name: `Order #${practice.sale.receiptNo}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Order #${practice.sale.receiptNo}`);
    await expect(page.getByTestId('training-badge')).toHaveText('TRAINING');
    await expect(page.getByTestId('training-why')).toHaveText(
      'A practice sale: nothing was sold, paid or counted.',
    );
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await realRow.getByRole('button', { name: `Order #${real.sale.receiptNo}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Order #${real.sale.receiptNo}`);
    await expect(page.getByTestId('training-badge')).toHaveCount(0);
  });
});
