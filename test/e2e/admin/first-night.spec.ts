import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parseEnrolmentInput } from '../../../shared/sync/enrolment-link';
import { startBrowserHost, type BrowserHost } from '../../../src-main/shells/browser/server';
import { startCentralServer, type CentralServer } from '../../helpers/central-server';
import { makeTempDir } from '../../helpers/temp-dir';
import { readQrCode } from '../pages/qr-reader';
import { StatusBarPage } from '../pages/status-bar';
import { TerminalPage } from '../pages/terminal-page';

// Nobody needs curl: from an empty server (PostgreSQL when DATABASE_URL is set, as in CI) a manager sets
// up the organisation, a venue, an event with a run of performances, prices, a role and a seller, and a
// code chosen with the pickers, all in the back office; a brand-new browser-hosted terminal enrols by
// scanning the QR code, sells, and the sale is found in the back office's reports and audit log.

test.describe.configure({ timeout: 300_000 });

const EMAIL = 'ines@example.test';
const PASSWORD = 'first night nerves';

let central: CentralServer | undefined;
let host: BrowserHost | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
test.afterEach(async () => {
  await host?.close();
  await central?.close();
  temp?.cleanup();
});

async function axe(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

/** YYYY-MM-DD of the day `days` after today in Berlin, where the venue is. */
function berlinDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test('a venue is set up in the back office, a new terminal enrols by QR and sells, and the sale is found', async ({
  page,
  context,
}) => {
  central = await startCentralServer(0, { postgres: true });
  expect(central.backend).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  const menu = page.getByRole('navigation', { name: 'Back office menu' });
  const dialog = page.getByRole('dialog');
  const go = async (name: string) => {
    await menu.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  };
  // The README's pictures of the back office are taken here, on every run.
  const shot = (name: string, on: Page = page) => on.screenshot({ path: `docs/screenshots/${name}.png` });
  await page.setViewportSize({ width: 1280, height: 800 });

  // An empty server: the back office offers its set-up and signs the new manager in.
  await page.goto(`${central.url}/admin/`);
  await expect(page.getByRole('heading', { name: 'Set up this server' })).toBeVisible();
  await axe(page);
  await page.getByLabel('Organisation name').fill('Stadttheater');
  await page.getByLabel('Your name').fill('Ines Intendant');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await shot('admin-setup');
  await page.getByRole('button', { name: 'Set up and sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ines Intendant');

  // Organisation: a VAT rate and the receipt header.
  await go('Organisation');
  await page.getByRole('button', { name: 'Add a VAT rate' }).click();
  await page.getByLabel('Name of rate 1').fill('Reduced');
  await page.getByLabel('Percent of rate 1').fill('7');
  await page.getByLabel('Receipt header').fill('Stadttheater GmbH');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('The organisation’s settings are saved.');

  // A venue.
  await go('Venues');
  await page.getByRole('button', { name: 'New venue' }).click();
  await dialog.getByLabel('Name').fill('Großes Haus');
  await dialog.getByLabel('Currency').fill('EUR');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Großes Haus/ })).toContainText('Europe/Berlin');

  // An event with a run: every evening at 19:30 for a week from tomorrow, except the fourth day.
  await go('Events');
  await page.getByRole('button', { name: 'New event' }).click();
  await page.keyboard.type('Carmen');
  await dialog.getByLabel('Find Venue by name').fill('groß');
  await expect(dialog.getByRole('option', { name: 'Großes Haus' })).toBeAttached();
  await dialog.getByLabel('Venue', { exact: true }).selectOption({ label: 'Großes Haus' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const carmen = page.getByRole('row', { name: /Carmen/ });
  await carmen.getByRole('button', { name: 'Performances' }).click();
  await page.getByRole('button', { name: 'Create a run…' }).click();
  const days = dialog.getByRole('group', { name: 'Days of pattern 1' });
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) await days.getByLabel(day).check();
  await dialog.getByLabel('Times of pattern 1').fill('19:30');
  await dialog.getByLabel('First day').fill(berlinDay(1));
  await dialog.getByLabel('Last day').fill(berlinDay(7));
  await dialog.getByLabel('Except on').fill(berlinDay(4));
  await dialog.getByLabel('Capacity').fill('300');
  await expect(dialog.getByTestId('run-preview').getByRole('status')).toHaveText('Performances to create: 6');
  await shot('admin-run');
  await dialog.getByRole('button', { name: 'Create 6 performances' }).click();
  await expect(page.getByRole('status')).toHaveText('Performances created: 6.');

  // Prices: a band, a type and the price in the matrix.
  await page.getByRole('button', { name: 'Prices' }).click();
  await page.getByRole('button', { name: 'New price band' }).click();
  await page.keyboard.type('Parkett');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /Parkett/ })).toBeVisible();
  await page.getByRole('button', { name: 'New ticket type' }).click();
  await page.keyboard.type('Adult');
  await page.keyboard.press('Enter');
  await page.getByLabel('Adult, Parkett: price').fill('42.00');
  await page.getByLabel('Adult, Parkett: VAT rate').selectOption({ label: 'Reduced (7 %)' });
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByRole('status')).toHaveText('Prices saved (1 changed).');
  await shot('admin-prices');

  // People: a role that sells, and a seller at the venue with a PIN.
  await go('Roles');
  await page.getByRole('button', { name: 'New role' }).click();
  await dialog.getByLabel('Id', { exact: true }).fill('box-office');
  await dialog.getByLabel('Name', { exact: true }).fill('Box office');
  await dialog.getByLabel('Sell tickets and products').check();
  await dialog.getByLabel('Ceiling in percent').fill('0');
  await dialog.getByLabel('Ceiling in EUR').fill('0');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await go('Staff');
  await page.getByRole('button', { name: 'New person' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Sven Seller');
  await dialog.getByLabel('Role').selectOption({ label: 'Box office' });
  await dialog.getByLabel('Großes Haus').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const sven = page.getByRole('row', { name: /^Sven Seller/ });
  await sven.getByRole('button', { name: 'Reset the PIN of Sven Seller' }).click();
  await dialog.getByLabel('New PIN', { exact: true }).fill('7305');
  await dialog.getByLabel('New PIN again').fill('7305');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog).toBeHidden();
  await expect(sven.getByRole('cell').nth(4)).toHaveText('Yes');
  await shot('admin-staff');

  // A code for Carmen, its event chosen with the picker by name.
  await go('Codes');
  await page.getByRole('button', { name: /^New code/ }).click();
  const editor = page.getByTestId('code-editor');
  await editor.getByLabel('Code (cannot change later)', { exact: true }).fill('carmen10');
  await editor.getByLabel('Name', { exact: true }).fill('Carmen ten percent');
  await editor.getByLabel('Percent off', { exact: true }).fill('10');
  const appliesTo = editor.getByRole('combobox', { name: 'Applies to (empty: everything)', exact: true });
  await appliesTo.focus();
  await page.keyboard.type('carm');
  await expect(editor.getByRole('listbox').getByRole('option')).toHaveText(['Carmen · Event, Großes Haus']);
  await shot('admin-code-picker');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('codes-notice')).toHaveText('CARMEN10 is saved.');

  // Terminals: an enrolment code for the venue, read off its QR code as the terminal's scanner would.
  await go('Terminals');
  await page.getByRole('button', { name: 'New enrolment code' }).click();
  const enrolment = page.getByRole('dialog', { name: 'New enrolment code' });
  await enrolment.getByLabel('Find a venue').fill('groß');
  await enrolment.getByRole('button', { name: 'Create code' }).click();
  const qr = enrolment.getByRole('img', { name: 'QR code of the enrolment link for Großes Haus' });
  await expect(qr).toBeVisible();
  const scanned = await readQrCode(context, qr);
  expect(parseEnrolmentInput(scanned)).toMatchObject({ ok: true, serverUrl: central.url });
  await expect(enrolment.getByTestId('enrolment-link')).toHaveText(scanned);
  await shot('admin-enrolment-qr');
  await enrolment.getByRole('button', { name: 'Close' }).click();

  // A brand-new browser-hosted terminal, pointed at the server: its sign-in screen offers enrolment.
  temp = makeTempDir('pos-first-night-');
  host = await startBrowserHost({
    dataDir: temp.path,
    serverUrl: central.url,
    demoData: false,
    connectivity: { intervalMs: 200, timeoutMs: 1000 },
    sync: { intervalMs: 500 },
    printer: { enabled: false },
  });
  const window = await context.newPage();
  const terminal = new TerminalPage(window);
  await terminal.open(host.url);
  await expect(window.getByTestId('first-run')).toBeVisible();
  await window.setViewportSize({ width: 1280, height: 800 });
  await shot('terminal-first-run', window);
  await axe(window);
  await window.getByLabel('Enrolment code').fill(scanned);
  await window.getByLabel(/^Terminal name/).fill('Kasse 1');
  await window.getByRole('button', { name: 'Enrol terminal' }).click();
  await expect(window.getByTestId('signin-notice')).toContainText('now enrolled as Kasse 1');

  // The seller signs in with the PIN set in the back office and sells two seats with the code.
  await terminal.signIn('Sven Seller', '7305');
  await terminal.openShift();
  await window.getByRole('group', { name: 'Events' }).getByRole('button', { name: 'Carmen' }).click();
  await window.locator('[data-performance]').first().click();
  await expect(window.getByTestId('remaining')).toBeVisible();
  const adult = window.locator('[data-item]').first();
  await adult.click();
  await adult.click();
  await expect.poll(() => terminal.totalQty()).toBe(2);
  await terminal.typeCode('CARMEN10');
  await expect(terminal.appliedCode).toHaveText('CARMEN10');
  await expect(terminal.cartTotal).toContainText('75.60');
  await terminal.payCash();
  // Sent to the server by the terminal's own sync.
  const bar = new StatusBarPage(window);
  await expect(bar.unsynced).toHaveText('Unsynced sales: 0', { timeout: 30_000 });

  // Back office: the code report counts the order and leads to it; the order shows its lines and
  // payment; sales by performance count the two seats; the audit log shows who set what up.
  await page.bringToFront();
  await go('Code report');
  const row = page.getByRole('row', { name: /CARMEN10/ });
  await expect(row).toContainText('8.40');
  await shot('admin-code-report');
  await row.getByRole('button', { name: 'Orders with CARMEN10' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const orders = page.getByTestId('orders-table').locator('tbody tr');
  await expect(orders).toHaveCount(1);
  await expect(orders.first()).toContainText('Sven Seller');
  await expect(orders.first()).toContainText('75.60');
  await orders
    .first()
    .getByRole('button', { name: /^Order #/ })
    .click();
  const detail = page.getByTestId('order-detail');
  await expect(detail.getByRole('table', { name: 'Lines' }).locator('tbody tr')).toContainText(['42.00']);
  await expect(detail.getByRole('table', { name: 'Payments' })).toContainText('75.60');
  await shot('admin-order');
  await page.keyboard.press('Escape');
  await go('Sales by performance');
  const sales = page.getByTestId('sales-table');
  await expect(sales.getByRole('row', { name: /Carmen/ })).toContainText('75.60');
  await shot('admin-sales');
  await go('Audit log');
  for (const action of ['organisation.create', 'venue.create', 'code.create', 'terminal.enrol']) {
    await expect(page.getByRole('row').filter({ hasText: action }).first()).toBeVisible();
  }
  await shot('admin-audit');
});
