import { MAX_BASKET_UNITS as MAX_UNITS, MAX_LINE_QTY as LINE_QTY, FULL_PERCENT as FULL } from './limits';
import type { InputProblem } from './messages';

// Building blocks of the hand-written input checks (validate-*.ts). A check returns the first problem
// with a field path relative to what it was given; the caller prefixes its own path, so path strings
// are only built once something is wrong.

export interface InputIssue {
  field: string;
  problem: InputProblem;
}

// Module-local copies: these are read once per line in the hot path.
export const MAX_BASKET_UNITS = MAX_UNITS;
export const MAX_LINE_QTY = LINE_QTY;
const FULL_PERCENT = FULL;

export const REQUIRED: InputProblem = Object.freeze({ kind: 'required' });
export const TEXT: InputProblem = Object.freeze({ kind: 'text' });
export const BOOLEAN: InputProblem = Object.freeze({ kind: 'boolean' });
export const LIST: InputProblem = Object.freeze({ kind: 'list' });
export const OBJECT: InputProblem = Object.freeze({ kind: 'object' });
export const MINOR: InputProblem = Object.freeze({ kind: 'minor' });
export const INTEGER: InputProblem = Object.freeze({ kind: 'integer' });
export const COUNT_0: InputProblem = Object.freeze({ kind: 'count', min: 0 });
export const COUNT_1: InputProblem = Object.freeze({ kind: 'count', min: 1 });
export const PERCENT: InputProblem = Object.freeze({ kind: 'percent' });
export const CURRENCY: InputProblem = Object.freeze({ kind: 'currency' });
export const INSTANT: InputProblem = Object.freeze({ kind: 'instant' });
export const UNKNOWN_RULE: InputProblem = Object.freeze({ kind: 'unknownRule' });
export const DUPLICATE: InputProblem = Object.freeze({ kind: 'duplicate' });

export const KINDS = ['ticket', 'addon', 'merch', 'fee'] as const;
export const STATUSES = ['active', 'disabled', 'deleted'] as const;
export const CHANNELS = ['online', 'box_office'] as const;
export const TARGET_BY = [
  'item',
  'event',
  'schedule',
  'priceBand',
  'inventoryItem',
  'category',
  'kind',
] as const;
export const BENEFIT_TYPES = [
  'percentage',
  'fixed_order',
  'fixed_per_item',
  'specific_price',
  'buy_x_get_y',
  'multi_buy',
] as const;
export const TARGET_MODES = ['all', 'any'] as const;
export const APPLY_TO = ['highest_first', 'lowest_first'] as const;
export const USAGE_COUNTERS = [
  'uses',
  'itemUses',
  'discountGiven',
  'customerUses',
  'customerItemUses',
] as const;

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export function isText(value: unknown): value is string {
  return typeof value === 'string';
}
export function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}
export function isMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
export function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= FULL_PERCENT;
}
export function isOneOf(value: unknown, options: readonly string[]): boolean {
  return typeof value === 'string' && options.includes(value);
}
export function oneOf(options: readonly string[]): InputProblem {
  return { kind: 'oneOf', options };
}
export function at(field: string, problem: InputProblem): InputIssue {
  return { field, problem };
}

export function checkTextList(value: unknown, path: string): InputIssue | null {
  if (!Array.isArray(value)) return at(path, LIST);
  for (let i = 0; i < value.length; i++) if (!isText(value[i])) return at(`${path}[${i}]`, TEXT);
  return null;
}
