import type { CustomerCode } from '../../shared/customers/history';
import type { Customer, CustomerBody } from '../../shared/customers/schema';
import type { OrderRow } from '../../shared/reports/orders';
import { ok, type Result } from '../../shared/result';
import { customerCalls } from '../../shared/server-api/customer-calls';
import { reportCalls } from '../../shared/server-api/report-calls';
import { server } from '../api/admin-host';
import { createKeysetStore } from './keyset-store';
import { createRecordStore } from './record-store';

// The back office's Customers section (docs/BACKOFFICE.md "Customers"): the store searched on the
// server a page at a time, the editor, and one customer's orders (keyset pages) and codes.

const customers = customerCalls(server);
const reports = reportCalls(server);

export const CUSTOMER_PAGE = 50;
export const CUSTOMER_ORDER_PAGE = 20;

export const useCustomerStore = createRecordStore<Customer, { q: string }, CustomerBody>(
  {
    list: ({ q, limit, offset }) => customers.list({ q: q.trim() || undefined, limit, offset }),
    create: (draft) => customers.create(draft),
    update: (row, draft) => customers.update(row, draft),
  },
  { q: '' },
  CUSTOMER_PAGE,
);

/** One customer's orders, newest first; the CSV is the orders report's for the same customer. */
export const useCustomerOrdersStore = createKeysetStore<OrderRow, { customerId?: string }, string>(
  {
    async list({ customerId }, cursor, limit) {
      if (!customerId) return ok({ rows: [], next: null });
      const page = await customers.orders(customerId, { limit, ...(cursor ? { cursor } : {}) });
      return page.ok ? ok({ rows: page.value.rows, next: page.value.nextCursor }) : page;
    },
    csv: (filter) => reports.ordersCsv(filter),
  },
  CUSTOMER_ORDER_PAGE,
);

export const loadCustomerCodes = (id: string): Promise<Result<CustomerCode[]>> => customers.codes(id);
