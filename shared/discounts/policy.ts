import type { ReasonCode } from './types';

// The engine's policy on failure reasons, side by side: which a supervisor may override, and which keep
// a code staff typed on the order. The two are related (see ATTACHABLE_REASONS), so they live together.

/**
 * The usage limits, in the order they are checked (docs/ENGINE.md clarification 22). They count what
 * earlier orders used up, not anything about this basket or the code itself.
 */
export const USAGE_LIMIT_ORDER: readonly ReasonCode[] = Object.freeze([
  'MAX_USES',
  'MAX_ITEM_USES',
  'BUDGET_EXHAUSTED',
  'CUSTOMER_MAX_USES',
  'CUSTOMER_MAX_ITEM_USES',
  'CUSTOMER_EVENT_MAX_USES',
  'CUSTOMER_SCHEDULE_MAX_USES',
] as const);

/**
 * Failures a supervisor may override (docs/ENGINE.md rule 11): exactly the usage limits. A limit is a
 * business cap a person may knowingly pass for one order (and the sale records which). Everything else
 * says the code does not fit this order, its time or this till, and no approval makes that true.
 */
export const OVERRIDABLE_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>(USAGE_LIMIT_ORDER);

/**
 * Failures for which a code staff typed stays on the order (the terminal's cart keeps it and shows the
 * reason) instead of being refused outright. Every overridable reason is in: the code must stay on the
 * cart for a supervisor to grant overuse on it. So is every reason the basket or the customer can
 * change: the spend, quantity, required items, events, group size, eligible items, the performance
 * (its window), and who the customer is. Left out, because nothing at the till changes them: an unknown
 * code (INVALID_CODE), its validity dates (NOT_YET_ACTIVE, EXPIRED — judged at the till's clock), a
 * code priced in another currency (WRONG_CURRENCY), one not sold at this channel or to these staff
 * (WRONG_CHANNEL, NOT_IN_BOX_OFFICE), a zero maximum discount (MAX_DISCOUNT_ZERO) and bad data
 * (INVALID_INPUT).
 */
export const ATTACHABLE_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  ...USAGE_LIMIT_ORDER,
  'MIN_SPEND',
  'MAX_SPEND',
  'MIN_QTY',
  'REQUIRED_ITEMS_MISSING',
  'CROSS_EVENT',
  'DISTINCT_EVENTS',
  'GROUP_TOO_SMALL',
  'NO_ELIGIBLE_ITEMS',
  'OUTSIDE_PERFORMANCE_WINDOW',
  'CUSTOMER_REQUIRED',
  'NEW_CUSTOMERS_ONLY',
  'CUSTOMER_GROUP',
]);
