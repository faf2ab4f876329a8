import { keyIdOf } from '../../shared/node/tickets/secret';
import { getPerformance, upsertCatalogue } from '../../src-main/db/repos/catalogue-repo';
import { replaceTicketKeys } from '../../src-main/db/repos/ticket-trust-repo';
import { secretStoreWithKey } from '../helpers/device-key';
import { expectAccessible } from './pages/axe';
import { must, openShiftAs, sellAdults } from './pages/core-setup';
import { HAMLET } from './pages/terminal-page';
import { expect, test } from './fixtures';

// docs/TICKETS.md "Door mode": a supervisor opens a door and scans real tickets from a sale made on this
// terminal, which decides alone (no server): valid, then already entered.

test.describe('Door mode', () => {
  test('scans a ticket from a sale: valid, then already entered, with live counts', async ({
    startHost,
    terminal,
    page,
  }) => {
    test.setTimeout(60_000); // axe takes about a second per screen
    const key = secretStoreWithKey();
    const host = await startHost({ demoData: true, secrets: key.secrets });
    const db = host.terminal.db;
    // As a pull would leave them: Hamlet starts within the hour, and this terminal's key is trusted.
    const hamlet = getPerformance(db, HAMLET)!;
    upsertCatalogue(db, 'performances', [
      {
        id: hamlet.id,
        eventId: hamlet.eventId,
        startsAt: new Date(Date.now() + 45 * 60_000).toISOString(),
        capacity: hamlet.capacity,
        status: hamlet.status,
      },
    ]);
    const terminalId = (await must(host, 'pos:system:status')).terminalId;
    replaceTicketKeys(db, [
      { keyId: keyIdOf(key.publicKey), publicKey: key.publicKey, terminalId, revokedAt: null },
    ]);
    await openShiftAs(host, 'staff-sue', '5937');
    const sale = await sellAdults(host, 2);
    const secret = sale.tickets[0]!.secret!;

    await terminal.open(host.url);
    await terminal.nav('Door').click();
    await expect(page.getByRole('heading', { name: 'Open a door' })).toBeVisible();
    await page
      .getByRole('checkbox', { name: /^Hamlet · / })
      .first()
      .check();
    await page.getByRole('button', { name: 'Open door' }).click();
    await expect(page.getByRole('alert')).toHaveText('Name the door, e.g. North.');
    await page.getByLabel('Door name').fill('North');
    await page.getByLabel('Door name').press('Enter');
    await expect(terminal.heading).toHaveText('Door North');

    const scanField = page.getByLabel('Scan a ticket');
    const answer = page.getByTestId('door-answer');
    await expect(scanField).toBeFocused();
    await expect(page.getByTestId('door-expected')).toHaveText('2');
    await expectAccessible(page, 'door ready');
    // A keyboard-wedge scanner types the code and Enter into whatever has the focus.
    await page.keyboard.type(secret);
    await page.keyboard.press('Enter');
    await expect(answer).toHaveAttribute('data-outcome', 'valid');
    await expect(answer).toContainText('Valid for Hamlet');
    await expect(answer).toContainText('Checked by this terminal alone');
    await expect(page.getByTestId('door-entered')).toHaveText('1');
    await expect(page.getByTestId('door-counts-source')).toContainText('This terminal’s view');
    await expect(scanField).toBeFocused();
    await expect(scanField).toHaveValue('');
    await page.screenshot({ path: 'docs/screenshots/door-valid.png' });
    await expectAccessible(page, 'door valid');

    // A click beside the field does not take the focus away from the scanner.
    await terminal.heading.click();
    await expect(scanField).toBeFocused();
    await page.keyboard.type(secret);
    await page.keyboard.press('Enter');
    await expect(answer).toHaveAttribute('data-outcome', 'already_entered');
    await expect(answer).toContainText('Already entered at door North');
    await expect(page.getByTestId('door-entered')).toHaveText('1');
    await page.screenshot({ path: 'docs/screenshots/door-already-entered.png' });
    await expectAccessible(page, 'door already entered');

    // The language button keeps the focus after a click, but what is typed next still goes to the scan
    // field; a code that is no ticket says so in the screen's language.
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(answer).toContainText('Schon eingelassen an Einlass North');
    await page.keyboard.type('not a ticket');
    await expect(page.getByLabel('Ticket scannen')).toHaveValue('not a ticket');
    await page.keyboard.press('Enter');
    await expect(answer).toHaveAttribute('data-outcome', 'malformed');
    await expect(answer).toContainText('Kein Ticketcode');
    await expectAccessible(page, 'door refused (German)');
  });

  test('is not offered to a seller, whose role does not check tickets', async ({
    demoHost,
    terminal,
    page,
  }) => {
    await openShiftAs(demoHost);
    await terminal.open(demoHost.url);
    await expect(terminal.nav('Sell')).toBeVisible();
    await expect(terminal.nav('Door')).toHaveCount(0);
    await expect(page.locator('[data-screen="door"]')).toHaveCount(0);
  });
});
