import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { EventTicketLayout } from '../../../shared/tickets/ticket-api';
import { readPdf } from '../../helpers/pdf-reader';
import { FRAME_LOGO, pngDataUrl } from '../../helpers/printed-tickets';
import { signInAs } from '../../helpers/server-api';
import { salePayload } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall } from '../../helpers/till';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral } from '../pages/manage-page';

// docs/TICKETS.md "Printing tickets" in the back office, against a real central server: a manager sets an
// event's ticket layout (fields ticked and ordered, a PNG logo, free text; the schema's sentences for a
// logo too large and too many lines), then downloads a pushed order's tickets as a PDF whose pages carry
// that layout and QR codes that read back as the tickets' secrets.

test.describe.configure({ timeout: 120_000 });

const current = useCentral();
const axe = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const png = (dataUrl: string, name: string) => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
});

test('a manager lays out an event’s tickets, and downloads an order’s tickets in that layout', async ({
  page,
}) => {
  const central = current();
  const hall = await seedHall(central);
  const performanceId = await newPerformance(central, hall.eventId, 100);
  const ticketTypeId = (
    await central.api.post<{ id: string }>('/v1/ticket-types', { eventId: hall.eventId, name: 'Adult' })
  ).body.id;
  const priceBandId = (
    await central.api.post<{ id: string }>('/v1/price-bands', { eventId: hall.eventId, name: 'Stalls' })
  ).body.id;

  await page.goto(`${central.url}/admin/#/events`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await page.getByRole('row', { name: /Show/ }).getByRole('button', { name: 'Ticket layout' }).click();
  const panel = page.getByTestId('ticket-layout-panel');
  await expect(panel.getByText('This event prints with the default layout')).toBeVisible();

  // The venue left off; the order reference moved to the top of what prints.
  await panel.getByRole('checkbox', { name: 'Venue' }).uncheck();
  for (let i = 0; i < 4; i++)
    await panel.getByRole('button', { name: 'Move Order (receipt number) up' }).click();
  await expect(panel.getByRole('button', { name: 'Move Order (receipt number) up' })).toBeDisabled();

  // A logo wider than 58 mm paper is refused at once with the schema's sentence, and not taken.
  const logo = panel.getByLabel('Logo', { exact: true });
  await logo.setInputFiles(png(pngDataUrl(['1'.repeat(400)]), 'wide.png'));
  await expect(panel.getByText('the logo is 400 × 1 pixels; at most 384 × 192: scale it down')).toBeVisible();
  await expect(logo).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText('No logo.')).toBeVisible();
  await logo.setInputFiles(png(FRAME_LOGO, 'frame.png'));
  const preview = panel.getByTestId('ticket-preview');
  await expect(preview.getByRole('img', { name: 'The logo as it prints' })).toBeVisible();
  await expect(logo).not.toHaveAttribute('aria-invalid', 'true');

  // Five lines are one too many: said beside the field on saving, and the typed text stays.
  const free = panel.getByLabel('Free text');
  await free.fill('No re-entry after the interval.\nwww.globe.example\nThree\nFour\nFive');
  await panel.getByRole('button', { name: 'Save the layout' }).click();
  await expect(free).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText('at most 4 lines of free text: shorten the text')).toBeVisible();
  await free.fill('No re-entry after the interval.\nwww.globe.example');
  await expect(preview.getByText('www.globe.example')).toBeVisible();
  await expect(preview.getByRole('listitem')).toHaveText([
    'Order (receipt number)',
    'Ticket type',
    'Price band',
    'Price paid (with the discount code)',
  ]);
  await panel.getByRole('button', { name: 'Save the layout' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved. Terminals print with it after their next sync.');
  await expect(panel.getByText('This event prints with its own layout.')).toBeVisible();
  await axe(page);
  await page.screenshot({ path: 'docs/screenshots/admin-ticket-layout.png', fullPage: true });

  const saved = await central.api.get<EventTicketLayout>(`/v1/events/${hall.eventId}/ticket-layout`);
  expect(saved.body.layout).toEqual({
    fields: ['orderRef', 'ticketType', 'priceBand', 'pricePaid'],
    logo: FRAME_LOGO,
    freeText: ['No re-entry after the interval.', 'www.globe.example'],
  });

  // A till pushes a sale of two signed tickets; its order offers them as a PDF in the event's layout.
  const seller = await signInAs(central.api, central.url, 'seller');
  const till = await openTill(central, central.url, hall.venueId, seller.staffId);
  const sale = salePayload({
    terminalId: till.id,
    shiftId: till.shiftId,
    cashierId: seller.staffId,
    receiptNo: 7,
    lines: [{ eventId: hall.eventId, performanceId, ticketTypeId, priceBandId, qty: 2, unitPrice: 3000 }],
    ticketSigner: till.ticketSigner,
  });
  till.box.append('sale', sale);
  expect((await pushTill(till)).status).toBe(200);

  await page
    .getByRole('navigation', { name: 'Back office menu' })
    .getByRole('link', { name: 'Orders' })
    .click();
  await page.getByRole('button', { name: 'Order #7' }).click();
  const detail = page.getByTestId('order-detail');
  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Download tickets (PDF, ticket stock)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tickets-7-stock.pdf');
  const pages = readPdf(await readFile(await file.path()));
  expect(pages.map((p) => p.qr)).toEqual(sale.tickets.map((t) => t.secret));
  for (const pdfPage of pages) {
    expect(pdfPage.texts).not.toContain('Venue');
    expect(pdfPage.text).toContain('No re-entry after the interval.');
  }
  await expect(detail.getByRole('button', { name: 'Download tickets (PDF, A4)' })).toBeEnabled();
  await axe(page);
});
