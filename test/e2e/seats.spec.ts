import { seatDemoHamlet, seatOf } from '../helpers/seated-demo';
import { expectAccessible } from './pages/axe';
import { openShiftAs } from './pages/core-setup';
import { expect, test } from './fixtures';

// docs/SEATING.md "At the window": a seated performance sells from its map. This terminal has no server,
// so it is offline with seats leased to it: only those can be chosen, by mouse or keyboard, one by one or
// by best available, and each shows under its cart line.

test('a cashier picks leased seats on the map, by click, keyboard and best available', async ({
  demoHost,
  terminal,
  page,
}) => {
  test.setTimeout(60_000);
  const map = seatDemoHamlet(demoHost.terminal.db, {
    seats: 120,
    leased: (m) => [
      seatOf(m, 'Stalls', 'A', '14'),
      seatOf(m, 'Stalls', 'A', '15'),
      seatOf(m, 'Stalls', 'A', '16'),
      seatOf(m, 'Stalls', 'B', '20'),
      seatOf(m, 'Circle', 'A', '1'),
      seatOf(m, 'Circle', 'A', '2'),
    ],
  });
  expect(map.seats).toHaveLength(120);
  await openShiftAs(demoHost);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await terminal.open(demoHost.url);
  await terminal.pickPerformance();

  const picker = page.getByTestId('seat-picker');
  await expect(picker).toBeVisible();
  await expect(page.getByTestId('seats-offline')).toContainText('only the seats leased to this window');
  const seat = (section: string, row: string, label: string) =>
    picker.getByRole('option', { name: new RegExp(`^${section} row ${row} seat ${label},`) });
  await expect(seat('Stalls', 'A', '15')).toHaveAttribute('aria-label', /leased to this window, Band Stalls/);
  await expect(seat('Stalls', 'A', '1')).toHaveAttribute('aria-label', /not available here/);
  const cartSeats = page.getByTestId('line-seats').getByRole('listitem');

  // A click takes a leased seat; a seat that is not leased here does nothing.
  await seat('Stalls', 'A', '1').click();
  await seat('Stalls', 'A', '15').click();
  await expect(cartSeats).toHaveText(['Stalls, row A, seat 15']);
  await expect(seat('Stalls', 'A', '15')).toHaveAttribute('aria-label', /in this cart/);

  // The keyboard: the map is one listbox; arrows move seat to seat, Enter takes the seat.
  const listbox = picker.getByRole('listbox');
  await expect(listbox).toBeFocused();
  await listbox.press('ArrowRight');
  await expect(listbox).toHaveAttribute('aria-activedescendant', /.+/);
  const active = await listbox.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-label', /^Stalls row A seat 16,/);
  await listbox.press('Enter');
  await expect(cartSeats).toHaveText(['Stalls, row A, seat 15', 'Stalls, row A, seat 16']);
  await expectAccessible(page, 'seat map at the window');
  await page.screenshot({ path: 'docs/screenshots/seat-map-window.png' });

  // Best available 2: the Stalls have no two leased seats together any more, the Circle has.
  await picker.getByLabel('Seats', { exact: true }).selectOption('2');
  await picker.getByRole('button', { name: /Best available/ }).click();
  await expect(page.getByTestId('best-available')).toBeVisible();
  await page.getByRole('button', { name: 'Take 2 together' }).click();
  await expect(cartSeats).toHaveCount(4);
  await expect(cartSeats).toContainText(['Circle, row A, seat 1', 'Circle, row A, seat 2']);

  // A seat already in the cart is given back by clicking it again.
  await seat('Stalls', 'A', '15').click();
  await expect(cartSeats).toHaveCount(3);
  await expect(seat('Stalls', 'A', '15')).toHaveAttribute('aria-label', /leased to this window/);
});
