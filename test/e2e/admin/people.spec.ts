import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PERMISSIONS } from '../../../shared/auth/permissions';
import type { PullResponse, StaffRecord } from '../../../shared/sync/protocol';
import { verifySecret } from '../../../src-server/auth/secrets';
import { apiClient } from '../../helpers/server-api';
import { enrol } from '../../helpers/sync-server';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral, type Central } from '../pages/manage-page';

// The People screens as a manager uses them: a custom role, a person with it, their PIN reset (proved by
// the verifier a terminal of their venue pulls), deactivation, and two managers editing one person.

test.describe.configure({ timeout: 120_000 });

const current = useCentral();

async function axe(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

async function signIn(page: Page, central: Central, screen: string) {
  await page.goto(`${central.url}/admin/#/${screen}`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
}

async function venue(central: Central, name: string): Promise<string> {
  const reply = await central.api.post<{ id: string }>('/v1/venues', {
    name,
    currency: 'EUR',
    timezone: 'Europe/Berlin',
  });
  return reply.body.id;
}

/** The PIN verifier a terminal at `venueId` pulls for `staffId`, as the terminal would hold it. */
async function pulledVerifier(central: Central, venueId: string, staffId: string): Promise<string | null> {
  const reg = await enrol({ api: central.api }, central.url, venueId);
  const till = apiClient(central.url, reg.deviceToken);
  let cursor: string | null = null;
  let record: StaffRecord | undefined;
  for (;;) {
    const page: { body: PullResponse } = await till.post<PullResponse>('/v1/sync/pull', {
      terminalId: reg.terminalId,
      cursor,
    });
    for (const change of page.body.changes) {
      if (change.entity === 'staff' && change.id === staffId && 'data' in change) record = change.data;
    }
    cursor = page.body.cursor;
    if (!page.body.more) return record?.pinHash ?? null;
  }
}

test('a manager makes a role, gives it to a new person, resets their PIN and deactivates them', async ({
  page,
}) => {
  const central = current();
  const hall = await venue(central, 'Hall');
  await venue(central, 'Studio');
  await signIn(page, central, 'roles');
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  const seller = page.getByRole('row', { name: /^Seller/ });
  await expect(seller).toContainText('Built-in (read-only)');
  await expect(seller.getByRole('button')).toHaveCount(0);
  await axe(page);

  // A role with two permissions and a ceiling; a wrong percentage is marked beside its field first.
  await page.getByRole('button', { name: 'New role' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Id', { exact: true }).fill('box-office');
  await dialog.getByLabel('Name', { exact: true }).fill('Box office');
  await dialog.getByLabel('Sell tickets and products').check();
  await dialog.getByLabel('Refund orders').check();
  await dialog.getByLabel('Ceiling in percent').fill('lots');
  await dialog.getByLabel('Ceiling in EUR').fill('20');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Ceiling in percent')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Type a percentage such as 19 or 5.5.')).toBeVisible();
  await axe(page);
  await dialog.getByLabel('Ceiling in percent').fill('12.5');
  await dialog.getByLabel('Overuses one person may grant per business day').fill('three');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(
    dialog.getByText('Type a whole number from 0 to 10000, or leave it empty for no cap.'),
  ).toBeVisible();
  await dialog.getByLabel('Overuses one person may grant per business day').fill('3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /^Box office/ })).toContainText(`2 of ${PERMISSIONS.length}`);
  const roles = await central.api.get<{ id: string }[]>('/v1/roles');
  expect(roles.body.find((r) => r.id === 'box-office')).toMatchObject({
    name: 'Box office',
    permissions: ['sell', 'refund'],
    customDiscountCeiling: { percent: 1250, amount: 2000 },
    overuseCap: 3,
    version: 1,
  });

  // A person with that role at the hall; a refused e-mail keeps everything typed.
  const menu = page.getByRole('navigation', { name: 'Back office menu' });
  await menu.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  await page.getByRole('button', { name: 'New person' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Pat Seller');
  await dialog.getByLabel('Email').fill(MANAGER_EMAIL);
  await dialog.getByLabel('Role').selectOption({ label: 'Box office' });
  await dialog.getByLabel('Hall').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'This email already has an account: use another one.',
  );
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Pat Seller');
  await expect(dialog.getByLabel('Hall')).toBeChecked();
  await dialog.getByLabel('Email').fill('pat@example.test');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const pat = page.getByRole('row', { name: /^Pat Seller/ });
  await expect(pat).toContainText('Box office');
  await expect(pat).toContainText('Hall');
  await expect(pat.getByTestId('staff-status')).toHaveText('Active');
  await expect(pat.getByRole('cell').nth(4)).toHaveText('No');
  await axe(page);

  // Edited: a new name and a second venue.
  await pat.getByRole('button', { name: 'Edit Pat Seller' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Pat Sellers');
  await dialog.getByLabel('Studio').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const pats = page.getByRole('row', { name: /^Pat Sellers/ });
  await expect(pats).toContainText('Hall, Studio');

  // PIN reset: checked as typed, then the server's own refusal of a pattern, then a good one.
  await pats.getByRole('button', { name: 'Reset the PIN of Pat Sellers' }).click();
  await expect(dialog.getByText('4 to 8 digits for the role Box office')).toBeVisible();
  await dialog.getByLabel('New PIN', { exact: true }).fill('12');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog.getByText('Type 4 to 8 digits, nothing else.')).toBeVisible();
  await dialog.getByLabel('New PIN', { exact: true }).fill('1234');
  await dialog.getByLabel('New PIN again').fill('1243');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog.getByText('The two PINs differ: type the same PIN twice.')).toBeVisible();
  await dialog.getByLabel('New PIN again').fill('1234');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This PIN is too easy to guess');
  await expect(dialog.getByLabel('New PIN', { exact: true })).toHaveValue('1234');
  await axe(page);
  await dialog.getByLabel('New PIN', { exact: true }).fill('5093');
  await dialog.getByLabel('New PIN again').fill('5093');
  await dialog.getByRole('button', { name: 'Reset PIN' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('The new PIN of Pat Sellers is set.');
  await expect(pats.getByRole('cell').nth(4)).toHaveText('Yes');
  // The new PIN works where Pat works: a terminal at the hall pulls a verifier that takes it.
  const listed = await central.api.get<{ items: { id: string }[] }>('/v1/staff?q=Pat');
  const patId = listed.body.items[0]?.id ?? '';
  const verifier = await pulledVerifier(central, hall, patId);
  expect(await verifySecret('5093', verifier ?? '')).toBe(true);

  // A managing role needs a longer PIN than Pat's: the server's sentence, and the choice stays.
  await pats.getByRole('button', { name: 'Edit Pat Sellers' }).click();
  await dialog.getByLabel('Role').selectOption({ label: 'Manager' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('needs a PIN of at least 6 digits');
  await expect(dialog.getByRole('alert')).toContainText('or reset the PIN first');
  await expect(dialog.getByLabel('Role')).toHaveValue('manager');
  await dialog.getByRole('button', { name: 'Cancel (Esc)' }).click();
  await expect(pats).toContainText('Box office');

  // Deactivated (the dialog says their sessions end), then found among the inactive.
  await pats.getByRole('button', { name: 'Deactivate Pat Sellers' }).click();
  await expect(dialog).toContainText('their back-office sessions end at once');
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Pat Sellers is deactivated.');
  await page.getByLabel('Status').selectOption({ label: 'Inactive' });
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(pats.getByTestId('staff-status')).toHaveText('Inactive');
  await expect(pats.getByRole('button', { name: 'Reactivate Pat Sellers' })).toBeVisible();
  await axe(page);

  // In German, the same screen in German words.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personal' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'PIN gesetzt' })).toBeVisible();
  await expect(pats.getByTestId('staff-status')).toHaveText('Inaktiv');
  await expect(pats.getByRole('button', { name: 'Pat Sellers wieder aktivieren' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Backoffice-Menü' })
    .getByRole('link', { name: 'Rollen' })
    .click();
  await page
    .getByRole('row', { name: /^Box office/ })
    .getByRole('button', { name: 'Rolle Box office bearbeiten' })
    .click();
  await expect(dialog.getByLabel('Tickets und Produkte verkaufen')).toBeChecked();
  await expect(dialog.getByLabel('Obergrenze in Prozent')).toHaveValue('12.5');
  await axe(page);
});

test('two managers edit one person: the stale edit is refused and keeps what was typed', async ({
  context,
}) => {
  const central = current();
  await venue(central, 'Hall');
  const created = await central.api.post<{ id: string }>('/v1/staff', { name: 'Sam', roleId: 'seller' });
  expect(created.status).toBe(201);
  const [first, second] = [await context.newPage(), await context.newPage()];
  for (const tab of [first, second]) {
    await signIn(tab, central, 'staff');
    await tab.getByRole('button', { name: 'Edit Sam' }).click();
  }
  await first.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Sam Smith');
  await first.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(first.getByRole('dialog')).toBeHidden();
  await expect(first.getByRole('row', { name: /^Sam Smith/ })).toBeVisible();

  const stale = second.getByRole('dialog');
  await stale.getByLabel('Name', { exact: true }).fill('Samuel');
  await stale.getByRole('button', { name: 'Save' }).click();
  await expect(stale.getByRole('alert')).toContainText(
    'Someone else changed this staff member since you opened it (it is now version 2)',
  );
  await expect(stale.getByLabel('Name', { exact: true })).toHaveValue('Samuel');
  await axe(second);
  const now = await central.api.get<{ name: string; version: number }>(`/v1/staff/${created.body.id}`);
  expect(now.body).toMatchObject({ name: 'Sam Smith', version: 2 });

  // A custom role still held by someone cannot be deleted: the server's sentence says why.
  await central.api.post('/v1/roles', {
    id: 'desk',
    name: 'Desk',
    permissions: ['sell'],
    customDiscountCeiling: { percent: 0, amount: 0 },
  });
  await central.api.patch(`/v1/staff/${created.body.id}`, { roleId: 'desk' });
  await stale.getByRole('button', { name: 'Cancel (Esc)' }).click();
  await second
    .getByRole('navigation', { name: 'Back office menu' })
    .getByRole('link', { name: 'Roles' })
    .click();
  await second.getByRole('row', { name: /^Desk/ }).getByRole('button', { name: 'Delete Desk' }).click();
  await second.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(second.getByRole('dialog').getByRole('alert')).toContainText(
    'Staff still have this role: give them another role first.',
  );
});

test('a staff manager cannot grant a permission their own role lacks', async ({ page }) => {
  const central = current();
  await venue(central, 'Hall');
  const lead = {
    id: 'people-lead',
    name: 'People lead',
    permissions: ['sell', 'staff.manage'],
    customDiscountCeiling: { percent: 1000, amount: 1000 },
  };
  expect((await central.api.post('/v1/roles', lead)).status).toBe(201);
  const lee = { name: 'Lee Lead', email: 'lee@example.test', password: 'lee has a long password' };
  expect((await central.api.post('/v1/staff', { ...lee, roleId: 'people-lead' })).status).toBe(201);

  await page.goto(`${central.url}/admin/#/roles`);
  await page.getByLabel('Email').fill(lee.email);
  await page.getByLabel('Password').fill(lee.password);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  await page.getByRole('button', { name: 'New role' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Id', { exact: true }).fill('refunder');
  await dialog.getByLabel('Name', { exact: true }).fill('Refunder');
  await dialog.getByLabel('Sell tickets and products').check();
  await dialog.getByLabel('Refund orders').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'You cannot grant more than you hold yourself: the permission refund.',
  );
  await expect(dialog.getByLabel('Refund orders')).toBeChecked();
  await expect(dialog.getByLabel('Id', { exact: true })).toHaveValue('refunder');
  await axe(page);
  // Without it, the role is theirs to give.
  await dialog.getByLabel('Refund orders').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /^Refunder/ })).toContainText(`1 of ${PERMISSIONS.length}`);
});
