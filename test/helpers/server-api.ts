import { randomUUID } from 'node:crypto';
import type { Database } from '../../src-server/db/database';
import { createOrganisation } from '../../src-server/services/auth-service';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A small HTTP client for the admin API: real requests to the real server. */
export function apiClient(baseUrl: string, token?: string) {
  async function send<T>(method: string, path: string, body?: unknown, rawBody?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }
  return {
    get: <T = Record<string, unknown>>(path: string) => send<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
    raw: <T = Record<string, unknown>>(method: string, path: string, rawBody: string) =>
      send<T>(method, path, undefined, rawBody),
    patch: <T = Record<string, unknown>>(path: string, body: unknown) => send<T>('PATCH', path, body),
    put: <T = Record<string, unknown>>(path: string, body: unknown) => send<T>('PUT', path, body),
    delete: <T = Record<string, unknown>>(path: string) => send<T>('DELETE', path),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export interface SeededOrganisation {
  organisationId: string;
  managerId: string;
  email: string;
  password: string;
  token: string;
  api: ApiClient;
}

/** An organisation with a signed-in manager, created straight in the database as an operator would. */
export async function seedOrganisation(
  db: Database,
  baseUrl: string,
  name = 'Org',
): Promise<SeededOrganisation> {
  const email = `manager-${randomUUID()}@example.test`;
  const password = 'correct horse battery';
  const { organisationId, managerId } = await db.transaction((tx) =>
    createOrganisation(tx, { organisationName: name, managerName: `${name} manager`, email, password }),
  );
  const login = await apiClient(baseUrl).post<{ token: string }>('/v1/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
  return {
    organisationId,
    managerId,
    email,
    password,
    token: login.body.token,
    api: apiClient(baseUrl, login.body.token),
  };
}

/**
 * The first organisation of a server nobody has set up yet, through its first-run `POST /v1/setup`, with
 * the manager signed in: for a server in another process, whose database the test does not hold.
 */
export async function setUpFirstOrganisation(baseUrl: string, name = 'Globe'): Promise<SeededOrganisation> {
  const email = `manager@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
  const password = 'correct horse battery';
  const setup = await apiClient(baseUrl).post<{ organisationId: string; managerId: string }>('/v1/setup', {
    organisationName: name,
    managerName: 'Mia',
    email,
    password,
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  const login = await apiClient(baseUrl).post<{ token: string }>('/v1/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
  return {
    ...setup.body,
    email,
    password,
    token: login.body.token,
    api: apiClient(baseUrl, login.body.token),
  };
}

/** A staff member with a role and a password, signed in. */
export async function signInAs(
  manager: ApiClient,
  baseUrl: string,
  roleId: string,
): Promise<{ staffId: string; token: string; api: ApiClient }> {
  const email = `${roleId}-${randomUUID()}@example.test`;
  const password = 'another long password';
  const created = await manager.post<{ id: string }>('/v1/staff', {
    name: `A ${roleId}`,
    email,
    password,
    roleId,
  });
  if (created.status !== 201) throw new Error(`staff create failed: ${created.text}`);
  const login = await apiClient(baseUrl).post<{ token: string }>('/v1/auth/login', { email, password });
  return { staffId: created.body.id, token: login.body.token, api: apiClient(baseUrl, login.body.token) };
}

export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
