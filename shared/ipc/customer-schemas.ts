import { z } from 'zod';
import { customerEmailSchema, customerPhoneSchema } from '../customers/schema';
import { text } from '../text';
import { channels as c } from './channels';
import type { CustomerDetailView, CustomerSearchView } from './domains/customers';
import type { CartView } from './domains/sell';

// The `customers` domain's requests and answers, spread into the one contract (contract.ts). The
// renderer names a customer by id only: their figures (orders, groups, code uses) come from the store,
// read by the main process, never from the renderer.

const customerId = text().min(1).max(100);

export const customerRequestSchemas = {
  [c.customers.search]: z.strictObject({ q: text().trim().max(100) }),
  [c.customers.create]: z.strictObject({
    name: text().trim().min(1, 'type the customer’s name').max(200),
    email: customerEmailSchema.optional(),
    phone: customerPhoneSchema.optional(),
    emailConsent: z.boolean().optional(),
  }),
  [c.customers.attach]: z.strictObject({ customerId }),
  [c.customers.detail]: z.strictObject({ customerId }),
};

export interface CustomerResponseTypes {
  [c.customers.search]: CustomerSearchView;
  /** The cart with the new customer attached. */
  [c.customers.create]: CartView;
  [c.customers.attach]: CartView;
  [c.customers.detail]: CustomerDetailView;
}
