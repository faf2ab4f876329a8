import { z } from 'zod';

// Cash rounding (docs/CASH.md "Cash rounding"): where the smallest coin is larger than the currency's
// minor unit, the cash part of a payment is rounded to a multiple of that coin. Only the cash part:
// a card pays the exact amount. The terminal's checkout, its refunds, the payment dialog and the
// server's checks all take the step from here, so they agree to the minor unit.

/**
 * The step cash is rounded to, per currency, in minor units, where the country that issues it has
 * withdrawn its smallest coins. A currency not listed pays cash exactly. Rounding that is a country's
 * rule rather than its currency's (euro cash in Finland, the Netherlands or Ireland) is the
 * organisation's setting below, not a guess here.
 */
const CURRENCY_CASH_STEPS: Readonly<Record<string, number>> = {
  CHF: 5,
  CAD: 5,
  AUD: 5,
  NZD: 10,
  DKK: 50,
  SEK: 100,
  NOK: 100,
  CZK: 100,
};

/** The largest step an organisation may set: 100.00 of a two-decimal currency. */
export const MAX_CASH_ROUNDING_STEP = 10_000;

/**
 * The organisation's setting: null follows the currency's rule (above), 0 turns rounding off, a
 * positive number is the step in minor units (5 rounds CHF cash to 0.05).
 */
export const CASH_ROUNDING_SETTING = z
  .number()
  .int('a whole number of minor units, such as 5 for 0.05')
  .min(0, 'a step of at least 0 (0 turns cash rounding off)')
  .max(MAX_CASH_ROUNDING_STEP, `a step of at most ${MAX_CASH_ROUNDING_STEP} minor units`)
  .nullable();
export type CashRoundingSetting = z.infer<typeof CASH_ROUNDING_SETTING>;

/** A stored setting read back: anything that is not a valid step follows the currency's rule. */
export function parseCashRoundingSetting(value: unknown): CashRoundingSetting {
  const parsed = CASH_ROUNDING_SETTING.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The step cash is rounded to for this currency and setting; 0 or 1: cash is exact. */
export function cashRoundingStep(currency: string, setting: CashRoundingSetting | undefined): number {
  if (setting !== null && setting !== undefined) return setting;
  return CURRENCY_CASH_STEPS[currency] ?? 0;
}

/**
 * `amount` rounded to the nearest multiple of `step`. A tie (only possible with an even step: 25 with
 * a step of 50) rounds away from zero, so a refund of an amount gives back what a sale of it takes.
 */
export function roundCash(amount: number, step: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  if (step <= 1) return amount;
  const magnitude = Math.abs(amount);
  const rest = magnitude % step;
  const rounded = rest * 2 >= step ? magnitude - rest + step : magnitude - rest;
  // Never -0: it would print as "-0.00".
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}

/** What the cash part of a payment comes to: `cash` to take (or give back), `rounding` = cash − due. */
export interface CashDue {
  cash: number;
  rounding: number;
}

/** The cash to take for `due` (what is left after the other tenders), and the adjustment it makes. */
export function cashDue(due: number, step: number): CashDue {
  const cash = roundCash(due, step);
  return { cash, rounding: cash - due };
}

/**
 * The cash a refund gives back when its cash part is worth `value`. Rounded cumulatively: the refunds
 * of a sale so far gave back `before.cash` for cash worth `before.value`, and together with this one
 * they give back round(before.value + value). So however a sale is refunded in parts, the whole comes
 * back to exactly the rounded cash it took, and no part is off by more than half a step. Never more
 * than the sale's cash still `held` (a step changed since the sale), never below 0.
 */
export function refundCashDue(
  value: number,
  before: { value: number; cash: number },
  step: number,
  held: number,
): CashDue {
  const cumulative = roundCash(before.value + value, step) - before.cash;
  const cash = Math.max(0, Math.min(held, cumulative));
  return { cash, rounding: cash - value };
}

/**
 * Whether a pushed sale's or refund's rounding can be one: none without a cash payment, and never a
 * step or more of the largest step. The server checks no more than this: the step the terminal used
 * may have changed since, and an offline terminal used the setting it held.
 */
export function isPlausibleCashRounding(rounding: number, paysCash: boolean): boolean {
  return rounding === 0 || (paysCash && Math.abs(rounding) <= MAX_CASH_ROUNDING_STEP);
}
