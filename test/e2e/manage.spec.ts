import { readFileSync } from 'node:fs';
import { test as base, expect } from './fixtures';
import { ManagePage, redeem, startCentral, type Central } from './pages/manage-page';

const test = base.extend<{ central: Central; manage: ManagePage }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  central: async ({}, use) => {
    const central = await startCentral();
    await use(central);
    await central.close();
  },
  manage: async ({ page }, use) => {
    await use(new ManagePage(page));
  },
});

test.describe('manager screens', () => {
  test('a manager signs in to the server, creates, edits, generates, reports and exports', async ({
    central,
    startHost,
    terminal,
    manage,
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    const host = await startHost({ serverUrl: central.url, demoData: true });
    await terminal.open(host.url);
    await terminal.signIn('Max Manager', '640273');
    await expect(terminal.heading).toHaveText('Open a shift');
    await manage.open();
    await expect(manage.heading).toHaveText('Manage');

    await manage.signInToServer(undefined, 'wrong password!');
    await expect(page.getByTestId('server-error')).toContainText('email or password is wrong');
    await expect(page.getByLabel('Email')).toHaveValue('greta@example.test');
    await manage.signInToServer();
    await expect(page.getByTestId('server-session')).toContainText('Greta Manager');

    // Create: an invalid percentage shows its error beside the field and keeps what was typed.
    await page.keyboard.press('Alt+N');
    await expect(manage.editor).toBeVisible();
    await manage.field('Code (cannot change later)').fill('spring20');
    await manage.field('Name').fill('Spring');
    await manage.field('Percent off').fill('150');
    await manage.field('Total uses').fill('50');
    await manage.save();
    await expect(manage.field('Percent off')).toHaveAttribute('aria-invalid', 'true');
    await expect(manage.editor.getByRole('alert').first()).toContainText('percentage from 0 to 100');
    await expect(manage.field('Percent off')).toBeFocused();
    await expect(manage.field('Code (cannot change later)')).toHaveValue('spring20');
    await expect(manage.field('Total uses')).toHaveValue('50');
    await page.screenshot({ path: testInfo.outputPath('code-editor-error.png'), fullPage: true });
    await manage.field('Percent off').fill('20');
    await manage.save();
    await expect(page.getByTestId('codes-notice')).toHaveText('SPRING20 is saved.');
    await expect(manage.row('SPRING20').getByTestId('code-status')).toHaveText('Active');
    await expect(manage.row('SPRING20')).toContainText('20 % off');
    await expect(manage.row('SPRING20')).toContainText('0 / 50');

    // Edit: the code string is fixed; the terms change.
    await manage.row('SPRING20').getByRole('button', { name: 'Edit SPRING20' }).click();
    await expect(manage.editor.getByRole('heading', { name: /Edit SPRING20/ })).toBeVisible();
    await expect(manage.field('Code (cannot change later)')).toHaveCount(0);
    await expect(manage.field('Total uses')).toHaveValue('50');
    await manage.field('Total uses').fill('80');
    await manage.field('Name').fill('Spring sale');
    await manage.field('Total uses').press('Control+Enter');
    await expect(manage.row('SPRING20')).toContainText('Spring sale');
    await expect(manage.row('SPRING20')).toContainText('0 / 80');

    // A status filter narrows the list; the badge says why a code is not usable.
    await manage.row('SPRING20').getByRole('button', { name: 'Disable SPRING20' }).click();
    await expect(manage.row('SPRING20').getByTestId('code-status')).toHaveText('Disabled');
    await manage.statusFilter.selectOption('active');
    await expect(manage.row('SPRING20')).toHaveCount(0);
    await manage.statusFilter.selectOption('disabled');
    await expect(manage.row('SPRING20')).toBeVisible();
    await manage.row('SPRING20').getByRole('button', { name: 'Restore SPRING20' }).click();
    await expect(manage.row('SPRING20')).toHaveCount(0);
    await manage.statusFilter.selectOption('');
    await expect(manage.row('SPRING20').getByTestId('code-status')).toHaveText('Active');
    await page.screenshot({ path: testInfo.outputPath('code-list.png'), fullPage: true });
    await page.screenshot({ path: 'docs/screenshots/manage-codes.png', fullPage: true });

    // A parent, then 200 children with a progress bar that reaches done.
    await manage.page.getByRole('button', { name: /^New code/ }).click();
    await manage.field('Code (cannot change later)').fill('CLASS');
    await manage.field('Name').fill('School classes');
    await manage.field('Type').selectOption('fixed_per_item');
    await manage.field('Amount (EUR)').fill('5');
    await manage.field('Total uses').fill('1');
    await manage.field('Parent for generated child codes').check();
    await manage.save();
    await expect(manage.row('CLASS')).toContainText('Parent');
    await manage.row('CLASS').getByRole('button', { name: 'Generate child codes of CLASS' }).click();
    await expect(manage.dialog).toBeVisible();
    await manage.dialog.getByLabel('How many codes').fill('200');
    await manage.dialog.getByLabel('Prefix (optional)').fill('CL');
    await manage.dialog.getByLabel('Prefix (optional)').press('Enter');
    const progress = page.getByTestId('generate-progress');
    await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(progress).toHaveAttribute('value', '200');
    await expect(page.getByTestId('generate-status')).toHaveText('Done: 200 codes made.');
    await page.screenshot({ path: testInfo.outputPath('generate-done.png') });
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(manage.dialog).toHaveCount(0);
    // The children now fill the list (sorted by code): "/" jumps to the search.
    await page.keyboard.press('/');
    await page.keyboard.type('class');
    await expect(manage.codesTable.locator('caption')).toHaveText('Codes 1–1 of 1');
    await manage.row('CLASS').getByRole('button', { name: 'Show the child codes of CLASS' }).click();
    await expect(page.getByText('Showing the child codes of CLASS.')).toBeVisible();
    await expect(manage.codesTable.locator('caption')).toHaveText('Codes 1–25 of 200');

    // Reports: sales reached the server; the chart, the table and the CSV show them.
    await redeem(central, 'SPRING20', 1800);
    await redeem(central, 'SPRING20', 900);
    await manage.tab('Reports').click();
    const bar = page.getByTestId('chart-bar').and(page.locator('[data-label="SPRING20"]'));
    await expect(bar).toHaveAttribute('data-value', '2700');
    await expect(page.getByTestId('report-chart').getByRole('img')).toHaveAttribute(
      'aria-label',
      /Discount given per code/,
    );
    const reportRow = page.getByTestId('report-table').locator('tr[data-code="SPRING20"]');
    await expect(reportRow).toContainText('27.00');
    // The terminal has no Orders screen, so its code report offers no way into one.
    await expect(reportRow.getByRole('button', { name: /^Orders with/ })).toHaveCount(0);
    await page.getByLabel('From').fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(reportRow).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('reports.png'), fullPage: true });
    await page.screenshot({ path: 'docs/screenshots/manage-reports.png', fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^code-report-\d{4}-\d{2}-\d{2}\.csv$/);
    await file.saveAs(testInfo.outputPath('code-report.csv'));
    const csv = readFileSync(testInfo.outputPath('code-report.csv'), 'utf8').split(/\r?\n/);
    expect(csv[0]).toBe(
      'code,type,value,limit,redemptions,remaining,total discount,currency,first use,last use,status',
    );
    expect(csv.find((line) => line.startsWith('SPRING20,'))).toMatch(
      /^SPRING20,percentage,20%,80,2,78,2700,/,
    );

    await manage.tab('Overuses').click();
    await expect(page.getByTestId('overuse-table')).toBeVisible();
    await expect(page.getByText('No code was used past its limits in this period.')).toBeVisible();
  });

  test('the printer settings screen checks and saves the settings', async ({
    central,
    startHost,
    terminal,
    manage,
    page,
  }, testInfo) => {
    const host = await startHost({ serverUrl: central.url, demoData: true, printer: { enabled: false } });
    await terminal.open(host.url);
    await terminal.signIn('Max Manager', '640273');
    await manage.open();
    await manage.tab('Printer').click();
    const form = page.getByTestId('printer-settings');
    await form.getByLabel('Print to').selectOption('network');
    await form.getByLabel('Printer address (IP or host name)').fill('http://10.0.0.5:9100');
    await form.getByRole('button', { name: 'Save printer settings' }).click();
    await expect(form.getByLabel('Printer address (IP or host name)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(form.getByRole('alert')).toContainText('without http://');
    await form.getByLabel('Printer address (IP or host name)').fill('10.0.0.5');
    await form.getByLabel('Paper width').selectOption('58');
    await form.getByLabel('Receipt language').selectOption('de');
    await form.getByLabel('Copies of each receipt').selectOption('2');
    await form.getByRole('button', { name: 'Save printer settings' }).click();
    await expect(page.getByTestId('printer-notice')).toHaveText('The printer settings are saved.');
    await page.screenshot({ path: testInfo.outputPath('printer-settings.png'), fullPage: true });
    const stored = await host.terminal.dispatch('pos:print:settingsGet', {});
    expect(stored).toMatchObject({
      ok: true,
      value: { output: 'network', host: '10.0.0.5', port: 9100, paperWidth: 58, language: 'de', copies: 2 },
    });
  });

  test('a seller sees no manager menu, and main refuses a direct manage call', async ({
    central,
    startHost,
    terminal,
    page,
  }) => {
    const host = await startHost({ serverUrl: central.url, demoData: true });
    await terminal.start(host.url);
    await expect(terminal.nav('Sell')).toBeVisible();
    await expect(terminal.nav('Manage')).toHaveCount(0);
    await page.keyboard.press('F9');
    await expect(page.locator('[data-screen="sell"]')).toBeVisible();
    const answers = await page.evaluate(
      async ({ origin, token }) => {
        const call = async (channel: string, body: unknown) => {
          const response = await fetch(`${origin}/api/${channel}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          });
          return (await response.json()) as { ok: boolean; reason?: string };
        };
        return [
          await call('pos:manage:signIn', { email: 'greta@example.test', password: 'correct horse battery' }),
          await call('pos:manage:listCodes', {}),
          await call('pos:manage:exportCsv', {}),
        ];
      },
      { origin: host.origin, token: host.token },
    );
    expect(answers).toEqual([
      expect.objectContaining({ ok: false, reason: 'FORBIDDEN' }),
      expect.objectContaining({ ok: false, reason: 'FORBIDDEN' }),
      expect.objectContaining({ ok: false, reason: 'FORBIDDEN' }),
    ]);
  });

  test('without a server the screens say so; an unreachable server keeps what was typed', async ({
    central,
    startHost,
    terminal,
    manage,
    page,
  }) => {
    // Two hosts and a central server start here, like the tests above that allow 90 s.
    test.setTimeout(90_000);
    const standalone = await startHost({ demoData: true });
    await terminal.open(standalone.url);
    await terminal.signIn('Max Manager', '640273');
    await manage.open();
    await expect(page.getByTestId('server-not-configured')).toContainText('no central server set up');
    await manage.tab('Printer').click();
    await expect(page.getByTestId('printer-settings')).toBeVisible();

    const away = await startHost({ serverUrl: central.url, demoData: true });
    await central.close();
    await terminal.open(away.url);
    await terminal.signIn('Max Manager', '640273');
    await manage.open();
    await manage.signInToServer();
    await expect(page.getByTestId('server-error')).toContainText('cannot be reached');
    await expect(page.getByLabel('Email')).toHaveValue('greta@example.test');
    await expect(page.getByLabel('Password')).toHaveValue('correct horse battery');
  });
});
