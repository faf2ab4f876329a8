import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startCentralServer } from '../../helpers/central-server';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral } from '../pages/manage-page';

// The back office as a manager meets it: the server's own /admin/ page, signed in with email and password.

// Starting a fresh server with its migrations takes a while on a busy machine.
test.describe.configure({ timeout: 120_000 });

const current = useCentral();

test('a manager signs in, finds the shared code screen, switches to German and signs out on the server', async ({
  page,
}) => {
  const central = current();
  await page.goto(`${central.url}/admin`);
  await expect(page.getByRole('heading', { name: 'Sign in to the central server' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByTestId('server-error')).toContainText('email or password is wrong');
  await expect(page.getByLabel('Email')).toHaveValue(MANAGER_EMAIL);

  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Greta Manager');
  const menu = page.getByRole('navigation', { name: 'Back office menu' });
  await menu.getByRole('link', { name: 'Codes' }).click();
  await expect(page).toHaveURL(/#\/codes$/);
  await expect(page.getByRole('table')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // A reload keeps the session in this tab and the screen in the address.
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Greta Manager');
  await expect(page).toHaveURL(/#\/codes$/);

  await page.getByRole('button', { name: 'Deutsch' }).click();
  const menü = page.getByRole('navigation', { name: 'Backoffice-Menü' });
  await expect(menü.getByRole('link', { name: 'Code-Bericht' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  const token = await page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('admin.session') ?? '{}') as { token: string }).token,
  );
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Am Zentralserver anmelden' })).toBeVisible();
  // Signing out ended the session on the server, not only in this tab.
  const me = await fetch(`${central.url}/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(401);
});

test('venues: a refused field is marked beside it, and an edit from a stale copy keeps what was typed', async ({
  page,
}) => {
  const central = current();
  await page.goto(`${central.url}/admin/#/venues`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Venues' })).toBeVisible();

  await page.getByRole('button', { name: 'New venue' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Opera House');
  await dialog.getByLabel('Currency').fill('EU');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Currency')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('a three-letter ISO 4217 code such as EUR')).toBeVisible();
  await dialog.getByLabel('Currency').fill('chf');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /Opera House/ });
  await expect(row).toContainText('CHF');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Another manager renames it while this one has the form open.
  await row.getByRole('button', { name: 'Edit' }).click();
  await dialog.getByLabel('Name').fill('Opera House (main stage)');
  const venues = await central.api.get<{ items: { id: string }[] }>('/v1/venues?q=Opera');
  const venueId = venues.body.items[0]?.id ?? '';
  expect((await central.api.patch(`/v1/venues/${venueId}`, { name: 'Grand Opera' })).status).toBe(200);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Someone else changed this venue since you opened it',
  );
  await expect(dialog.getByLabel('Name')).toHaveValue('Opera House (main stage)');
  await dialog.getByRole('button', { name: 'Cancel (Esc)' }).click();

  // The audit log shows both changes, who made them, and the rename before and after.
  await page
    .getByRole('navigation', { name: 'Back office menu' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await page.getByLabel('Record kind').selectOption('venue');
  const update = page.getByRole('row', { name: /venue\.update/ });
  await expect(update).toHaveCount(1);
  await expect(update).toContainText('Greta Manager');
  await update.getByRole('button', { name: 'Before and after' }).click();
  const diff = page.getByRole('table', { name: 'The record before and after this change' });
  await expect(diff.getByRole('row', { name: /name/ })).toContainText('"Opera House"');
  await expect(diff.getByRole('row', { name: /name/ })).toContainText('changed');
  await expect(diff.getByRole('row', { name: /name/ })).toContainText('"Grand Opera"');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await (await download).path().then((path) => readFile(path, 'utf8'));
  expect(csv.split('\n')[0]).toContain('action');
  expect(csv).toContain('venue.update');
});

test('a new server offers its first run in the browser: organisation and manager, then signed in', async ({
  page,
}) => {
  const empty = await startCentralServer();
  try {
    await page.goto(`${empty.url}/admin/`);
    await expect(page.getByRole('heading', { name: 'Set up this server' })).toBeVisible();
    await page.getByLabel('Organisation name').fill('Lyceum');
    await page.getByLabel('Your name').fill('Lena Lead');
    await page.getByLabel('Email').fill('lena@example.test');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await expect(page.getByText('at least 10 characters', { exact: true })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText('Lena Lead');
    // Once set up, the server refuses a second first run.
    const again = await fetch(`${empty.url}/v1/setup`);
    expect(await again.json()).toEqual({ needed: false });
  } finally {
    await empty.close();
  }
});
