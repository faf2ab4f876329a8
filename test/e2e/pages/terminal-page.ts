import { expect, type Locator, type Page } from '@playwright/test';

export const HAMLET = 'perf-hamlet-1';
export const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00
export const CHILD_STALLS = 'price-hamlet-child-stalls'; // 22.50

/** The staff-facing terminal: sign-in, sell, dialogs, payment, refunds and shifts. */
export class TerminalPage {
  readonly heading: Locator;
  readonly codeInput: Locator;
  readonly codeList: Locator;
  readonly codeError: Locator;
  readonly cartTotal: Locator;
  readonly appliedCode: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.codeInput = page.getByRole('combobox');
    this.codeList = page.getByRole('listbox');
    this.codeError = page.getByTestId('code-error');
    this.cartTotal = page.getByTestId('cart-total');
    this.appliedCode = page.getByTestId('applied-code');
    this.dialog = page.getByRole('dialog');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('[data-screen]')).toBeVisible();
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name, exact: true });
  }

  async pinEnter(pin: string): Promise<void> {
    const input = this.page.getByLabel('PIN', { exact: true });
    await input.fill(pin);
    await input.press('Enter');
  }

  async signIn(name: string, pin: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await this.pinEnter(pin);
  }

  async openShift(float = '100.00'): Promise<void> {
    await expect(this.heading).toHaveText('Open a shift');
    await this.page.getByLabel(/Cash float/).fill(float);
    await this.page.getByRole('button', { name: 'Open shift' }).click();
    await expect(this.page.locator('[data-screen="sell"]')).toBeVisible();
  }

  /** Signs in on a fresh terminal and opens a shift: the sell screen is showing afterwards. */
  async start(url: string, name = 'Sam Seller', pin = '4826'): Promise<void> {
    await this.open(url);
    await this.signIn(name, pin);
    await this.openShift();
  }

  async pickPerformance(performanceId = HAMLET, event = 'Hamlet'): Promise<void> {
    await this.page.getByRole('group', { name: 'Events' }).getByRole('button', { name: event }).click();
    await this.page.locator(`[data-performance="${performanceId}"]`).click();
    await expect(this.page.getByTestId('remaining')).toBeVisible();
  }

  async addItem(itemId: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      const count = await this.totalQty();
      await this.page.locator(`[data-item="${itemId}"]`).click();
      await expect.poll(() => this.totalQty()).toBe(count + 1);
    }
  }

  async totalQty(): Promise<number> {
    const texts = await this.page.getByTestId('line-qty').allTextContents();
    return texts.reduce((n, q) => n + Number(q), 0);
  }

  /** Presses Tab until the focused element matches `selector`, as a keyboard-only user would. */
  async tabTo(selector: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await this.page.keyboard.press('Tab');
      if (await this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  async typeCode(text: string): Promise<void> {
    await this.codeInput.fill(text);
    await this.codeInput.press('Enter');
  }

  async payCash(received?: string): Promise<void> {
    await this.page.keyboard.press('F4');
    await expect(this.dialog).toBeVisible();
    if (received !== undefined) await this.dialog.getByLabel(/Cash received/).fill(received);
    await this.dialog.getByRole('button', { name: 'Complete sale' }).click();
    await expect(this.page.getByTestId('sale-done')).toBeVisible();
  }
}
