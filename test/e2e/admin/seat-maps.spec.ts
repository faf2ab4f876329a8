import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MANAGER_EMAIL, MANAGER_PASSWORD, startCentral, type Central } from '../pages/manage-page';

// docs/BACKOFFICE.md "Seat maps": a manager imports a hall from CSV. The first file has a seat twice:
// the server refuses it whole and the problem shows on its row, with everything typed kept; the fixed
// file is imported and opens in the editor, where a row's seats are selected and held back.

test.describe.configure({ timeout: 120_000 });

let central: Central;
test.beforeEach(async () => {
  central = await startCentral();
});
test.afterEach(async () => {
  await central.close();
});

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

const GOOD = readFileSync(new URL('../../../docs/examples/seat-map.csv', import.meta.url), 'utf8');
// Line 3 repeats line 2's seat.
const BAD = 'section,row,seat,x,y,band\nStalls,A,1,-15,0,Front\nStalls,A,1,-5,0,Front\n';

test('a bad CSV is refused on its row, then a good one is imported and edited', async ({ page }) => {
  await central.api.post('/v1/venues', { name: 'Opera House', currency: 'EUR', timezone: 'Europe/Berlin' });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${central.url}/admin/#/seat-maps`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Seat maps' })).toBeVisible();
  await expect(page.getByLabel('Venue')).toHaveValue(/.+/);
  await expect(page.getByText('This venue has no seat maps yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Import a seat map' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name of the hall').fill('Main house');
  await dialog.getByLabel('Content (or paste it here)').fill(BAD);
  await dialog.getByRole('button', { name: 'Import a seat map' }).click();
  await expect(dialog.getByText('Name the CSV’s bands, best first.')).toBeVisible();
  await dialog.getByLabel('Bands, best first').fill('Front, Back');
  await dialog.getByRole('button', { name: 'Import a seat map' }).click();
  const problems = dialog.getByTestId('seat-map-problems');
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(problems.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('3');
  await expect(dialog.getByRole('alert').last()).toContainText('was not imported');
  await expect(dialog.getByLabel('Name of the hall')).toHaveValue('Main house');
  await axe(page);
  const listed = await central.api.get<{ maps: unknown[] }>(
    `/v1/seat-maps?venueId=${await page.getByLabel('Venue').inputValue()}`,
  );
  expect(listed.body.maps).toEqual([]);

  await dialog.getByLabel('Content (or paste it here)').fill(GOOD);
  await dialog.getByRole('button', { name: 'Import a seat map' }).click();
  await expect(dialog).toBeHidden();
  const editor = page.getByTestId('seat-map-editor');
  await expect(editor.getByRole('heading', { name: 'Main house, version 1' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('imported with 8 seats');

  // Click the first seat of Stalls row A, shift-click the last: the row is selected; hold it as kill.
  const seat = (row: string, label: string) =>
    editor.getByRole('option', { name: new RegExp(`^Stalls row ${row} seat ${label},`) });
  await seat('A', '1').click();
  await seat('A', '4').click({ modifiers: ['Shift'] });
  await expect(editor.getByTestId('seat-selection')).toHaveText('4 seats selected');
  await expect(seat('A', '3')).toHaveAttribute('aria-selected', 'true');
  await expect(seat('B', '1')).toHaveAttribute('aria-selected', 'false');
  await editor.getByLabel('Hold in every performance').selectOption('kill');
  await editor.getByRole('button', { name: 'Set hold' }).click();
  await expect(editor.getByRole('heading', { name: 'Main house, version 2' })).toBeVisible();
  await expect(seat('A', '2')).toHaveAttribute('aria-label', /, held,/);
  await axe(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/admin-seat-map-editor.png' });

  await editor.getByRole('button', { name: 'Back to the seat maps' }).click();
  await expect(page.getByRole('row', { name: /Main house/ })).toContainText('8');
});
