import AxeBuilder from '@axe-core/playwright';
import { ManagePage } from './pages/manage-page';
import { StatusBarPage } from './pages/status-bar';
import { startSyncServer, type SyncServer } from './pages/sync-setup';
import { expect, test } from './fixtures';

interface CodeReportRow {
  code: string;
  orders: number;
}

test.describe('offline sync', () => {
  let world: SyncServer | undefined;
  test.afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  test('a sale while offline, then synced', async ({ startHost, terminal, page }) => {
    test.setTimeout(120_000);
    world = await startSyncServer();
    const { catalogue, code } = world;
    const host = await startHost({
      serverUrl: world.server.url,
      demoData: true,
      connectivity: { intervalMs: 200, timeoutMs: 500 },
      sync: { intervalMs: 500 },
      printer: { enabled: false },
    });
    const bar = new StatusBarPage(page);
    const manage = new ManagePage(page);
    await page.setViewportSize({ width: 1280, height: 860 });

    // A manager of the demo staff enrols the terminal; the staff list becomes the server's.
    await terminal.open(host.url);
    await terminal.signIn('Max Manager', '640273');
    await manage.open();
    await manage.enrol(await world.enrolmentCode(), 'Box office 1');
    await expect(page.getByTestId('signin-notice')).toContainText('now enrolled as Box office 1');
    await expect(page.getByRole('button', { name: /^Sally Seller/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Max Manager/ })).toHaveCount(0);
    await expect(bar.unsynced).toHaveText('Unsynced sales: 0');

    await terminal.signIn('Sally Seller', '7305');
    await terminal.openShift();

    // Online: applying the capped code leases uses of it and seats, shown as chips.
    const codeCounter = `code_uses:${code.id}`;
    await terminal.pickPerformance(catalogue.performanceId, 'Macbeth');
    await terminal.addItem(catalogue.ticketPriceId);
    await terminal.typeCode(code.text);
    await expect(terminal.appliedCode).toHaveText(code.text);
    await expect(bar.chip(codeCounter)).toHaveText(/^FEW20 5\/5/);
    await expect(bar.chip(`capacity:${catalogue.performanceId}`)).toBeVisible();
    await page.getByRole('button', { name: 'Clear cart' }).click();
    await expect(bar.server).toHaveAttribute('data-state', 'online');
    await expect(bar.lastSync).toContainText('Last sync');

    // The server goes away: the terminal keeps selling on what it holds.
    await world.server.stop();
    await expect(bar.server).toHaveAttribute('data-state', 'offline');
    await terminal.addItem(catalogue.ticketPriceId);
    await terminal.typeCode(code.text);
    await expect(terminal.appliedCode).toHaveText(code.text);
    await expect(page.getByTestId('code-state')).not.toHaveClass(/code-state--no/);
    await terminal.payCash();
    await expect(bar.unsynced).toHaveText('Unsynced sales: 1');
    await expect(bar.unsynced).toHaveAttribute('data-count', '1');
    await expect(bar.chip(codeCounter)).toHaveAttribute('data-remaining', '4');
    await expect(bar.chip(codeCounter)).toHaveText(/^FEW20 4\/5/);
    await expect(bar.warning).toContainText('cannot be reached');

    // The lease list opens from the keyboard and closes with Esc.
    await bar.leaseToggle.focus();
    await page.keyboard.press('Enter');
    await expect(bar.leaseToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(bar.leaseList.locator(`li[data-counter="${codeCounter}"]`)).toContainText('4 of 5 left');
    await expect(bar.leaseList.locator(`li[data-counter="${codeCounter}"]`)).toContainText('until');
    await page.screenshot({ path: 'docs/screenshots/status-bar-offline.png' });
    const axe = await new AxeBuilder({ page }).include('footer').analyze();
    expect(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(bar.leaseList).toHaveCount(0);
    await expect(bar.leaseToggle).toBeFocused();

    // Back on the same port: the sale goes up by itself and the server has it.
    await world.server.restart();
    await expect(bar.server).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
    await expect(bar.unsynced).toHaveText('Unsynced sales: 0', { timeout: 30_000 });
    await expect(bar.warning).toHaveCount(0);
    const report = await world.org.api.get<{ rows: CodeReportRow[] }>(`/v1/reports/codes?code=${code.text}`);
    expect(report.status).toBe(200);
    expect(report.body.rows.find((r) => r.code === code.text)?.orders).toBe(1);
  });

  test('the Terminal tab shows the sync state and syncs on demand', async ({ startHost, terminal, page }) => {
    test.setTimeout(90_000);
    world = await startSyncServer();
    const host = await startHost({
      serverUrl: world.server.url,
      demoData: true,
      connectivity: { intervalMs: 200, timeoutMs: 500 },
      sync: { intervalMs: 60_000 },
      printer: { enabled: false },
    });
    const manage = new ManagePage(page);
    await terminal.open(host.url);
    await terminal.signIn('Max Manager', '640273');
    await manage.open();
    await manage.tab('Terminal').click();
    const sync = page.getByTestId('terminal-sync');
    await expect(sync.getByTestId('field-sync-state')).toHaveText('Standalone (not enrolled)');

    // Nothing typed is lost on a refusal; the core's sentence says why.
    await manage.enrol('WRONG-CODE', 'Box office 2');
    await expect(page.getByTestId('enrol-error')).toContainText('The server refused the enrolment');
    await expect(page.getByLabel('Enrolment code')).toHaveValue('WRONG-CODE');
    await expect(page.getByLabel(/^Terminal name/)).toHaveValue('Box office 2');

    await page.getByLabel('Enrolment code').fill(await world.enrolmentCode());
    await page.getByRole('button', { name: 'Enrol terminal' }).click();
    await expect(page.getByTestId('signin-notice')).toBeVisible();
    await terminal.signIn('Mia Manager', '907153');
    await manage.open();
    await manage.tab('Terminal').click();
    await expect(sync.getByTestId('field-sync-state')).toHaveText('Enrolled · epoch 1');
    await expect(sync.getByTestId('field-sync-name')).toHaveText('Box office 2');
    await expect(sync.getByTestId('field-sync-pending')).toHaveText('0');
    await expect(sync.getByTestId('field-sync-terminal-id')).not.toBeEmpty();
    await expect(page.getByTestId('enrol-form')).toHaveCount(0);

    await world.server.stop();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-now-error')).toContainText('cannot be reached');
    await world.server.restart();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-now-done')).toContainText('Synced at');
    await expect(sync.getByTestId('field-sync-error')).toHaveText('none');
  });
});
