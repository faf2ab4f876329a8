import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parseEnrolmentInput } from '../../../shared/sync/enrolment-link';
import { approvalSigner, newSigningKey } from '../../../src-main/services/sync/signing-key';
import { apiClient } from '../../helpers/server-api';
import { outbox, salePayload, shiftOpenPayload } from '../../helpers/sync-payloads';
import { MANAGER_EMAIL, MANAGER_PASSWORD, useCentral } from '../pages/manage-page';

// The back office's Terminals and Review queue screens (issue 15) against a real central server: an
// enrolment code read off the page enrols a terminal over the API, whose sale over a limit lands in the
// review queue; the manager decides on it with a note and revokes the terminal.

test.describe.configure({ timeout: 120_000 });

const current = useCentral();

const axe = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

test('enrol a terminal from the QR code’s text, see its last sync, decide on its review item and revoke it', async ({
  page,
}) => {
  const central = current();
  const venue = await central.api.post<{ id: string }>('/v1/venues', {
    name: 'Opera House',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
  });
  const event = await central.api.post<{ id: string }>('/v1/events', {
    venueId: venue.body.id,
    name: 'Tosca',
  });
  const performance = await central.api.post<{ id: string }>('/v1/performances', {
    eventId: event.body.id,
    startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    capacity: 1,
  });

  await page.goto(`${central.url}/admin/#/terminals`);
  await page.getByLabel('Email').fill(MANAGER_EMAIL);
  await page.getByLabel('Password').fill(MANAGER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to server' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Terminals' })).toBeVisible();
  await expect(page.getByText('Nothing here yet.')).toBeVisible();
  await axe(page);

  // A code for the venue chosen by name, shown as a QR code and as the same text beside it.
  await page.getByRole('button', { name: 'New enrolment code' }).click();
  const dialog = page.getByRole('dialog', { name: 'New enrolment code' });
  await dialog.getByLabel('Find a venue').fill('opera');
  await expect(dialog.getByLabel('Venue', { exact: true })).toHaveValue(venue.body.id);
  await dialog.getByRole('button', { name: 'Create code' }).click();
  const qr = dialog.getByRole('img', { name: 'QR code of the enrolment link for Opera House' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  await expect(dialog).toContainText('Enrols one terminal at Opera House, once, until');
  const link = (await dialog.getByTestId('enrolment-link').textContent()) ?? '';
  const parsed = parseEnrolmentInput(link);
  expect(parsed).toMatchObject({ ok: true, serverUrl: central.url });
  if (!parsed.ok) throw new Error(`not an enrolment link: ${link}`);
  await expect(dialog.getByTestId('enrolment-plain-code')).toHaveText(parsed.code);
  await axe(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The terminal enrols with it as the terminal's enrol() does, opens a shift and sells three seats of
  // a performance with one: the server takes the sale and raises an overuse excess for review.
  const key = newSigningKey();
  const registered = await apiClient(central.url).post<{
    terminalId: string;
    epoch: number;
    deviceToken: string;
  }>('/v1/terminals/register', {
    enrolmentCode: parsed.code,
    name: 'Box office 1',
    signingKey: key.publicKey,
  });
  expect(registered.status).toBe(201);
  const { terminalId, epoch, deviceToken } = registered.body;
  const device = apiClient(central.url, deviceToken);
  const me = await central.api.get<{ staffId: string }>('/v1/auth/me');
  const box = outbox();
  const shift = shiftOpenPayload(terminalId, me.body.staffId);
  box.append('shift.open', shift);
  box.append(
    'sale',
    salePayload({
      terminalId,
      shiftId: shift.id,
      cashierId: me.body.staffId,
      lines: [{ eventId: event.body.id, performanceId: performance.body.id, qty: 3, unitPrice: 4500 }],
      signer: approvalSigner(key.privateKey),
    }),
  );
  const pushed = await device.post('/v1/sync/push', { terminalId, epoch, mutations: box.entries });
  expect(pushed.status).toBe(200);

  await page.reload();
  const row = page.getByRole('row', { name: /Box office 1/ });
  await expect(row).toContainText('Opera House');
  await expect(row.getByTestId('terminal-status')).toHaveText('Active');
  await expect(row.getByTestId('terminal-sync')).toContainText('Received up to record 2');
  await expect(row.getByTestId('terminal-sync')).not.toContainText('Push: never');
  await expect(row.getByTestId('terminal-sync')).toContainText('Pull: never');
  await axe(page);

  // Its review item: details, then accept with a note checked before it is sent.
  await row.getByRole('button', { name: 'Review items' }).click();
  await expect(page).toHaveURL(new RegExp(`#/review/${terminalId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
  const item = page.getByRole('row', { name: /Sold over a limit/ });
  await expect(item).toContainText('Box office 1');
  await axe(page);
  await item.getByRole('button', { name: 'Details' }).click();
  const details = page.getByRole('dialog', { name: 'Sold over a limit, Box office 1' });
  await expect(details.getByLabel('What the terminal sent')).toContainText(performance.body.id);
  await axe(page);
  await details.getByRole('button', { name: 'Accept…' }).click();
  await details.getByLabel(/^Note/).fill('ok');
  await details.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(details.getByLabel(/^Note/)).toHaveAttribute('aria-invalid', 'true');
  await expect(details.getByText('say in a few words why')).toBeVisible();
  await details.getByLabel(/^Note/).fill('Two extra seats agreed with the house manager');
  await details.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(details).toBeHidden();
  await expect(page.getByRole('row', { name: /Sold over a limit/ })).toHaveCount(0);
  await page.getByLabel('Status').selectOption('');
  await expect(page.getByRole('row', { name: /Sold over a limit/ }).getByTestId('review-status')).toHaveText(
    'Accepted',
  );

  // Offline limits (docs/CASH.md): a bad amount is named at its field, then both are saved and shown.
  await page
    .getByRole('navigation', { name: 'Back office menu' })
    .getByRole('link', { name: 'Terminals' })
    .click();
  await expect(page.getByRole('row', { name: /Box office 1/ }).getByTestId('terminal-offline')).toHaveText(
    'None',
  );
  await page
    .getByRole('row', { name: /Box office 1/ })
    .getByRole('button', { name: 'Offline limits…' })
    .click();
  const limits = page.getByRole('dialog', { name: 'Offline limits of Box office 1' });
  await limits.getByLabel('Largest sale while offline (EUR)').fill('two hundred');
  await limits.getByLabel(/Minutes offline/).fill('120');
  await limits.getByRole('button', { name: 'Save' }).click();
  await expect(
    limits.getByText('Enter an amount such as 200.00, or leave it empty for no limit.'),
  ).toBeVisible();
  await limits.getByLabel('Largest sale while offline (EUR)').fill('200.00');
  await axe(page);
  await limits.getByRole('button', { name: 'Save' }).click();
  await expect(limits).toBeHidden();
  await expect(page.getByRole('row', { name: /Box office 1/ }).getByTestId('terminal-offline')).toHaveText(
    'Sale ≤ 200.00 · supervisor after 120 min',
  );
  const pulled = await device.post<{ offlineLimits: unknown }>('/v1/sync/pull', { terminalId, cursor: null });
  expect(pulled.status, pulled.text).toBe(200);
  expect(pulled.body.offlineLimits).toEqual({ maxSale: 20_000, maxMinutes: 120 });

  // Its overuse cap (docs/CASH.md "Overuse caps"): 20 a day until a manager sets it, a bad number is named
  // at its field, and the next pull carries the new cap.
  const overuseCap = page.getByRole('row', { name: /Box office 1/ }).getByTestId('terminal-overuse-cap');
  await expect(overuseCap).toHaveText('20 a day');
  await page
    .getByRole('row', { name: /Box office 1/ })
    .getByRole('button', { name: 'Overuse cap…' })
    .click();
  const capDialog = page.getByRole('dialog', { name: 'Overuse cap of Box office 1' });
  const capField = capDialog.getByLabel('Overuses all supervisors may grant here per business day');
  await expect(capField).toHaveValue('20');
  await capField.fill('lots');
  await capDialog.getByRole('button', { name: 'Save' }).click();
  await expect(capDialog.getByText('Enter a whole number from 0 to 10000, or leave it empty.')).toBeVisible();
  await capField.fill('3');
  await axe(page);
  await capDialog.getByRole('button', { name: 'Save' }).click();
  await expect(capDialog).toBeHidden();
  await expect(overuseCap).toHaveText('3 a day');
  const capped = await device.post<{ overuseCap: unknown }>('/v1/sync/pull', { terminalId, cursor: null });
  expect(capped.status, capped.text).toBe(200);
  expect(capped.body.overuseCap).toEqual({ cap: 3 });

  // Training (docs/CASH.md "Training mode"): the whole terminal is put in training after a sentence on
  // what that does, the next pull carries it, and ending it is carried the same way.
  const training = page.getByRole('row', { name: /Box office 1/ }).getByTestId('terminal-training');
  const pullTraining = async () => {
    const reply = await device.post<{ training: unknown }>('/v1/sync/pull', { terminalId, cursor: null });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.training;
  };
  await expect(training).toHaveText('Sells for real');
  expect(await pullTraining()).toBe(false);
  await page
    .getByRole('row', { name: /Box office 1/ })
    .getByRole('button', { name: 'Start training…' })
    .click();
  const start = page.getByRole('dialog', { name: 'Put Box office 1 in training?' });
  await expect(start).toContainText('From its next sync every sale at Box office 1 is practice');
  await axe(page);
  await start.getByRole('button', { name: 'Start training' }).click();
  await expect(start).toBeHidden();
  await expect(training).toHaveText('In training');
  expect(await pullTraining()).toBe(true);
  await page
    .getByRole('row', { name: /Box office 1/ })
    .getByRole('button', { name: 'End training…' })
    .click();
  const end = page.getByRole('dialog', { name: 'End training on Box office 1?' });
  await end.getByRole('button', { name: 'End training' }).click();
  await expect(end).toBeHidden();
  await expect(training).toHaveText('Sells for real');
  expect(await pullTraining()).toBe(false);

  // Revoking says what happens to its sales and leases, then the device token stops working.
  await page
    .getByRole('row', { name: /Box office 1/ })
    .getByRole('button', { name: 'Revoke…' })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the terminal Box office 1 at Opera House?' });
  await expect(confirm).toContainText('Sales it made and has not sent yet stay on the terminal');
  await expect(confirm).toContainText('received up to record 2');
  await axe(page);
  await confirm.getByRole('button', { name: 'Revoke terminal' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('row', { name: /Box office 1/ }).getByTestId('terminal-status')).toHaveText(
    'Revoked',
  );
  expect((await device.post('/v1/sync/pull', { terminalId, cursor: null })).status).toBe(401);
});
