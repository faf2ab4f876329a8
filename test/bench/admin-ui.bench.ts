import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs } from '../../playwright.config';
import { seedOrganisation, type SeededOrganisation } from '../helpers/server-api';
import { startTestServer, type Backend } from '../helpers/server-db';
import { percentile, type BenchSuite } from './harness';

// The back office as a manager feels it, in Chromium against the real server (run `npm run build:admin`
// first): navigation start → the venues screen drawn with its rows, for a manager whose session this
// tab already holds (a reload), and → the sign-in form for a fresh browser.

const LOADS = 9;

/** performance.now() in the page is milliseconds since its navigation started. */
const sinceNavigation = () => performance.now();

async function signInScreen(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/admin/`);
    await page.getByLabel('Password').waitFor();
    return await page.evaluate(sinceNavigation);
  } finally {
    await context.close();
  }
}

async function venuesScreen(browser: Browser, url: string, org: SeededOrganisation): Promise<number[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/admin/#/venues`);
    await page.getByLabel('Email').fill(org.email);
    await page.getByLabel('Password').fill(org.password);
    await page.getByRole('button', { name: 'Sign in to server' }).click();
    const row = page.getByRole('row', { name: /Bench Hall/ });
    await row.waitFor();
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.reload();
      await row.waitFor();
      times.push(await page.evaluate(sinceNavigation));
    }
    return times.sort((a, b) => a - b);
  } finally {
    await context.close();
  }
}

export const adminUiSuite: BenchSuite = {
  name: 'admin-ui',
  async run() {
    const backend: Backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    const server = await startTestServer(backend);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
    try {
      const org = await seedOrganisation(server.database.db, server.url, 'Bench');
      await org.api.post('/v1/venues', { name: 'Bench Hall', currency: 'EUR', timezone: 'Europe/Berlin' });
      await signInScreen(browser, server.url); // warms the server's file cache, not counted
      const cold: number[] = [];
      for (let i = 0; i < LOADS; i++) cold.push(await signInScreen(browser, server.url));
      cold.sort((a, b) => a - b);
      const signedIn = await venuesScreen(browser, server.url, org);
      return [
        {
          name: 'admin.first_screen_ms',
          value: percentile(cold, 50),
          unit: 'ms',
          target: { op: '<=', value: 1500 },
          note: `median of ${LOADS} cold loads in a fresh browser, navigation start → sign-in form (${backend})`,
        },
        {
          name: 'admin.first_screen_signed_in_ms',
          value: percentile(signedIn, 50),
          unit: 'ms',
          target: { op: '<=', value: 1500 },
          note: `median of ${LOADS} reloads of /admin/#/venues by a signed-in manager → its rows drawn`,
        },
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
