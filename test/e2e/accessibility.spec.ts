import { seatDemoHamlet, seatOf } from '../helpers/seated-demo';
import { expectAccessible } from './pages/axe';
import { openShiftAs, sellAdults } from './pages/core-setup';
import { ManagePage, startCentral } from './pages/manage-page';
import { ADULT_STALLS } from './pages/terminal-page';
import { expect, test } from './fixtures';

test.describe('accessibility', () => {
  for (const language of ['English', 'Deutsch'] as const) {
    test(`the status screen has no serious violations in ${language}`, async ({ host, statusPage, page }) => {
      await statusPage.open(host.url);
      await statusPage.language(language).click();
      await expect(statusPage.language(language)).toHaveAttribute('aria-pressed', 'true');
      await expectAccessible(page, 'status');
    });
  }

  test('sign-in, shift, sell, dropdown, dialogs and payment have no serious violations', async ({
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(120_000); // axe takes a second or more per screen; nine screens on a shared 2-core machine
    await terminal.open(demoHost.url);
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: /^Sam Seller/ }).click();
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'sign-in with error');
    await page.getByLabel('PIN', { exact: true }).fill('4826');
    await page.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(terminal.heading).toHaveText('Open a shift');
    await expectAccessible(page, 'open shift');
    await terminal.openShift();
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS, 2);
    await terminal.typeCode('SUMMER20');
    await expect(terminal.appliedCode).toHaveText('SUMMER20');
    await expectAccessible(page, 'sell');
    await terminal.codeInput.pressSequentially('s');
    await expect(terminal.codeList).toHaveAttribute('data-answered', 's');
    await terminal.codeInput.press('ArrowDown');
    await expectAccessible(page, 'code dropdown');
    await terminal.codeInput.press('Escape');
    await page.keyboard.press('F6');
    await terminal.dialog.getByLabel('Percent off').fill('30');
    await terminal.dialog.getByLabel('Reason').selectOption('Goodwill');
    await terminal.dialog.getByLabel('Note (optional)').press('Enter');
    await expect(terminal.dialog.getByLabel('Supervisor PIN')).toBeVisible();
    await expectAccessible(page, 'custom discount');
    await page.keyboard.press('Escape');
    await expect(terminal.dialog).toHaveCount(0);
    await page.keyboard.press('F4');
    await expect(terminal.dialog).toBeVisible();
    await expectAccessible(page, 'payment');
    await terminal.dialog.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('sale-done')).toBeVisible();
    await expectAccessible(page, 'sale done');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('button', { name: 'Nächster Verkauf' }).click();
    await expect(terminal.heading).toHaveText('Verkauf');
    await expectAccessible(page, 'sell (German)');
  });

  test('the sell screen of a seated performance, with its seat picker, has no serious violations', async ({
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(90_000); // three axe runs over a map of 60 seats on a shared machine
    seatDemoHamlet(demoHost.terminal.db, {
      seats: 60,
      leased: (m) => [
        seatOf(m, 'Stalls', 'A', '4'),
        seatOf(m, 'Stalls', 'A', '5'),
        seatOf(m, 'Stalls', 'A', '6'),
      ],
    });
    await openShiftAs(demoHost);
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    const picker = page.getByTestId('seat-picker');
    await expect(picker.getByRole('listbox')).toBeVisible();
    await expectAccessible(page, 'sell, seated');
    await picker.getByRole('option', { name: /^Stalls row A seat 5,/ }).click();
    await expect(page.getByTestId('line-seats')).toContainText('Stalls, row A, seat 5');
    await picker.getByRole('button', { name: /Best available/ }).click();
    await expect(page.getByTestId('best-available')).toBeVisible();
    await expectAccessible(page, 'sell, seated, best available');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(picker.getByRole('listbox')).toBeVisible();
    await expectAccessible(page, 'sell, seated (German)');
  });

  test('overuse dialog and lock screen have no serious violations', async ({ demoHost, terminal, page }) => {
    await openShiftAs(demoHost);
    for (let i = 0; i < 3; i++) await sellAdults(demoHost, 1, 'LIMITED');
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await terminal.typeCode('LIMITED');
    await page.getByRole('button', { name: 'Supervisor override…' }).click();
    await expect(terminal.dialog).toBeVisible();
    await expectAccessible(page, 'overuse');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(terminal.heading).toHaveText('Terminal locked');
    await expectAccessible(page, 'lock');
  });

  test('refunds, shift and Z report have no serious violations', async ({ demoHost, terminal, page }) => {
    await openShiftAs(demoHost, 'staff-sue', '5937');
    await sellAdults(demoHost, 2, 'SUMMER20');
    await terminal.open(demoHost.url);
    await terminal.nav('Refunds').click();
    await page.getByLabel('Receipt number').fill('1');
    await page.getByLabel('Receipt number').press('Enter');
    await expect(page.getByTestId('refund-sale')).toBeVisible();
    await expectAccessible(page, 'refunds');
    await terminal.nav('Shift').click();
    await expect(page.getByTestId('z-report')).toBeVisible();
    await expectAccessible(page, 'shift');
    await page.getByLabel(/Counted cash/).fill('172');
    await page.getByLabel(/Counted cash/).press('Enter');
    await expect(terminal.heading).toHaveText('Z report');
    await expectAccessible(page, 'Z report');
  });

  test('the Terminal tab and the customer dialog have no serious violations', async ({
    startHost,
    demoHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000);
    const central = await startCentral();
    try {
      const manage = new ManagePage(page);
      const host = await startHost({ serverUrl: central.url, demoData: true, printer: { enabled: false } });
      await terminal.open(host.url);
      await terminal.signIn('Max Manager', '640273');
      await manage.open();
      await manage.tab('Terminal').click();
      await page.getByRole('button', { name: 'Enrol terminal' }).click();
      await expect(page.getByLabel('Enrolment code')).toHaveAttribute('aria-invalid', 'true');
      await expectAccessible(page, 'terminal tab with errors');
      await page.getByRole('button', { name: 'Deutsch' }).click();
      await expect(page.getByRole('button', { name: 'Terminal anmelden' })).toBeVisible();
      await expectAccessible(page, 'terminal tab (German)');
    } finally {
      await central.close();
    }

    await openShiftAs(demoHost);
    await terminal.open(demoHost.url);
    await terminal.pickPerformance();
    await terminal.addItem(ADULT_STALLS);
    await page.keyboard.press('F7');
    await expect(terminal.dialog).toBeVisible();
    await terminal.dialog.getByRole('combobox').fill('ada');
    await expect(terminal.dialog.getByTestId('customer-source')).toContainText('this terminal holds');
    await expectAccessible(page, 'customer search (standalone)');
    await terminal.dialog.getByRole('button', { name: 'New customer' }).click();
    await terminal.dialog.getByLabel('Name').press('Enter');
    await expect(terminal.dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'customer dialog with errors');
    await terminal.dialog.getByLabel('Name').fill('Ada Lovelace');
    await terminal.dialog.getByLabel('Name').press('Enter');
    await expect(page.getByTestId('customer-name')).toHaveText('Ada Lovelace');
    await expectAccessible(page, 'sell with a customer');
  });

  test('the manager screens have no serious violations', async ({ startHost, terminal, page }) => {
    test.setTimeout(90_000);
    const central = await startCentral();
    try {
      const manage = new ManagePage(page);
      const host = await startHost({ serverUrl: central.url, demoData: true, printer: { enabled: false } });
      await terminal.open(host.url);
      await terminal.signIn('Max Manager', '640273');
      await manage.open();
      await manage.signInToServer(undefined, 'wrong password!');
      await expect(page.getByTestId('server-error')).toBeVisible();
      await expectAccessible(page, 'server sign-in with error');
      await manage.signInToServer();
      await expect(page.getByTestId('codes-table')).toBeVisible();
      await page.getByRole('button', { name: /^New code/ }).click();
      await manage.field('Code (cannot change later)').fill('A11Y');
      await manage.field('Name').fill('Accessible');
      await manage.field('Percent off').fill('200');
      await manage.save();
      await expect(manage.field('Percent off')).toHaveAttribute('aria-invalid', 'true');
      await expectAccessible(page, 'code editor with errors');
      await manage.field('Type').selectOption('multi_buy');
      await expectAccessible(page, 'code editor, multi-buy');
      await manage.field('Type').selectOption('percentage');
      await manage.field('Percent off').fill('20');
      await manage.field('Parent for generated child codes').check();
      await manage.save();
      await expect(manage.row('A11Y').getByTestId('code-status')).toHaveText('Active');
      await expectAccessible(page, 'code list');
      await manage.row('A11Y').getByRole('button', { name: 'Generate child codes of A11Y' }).click();
      await expectAccessible(page, 'generate dialog');
      await manage.dialog.getByLabel('How many codes').fill('20');
      await manage.dialog.getByLabel('How many codes').press('Enter');
      await expect(page.getByTestId('generate-progress')).toHaveAttribute('data-status', 'done');
      await expectAccessible(page, 'generate progress');
      await page.keyboard.press('Escape');
      await manage.tab('Reports').click();
      await expect(page.getByTestId('report-table')).toBeVisible();
      await page.getByLabel('Used codes only').uncheck();
      await expect(page.getByTestId('report-chart')).toBeVisible();
      await expectAccessible(page, 'reports');
      await manage.tab('Overuses').click();
      await expect(page.getByTestId('overuse-table')).toBeVisible();
      await expectAccessible(page, 'overuses');
      await manage.tab('Printer').click();
      await page.getByTestId('printer-settings').getByLabel('Print to').selectOption('network');
      await expectAccessible(page, 'printer settings');
      await page.getByRole('button', { name: 'Deutsch' }).click();
      await page
        .getByRole('navigation', { name: 'Verwaltungsansichten' })
        .getByRole('button', { name: 'Codes' })
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verwaltung');
      await expect(page.getByTestId('codes-table')).toBeVisible();
      await expectAccessible(page, 'code list (German)');
    } finally {
      await central.close();
    }
  });
});
