// The engine's binding shapes (docs/ENGINE.md, "Data shapes"). Kept exactly as the contract writes them:
// acceptance tests, the terminal, the renderer and the server all rely on these names.

/** A safe integer amount in the currency's minor unit (cents); never a float. */
export type Minor = number;
/** Basis points: 1 bp = 0.01 %, 10000 = 100 %. */
export type Bp = number;

export interface Basket {
  currency: string;
  lines: BasketLine[];
  /** Group size for group rules; default: number of ticket units. */
  attendees?: number;
}

export interface BasketLine {
  id: string;
  itemId: string;
  /** 'fee' lines are never discounted. */
  kind: 'ticket' | 'addon' | 'merch' | 'fee';
  /** Gross (tax-inclusive) unit price. */
  unitPrice: Minor;
  /** Integer >= 1. */
  qty: number;
  /** 1900 = 19 %. */
  vatRate: Bp;
  eventId?: string;
  scheduleId?: string;
  priceBandId?: string;
  inventoryItemId?: string;
  category?: string;
}

export type TargetRef = {
  by: 'item' | 'event' | 'schedule' | 'priceBand' | 'inventoryItem' | 'category' | 'kind';
  id: string;
};

export type Benefit =
  | { type: 'percentage'; percent: Bp }
  | { type: 'fixed_order'; amount: Minor }
  | { type: 'fixed_per_item'; amount: Minor }
  | { type: 'specific_price'; prices: { target: TargetRef; unitPrice: Minor }[] }
  | {
      type: 'buy_x_get_y';
      buy: { targets?: TargetRef[]; qty: number };
      get: { targets?: TargetRef[]; qty: number };
      percent: Bp;
      maxApplications?: number;
    }
  | { type: 'multi_buy'; groups: { targets?: TargetRef[]; qty: number }[]; percent: Bp };

export interface Rules {
  targets?: TargetRef[];
  exclude?: TargetRef[];
  targetMode?: 'all' | 'any';
  minTargetQty?: number;
  validFrom?: string;
  validTo?: string;
  currency?: string;
  minSpend?: Minor;
  maxSpend?: Minor;
  minUnitPrice?: Minor;
  maxUnitPrice?: Minor;
  minQty?: number;
  maxQty?: number;
  maxQtyPerLine?: number;
  applyTo?: 'highest_first' | 'lowest_first';
  maxDiscount?: Minor;
  budget?: Minor;
  minGroupSize?: number;
  registrantsPerUse?: number;
  requireAllTargets?: boolean;
  minDistinctEvents?: number;
  sameEvent?: boolean;
  maxUses?: number;
  maxItemUses?: number;
  maxUsesPerCustomer?: number;
  maxItemUsesPerCustomer?: number;
  maxUsesPerCustomerPerEvent?: number;
  maxUsesPerCustomerPerSchedule?: number;
  newCustomersOnly?: boolean;
  customerGroups?: string[];
  requiresCustomer?: boolean;
  channels?: ('online' | 'box_office')[];
  boxOffice?: { visible: boolean; roles?: string[] };
  performanceWindow?: { fromMinutesBeforeStart?: number; untilMinutesBeforeStart?: number };
}

export interface CodeDefinition {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'disabled' | 'deleted';
  /** Parent templates are never usable themselves. */
  isParent?: boolean;
  benefit: Benefit;
  rules: Rules;
  /** 1 = first. */
  autoApply?: { priority: number };
}

/** Counts so far, excluding this order. */
export interface Usage {
  uses: number;
  itemUses: number;
  discountGiven: Minor;
  customerUses: number;
  customerItemUses: number;
  customerUsesByEvent: Record<string, number>;
  customerUsesBySchedule: Record<string, number>;
}

export interface EvaluationContext {
  /** ISO instant; the engine never reads the clock. */
  now: string;
  channel: 'online' | 'box_office';
  staffRoles?: string[];
  customer?: { id: string; priorOrders: number; groups: string[] };
  /** Omitted = all zero. */
  usage?: Usage;
  /**
   * Added beside the contract: usage per code id for rankCodes and selectAutoApply, which see many codes
   * at once while `usage` can only describe one. A code without an entry falls back to `usage`.
   */
  usageByCode?: Record<string, Usage>;
  /** A supervisor granted overuse on this order. */
  overuse?: boolean;
  /** By scheduleId, for performanceWindow. */
  performances?: Record<string, { startsAt: string }>;
}

export type ReasonCode =
  | 'INVALID_CODE'
  | 'NOT_YET_ACTIVE'
  | 'EXPIRED'
  | 'OUTSIDE_PERFORMANCE_WINDOW'
  | 'MAX_USES'
  | 'MAX_ITEM_USES'
  | 'CUSTOMER_MAX_USES'
  | 'CUSTOMER_MAX_ITEM_USES'
  | 'CUSTOMER_EVENT_MAX_USES'
  | 'CUSTOMER_SCHEDULE_MAX_USES'
  | 'BUDGET_EXHAUSTED'
  | 'WRONG_CURRENCY'
  | 'MIN_SPEND'
  | 'MAX_SPEND'
  | 'MIN_QTY'
  | 'REQUIRED_ITEMS_MISSING'
  | 'CROSS_EVENT'
  | 'DISTINCT_EVENTS'
  | 'GROUP_TOO_SMALL'
  | 'NO_ELIGIBLE_ITEMS'
  | 'WRONG_CHANNEL'
  | 'NEW_CUSTOMERS_ONLY'
  | 'CUSTOMER_GROUP'
  | 'CUSTOMER_REQUIRED'
  | 'NOT_IN_BOX_OFFICE'
  | 'MAX_DISCOUNT_ZERO'
  /** Added beside the contract's codes: malformed basket, code or context (the message names the field). */
  | 'INVALID_INPUT';

export interface LocalizedMessage {
  en: string;
  de: string;
}

export type Evaluation =
  | {
      ok: true;
      codeId: string;
      discount: Minor;
      lines: LineDiscount[];
      itemUses: number;
      overridden: ReasonCode[];
      trace: string[];
    }
  | {
      ok: false;
      codeId: string;
      reason: ReasonCode;
      message: { en: string; de: string };
      overridable: boolean;
      hint?: string;
      trace: string[];
    };

/** One entry in unitDiscounts per unit of the line. */
export interface LineDiscount {
  lineId: string;
  discount: Minor;
  unitDiscounts: Minor[];
}

/** Applicable first, larger saving first. */
export type RankedCode = { code: CodeDefinition; evaluation: Evaluation };

/** 'percentage': value in basis points (1000 = 10 %); 'fixed': value in minor units. */
export interface CustomDiscount {
  kind: 'percentage' | 'fixed';
  value: number;
  reason: string;
}

export interface PricedBasket {
  gross: Minor;
  codeDiscount: Minor;
  customDiscount: Minor;
  total: Minor;
  lines: { lineId: string; gross: Minor; codeDiscount: Minor; customDiscount: Minor; total: Minor }[];
  vat: { rate: Bp; gross: Minor; net: Minor; vat: Minor }[];
}

export type EvaluationOk = Extract<Evaluation, { ok: true }>;
export type EvaluationFailure = Extract<Evaluation, { ok: false }>;
