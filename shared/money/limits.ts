/**
 * The most money one input may carry, in minor units: 10,000,000.00 of a two-decimal currency. No box
 * office takes more in one payment, and sums of a few such amounts stay far inside exact integers.
 */
export const MAX_MONEY_MINOR = 1_000_000_000;

export const MAX_MONEY_SENTENCE = `at most 10,000,000.00, that is ${MAX_MONEY_MINOR} minor units`;
