import type { CustomerCode, CustomerCounts } from '../customers/history';
import type { Customer, CustomerBody } from '../customers/schema';
import type { OrderPage } from '../reports/orders';
import type { ServerCall } from './call';
import type { Page, PageRequest } from './page';
import { EXPECTED_VERSION_FIELD } from './version-conflict';

// The customer store as a client sees it (docs/CUSTOMERS.md): the back office and, later, the till.
// Updates send the version the editor opened.

export interface CustomerQuery extends PageRequest {
  /** Part of the name or e-mail address, or a phone number's digits. */
  q?: string;
}

export function customerCalls(call: ServerCall) {
  return {
    list: (query: CustomerQuery) => call<Page<Customer>>('GET', '/v1/customers', { query: { ...query } }),
    get: (id: string) => call<Customer>('GET', `/v1/customers/${id}`),
    create: (body: CustomerBody) => call<Customer>('POST', '/v1/customers', { body }),
    update: (row: { id: string; version: number }, changes: Partial<CustomerBody>) =>
      call<Customer>('PATCH', `/v1/customers/${row.id}`, {
        body: { ...changes, [EXPECTED_VERSION_FIELD]: row.version },
      }),
    orders: (id: string, page: { limit: number; cursor?: string }) =>
      call<OrderPage>('GET', `/v1/customers/${id}/orders`, { query: { ...page } }),
    codes: (id: string) => call<CustomerCode[]>('GET', `/v1/customers/${id}/codes`),
    counts: (id: string, codeIds: readonly string[]) =>
      call<CustomerCounts>('GET', `/v1/customers/${id}/counts`, {
        query: codeIds.length > 0 ? { codeIds: codeIds.join(',') } : {},
      }),
  };
}
