import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startCentralServer } from '../../helpers/central-server';
import { apiClient, type ApiClient } from '../../helpers/server-api';

export const MANAGER_EMAIL = 'greta@example.test';
export const MANAGER_PASSWORD = 'correct horse battery';

export interface Central {
  url: string;
  /** The server's first manager, signed in over the admin API. */
  api: ApiClient;
  close(): Promise<void>;
}

/** The real central server on 127.0.0.1, set up with its first organisation and manager. */
export async function startCentral(): Promise<Central> {
  const server = await startCentralServer();
  const anonymous = apiClient(server.url);
  const setup = await anonymous.post('/v1/setup', {
    organisationName: 'Globe Theatre',
    managerName: 'Greta Manager',
    email: MANAGER_EMAIL,
    password: MANAGER_PASSWORD,
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.text}`);
  const login = await anonymous.post<{ token: string }>('/v1/auth/login', {
    email: MANAGER_EMAIL,
    password: MANAGER_PASSWORD,
  });
  return { url: server.url, api: apiClient(server.url, login.body.token), close: () => server.close() };
}

/** A fresh central server for each test of the file, closed after it: call at the file's top level. */
export function useCentral(): () => Central {
  let central: Central | undefined;
  test.beforeEach(async () => {
    central = await startCentral();
  });
  test.afterEach(async () => {
    await central?.close();
  });
  return () => {
    if (!central) throw new Error('the central server starts in beforeEach');
    return central;
  };
}

/** Records a sale's use of `code` on the server, as a synced terminal would. */
export async function redeem(central: Central, code: string, discount: number): Promise<void> {
  const reply = await central.api.post('/v1/redemptions', {
    id: randomUUID(),
    orderId: randomUUID(),
    code,
    tickets: 2,
    discount,
    revenue: 9000 - discount,
    currency: 'EUR',
  });
  if (reply.status >= 300) throw new Error(`redemption failed: ${reply.text}`);
}

/** The manager menu: server sign-in, codes, the code editor, bulk generation, reports and the printer. */
export class ManagePage {
  readonly heading: Locator;
  readonly dialog: Locator;
  readonly editor: Locator;
  readonly codesTable: Locator;
  readonly statusFilter: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.dialog = page.getByRole('dialog');
    this.editor = page.getByTestId('code-editor');
    this.codesTable = page.getByTestId('codes-table');
    this.statusFilter = page.getByTestId('codes-screen').getByLabel('Status');
  }

  tab(name: 'Codes' | 'Reports' | 'Overuses' | 'Terminal' | 'Printer' | 'E-mail'): Locator {
    return this.page.getByRole('navigation', { name: 'Manager screens' }).getByRole('button', { name });
  }

  /** Opens the manager menu from the header, as staff do from the sell screen. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Manage' })
      .click();
    await expect(this.page.locator('[data-screen="manage"]')).toBeVisible();
  }

  /** Enrols this terminal on the Terminal tab; afterwards the terminal shows the sign-in screen. */
  async enrol(enrolmentCode: string, name: string): Promise<void> {
    await this.tab('Terminal').click();
    const form = this.page.getByTestId('enrol-form');
    await form.getByLabel('Enrolment code').fill(enrolmentCode);
    await form.getByLabel(/^Terminal name/).fill(name);
    await form.getByRole('button', { name: 'Enrol terminal' }).click();
  }

  async signInToServer(email = MANAGER_EMAIL, password = MANAGER_PASSWORD): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in to server' }).click();
  }

  field(label: string | RegExp): Locator {
    return this.editor.getByLabel(label, { exact: typeof label === 'string' });
  }

  row(code: string): Locator {
    return this.codesTable.locator(`tr[data-code="${code}"]`);
  }

  async save(): Promise<void> {
    await this.editor.getByRole('button', { name: /^(Create code|Save changes)/ }).click();
  }
}
