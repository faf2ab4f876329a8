import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral } from '../pages/manage-page';

// The organisation's cash rounding (docs/CASH.md "Cash rounding") edited in the back office: the
// currency's own rule is named in the choice that follows it, a step that is no coin is refused at its
// field with nothing saved, and each choice reaches the server as the setting (null, a step, 0).

test.describe.configure({ timeout: 120_000 });

const centralServer = useCentral();

test('a manager sets cash rounding to a step, off and back to the currency; the server stores each', async ({
  page,
}) => {
  const central = centralServer();
  const setting = async () =>
    (await central.api.get<{ cashRounding: number | null; currency: string }>('/v1/organisation')).body;
  expect(await setting()).toMatchObject({ cashRounding: null });

  await page.goto(`${central.url}/admin/#/organisation`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();

  const rounding = page.getByLabel('How cash is rounded');
  await expect(rounding).toHaveValue('currency');
  // A Swiss organisation: the choice that follows the currency says what its rule is.
  await page.getByLabel('Currency', { exact: true }).fill('CHF');
  await expect(rounding.locator('option[value="currency"]')).toHaveText('Follow the currency (CHF: 0.05)');

  // A step that is no coin is refused at its field; nothing reaches the server.
  await rounding.selectOption('step');
  const step = page.getByLabel('Step cash is rounded to (CHF)');
  await step.fill('0.00');
  await page.getByRole('button', { name: 'Save' }).click();
  const bad =
    'Enter the smallest coin as an amount from 0.01 to 100.00, such as 0.05, or choose to follow the currency.';
  await expect(page.getByText(bad)).toBeVisible();
  await expect(step).toHaveAttribute('aria-invalid', 'true');
  expect(await setting()).toMatchObject({ cashRounding: null });
  await step.fill('0.10');
  await expect(page.getByText(bad)).toBeHidden();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('The organisation’s settings are saved.');
  await expect.poll(setting).toMatchObject({ cashRounding: 10, currency: 'CHF' });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // What the page shows after a reload is what the server holds.
  await page.reload();
  await expect(page.getByLabel('How cash is rounded')).toHaveValue('step');
  await expect(page.getByLabel('Step cash is rounded to (CHF)')).toHaveValue('0.10');

  await page.getByLabel('How cash is rounded').selectOption('off');
  await expect(page.getByLabel('Step cash is rounded to (CHF)')).toBeHidden();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('The organisation’s settings are saved.');
  await expect.poll(setting).toMatchObject({ cashRounding: 0 });

  await page.getByLabel('How cash is rounded').selectOption('currency');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('The organisation’s settings are saved.');
  await expect.poll(setting).toMatchObject({ cashRounding: null });
});
