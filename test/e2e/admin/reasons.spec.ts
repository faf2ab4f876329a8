import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEFAULT_REASONS } from '../../../shared/cash/reasons';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral } from '../pages/manage-page';

// The organisation's reason lists edited in the back office (shared/cash/reasons.ts): an empty list shows
// its default, a refusal is marked at its list, and what is saved is what the page shows after a reload.

test.describe.configure({ timeout: 120_000 });

const centralServer = useCentral();

test('a manager edits the paid-out reasons, and a reload shows them', async ({ page }) => {
  const central = centralServer();
  await page.goto(`${central.url}/admin/#/organisation`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();

  const paidOut = page.getByLabel('Paid out', { exact: true });
  await expect(paidOut).toHaveValue('');
  await expect(paidOut).toHaveAttribute('placeholder', DEFAULT_REASONS.paid_out.join('\n'));

  // A reason listed twice is marked at its list before anything is sent.
  await paidOut.fill('Taxi\ntaxi');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(paidOut).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('this reason is listed twice')).toBeVisible();
  expect((await central.api.get<{ reasons: unknown }>('/v1/organisation')).body.reasons).toEqual({});

  await paidOut.fill('Taxi\nFlowers for the cast\n');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('The organisation’s settings are saved.');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  expect((await central.api.get<{ reasons: unknown }>('/v1/organisation')).body.reasons).toEqual({
    paid_out: ['Taxi', 'Flowers for the cast'],
  });

  await page.reload();
  await expect(page.getByLabel('Paid out', { exact: true })).toHaveValue('Taxi\nFlowers for the cast');
  await expect(page.getByLabel('Paid in', { exact: true })).toHaveValue('');
});
