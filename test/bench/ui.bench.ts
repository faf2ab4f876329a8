import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs } from '../../playwright.config';
import { startBrowserHost, type BrowserHost } from '../../src-main/shells/browser/server';
import { makeTempDir } from '../helpers/temp-dir';
import { BENCH_CODES as CODES, fillCodes } from './fill-codes';
import { percentile, type BenchSuite } from './harness';

// The renderer as staff feel it, measured in Chromium through the browser host (run
// `npm run build:renderer` first): how long the first screen takes to become usable, and how long
// the code dropdown takes to show the answer to a keystroke with 100,000 codes in the store.

const LOADS = 9;

async function withHost<T>(fn: (host: BrowserHost) => Promise<T>): Promise<T> {
  const temp = makeTempDir('pos-bench-ui-');
  const host = await startBrowserHost({ dataDir: temp.path, demoData: true });
  try {
    return await fn(host);
  } finally {
    await host.close();
    temp.cleanup();
  }
}

async function must(host: BrowserHost, channel: string, request: unknown = {}): Promise<unknown> {
  const result = await host.terminal.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.message}`);
  return result.value;
}

/** Navigation start → the sign-in screen drawn with its staff list (the app marks `pos:first-screen`). */
async function firstScreen(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('pos:first-screen').length > 0);
    await page.getByRole('button', { name: /Sam Seller/ }).waitFor();
    return await page.evaluate(
      () => performance.getEntriesByName('pos:first-screen')[0]?.startTime ?? Number.NaN,
    );
  } finally {
    await context.close();
  }
}

/**
 * One keystroke in the code field → the list showing the answer for the field's new text. Timed
 * inside the page from the keydown event to the DOM commit of the list answering that text.
 */
async function keystroke(page: Page, key: string): Promise<number> {
  // No named function inside: tsx would wrap it in a helper (__name) that the page does not have.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="code-input"]');
    if (!input) throw new Error('no code field');
    let started = 0;
    (window as unknown as { __keystroke?: Promise<number> }).__keystroke = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        const list = document.querySelector('[data-testid="code-list"], [data-testid="code-list-empty"]');
        if (started > 0 && list?.getAttribute('data-answered') === input.value) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      });
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      input.addEventListener(
        'keydown',
        () => {
          started = performance.now();
        },
        { once: true, capture: true },
      );
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __keystroke: Promise<number> }).__keystroke);
}

export const uiSuite: BenchSuite = {
  name: 'ui',
  async run() {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
    try {
      const loads = await withHost(async (host) => {
        await firstScreen(browser, host.url); // warms the host's file cache, not counted
        const times: number[] = [];
        for (let i = 0; i < LOADS; i++) times.push(await firstScreen(browser, host.url));
        return times.sort((a, b) => a - b);
      });

      const keys = await withHost(async (host) => {
        fillCodes(host.terminal.db);
        await must(host, 'pos:staff:signIn', { staffId: 'staff-sam', pin: '4826' });
        await must(host, 'pos:shift:open', { openingFloat: 0 });
        await must(host, 'pos:cart:addTicket', {
          performanceId: 'perf-hamlet-1',
          ticketPriceId: 'price-hamlet-adult-stalls',
          qty: 2,
        });
        await must(host, 'pos:cart:addProduct', { productId: 'prod-programme', qty: 1 });
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(host.url);
        const field = page.getByTestId('code-input');
        await field.waitFor();
        await field.focus();
        const words = ['BENCH012', 'SCHOOL', 'partner 9', 'offer 0999', 'summer', 'PROMO0'];
        const times: number[] = [];
        for (let round = 0; round < 3; round++) {
          for (const word of words) {
            for (const char of word) {
              const ms = await keystroke(page, char === ' ' ? 'Space' : char);
              if (round > 0) times.push(ms);
            }
            await field.fill('');
          }
        }
        await context.close();
        return times.sort((a, b) => a - b);
      });

      return [
        {
          name: 'ui.first_screen_ms',
          value: percentile(loads, 50),
          unit: 'ms',
          target: { op: '<=', value: 1500 },
          note: `median of ${LOADS} cold loads, navigation start → sign-in screen with staff`,
        },
        {
          name: 'ui.dropdown_keystroke_ms',
          value: percentile(keys, 50),
          unit: 'ms',
          target: { op: '<=', value: 50 },
          note: `median of ${keys.length} keystrokes, ${CODES} codes, keydown → list answering the new text`,
        },
        { name: 'ui.dropdown_keystroke_p95_ms', value: percentile(keys, 95), unit: 'ms' },
      ];
    } finally {
      await browser.close();
    }
  },
};
