import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { must } from './pages/core-setup';
import { StatusBarPage } from './pages/status-bar';
import { enrolledWindow, startSyncServer, type SyncServer } from './pages/sync-setup';
import type { TerminalPage } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/CASH.md "Gift vouchers", end to end: two terminals against a real server. A manager makes an
// open-amount voucher product in the back office and gives window B a voucher share; window A sells a
// 50.00 voucher for cash and pushes it; B, synced so it holds a share of the voucher, goes offline, is
// refused more than it holds, takes 10.00 of it plus cash, and shows the last known balance. Back online,
// the server's balance is 40.00: in the back office's report and at window A's balance check.

/** Opens a back office section, signing in first unless this tab's session is still there. */
async function openBackOffice(page: Page, world: SyncServer, section: string): Promise<void> {
  await page.goto(`${world.server.url}/admin/#/${section}`);
  const email = page.getByLabel('Email');
  await expect(email.or(page.getByRole('navigation', { name: 'Back office menu' }))).toBeVisible();
  if (!(await email.isVisible())) return;
  await email.fill(world.org.email);
  await page.getByLabel('Password').fill(world.org.password);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
}

/** The window's "Voucher balance" dialog, opened with F5 from the sell screen, after scanning `code`. */
async function checkBalance(terminal: TerminalPage, code: string) {
  const page = terminal.page;
  await page.keyboard.press('F5');
  const dialog = page.getByRole('dialog', { name: 'Voucher balance' });
  await expect(dialog.getByLabel('Voucher code (scan or paste)')).toBeFocused();
  // A wedge scanner types the code and Enter.
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('voucher-facts')).toBeVisible();
  return dialog;
}

test.describe('gift vouchers', () => {
  let world: SyncServer | undefined;
  test.afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  test('sold at A, spent in part at B offline with cash for the rest, 40.00 left on the server', async ({
    startHost,
    terminal,
    page,
  }) => {
    test.setTimeout(240_000);
    world = await startSyncServer();
    const { catalogue } = world;
    const a = await enrolledWindow(startHost, world, 'Window A');
    // Window B notices quickly that the server is gone (the status bar's state).
    const b = await enrolledWindow(startHost, world, 'Window B', {
      connectivity: { intervalMs: 200, timeoutMs: 500 },
    });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Back office, Products: an open-amount gift voucher, valid a year; its VAT is fixed at 0.
    await openBackOffice(page, world, 'products');
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
    await page.getByRole('button', { name: 'New product' }).click();
    const productDialog = page.getByRole('dialog');
    await productDialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'Gift voucher' });
    await productDialog.getByLabel('Name', { exact: true }).fill('Gift card');
    await productDialog.getByLabel('Price in EUR').fill('0');
    await expect(productDialog.getByText('0 means an open amount typed at the window')).toBeVisible();
    await expect(productDialog.getByLabel('VAT rate')).toBeDisabled();
    await expect(productDialog.getByLabel('VAT rate')).toHaveValue('0');
    await productDialog.getByLabel('Valid for (days)').fill('a year');
    await productDialog.getByRole('button', { name: 'Save' }).click();
    await expect(productDialog.getByText('Enter a whole number of days from 1 to 3650.')).toBeVisible();
    await productDialog.getByLabel('Valid for (days)').fill('365');
    await productDialog.getByRole('button', { name: 'Save' }).click();
    await expect(productDialog).toBeHidden();
    await expect(page.getByRole('row', { name: /Gift card/ })).toContainText('Gift voucher');
    await expect(page.getByRole('row', { name: /Gift card/ })).toContainText('Any amount');

    // Terminals: window B may hold half of each voucher ahead; more than 50 % is refused beside the field.
    const menu = page.getByRole('navigation', { name: 'Back office menu' });
    await menu.getByRole('link', { name: 'Terminals' }).click();
    const rowB = page.locator(`[data-terminal="${b.terminal.terminalId}"]`);
    await expect(rowB.getByTestId('terminal-voucher-share')).toHaveText('0 %');
    await rowB.getByRole('button', { name: 'Voucher share' }).click();
    const shareDialog = page.getByRole('dialog', { name: 'Voucher share of Window B' });
    const share = shareDialog.getByLabel('Share of each voucher held for offline (%)');
    await expect(share).toBeFocused();
    await share.fill('60');
    await share.press('Enter');
    await expect(shareDialog.getByText('Enter a whole number from 0 to 50.')).toBeVisible();
    await share.fill('50');
    await share.press('Enter');
    await expect(shareDialog).toBeHidden();
    await expect(rowB.getByTestId('terminal-voucher-share')).toHaveText('50 %');

    // Window A learns of the product and sells a 50.00 voucher for cash, typed in the amount dialog.
    await must(a, 'pos:sync:now');
    await terminal.open(a.url);
    await terminal.pickPerformance(catalogue.performanceId, 'Macbeth');
    const voucherButton = page.locator('[data-kind="voucher"]', { hasText: 'Gift card' });
    await expect(voucherButton).toContainText('Gift voucher');
    await expect(voucherButton).toContainText('Any amount');
    await voucherButton.click();
    const amountDialog = page.getByRole('dialog', { name: 'Gift voucher: Gift card' });
    await expect(amountDialog.getByLabel('Amount per voucher (EUR)')).toBeFocused();
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect(amountDialog).toBeHidden();
    const line = page.locator('[data-kind="voucher"][data-line="Gift card"]');
    await expect(line).toContainText('Gift voucher');
    await expect(line.getByTestId('line-discount')).toHaveText('');
    await expect(terminal.cartTotal).toHaveText('50.00');
    await terminal.payCash();
    await expect(page.getByTestId('done-vouchers')).toContainText('50.00');
    const sold = await must(a, 'pos:sales:find', { receiptNo: 1 });
    expect(sold.vouchers).toHaveLength(1);
    const voucher = sold.vouchers[0];
    if (!voucher) throw new Error('the sale issued no voucher');
    expect(voucher.amount).toBe(5000);
    await must(a, 'pos:sync:now');

    // Window B's background sync round (started by hand here: its scheduler is off) pulls the voucher and
    // its share, and the top-up asks ahead for half of it; then B puts a 40.00 ticket in the cart while
    // online, which leases its seat.
    expect(await b.terminal.sync.round()).toBe(true);
    await terminal.open(b.url);
    const bar = new StatusBarPage(page);
    await terminal.pickPerformance(catalogue.performanceId, 'Macbeth');
    await terminal.addItem(catalogue.ticketPriceId);
    await expect(terminal.cartTotal).toHaveText('40.00');

    // The server goes away: B checks the voucher with what it last knew, and can take its half of it.
    await world.server.stop();
    await expect(bar.server).toHaveAttribute('data-state', 'offline');
    let balance = await checkBalance(terminal, voucher.secret);
    await expect(balance.getByTestId('voucher-face')).toHaveText('50.00');
    await expect(balance.getByTestId('voucher-balance')).toHaveText('50.00 (last known here)');
    await expect(balance.getByTestId('voucher-spendable')).toHaveText('25.00');
    await expect(balance.getByTestId('voucher-offline')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(balance).toBeHidden();

    // Payment: the voucher scanned into its field offers what B can take (25.00, less than the 40.00
    // to pay); 30.00 is refused with the core's sentence; 10.00 from the voucher and 30.00 cash pay it.
    await page.keyboard.press('F4');
    const pay = page.getByTestId('payment-dialog');
    const code = pay.getByLabel('Voucher code (scan or paste)');
    await code.fill(voucher.secret);
    await code.press('Enter');
    await expect(pay.getByTestId('voucher-balance')).toHaveText('50.00 (last known here)');
    await expect(pay.getByTestId('voucher-spendable')).toHaveText('25.00');
    // A voucher is valid for years: its expiry names the year (the product's 365 days from today).
    await expect(pay.getByTestId('voucher-expiry')).toContainText(
      String(new Date(voucher.expiresAt).getFullYear()),
    );
    const take = pay.getByLabel('Take from the voucher (EUR)');
    await expect(take).toHaveValue('25.00');
    await expect(take).toBeFocused();
    await expect(pay.getByTestId('pay-cash-due')).toHaveText('15.00');
    await take.fill('30');
    await pay.getByRole('button', { name: 'Complete sale' }).click();
    await expect(take).toHaveAttribute('aria-invalid', 'true');
    // VOUCHER_OVER_BALANCE names what can be taken here.
    await expect(pay.getByRole('alert')).toContainText('25.00');
    await page.screenshot({ path: 'docs/screenshots/voucher-payment.png', fullPage: true });
    await expect(take).toBeFocused();
    await take.fill('10');
    await pay.getByLabel(/Cash received/).fill('30');
    await expect(pay.getByTestId('pay-cash-due')).toHaveText('30.00');
    await expect(pay.getByTestId('pay-change')).toHaveText('0.00');
    const axe = await new AxeBuilder({ page }).include('[data-testid="payment-dialog"]').analyze();
    expect(axe.violations).toEqual([]);
    await pay.getByRole('button', { name: 'Complete sale' }).click();
    const done = page.getByTestId('sale-done');
    await expect(done).toContainText('Gift voucher: 10.00');
    await expect(done).toContainText('Cash: 30.00');
    await expect(bar.unsynced).toHaveText('Unsynced sales: 1');

    // Still offline: the balance is the last pulled one less what B spent since, marked as such.
    await page.getByRole('button', { name: 'Next sale' }).click();
    balance = await checkBalance(terminal, voucher.secret);
    await expect(balance.getByTestId('voucher-balance')).toHaveText('40.00 (last known here)');
    await expect(balance.getByTestId('voucher-spendable')).toHaveText('15.00');
    await page.keyboard.press('Escape');

    // Back online: B pushes its sale; the server's balance is 40.00, at window A and in the back office.
    await world.server.restart();
    await expect(bar.server).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
    await must(b, 'pos:sync:now');
    await expect(bar.unsynced).toHaveText('Unsynced sales: 0', { timeout: 30_000 });

    await terminal.open(a.url);
    balance = await checkBalance(terminal, voucher.secret);
    await expect(balance.getByTestId('voucher-balance')).toHaveText('40.00');
    await expect(balance.getByTestId('voucher-facts')).toHaveAttribute('data-live', 'true');
    await expect(balance.getByTestId('voucher-offline')).toHaveCount(0);
    await page.keyboard.press('Escape');

    await openBackOffice(page, world, 'vouchers');
    const report = page.getByTestId('vouchers-report');
    // Today, as the date fields take it: the day both sales were made.
    const now = new Date();
    const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    await report.getByLabel('From', { exact: true }).fill(today);
    await report.getByLabel('To', { exact: true }).fill(today);
    await expect(report.getByTestId('vouchers-liability')).toHaveText('40.00');
    await expect(report.getByTestId('vouchers-expired')).toHaveText('0.00');
    const day = report.getByTestId('vouchers-table').locator('tbody tr');
    await expect(day).toHaveCount(1);
    await expect(day).toContainText('50.00');
    await expect(day).toContainText('10.00');
    const download = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Export CSV' }).click();
    const text = await readFile(await (await download).path(), 'utf8');
    expect(text).toContain('day,currency,sold_count,sold_amount,spent_amount,voided_count,voided_amount');
    expect(text).toMatch(/,EUR,1,5000,1000,0,0\r\n/);
    expect(text).toContain('EUR,4000,0');
  });

  // docs/CASH.md "Refunds onto a voucher" and "Refunds and voids of a sale paid by voucher": one window
  // against the server. A supervisor refunds a ticket onto a new 40.00 voucher; a seller's later sale
  // takes 25.00 of it; refunding a ticket of that sale puts the 25.00 back on the voucher first.
  test('a refund onto a new voucher pays part of a later sale, whose refund puts the voucher part back', async ({
    startHost,
    terminal,
    page,
  }) => {
    test.setTimeout(240_000);
    world = await startSyncServer();
    const { catalogue } = world;
    const a = await enrolledWindow(startHost, world, 'Window A');
    await must(a, 'pos:sync:now');
    // Receipt 1: two 40.00 tickets for cash, sold through the core (the flow here starts at the refund).
    await must(a, 'pos:cart:addTicket', {
      performanceId: catalogue.performanceId,
      ticketPriceId: catalogue.ticketPriceId,
      qty: 2,
    });
    const cart = await must(a, 'pos:cart:get');
    await must(a, 'pos:checkout:complete', {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });

    // Sid Supervisor (signed in by enrolledWindow) refunds one ticket onto a new gift voucher.
    await terminal.open(a.url);
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('1');
    await page.getByRole('button', { name: 'Find sale' }).click();
    const units = page.getByRole('checkbox', { name: /^Refund / });
    await expect(units).toHaveCount(2);
    await units.first().check();
    await page.getByLabel('Reason').selectOption('Customer request');
    await page.getByLabel('Pay back as').selectOption({ label: 'To a gift voucher' });
    await page.getByRole('button', { name: 'Refund ticked items' }).click();
    await expect(page.getByTestId('refund-done')).toHaveText('Refund 1: 40.00 paid back.');
    await expect(page.getByTestId('refund-vouchers').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('refund-vouchers')).toContainText('40.00, valid until');
    const refunded = await must(a, 'pos:sales:find', { receiptNo: 1 });
    const credit = refunded.vouchers.find((v) => v.refundId !== null);
    if (!credit) throw new Error('the refund issued no voucher');
    expect(credit.amount).toBe(4000);
    expect(refunded.payments).toContainEqual(
      expect.objectContaining({ tender: 'voucher', amount: -4000, voucherId: credit.id }),
    );
    // The server knows the voucher once the refund that issued it is pushed.
    await must(a, 'pos:sync:now');

    // Receipt 2: Sally Seller sells two tickets (80.00), 25.00 from the voucher and 55.00 in cash.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sally Seller', '7305');
    // The window's shift is still open: she sells in it.
    await expect(page.locator('[data-screen="sell"]')).toBeVisible();
    await terminal.pickPerformance(catalogue.performanceId, 'Macbeth');
    await terminal.addItem(catalogue.ticketPriceId, 2);
    await expect(terminal.cartTotal).toHaveText('80.00');
    await page.keyboard.press('F4');
    const pay = page.getByTestId('payment-dialog');
    const code = pay.getByLabel('Voucher code (scan or paste)');
    await code.fill(credit.secret);
    await code.press('Enter');
    await expect(pay.getByTestId('voucher-balance')).toHaveText('40.00');
    const take = pay.getByLabel('Take from the voucher (EUR)');
    await expect(take).toHaveValue('40.00');
    await take.fill('25');
    await pay.getByLabel(/Cash received/).fill('55');
    await expect(pay.getByTestId('pay-change')).toHaveText('0.00');
    await pay.getByRole('button', { name: 'Complete sale' }).click();
    const done = page.getByTestId('sale-done');
    await expect(done).toContainText('Gift voucher: 25.00');
    await expect(done).toContainText('Cash: 55.00');
    await must(a, 'pos:sync:now');
    await page.getByRole('button', { name: 'Next sale' }).click();
    let balance = await checkBalance(terminal, credit.secret);
    await expect(balance.getByTestId('voucher-balance')).toHaveText('15.00');
    await page.keyboard.press('Escape');

    // The supervisor refunds one of its tickets: no tender to pick, the voucher's 25.00 goes back onto
    // it first and the other 15.00 in cash.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await terminal.signIn('Sid Supervisor', '8142');
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('2');
    await page.getByRole('button', { name: 'Find sale' }).click();
    await expect(page.getByRole('heading', { name: /^Receipt 2 ·/ })).toBeVisible();
    await expect(page.getByTestId('refund-as-paid')).toBeVisible();
    await expect(page.getByLabel('Pay back as')).toHaveCount(0);
    await units.first().check();
    await page.getByLabel('Reason').selectOption('Customer request');
    await page.getByRole('button', { name: 'Refund ticked items' }).click();
    await expect(page.getByTestId('refund-done')).toHaveText('Refund 2: 40.00 paid back.');
    await expect(page.getByTestId('refund-vouchers')).toHaveCount(0);
    const second = await must(a, 'pos:sales:find', { receiptNo: 2 });
    const back = second.payments.filter((p) => p.amount < 0);
    expect(back).toEqual([
      expect.objectContaining({ tender: 'voucher', amount: -2500, voucherId: credit.id }),
      expect.objectContaining({ tender: 'cash', amount: -1500 }),
    ]);

    // Pushed, the voucher's balance on the server is up again: 15.00 + 25.00.
    await must(a, 'pos:sync:now');
    await terminal.nav('Sell').click();
    balance = await checkBalance(terminal, credit.secret);
    await expect(balance.getByTestId('voucher-balance')).toHaveText('40.00');
    await expect(balance.getByTestId('voucher-facts')).toHaveAttribute('data-live', 'true');
  });
});
