import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Customer } from '../../../shared/customers/schema';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral, type Central } from '../pages/manage-page';

// The Customers section as a manager uses it (docs/BACKOFFICE.md "Customers"): a search by part of a
// surname and by phone digits, a new customer refused for an e-mail another has (naming them) and for
// consent without an address, keeping what was typed, an edit, and a customer's orders and codes.

test.describe.configure({ timeout: 120_000 });

const current = useCentral();

async function axe(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

async function seed(central: Central): Promise<Customer> {
  const anna = await central.api.post<Customer>('/v1/customers', {
    name: 'Anna Müller',
    email: 'anna@example.org',
    phone: '+49 30 1234-5678',
    groups: ['Friends'],
    emailConsent: true,
  });
  await central.api.post('/v1/customers', { name: 'Bert Annan', phone: '0171 9988776' });
  await central.api.post('/v1/codes', {
    code: 'FRIENDS',
    name: 'Friends of the theatre',
    benefit: { type: 'percentage', percent: 1000 },
    rules: { customerGroups: ['Friends'], maxUsesPerCustomer: 3 },
  });
  const used = await central.api.post('/v1/redemptions', {
    id: randomUUID(),
    orderId: randomUUID(),
    code: 'FRIENDS',
    customerId: anna.body.id,
    tickets: 2,
    discount: 900,
    revenue: 8100,
    currency: 'EUR',
    channel: 'online',
  });
  if (used.status !== 201) throw new Error(`redemption failed: ${used.text}`);
  return anna.body;
}

test('a manager finds, adds and edits customers and reads their orders and codes', async ({ page }) => {
  const central = current();
  await seed(central);
  await page.goto(`${central.url}/admin/#/customers`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Anna Müller/ })).toContainText('Yes');
  await axe(page);

  // Part of a surname, then the digits of a phone number typed another way.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('üller');
  await expect(page.getByRole('row', { name: /^Bert Annan/ })).toBeHidden();
  await expect(page.getByRole('row', { name: /^Anna Müller/ })).toBeVisible();
  await search.fill('(0171) 998');
  await expect(page.getByRole('row', { name: /^Bert Annan/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Anna Müller/ })).toBeHidden();
  await search.fill('');

  // A new customer: Anna's address is refused with her name, consent without an address too.
  const dialog = page.getByRole('dialog');
  await page.getByRole('button', { name: 'New customer' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Clara Weiss');
  await dialog.getByLabel('E-mail', { exact: true }).fill('ANNA@example.org');
  await dialog.getByLabel('Groups').fill('Friends, Students');
  await dialog.getByLabel('Agrees to receive receipts and tickets by e-mail').check();
  await dialog.getByLabel('Notes').fill('Wheelchair space');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Anna Müller already has the e-mail address ANNA@example.org: open that customer instead, or use another address.',
  );
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Clara Weiss');
  await dialog.getByLabel('E-mail', { exact: true }).fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'E-mail consent needs an e-mail address: add the address, or untick the consent.',
  );
  await dialog.getByLabel('E-mail', { exact: true }).fill('clara@example.org');
  await dialog.getByLabel('Phone').fill('call me');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('a phone number is digits, spaces and + - ( ) only')).toBeVisible();
  await axe(page);
  await dialog.getByLabel('Phone').fill('040 555 66');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const clara = page.getByRole('row', { name: /^Clara Weiss/ });
  await expect(clara).toContainText('Friends, Students');
  await expect(clara).toContainText('Yes');
  const saved = await central.api.get<{ items: Customer[] }>('/v1/customers?q=clara');
  expect(saved.body.items[0]).toMatchObject({
    email: 'clara@example.org',
    phone: '040 555 66',
    groups: ['Friends', 'Students'],
    emailConsent: true,
    notes: 'Wheelchair space',
    version: 1,
  });

  // Edited: the consent withdrawn.
  await clara.getByRole('button', { name: 'Edit Clara Weiss' }).click();
  await dialog.getByLabel('Agrees to receive receipts and tickets by e-mail').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /^Clara Weiss/ })).toContainText('No');

  // Anna's orders and codes: the online order with FRIENDS, two of three uses left.
  await page.getByRole('button', { name: 'Orders and codes of Anna Müller' }).click();
  const history = page.getByTestId('customer-history');
  await expect(history.getByTestId('customer-orders')).toContainText('Online');
  await expect(history.getByTestId('customer-orders')).toContainText('FRIENDS');
  const code = history.getByTestId('customer-codes').getByRole('row', { name: /^FRIENDS/ });
  await expect(code).toContainText('Friends of the theatre');
  await expect(code.getByRole('cell').nth(3)).toHaveText('2');
  await axe(page);
  await page.screenshot({ path: 'docs/screenshots/admin-customers.png' });
  await history.getByRole('button', { name: 'Close' }).click();
  await expect(history).toBeHidden();
});
