import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test.describe('browser host security', () => {
  test('a page without the launch token is told how to open the terminal', async ({ host, statusPage }) => {
    await statusPage.open(host.origin);
    await expect(statusPage.alert).toContainText('link the host printed');
  });

  test('a page on another origin cannot call the API, even knowing the token', async ({ host, page }) => {
    const other = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(
        async ({ origin, token }) => {
          try {
            const response = await fetch(`${origin}/api/pos:settings:update`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
              body: JSON.stringify({ language: 'de' }),
            });
            return `status ${response.status}`;
          } catch {
            return 'blocked';
          }
        },
        { origin: host.origin, token: host.token },
      );
      expect(outcome).toBe('blocked');
      const settings = await host.terminal.dispatch('pos:settings:get', {});
      expect(settings).toEqual({ ok: true, value: { language: 'en' } });
    } finally {
      other.close();
    }
  });

  test('the renderer runs under a CSP that forbids inline script', async ({ host, statusPage, page }) => {
    await statusPage.open(host.url);
    await expect(statusPage.heading).toBeVisible();
    const ranInline = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.appendChild(script);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(ranInline).toBe(false);
  });
});
