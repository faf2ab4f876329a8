// Which groups of rules a code sets, as bits worked out while the code is validated. Codes in one
// catalogue have many shapes, so every `rules.x` read is a slow (megamorphic) lookup; a check whose
// rules are all absent skips its reads entirely.

export const R_CHANNELS = 1 << 0;
export const R_BOX_OFFICE = 1 << 1;
export const R_VALIDITY = 1 << 2;
export const R_WINDOW = 1 << 3;
export const R_CURRENCY = 1 << 4;
export const R_CUSTOMER = 1 << 5;
export const R_USAGE = 1 << 6;
export const R_GROUP = 1 << 7;
export const R_SPEND_QTY = 1 << 8;
export const R_REQUIRED = 1 << 9;
export const R_DISTINCT = 1 << 10;
export const R_SCOPE = 1 << 11;
export const R_SELECTION = 1 << 12;
export const R_CAPS = 1 << 13;
export const R_SAME_EVENT = 1 << 14;
export const R_MIN_SPEND = 1 << 15;
export const R_MAX_SPEND = 1 << 16;
export const R_MIN_UNIT = 1 << 17;
export const R_MAX_UNIT = 1 << 18;
export const R_FROM = 1 << 19;
export const R_TO = 1 << 20;

/** Every bit: for callers that did not work out a mask, nothing is skipped. */
export const ALL_RULES = -1;

export const RULE_BITS: ReadonlyMap<string, number> = new Map([
  ['targets', R_SCOPE | R_REQUIRED],
  ['exclude', R_SCOPE],
  ['targetMode', R_REQUIRED],
  ['minTargetQty', R_REQUIRED],
  ['validFrom', R_VALIDITY | R_FROM],
  ['validTo', R_VALIDITY | R_TO],
  ['currency', R_CURRENCY],
  ['minSpend', R_SPEND_QTY | R_MIN_SPEND],
  ['maxSpend', R_SPEND_QTY | R_MAX_SPEND],
  ['minUnitPrice', R_SCOPE | R_MIN_UNIT],
  ['maxUnitPrice', R_SCOPE | R_MAX_UNIT],
  ['minQty', R_SPEND_QTY],
  ['maxQty', R_SELECTION],
  ['maxQtyPerLine', R_SELECTION],
  ['applyTo', R_SELECTION],
  ['maxDiscount', R_CAPS],
  ['budget', R_CAPS | R_USAGE],
  ['minGroupSize', R_GROUP],
  ['registrantsPerUse', R_GROUP | R_SELECTION],
  ['requireAllTargets', R_REQUIRED],
  ['minDistinctEvents', R_DISTINCT],
  ['sameEvent', R_SAME_EVENT],
  ['maxUses', R_USAGE],
  ['maxItemUses', R_USAGE | R_SELECTION],
  ['maxUsesPerCustomer', R_USAGE | R_CUSTOMER],
  ['maxItemUsesPerCustomer', R_USAGE | R_CUSTOMER | R_SELECTION],
  ['maxUsesPerCustomerPerEvent', R_USAGE | R_CUSTOMER],
  ['maxUsesPerCustomerPerSchedule', R_USAGE | R_CUSTOMER],
  ['newCustomersOnly', R_CUSTOMER],
  ['customerGroups', R_CUSTOMER],
  ['requiresCustomer', R_CUSTOMER],
  ['channels', R_CHANNELS],
  ['boxOffice', R_BOX_OFFICE],
  ['performanceWindow', R_WINDOW | R_SCOPE],
]);
