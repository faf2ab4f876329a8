import AxeBuilder from '@axe-core/playwright';
import type { BrowserHost } from '../../src-main/shells/browser/server';
import { createCode } from '../helpers/sync-fixture';
import { must } from './pages/core-setup';
import { startSyncServer, type SyncServer } from './pages/sync-setup';
import { expect, test } from './fixtures';

// docs/CUSTOMERS.md "At the terminal", end to end: an enrolled terminal's customer picker searches the
// server's store as the cashier types, attaches a customer with the keyboard, offers their personal
// code, and creates a customer inline on the server.

test.describe('customer picker', () => {
  let world: SyncServer | undefined;
  test.afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  test('finds and attaches a stored customer, applies their code, and creates one inline', async ({
    startHost,
    terminal,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    world = await startSyncServer();
    const { catalogue, org } = world;
    await createCode(org.api, { code: 'FRIENDS10', rules: { customerGroups: ['friends'] } });
    const ada = await org.api.post<{ id: string }>('/v1/customers', {
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: '+44 20 7946 0001',
      groups: ['friends'],
      emailConsent: true,
    });
    await org.api.post('/v1/customers', { name: 'Adam Smith', email: 'adam@example.org' });
    const host: BrowserHost = await startHost({
      serverUrl: world.server.url,
      demoData: true,
      sync: { autoStart: false },
      printer: { enabled: false },
    });
    await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
    await must(host, 'pos:sync:enrol', { enrolmentCode: await world.enrolmentCode(), name: 'Window A' });
    await must(host, 'pos:staff:signIn', { staffId: catalogue.sellerId, pin: '7305' });
    await must(host, 'pos:shift:open', { openingFloat: 10_000 });
    await must(host, 'pos:sync:now');
    await must(host, 'pos:cart:addTicket', {
      performanceId: catalogue.performanceId,
      ticketPriceId: catalogue.ticketPriceId,
      qty: 1,
    });

    await terminal.open(host.url);
    const dialog = page.getByTestId('customer-dialog');
    await page.keyboard.press('F7');
    const search = dialog.getByRole('combobox', { name: /Find a customer/ });
    await expect(search).toBeFocused();
    await search.fill('ada');
    await expect(dialog.getByTestId('customer-source')).toHaveText('From the customer store: 2 found.');
    const options = dialog.getByRole('option');
    await expect(options).toHaveText([/Ada Lovelace/, /Adam Smith/]);
    await search.press('ArrowDown');
    await search.press('ArrowUp');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await search.press('Enter');

    const info = dialog.getByTestId('customer-info');
    await expect(info).toContainText('Ada Lovelace');
    await expect(info).toContainText('new customer · friends');
    await expect(page.getByTestId('customer-name')).toHaveText('Ada Lovelace');
    await expect(dialog.getByTestId('customer-codes')).toContainText('FRIENDS10');
    const axe = await new AxeBuilder({ page }).include('[data-testid="customer-dialog"]').analyze();
    expect(axe.violations).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/customer-search.png' });
    await dialog.getByRole('button', { name: 'Apply FRIENDS10' }).click();
    await expect(terminal.appliedCode).toHaveText('FRIENDS10');
    expect(ada.status).toBe(201);

    // A walk-in without an address is created inline on the server; e-mail receipts say why not.
    await dialog.getByRole('button', { name: 'New customer' }).click();
    await dialog.getByLabel('Name').fill('Grace Hopper');
    await dialog.getByLabel('Phone (optional)').fill('030 1234');
    await dialog.getByRole('button', { name: 'Create and attach' }).click();
    await expect(page.getByTestId('customer-name')).toHaveText('Grace Hopper');
    await expect(dialog.getByTestId('customer-no-email')).toContainText('cannot be e-mailed');
    const stored = await world.server
      .db()
      .query<{ name: string; phone: string }>(
        "SELECT name, phone FROM customers WHERE name = 'Grace Hopper'",
      );
    expect(stored).toEqual([{ name: 'Grace Hopper', phone: '030 1234' }]);

    await dialog.getByRole('button', { name: 'Remove customer' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('customer-name')).toHaveCount(0);
  });
});
