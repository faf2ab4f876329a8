import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { chromiumArgs } from '../../playwright.config';
import { startBrowserHost } from '../../src-main/shells/browser/server';
import { seatDemoHamlet } from '../helpers/seated-demo';
import { makeTempDir } from '../helpers/temp-dir';
import { percentile, type BenchSuite, type Figure } from './harness';

// The seat map as a cashier feels it, in Chromium (docs/SEATING.md "At the window"):
// - ui.seatmap_render_ms: the seat map component drawing a 2,000-seat hall, from the render call to the
//   next paint, on a page Vite builds from test/bench/seatmap-page/ exactly as it builds the renderer;
// - ui.seat_select_ms: a click on a seat at the sell screen until the cart shows it, through the browser
//   host and the real terminal core (see seatSelect below).

const RENDERS = 15;
const SEATS = 2000;
const PAGE_ROOT = fileURLToPath(new URL('./seatmap-page/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Serves a built folder on loopback (module scripts do not load from file:// URLs). */
function serve(folder: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(folder, path === '/' ? 'index.html' : path);
    if (!file.startsWith(folder)) return void response.writeHead(403).end();
    response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file)
      .on('error', () => response.writeHead(404).end())
      .pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }),
    ),
  );
}

async function seatmapRender(browser: Browser): Promise<number[]> {
  const out = makeTempDir('pos-bench-seatmap-');
  try {
    await build({
      root: PAGE_ROOT,
      base: './',
      logLevel: 'silent',
      plugins: [react()],
      build: { outDir: out.path, emptyOutDir: true, target: 'es2022' },
    });
    const { url, server } = await serve(out.path);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${url}?seats=${SEATS}`);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const times: number[] = [];
      for (let i = 0; i < RENDERS + 2; i++) {
        const ms = await page.evaluate(() =>
          (window as unknown as { seatBench: { render(): Promise<number> } }).seatBench.render(),
        );
        if (i >= 2) times.push(ms); // the first two warm the JIT, not counted
      }
      return times.sort((a, b) => a - b);
    } finally {
      server.close();
    }
  } finally {
    out.cleanup();
  }
}

const CLICKS = 15;

/**
 * One click on a leased seat of the 2,000-seat Hamlet → the cart showing one seat more. The browser host
 * runs the real terminal core with the hall pulled and every seat leased to it (offline: no server), so a
 * pick goes through the page, HTTP, the dispatcher, the seat service and SQLite. Timed inside the page from
 * the seat's pointerdown to the DOM commit of the cart's new seat line.
 */
async function seatSelect(browser: Browser): Promise<number[]> {
  const temp = makeTempDir('pos-bench-seat-select-');
  const host = await startBrowserHost({ dataDir: temp.path, demoData: true });
  try {
    const map = seatDemoHamlet(host.terminal.db, { seats: SEATS, leased: 'all' });
    for (const [channel, request] of [
      ['pos:staff:signIn', { staffId: 'staff-sam', pin: '4826' }],
      ['pos:shift:open', { openingFloat: 0 }],
    ] as const) {
      const result = await host.terminal.dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel}: ${result.message}`);
    }
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Hamlet' }).click();
    await page.locator('[data-performance="perf-hamlet-1"]').click();
    await page.getByTestId('seat-picker').waitFor();
    // Seats across the front rows of the stalls, each clicked once.
    const seats = map.seats.filter((s) => s.row === 'B').slice(0, CLICKS + 2);
    const times: number[] = [];
    for (const [i, seat] of seats.entries()) {
      const circle = page.locator(`circle[id$="${seat.id}"]`);
      await circle.scrollIntoViewIfNeeded();
      await page.evaluate((want) => {
        const w = window as unknown as { __pick?: Promise<number> };
        let started = 0;
        w.__pick = new Promise<number>((resolve) => {
          // No named function inside: tsx would wrap it in a helper (__name) that the page does not have.
          const observer = new MutationObserver(() => {
            if (started > 0 && document.querySelectorAll('[data-testid="line-seats"] li').length >= want) {
              observer.disconnect();
              resolve(performance.now() - started);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true });
          document.addEventListener(
            'pointerdown',
            () => {
              started = performance.now();
            },
            { once: true, capture: true },
          );
        });
      }, i + 1);
      await circle.click();
      const ms = await page.evaluate(() => (window as unknown as { __pick: Promise<number> }).__pick);
      if (i >= 2) times.push(ms); // the first two warm the host and the page, not counted
    }
    await page.close();
    return times.sort((a, b) => a - b);
  } finally {
    await host.close();
    temp.cleanup();
  }
}

export const uiSeatsSuite: BenchSuite = {
  name: 'ui-seats',
  async run() {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
    try {
      const renders = await seatmapRender(browser);
      const figures: Figure[] = [
        {
          name: 'ui.seatmap_render_ms',
          value: percentile(renders, 50),
          unit: 'ms',
          target: { op: '<=', value: 100 },
          note: `median of ${RENDERS} renders of a ${SEATS}-seat hall (half sold), render call → next paint`,
        },
        { name: 'ui.seatmap_render_p95_ms', value: percentile(renders, 95), unit: 'ms' },
      ];
      const picks = await seatSelect(browser);
      figures.push(
        {
          name: 'ui.seat_select_ms',
          value: percentile(picks, 50),
          unit: 'ms',
          target: { op: '<=', value: 50 },
          note: `median of ${CLICKS} clicks on a ${SEATS}-seat map, pointerdown → the cart showing the seat (browser host, leased seats)`,
        },
        { name: 'ui.seat_select_p95_ms', value: percentile(picks, 95), unit: 'ms' },
      );
      return figures;
    } finally {
      await browser.close();
    }
  },
};
