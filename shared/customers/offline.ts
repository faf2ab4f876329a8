import { z } from 'zod';
import { text } from '../text';
import { customerEmailSchema, customerPhoneSchema } from './schema';

// The terminal's side of the customer store (docs/CUSTOMERS.md "At the terminal"): the subset a
// terminal holds for offline search and rules, and a customer created at a terminal without the server.

/**
 * A customer with an order in this many days is in a terminal's offline subset (besides those with a
 * personal code): regulars of the last season, without copying the whole store to every till.
 */
export const OFFLINE_CUSTOMER_DAYS = 90;

/** One customer of the offline subset as pull sends it (the response's `customers`). */
export const offlineCustomerSchema = z.object({
  id: z.uuid(),
  name: text().min(1).max(200),
  email: text().max(200).nullable(),
  phone: text().max(40).nullable(),
  groups: z.array(text().max(100)).max(50),
  emailConsent: z.boolean(),
  /** The server's count of their completed orders when the row was sent (the engine's priorOrders). */
  completedOrders: z.number().int().min(0),
  lastOrderAt: z.iso.datetime({ offset: true }).nullable(),
  /** Whether a code is theirs (used, or for one of their groups) when the row was sent. */
  hasCodes: z.boolean(),
});
export type OfflineCustomer = z.infer<typeof offlineCustomerSchema>;

/**
 * `customer.create`: a customer a terminal created while the server did not answer, under an id the
 * terminal made. The server stores it once (the id is the idempotency key).
 */
export const customerCreatePayloadSchema = z.object({
  terminalId: z.uuid(),
  customerId: z.uuid(),
  name: text().trim().min(1).max(200),
  email: customerEmailSchema.nullable(),
  phone: customerPhoneSchema.nullable(),
  emailConsent: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type CustomerCreatePayload = z.infer<typeof customerCreatePayloadSchema>;

const PHONE_LIKE = /^[+0-9 ()\-/.]+$/;
const MAX_WORDS = 5;

/**
 * How search text reads (docs/CUSTOMERS.md "Search"), for the server's store and a terminal's alike:
 * the digits of a phone number (three or more), or up to five words; null for a blank search.
 */
export function customerSearchTerms(q: string): { digits: string } | { words: string[] } | null {
  const text = q.trim();
  if (text === '') return null;
  const digits = text.replace(/[^0-9]/g, '');
  if (PHONE_LIKE.test(text) && digits.length >= 3) return { digits };
  return { words: text.split(/\s+/).slice(0, MAX_WORDS) };
}
