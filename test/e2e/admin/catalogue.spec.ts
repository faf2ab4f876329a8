import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MANAGER_EMAIL, MANAGER_PASSWORD, startCentral, type Central } from '../pages/manage-page';

// The catalogue set up in the back office as a manager does it: the organisation's VAT rates, an event
// at a venue, a run of performances through its preview, bands, types and prices, and a product.

test.describe.configure({ timeout: 180_000 });

let central: Central;
test.beforeEach(async () => {
  central = await startCentral();
});
test.afterEach(async () => {
  await central.close();
});

async function axe(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

test('a manager sets up VAT rates, an event, a run of performances, prices and a product', async ({
  page,
}) => {
  await central.api.post('/v1/venues', { name: 'Opera House', currency: 'EUR', timezone: 'Europe/Berlin' });
  await page.goto(`${central.url}/admin/#/organisation`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();

  // Organisation: two VAT rates, typed; a wrong percentage is marked beside its field first.
  await page.getByRole('button', { name: 'Add a VAT rate' }).click();
  await page.getByLabel('Name of rate 1').fill('Standard');
  await page.getByLabel('Percent of rate 1').fill('19');
  await page.getByRole('button', { name: 'Add a VAT rate' }).click();
  await page.getByLabel('Name of rate 2').fill('Reduced');
  await page.getByLabel('Percent of rate 2').fill('seven');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Percent of rate 2')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Type a percentage such as 19 or 5.5.')).toBeVisible();
  await page.getByLabel('Percent of rate 2').fill('7');
  await page.getByLabel('Receipt header').fill('Opera Company GmbH\nVAT ID DE123456789');
  await page.getByLabel('Percent of rate 2').press('Enter');
  await expect(page.getByRole('status')).toHaveText('The organisation’s settings are saved.');
  await axe(page);
  const organisation = await central.api.get<{ vatRates: unknown; receiptHeader: unknown }>(
    '/v1/organisation',
  );
  expect(organisation.body).toMatchObject({
    vatRates: [
      { name: 'Standard', rate: 1900 },
      { name: 'Reduced', rate: 700 },
    ],
    receiptHeader: ['Opera Company GmbH', 'VAT ID DE123456789'],
  });

  // Events: the venue is chosen by its name.
  const menu = page.getByRole('navigation', { name: 'Back office menu' });
  await menu.getByRole('link', { name: 'Events' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await page.getByRole('button', { name: 'New event' }).click();
  const dialog = page.getByRole('dialog');
  await page.keyboard.type('Carmen');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Choose the venue the event plays at.')).toBeVisible();
  await dialog.getByLabel('Find Venue by name').fill('Opera');
  await expect(dialog.getByRole('option', { name: 'Opera House' })).toBeAttached();
  await dialog.getByLabel('Venue', { exact: true }).selectOption({ label: 'Opera House' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /Carmen/ });
  await expect(row).toContainText('Opera House');
  await axe(page);

  // A run: Tue–Sat 19:30 and Sat 14:30, March and April 2031 except 15 April, previewed first.
  await row.getByRole('button', { name: 'Performances' }).click();
  await page.getByRole('button', { name: 'Create a run…' }).click();
  const first = dialog.getByRole('group', { name: 'Days of pattern 1' });
  for (const day of ['Tue', 'Wed', 'Thu', 'Fri', 'Sat']) {
    await first.getByLabel(day).focus();
    await page.keyboard.press('Space');
  }
  await dialog.getByLabel('Times of pattern 1').fill('19:30');
  await dialog.getByRole('button', { name: 'Add a pattern' }).click();
  await dialog.getByRole('group', { name: 'Days of pattern 2' }).getByLabel('Sat').check();
  await dialog.getByLabel('Times of pattern 2').fill('14:30');
  await dialog.getByLabel('First day').fill('2031-03-01');
  await dialog.getByLabel('Last day').fill('2031-04-30');
  await dialog.getByLabel('Except on').fill('2031-04-15');
  await dialog.getByLabel('Capacity').fill('120');
  const preview = dialog.getByTestId('run-preview');
  await expect(preview.getByRole('status')).toHaveText('Performances to create: 51');
  // 19:30 in Berlin on both sides of the clock change on 30 March.
  await expect(preview.getByRole('listitem').filter({ hasText: /29 Mar 2031.*19:30/ })).toHaveCount(1);
  await expect(preview.getByRole('listitem').filter({ hasText: /\b1 Apr 2031.*19:30/ })).toHaveCount(1);
  await expect(preview.getByRole('listitem').filter({ hasText: /15 Apr 2031/ })).toHaveCount(0);
  await axe(page);
  await dialog.getByRole('button', { name: 'Create 51 performances' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Performances created: 51.');
  await expect(page.getByText('1–50 of 51')).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toContainText(/\b1 Mar 2031.*14:30/);
  await axe(page);

  // docs/CASH.md "Per performance": the first performance's overuse cap; a word is named at the field.
  const firstShow = page.getByRole('row').nth(1);
  await expect(firstShow).toContainText('No cap');
  await firstShow.getByRole('button', { name: 'Edit' }).click();
  const cap = dialog.getByLabel('Overuses all supervisors may grant on its sales per business day');
  await expect(cap).toHaveValue('');
  await cap.fill('ten');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(cap).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Enter a whole number from 0 to 10000, or leave it empty.')).toBeVisible();
  await cap.fill('2');
  await axe(page);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').nth(1)).toContainText(/\b1 Mar 2031.*14:30.*2 a day/);
  const shows = await central.api.get<{ items: { id: string; overuseCap: number | null }[] }>(
    '/v1/performances?limit=2',
  );
  expect(shows.body.items.map((p) => p.overuseCap)).toEqual([2, null]);
  const audited = await central.api.get<{
    rows: {
      action: string;
      before: { overuseCap?: unknown } | null;
      after: { overuseCap?: unknown } | null;
    }[];
  }>(`/v1/audit?entityKind=performance&entityId=${shows.body.items[0]?.id}`);
  expect(audited.body.rows.map((r) => [r.action, r.before?.overuseCap, r.after?.overuseCap])).toEqual([
    ['performance.update', null, 2],
    ['performance.create', undefined, null],
  ]);

  // Prices: a band and a type by keyboard, then the matrix with the organisation's rates.
  await page.getByRole('button', { name: 'Prices' }).click();
  await page.getByRole('button', { name: 'New price band' }).click();
  await page.keyboard.type('Stalls');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /Stalls/ })).toBeVisible();
  await page.getByRole('button', { name: 'New ticket type' }).click();
  await page.keyboard.type('Adult');
  await page.keyboard.press('Enter');
  await page.getByLabel('Adult, Stalls: price').fill('45.50');
  await page.getByLabel('Adult, Stalls: VAT rate').selectOption({ label: 'Reduced (7 %)' });
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByRole('status')).toHaveText('Prices saved (1 changed).');
  await expect(page.getByLabel('Adult, Stalls: price')).toHaveValue('45.50');
  await axe(page);
  const prices = await central.api.get<{ items: { unitPrice: number; vatRate: number }[] }>(
    '/v1/ticket-prices',
  );
  expect(prices.body.items).toMatchObject([{ unitPrice: 4550, vatRate: 700 }]);

  // A product sold with Carmen, in the organisation's currency.
  await menu.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('button', { name: 'New product' }).click();
  await dialog.getByLabel('Kind').selectOption({ label: 'Merchandise' });
  await dialog.getByLabel('Name', { exact: true }).fill('Programme');
  await dialog.getByLabel('Price in EUR').fill('8,5');
  await dialog.getByLabel('VAT rate').selectOption({ label: 'Standard (19 %)' });
  await dialog.getByLabel('Category').fill('print');
  await dialog.getByLabel('Find Event by name').fill('Carm');
  await expect(dialog.getByRole('option', { name: 'Carmen' })).toBeAttached();
  await dialog.getByLabel('Event', { exact: true }).selectOption({ label: 'Carmen' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const product = page.getByRole('row', { name: /Programme/ });
  await expect(product).toContainText('8.50');
  await expect(product).toContainText('Carmen');
  await axe(page);
  const products = await central.api.get<{ items: unknown[] }>('/v1/products?q=Programme');
  expect(products.body.items).toMatchObject([
    { kind: 'merch', unitPrice: 850, vatRate: 1900, category: 'print' },
  ]);
});
