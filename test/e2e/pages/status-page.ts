import type { Locator, Page } from '@playwright/test';

export class StatusPage {
  readonly heading: Locator;
  readonly dataDir: Locator;
  readonly schema: Locator;
  readonly serverState: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.dataDir = page.getByTestId('field-data-dir');
    this.schema = page.getByTestId('field-schema');
    this.serverState = page.getByTestId('field-server').getByTestId('server-state');
    this.alert = page.getByRole('alert');
  }

  /** Opens the app and its Terminal screen (the landing screen is sign-in). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page
      .getByRole('navigation')
      .getByRole('button', { name: /^(Terminal)$/ })
      .click();
  }

  language(name: 'English' | 'Deutsch'): Locator {
    return this.page.getByRole('button', { name });
  }
}
