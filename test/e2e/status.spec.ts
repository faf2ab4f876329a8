import { startCentralServer } from '../helpers/central-server';
import { expect, test } from './fixtures';

test.describe('terminal status', () => {
  test('shows the data folder, schema and server state through the browser host', async ({
    host,
    statusPage,
    page,
  }) => {
    await statusPage.open(host.url);
    await expect(statusPage.heading).toHaveText('Terminal status');
    await expect(statusPage.dataDir).toHaveText(host.terminal.dataDir);
    await expect(statusPage.schema).toHaveText(/^(\d+) of \1$/);
    await expect(statusPage.serverState).toHaveText('Not configured (standalone)');
    expect(new URL(page.url()).hash).toBe('');
    await page.screenshot({ path: 'docs/screenshots/terminal-status.png' });
  });

  test('switches to German and keeps it after a reload', async ({ host, statusPage, page }) => {
    await statusPage.open(host.url);
    await statusPage.language('Deutsch').click();
    await expect(statusPage.heading).toHaveText('Terminalstatus');
    await expect(statusPage.language('Deutsch')).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(statusPage.heading).toHaveText('Terminalstatus');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });

  test('follows the central server going offline without a reload', async ({ startHost, statusPage }) => {
    const central = await startCentralServer();
    const host = await startHost({
      serverUrl: central.url,
      connectivity: { intervalMs: 100, timeoutMs: 500 },
    });
    await statusPage.open(host.url);
    await expect(statusPage.serverState).toHaveAttribute('data-state', 'online');
    await central.close();
    await expect(statusPage.serverState).toHaveAttribute('data-state', 'offline');
    await expect(statusPage.serverState).toHaveText('Offline');
  });
});
