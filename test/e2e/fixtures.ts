import { test as base } from '@playwright/test';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../../src-main/shells/browser/server';
import { startEscPosEmulator, type EscPosEmulator } from '../helpers/escpos-emulator';
import { makeTempDir } from '../helpers/temp-dir';
import { StatusPage } from './pages/status-page';
import { TerminalPage } from './pages/terminal-page';

interface Fixtures {
  /** Starts a browser host on a fresh data folder; the default `host` uses no central server. */
  startHost: (options?: Partial<BrowserHostOptions>) => Promise<BrowserHost>;
  host: BrowserHost;
  /** A browser host on a fresh data folder with the demo theatre, staff and codes. */
  demoHost: BrowserHost;
  statusPage: StatusPage;
  terminal: TerminalPage;
  /** A receipt printer emulated on 127.0.0.1 for this test (pages/core-setup.ts `printTo` points a host at it). */
  printer: EscPosEmulator;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  startHost: async ({}, use) => {
    const started: { host: BrowserHost; cleanup: () => void }[] = [];
    await use(async (options = {}) => {
      const temp = makeTempDir('pos-e2e-');
      const host = await startBrowserHost({ dataDir: temp.path, ...options });
      started.push({ host, cleanup: temp.cleanup });
      return host;
    });
    for (const { host, cleanup } of started) {
      await host.close();
      cleanup();
    }
  },
  host: async ({ startHost }, use) => {
    await use(await startHost());
  },
  demoHost: async ({ startHost }, use) => {
    await use(await startHost({ demoData: true }));
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  printer: async ({}, use) => {
    const printer = await startEscPosEmulator();
    try {
      await use(printer);
    } finally {
      await printer.close();
    }
  },
  statusPage: async ({ page }, use) => {
    await use(new StatusPage(page));
  },
  terminal: async ({ page }, use) => {
    await use(new TerminalPage(page));
  },
});

export { expect } from '@playwright/test';
