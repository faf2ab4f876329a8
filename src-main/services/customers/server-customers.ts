import type { CustomerCode, CustomerCounts } from '../../../shared/customers/history';
import type { Customer } from '../../../shared/customers/schema';
import type { Page } from '../../../shared/server-api/page';
import type { OrderPage } from '../../../shared/reports/orders';
import type { AskServer } from '../door/server-door';
import { serverMessage } from '../sync/transport';

// The server's customer store as the terminal asks it, with its device token (docs/CUSTOMERS.md "Who
// may do what": a terminal may search, read, count and create). Every answer that is not the server's
// decision (not enrolled, no network, a timeout, a 5xx) is `undefined`: the caller answers offline.

/** A search or an attach waits at most this long for the server before the terminal answers alone. */
export const CUSTOMER_TIMEOUT_MS = 3_000;

export type ServerAnswer<T> = { ok: true; value: T } | { ok: false; reason: string; message: string };

async function call<T>(
  ask: AskServer,
  request: Parameters<AskServer>[0],
  expected: number,
): Promise<ServerAnswer<T> | undefined> {
  const answer = await ask({ timeoutMs: CUSTOMER_TIMEOUT_MS, ...request });
  if (!answer || answer.status === 0 || answer.status >= 500) return undefined;
  if (answer.status === expected) return { ok: true, value: answer.body as T };
  const body = answer.body as { reason?: unknown } | null;
  const reason = typeof body?.reason === 'string' ? body.reason : `HTTP_${answer.status}`;
  return {
    ok: false,
    reason,
    message: serverMessage(answer.body) ?? `The server answered ${answer.status}.`,
  };
}

const path = (id: string, tail = '') => `/v1/customers/${encodeURIComponent(id)}${tail}`;

export const serverCustomers = (ask: AskServer) => ({
  search: (q: string, limit: number) =>
    call<Page<Customer>>(
      ask,
      { method: 'GET', path: `/v1/customers?${new URLSearchParams({ q, limit: String(limit) }).toString()}` },
      200,
    ),
  create: (body: { name: string; email: string | null; phone: string | null; emailConsent: boolean }) =>
    call<Customer>(ask, { method: 'POST', path: '/v1/customers', body }, 201),
  get: (id: string) => call<Customer>(ask, { method: 'GET', path: path(id) }, 200),
  counts: (id: string, codeIds: readonly string[]) =>
    call<CustomerCounts>(
      ask,
      {
        method: 'GET',
        path: path(id, codeIds.length > 0 ? `/counts?codeIds=${codeIds.join(',')}` : '/counts'),
      },
      200,
    ),
  codes: (id: string) => call<CustomerCode[]>(ask, { method: 'GET', path: path(id, '/codes') }, 200),
  orders: (id: string, limit: number) =>
    call<OrderPage>(ask, { method: 'GET', path: path(id, `/orders?limit=${limit}`) }, 200),
});
