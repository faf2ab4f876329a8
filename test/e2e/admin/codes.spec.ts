import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  ManagePage,
  MANAGER_EMAIL,
  MANAGER_PASSWORD,
  startCentral,
  type Central,
} from '../pages/manage-page';

// The back office's code editor: targets picked by name with the keyboard, a code's versions side by
// side, and an edit refused because someone else saved the code meanwhile.

let central: Central;
// Starting a fresh server with its migrations takes a while on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async () => {
  central = await startCentral();
});
test.afterEach(async () => {
  await central.close();
});

interface Catalogue {
  hamlet: string;
  hamletAdult: string;
  learAdult: string;
}

async function catalogue(): Promise<Catalogue> {
  const id = async (path: string, body: Record<string, unknown>) => {
    const reply = await central.api.post<{ id: string }>(path, body);
    if (reply.status !== 201) throw new Error(`${path}: ${reply.text}`);
    return reply.body.id;
  };
  const venue = await id('/v1/venues', { name: 'Globe Hall', currency: 'EUR', timezone: 'Europe/London' });
  const hamlet = await id('/v1/events', { venueId: venue, name: 'Hamlet' });
  const lear = await id('/v1/events', { venueId: venue, name: 'King Lear' });
  return {
    hamlet,
    hamletAdult: await id('/v1/ticket-types', { eventId: hamlet, name: 'Adult' }),
    learAdult: await id('/v1/ticket-types', { eventId: lear, name: 'Adult' }),
  };
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${central.url}/admin`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await page
    .getByRole('navigation', { name: 'Back office menu' })
    .getByRole('link', { name: 'Codes' })
    .click();
  await expect(page.getByTestId('codes-table')).toBeVisible();
}

test('a manager picks an event and a ticket type by keyboard, edits the code and compares its versions', async ({
  page,
}) => {
  const ids = await catalogue();
  await signIn(page);
  const manage = new ManagePage(page);

  await page.getByRole('button', { name: /^New code/ }).click();
  await manage.field('Code (cannot change later)').fill('hamlet10');
  await manage.field('Name').fill('Hamlet ten');
  await manage.field('Percent off').fill('10');
  // Scheduled, not active yet: all of its terms may still change (an active code only extends).
  await manage.field('Valid from').fill('2099-01-01T10:00');

  // An event: type part of its name, Enter takes the first match.
  const appliesTo = manage.editor.getByRole('combobox', {
    name: 'Applies to (empty: everything)',
    exact: true,
  });
  await appliesTo.focus();
  await page.keyboard.type('ham');
  const options = manage.editor.getByRole('listbox').getByRole('option');
  await expect(options).toHaveText(['Hamlet · Event, Globe Hall']);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.keyboard.press('Enter');
  const chips = manage.editor
    .getByRole('list', { name: 'Applies to (empty: everything)' })
    .getByRole('listitem');
  await expect(chips).toHaveText([/Hamlet · Event, Globe Hall/]);
  await expect(appliesTo).toBeFocused();
  await expect(appliesTo).toHaveValue('');

  // A ticket type: both events have an "Adult"; the context tells them apart and the arrows choose.
  await page.keyboard.press('Shift+Tab');
  await expect(
    manage.editor.getByLabel('What to search for in "Applies to (empty: everything)"'),
  ).toBeFocused();
  await page.keyboard.type('Ticket');
  await page.keyboard.press('Tab');
  await page.keyboard.type('adult');
  await expect(options).toHaveText(['Adult · Ticket type, Hamlet', 'Adult · Ticket type, King Lear']);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(appliesTo).toHaveAttribute(
    'aria-activedescendant',
    (await options.nth(0).getAttribute('id')) ?? '',
  );
  await page.keyboard.press('Enter');
  await expect(chips).toHaveText([/Hamlet · Event/, /Adult · Ticket type, Hamlet/]);

  // Esc closes the list, a second Esc clears what was typed; the form is not left.
  await page.keyboard.type('zzz');
  await expect(manage.editor.getByText('Nothing found.', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(manage.editor.getByRole('listbox')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(appliesTo).toHaveValue('');
  await expect(manage.editor).toBeVisible();

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('codes-notice')).toHaveText('HAMLET10 is saved.');
  const list = await central.api.get<{ items: { id: string; rules: { targets: unknown } }[] }>(
    '/v1/codes?q=HAMLET10',
  );
  const code = list.body.items[0];
  expect(code?.rules.targets).toEqual([
    { by: 'event', id: ids.hamlet },
    { by: 'item', id: ids.hamletAdult },
  ]);

  // Editing shows names, not ids; a chip goes with its remove button.
  await manage.row('HAMLET10').getByRole('button', { name: 'Edit HAMLET10' }).click();
  await expect(chips).toHaveText([/Hamlet · Event, Globe Hall/, /Adult · Ticket type, Hamlet/]);
  await expect(manage.editor).not.toContainText(ids.hamletAdult);
  await manage.editor.getByRole('button', { name: 'Remove Adult' }).press('Enter');
  await expect(chips).toHaveText([/Hamlet · Event/]);
  await manage.field('Name').fill('Hamlet ten percent');
  await manage.save();
  await expect(page.getByTestId('codes-notice')).toHaveText('HAMLET10 is saved.');

  // History: who saved each version, and the two side by side with the changed fields named.
  await manage.row('HAMLET10').getByRole('button', { name: 'History of HAMLET10' }).click();
  const versions = page.getByTestId('code-versions');
  await expect(versions.locator('tbody tr')).toHaveCount(2);
  await expect(versions.locator('tbody tr').nth(0)).toContainText('Greta Manager');
  const compare = page.getByTestId('version-compare');
  await expect(compare.locator('thead th')).toHaveText(['Field', 'Version 1', 'Version 2']);
  const name = compare.locator('tr[data-field="name"]');
  await expect(name.locator('th')).toContainText('Changed');
  await expect(name.locator('td')).toHaveText(['Hamlet ten', 'Hamlet ten percent']);
  const targets = compare.locator('tr[data-field="targets"]');
  await expect(targets.locator('th')).toContainText('Changed');
  await expect(targets.locator('td').nth(0)).toContainText('Adult (Ticket type, Hamlet)');
  await expect(targets.locator('td').nth(1)).not.toContainText('Adult');
  await expect(compare.locator('tr[data-field="benefit"] th')).not.toContainText('Changed');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Version 2 against itself: nothing is marked changed.
  await page.getByLabel('Compare version').selectOption('2');
  await expect(compare.locator('tr[data-changed]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to the codes' }).click();
  await expect(manage.row('HAMLET10')).toBeVisible();
});

test('an edit made while someone else changed the code is refused and keeps what was typed', async ({
  page,
}) => {
  const created = await central.api.post<{ id: string }>('/v1/codes', {
    code: 'RACE',
    name: 'Race',
    benefit: { type: 'percentage', percent: 1000 },
  });
  await signIn(page);
  const manage = new ManagePage(page);
  await manage.row('RACE').getByRole('button', { name: 'Edit RACE' }).click();
  await expect(manage.field('Name')).toHaveValue('Race');

  // Another manager saves first.
  const other = await central.api.patch(`/v1/codes/${created.body.id}`, { name: 'Their name' });
  expect(other.status).toBe(200);

  await manage.field('Name').fill('My name');
  await manage.field('Description').fill('typed here');
  await manage.save();
  await expect(page.getByTestId('editor-error')).toHaveText(
    'Someone else changed this code since you opened it (it is now version 2). Your changes are still in the form: open the code again to see theirs, then make your change again.',
  );
  await expect(manage.field('Name')).toHaveValue('My name');
  await expect(manage.field('Description')).toHaveValue('typed here');
  const read = await central.api.get<{ name: string }>(`/v1/codes/${created.body.id}`);
  expect(read.body.name).toBe('Their name');

  // Their version is one click away without leaving the form.
  await manage.editor.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('version-compare').locator('tr[data-field="name"] td')).toHaveText([
    'Race',
    'Their name',
  ]);
  await expect(manage.field('Name')).toHaveValue('My name');
});
