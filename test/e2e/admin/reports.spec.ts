import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { TerminalSalePayload } from '../../../shared/sync/payloads';
import { signInAs } from '../../helpers/server-api';
import {
  cashMovementPayload,
  refundPayload,
  salePayload,
  shiftClosePayload,
} from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall } from '../../helpers/till';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral, type Central } from '../pages/manage-page';

// The back office's report screens (issue 15) against a real central server: a terminal pushes 55
// sales, a refund, a paid out, a no sale and a shift closed with a cash difference through
// /v1/sync/push, and the manager reads them back in Orders (filters, keyset pages, one order's detail,
// CSV), Sales by performance, Shifts and the code report's way into a code's orders.

test.describe.configure({ timeout: 120_000 });

const current = useCentral();

const axe = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

const PLAIN_SALES = 53;

/** 53 plain sales of one Adult ticket, then one with the code SPRING, an overuse and a refund. */
async function seedSales(central: Central) {
  const hall = await seedHall(central);
  const perfA = await newPerformance(central, hall.eventId, 500);
  const perfB = await newPerformance(central, hall.eventId, 500);
  const adult = (
    await central.api.post<{ id: string }>('/v1/ticket-types', { eventId: hall.eventId, name: 'Adult' })
  ).body.id;
  const stalls = (
    await central.api.post<{ id: string }>('/v1/price-bands', { eventId: hall.eventId, name: 'Stalls' })
  ).body.id;
  const spring = await central.api.post<{ id: string }>('/v1/codes', {
    code: 'SPRING',
    name: 'Spring',
    benefit: { type: 'fixed_order', amount: 500 },
    rules: {},
  });
  expect(spring.status, spring.text).toBe(201);
  const managerId = (await central.api.get<{ staffId: string }>('/v1/auth/me')).body.staffId;
  const seller = await signInAs(central.api, central.url, 'seller');
  const till = await openTill(central, central.url, hall.venueId, seller.staffId);
  const ticket = (performanceId: string, qty: number, unitDiscount = 0) => ({
    eventId: hall.eventId,
    performanceId,
    ticketTypeId: adult,
    priceBandId: stalls,
    qty,
    unitPrice: 2000,
    unitDiscount,
  });
  for (let i = 1; i <= PLAIN_SALES; i++) {
    till.box.append(
      'sale',
      salePayload({
        terminalId: till.id,
        shiftId: till.shiftId,
        cashierId: seller.staffId,
        receiptNo: i,
        createdAt: new Date(Date.UTC(2026, 2, 1, 9, i)).toISOString(),
        lines: [ticket(perfA, 1)],
      }),
    );
  }
  const coded: TerminalSalePayload = salePayload({
    terminalId: till.id,
    shiftId: till.shiftId,
    cashierId: managerId,
    receiptNo: 54,
    createdAt: new Date(Date.UTC(2026, 2, 2, 18, 0)).toISOString(),
    tender: 'card',
    lines: [ticket(perfB, 2, 250)],
    code: { id: spring.body.id },
    overuse: { approverId: managerId, reason: 'Press night guest', limits: ['MAX_USES'] },
    signer: till.signer,
    customer: { id: 'cust-ada', name: 'Ada Lovelace', email: 'ada@example.test' },
  });
  till.box.append('sale', coded);
  const line = (coded.lines[0] as { id: string }).id;
  till.box.append(
    'refund',
    refundPayload(coded, {
      kind: 'refund',
      staffId: seller.staffId,
      units: [{ lineId: line, unitIndex: 0 }],
    }),
  );
  // 12.50 paid out for a taxi, and the drawer opened once without a sale.
  for (const movement of [
    { kind: 'paid_out', amount: -1_250, reason: 'Petty cash purchase', note: 'Taxi' },
    { kind: 'no_sale', amount: 0 },
  ] as const) {
    till.box.append('cash.movement', {
      ...cashMovementPayload(till.id, till.shiftId, seller.staffId, movement),
    });
  }
  // Cash taken: 53 × 20.00 = 1,060.00 on a 100.00 float, less the 12.50; 1.00 too much in the drawer.
  till.box.append('shift.close', {
    ...shiftClosePayload(till.id, till.shiftId, seller.staffId, 114_850),
    expectedCash: 114_750,
  });
  const pushed = await pushTill(till);
  expect(pushed.status, pushed.text).toBe(200);
  expect(
    pushed.body.results.every((r) => r.status === 'applied'),
    pushed.text,
  ).toBe(true);
}

async function signIn(page: Page, central: Central, section: string) {
  await page.goto(`${central.url}/admin/#/${section}`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Back office menu' });

test('orders: keyset pages, filters, one order’s lines, code, approval, tender and refund, and the CSV', async ({
  page,
}) => {
  const central = current();
  await seedSales(central);
  await signIn(page, central, 'orders');
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const rows = page.getByTestId('orders-table').locator('tbody tr');

  // 54 orders, 50 to a page, newest first: the coded sale leads, the first sale is on the next page.
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('#54');
  await axe(page);
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.last()).toContainText('#1');
  await expect(page.getByRole('button', { name: 'Older' })).toBeDisabled();
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(rows).toHaveCount(50);
  await expect(page.getByRole('button', { name: 'Newer' })).toBeDisabled();

  // The cashier picked by name: the manager rang up only the coded sale.
  await page.getByLabel('Cashier', { exact: true }).selectOption({ label: 'Greta Manager' });
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Cashier', { exact: true }).selectOption({ label: 'Anyone' });
  await expect(rows).toHaveCount(50);
  await page.getByLabel('Buyer', { exact: true }).fill('ada');
  await expect(rows).toHaveCount(1);
  const coded = rows.first();
  await expect(coded).toContainText('Ada Lovelace');
  await expect(coded).toContainText('SPRING');
  await expect(coded).toContainText('35.00'); // 2 × 20.00 − 5.00 discount
  await expect(coded.getByTestId('order-status')).toHaveText('Partly refunded');

  // By keyboard: the receipt number opens the order, Esc closes it and gives the focus back.
  const open = coded.getByRole('button', { name: 'Order #54' });
  await open.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('order-detail');
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(open).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { name: /^Order #54/ })).toBeVisible();
  const line = detail.getByRole('table', { name: 'Lines' }).locator('tbody tr');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('20.00');
  await expect(line).toContainText('SPRING');
  await expect(line).toContainText('5.00');
  await expect(detail.getByRole('table', { name: 'Code used' })).toContainText('Press night guest');
  const approval = detail.getByRole('table', { name: 'Approvals' });
  await expect(approval).toContainText('Overuse');
  await expect(approval).toContainText('Greta Manager');
  await expect(approval).toContainText('Press night guest');
  const payments = detail.getByRole('table', { name: 'Payments' });
  await expect(payments.getByRole('row', { name: /Card 35\.00/ })).toHaveCount(1);
  await expect(payments.getByRole('row', { name: /Cash \(paid back\) -17\.50/ })).toHaveCount(1);
  const refunds = detail.getByRole('table', { name: 'Refunds and voids' });
  await expect(refunds).toContainText('customer changed plans');
  await expect(refunds).toContainText('A seller');
  await axe(page);
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();

  // The CSV has every order of the same filters: the header and the one coded sale.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((path) => readFile(path, 'utf8'));
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain('receipt');
  expect(lines[1]).toContain('Ada Lovelace');
  expect(lines[1]).toContain('SPRING');
});

test('sales by performance add up to the pushed sales, a shift shows its cash difference and movements, and the code report leads to its orders', async ({
  page,
}) => {
  const central = current();
  await seedSales(central);
  await signIn(page, central, 'sales');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales by performance' })).toBeVisible();
  const table = page.getByTestId('sales-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  // 55 tickets: 53 × 20.00 and 2 × 20.00 less 2 × 2.50; one coded ticket (17.50) given back.
  const totals = page.getByTestId('sales-totals');
  await expect(totals.locator('th')).toHaveText('Total (EUR)');
  await expect(totals.locator('td')).toHaveText(['55', '1', '1,100.00', '5.00', '17.50', '1,077.50']);
  await axe(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((path) => readFile(path, 'utf8'));
  expect(csv.trim().split(/\r?\n/)).toHaveLength(3);

  await menu(page).getByRole('link', { name: 'Shifts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shifts' })).toBeVisible();
  const shift = page.getByTestId('shifts-table').locator('tbody tr');
  await expect(shift).toHaveCount(1);
  await expect(shift).toContainText('Till 1');
  await expect(shift).toContainText('1,147.50');
  await expect(shift).toContainText('1,148.50');
  await expect(shift.getByTestId('shift-difference')).toHaveText('1.00 (over)');
  await expect(shift.getByTestId('shift-cash-movements')).toHaveText(/^Paid out: -12\.50\s*No sale × 1$/);
  await axe(page);

  await menu(page).getByRole('link', { name: 'Code report', exact: true }).click();
  const spring = page.locator('tr[data-code="SPRING"]');
  await expect(spring).toBeVisible();
  await page.getByRole('textbox', { name: 'From' }).fill('2026-03-01');
  await page.getByRole('textbox', { name: 'To' }).fill('2026-03-02');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(spring).toContainText('5.00');
  await axe(page);
  await spring.getByRole('button', { name: 'Orders with SPRING' }).click();
  await expect(page).toHaveURL(/#\/orders$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByTestId('orders-used-code')).toContainText('Only orders that used the code SPRING.');
  // The same days as the code report.
  await expect(page.getByRole('textbox', { name: 'From' })).toHaveValue('2026-03-01');
  await expect(page.getByRole('textbox', { name: 'To' })).toHaveValue('2026-03-02');
  const rows = page.getByTestId('orders-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('#54');
  await axe(page);
  await page.getByRole('button', { name: 'Orders with any code' }).click();
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bestellungen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'CSV exportieren' })).toBeVisible();
  await expect(rows.first().getByTestId('order-status')).toHaveText('Teilweise erstattet');
  await axe(page);
});

test('reasons: each reason by cashier and performance, filtered by category, with the CSV', async ({
  page,
}) => {
  const central = current();
  await seedSales(central);
  await signIn(page, central, 'reasons');
  await expect(page.getByRole('heading', { level: 1, name: 'Reasons' })).toBeVisible();
  const rows = page.getByTestId('reasons-table').locator('tbody tr');
  // The overuse (2 × 2.50 off), the refund of one coded ticket (17.50), the paid out and the no sale.
  await expect(rows).toHaveCount(4);
  await expect(rows.locator('th')).toHaveText([
    'Correction',
    'Press night guest',
    'Petty cash purchase',
    'customer changed plans',
  ]);
  const overuse = page.locator('tr[data-category="overuse"]');
  await expect(overuse.locator('td')).toHaveText([
    'Code limit overridden',
    'Greta Manager',
    /^Show/,
    '1',
    '5.00',
  ]);
  await expect(page.locator('tr[data-category="paid_out"] td').last()).toHaveText('-12.50');
  await axe(page);
  await page.screenshot({ path: 'docs/screenshots/admin-reasons.png' });

  await page.getByLabel('Category').selectOption({ label: 'Refund' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('A seller');
  await expect(rows.first().locator('td').last()).toHaveText('17.50');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((path) => readFile(path, 'utf8'));
  const [header, line, end] = csv.trim().split(/\r?\n/);
  expect(header).toBe('category,reason,cashier,event,performance starts at,count,amount,currency');
  expect(line).toMatch(/^refund,customer changed plans,A seller,Show,[^,]+,1,1750,EUR$/);
  expect(end).toBeUndefined();
});
