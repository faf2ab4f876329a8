import type { Usage } from '../discounts';

// What the server knows of a customer beyond their record (docs/CUSTOMERS.md): the counts the discount
// engine takes for customer rules and per-customer limits, and the codes that are theirs.

/** One code's uses by one customer, as the engine's Usage names them; voided orders do not count. */
export type CustomerCodeUsage = Pick<
  Usage,
  'customerUses' | 'customerItemUses' | 'customerUsesByEvent' | 'customerUsesBySchedule'
>;

/** GET /v1/customers/:id/counts: the server's counts for "new customers only", groups and limits. */
export interface CustomerCounts {
  customerId: string;
  /**
   * Completed orders the server holds: pushed sales not voided and online orders not released. The
   * engine's priorOrders (a code with newCustomersOnly admits 0 only).
   */
  completedOrders: number;
  groups: string[];
  /** Per code id asked for (codeIds), zero counts included; per event and performance only where used. */
  usage: Record<string, CustomerCodeUsage>;
}

/**
 * A code of the customer's: one they have used, or an active standalone code whose customerGroups
 * names one of their groups. Codes cannot name a single customer; these are the two ways a code is
 * theirs today.
 */
export interface CustomerCode {
  codeId: string;
  code: string;
  name: string | null;
  status: 'active' | 'disabled' | 'deleted';
  reason: 'used' | 'group';
  /** The customer's orders with it (voided ones not counted) and their item uses. */
  uses: number;
  itemUses: number;
  maxUsesPerCustomer: number | null;
  /** Uses left for this customer under maxUsesPerCustomer; null when the code has no such limit. */
  remainingUses: number | null;
}
