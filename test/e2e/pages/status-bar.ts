import type { Locator, Page } from '@playwright/test';

/** The status bar under every screen: server state, unsynced sales, last sync, lease chips, warnings. */
export class StatusBarPage {
  readonly root: Locator;
  readonly server: Locator;
  readonly unsynced: Locator;
  readonly lastSync: Locator;
  readonly leaseToggle: Locator;
  readonly leaseChips: Locator;
  readonly leaseList: Locator;
  readonly warning: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('contentinfo', { name: /^(Status)$/ });
    this.server = this.root.getByTestId('server-state');
    this.unsynced = this.root.getByTestId('unsynced');
    this.lastSync = this.root.getByTestId('last-sync');
    this.leaseToggle = this.root.getByTestId('lease-toggle');
    this.leaseChips = this.root.getByTestId('lease-chip');
    this.leaseList = this.root.getByTestId('lease-popover');
    this.warning = this.root.getByTestId('sync-warning');
  }

  /** The chip of one lease pool, e.g. `code_uses:<code id>`. */
  chip(counter: string): Locator {
    return this.root.locator(`[data-testid="lease-chip"][data-counter="${counter}"]`);
  }
}
