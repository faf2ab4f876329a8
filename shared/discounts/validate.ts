import { isKnownCurrency } from '../money';
import { parseInstant } from './instant';
import { MAX_BASKET_UNITS as MAX_UNITS, MAX_LINE_QTY as LINE_QTY, FULL_PERCENT as FULL } from './limits';
import { invalidInputMessage, type InputProblem } from './messages';
import type { LocalizedMessage } from './types';

// Hand-written checks instead of a schema library: they run in the hot path (once per basket, context
// and code) and shared/ imports nothing. Field paths start at the argument's name (`basket.lines[2].qty`,
// `code.rules.minSpend`, `ctx.now`) because one evaluation reports on three arguments at once; the path
// string is only built once a problem is found.

// Module-local copies: these are read once per line in the hot path.
const MAX_BASKET_UNITS = MAX_UNITS;
const MAX_LINE_QTY = LINE_QTY;
const FULL_PERCENT = FULL;

export interface InputIssue {
  field: string;
  problem: InputProblem;
}

export type ValidationResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'INVALID_INPUT';
      field: string;
      problem: InputProblem;
      message: string;
      messages: LocalizedMessage;
    };

export class EngineInputError extends Error {
  readonly reason = 'INVALID_INPUT';
  readonly field: string;
  readonly problem: InputProblem;
  readonly messages: LocalizedMessage;

  constructor(issue: InputIssue) {
    const messages = invalidInputMessage(issue.field, issue.problem);
    super(messages.en);
    this.name = 'EngineInputError';
    this.field = issue.field;
    this.problem = issue.problem;
    this.messages = messages;
  }
}

const VALID: { ok: true } = { ok: true };

export function toValidationResult(issue: InputIssue | null): ValidationResult {
  if (issue === null) return VALID;
  const messages = invalidInputMessage(issue.field, issue.problem);
  return {
    ok: false,
    reason: 'INVALID_INPUT',
    field: issue.field,
    problem: issue.problem,
    message: messages.en,
    messages,
  };
}

export function validateBasket(basket: unknown): ValidationResult {
  return toValidationResult(checkBasket(basket));
}
export function validateCode(code: unknown): ValidationResult {
  return toValidationResult(checkCode(code));
}
export function validateContext(ctx: unknown): ValidationResult {
  return toValidationResult(checkContext(ctx));
}

const REQUIRED: InputProblem = { kind: 'required' };
const TEXT: InputProblem = { kind: 'text' };
const BOOLEAN: InputProblem = { kind: 'boolean' };
const LIST: InputProblem = { kind: 'list' };
const OBJECT: InputProblem = { kind: 'object' };
const MINOR: InputProblem = { kind: 'minor' };
const INTEGER: InputProblem = { kind: 'integer' };
const COUNT_0: InputProblem = { kind: 'count', min: 0 };
const COUNT_1: InputProblem = { kind: 'count', min: 1 };
const PERCENT: InputProblem = { kind: 'percent' };
const CURRENCY: InputProblem = { kind: 'currency' };
const INSTANT: InputProblem = { kind: 'instant' };
const UNKNOWN_RULE: InputProblem = { kind: 'unknownRule' };
const DUPLICATE: InputProblem = { kind: 'duplicate' };

const KINDS = ['ticket', 'addon', 'merch', 'fee'] as const;
const STATUSES = ['active', 'disabled', 'deleted'] as const;
const CHANNELS = ['online', 'box_office'] as const;
const TARGET_BY = ['item', 'event', 'schedule', 'priceBand', 'inventoryItem', 'category', 'kind'] as const;
const BENEFIT_TYPES = [
  'percentage',
  'fixed_order',
  'fixed_per_item',
  'specific_price',
  'buy_x_get_y',
  'multi_buy',
] as const;
const TARGET_MODES = ['all', 'any'] as const;
const APPLY_TO = ['highest_first', 'lowest_first'] as const;
const USAGE_COUNTERS = ['uses', 'itemUses', 'discountGiven', 'customerUses', 'customerItemUses'] as const;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isText(value: unknown): value is string {
  return typeof value === 'string';
}
function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}
function isMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= FULL_PERCENT;
}
function isOneOf(value: unknown, options: readonly string[]): boolean {
  return typeof value === 'string' && options.includes(value);
}
function oneOf(options: readonly string[]): InputProblem {
  return { kind: 'oneOf', options };
}
function at(field: string, problem: InputProblem): InputIssue {
  return { field, problem };
}

function checkTextList(value: unknown, path: string): InputIssue | null {
  if (!Array.isArray(value)) return at(path, LIST);
  for (let i = 0; i < value.length; i++) if (!isText(value[i])) return at(`${path}[${i}]`, TEXT);
  return null;
}

// ---- basket

export function checkBasket(basket: unknown): InputIssue | null {
  if (!isObject(basket)) return at('basket', OBJECT);
  if (!isKnownCurrency(basket.currency)) return at('basket.currency', CURRENCY);
  if (basket.attendees !== undefined && !isCount(basket.attendees, 0)) return at('basket.attendees', COUNT_0);
  const lines = basket.lines;
  if (!Array.isArray(lines)) return at('basket.lines', LIST);
  const ids = new Set<string>();
  let gross = 0;
  let units = 0;
  for (let i = 0; i < lines.length; i++) {
    const line: unknown = lines[i];
    const issue = checkLine(line, i);
    if (issue) return issue;
    const { id, unitPrice, qty } = line as { id: string; unitPrice: number; qty: number };
    if (ids.has(id)) return at(`basket.lines[${i}].id`, DUPLICATE);
    ids.add(id);
    units += qty;
    if (units > MAX_BASKET_UNITS) return at('basket.lines', { kind: 'tooManyUnits', max: MAX_BASKET_UNITS });
    gross += unitPrice * qty;
    if (!Number.isSafeInteger(gross)) {
      return at(`basket.lines[${i}].unitPrice`, {
        kind: 'tooLarge',
        max: Math.floor(Number.MAX_SAFE_INTEGER / qty),
      });
    }
  }
  return null;
}

function checkLine(line: unknown, i: number): InputIssue | null {
  const issue = checkLineFields(line);
  return issue === null ? null : at(`basket.lines[${i}]${issue.field}`, issue.problem);
}

// Relative field names ('.qty'), so the path string is only built when something is wrong.
function checkLineFields(line: unknown): InputIssue | null {
  if (!isObject(line)) return at('', OBJECT);
  if (!isText(line.id) || line.id === '') return at('.id', line.id === '' ? REQUIRED : TEXT);
  if (!isText(line.itemId)) return at('.itemId', TEXT);
  if (!isOneOf(line.kind, KINDS)) return at('.kind', oneOf(KINDS));
  if (!isMinor(line.unitPrice)) return at('.unitPrice', MINOR);
  if (!isCount(line.qty, 1)) return at('.qty', COUNT_1);
  if (line.qty > MAX_LINE_QTY) return at('.qty', { kind: 'tooLarge', max: MAX_LINE_QTY });
  if (!isPercent(line.vatRate)) return at('.vatRate', PERCENT);
  if (line.eventId !== undefined && !isText(line.eventId)) return at('.eventId', TEXT);
  if (line.scheduleId !== undefined && !isText(line.scheduleId)) return at('.scheduleId', TEXT);
  if (line.priceBandId !== undefined && !isText(line.priceBandId)) return at('.priceBandId', TEXT);
  if (line.inventoryItemId !== undefined && !isText(line.inventoryItemId))
    return at('.inventoryItemId', TEXT);
  if (line.category !== undefined && !isText(line.category)) return at('.category', TEXT);
  return null;
}

// ---- code

export function checkCode(code: unknown): InputIssue | null {
  if (!isObject(code)) return at('code', OBJECT);
  if (!isText(code.id)) return at('code.id', TEXT);
  if (!isText(code.code)) return at('code.code', TEXT);
  if (!isText(code.name)) return at('code.name', TEXT);
  if (!isOneOf(code.status, STATUSES)) return at('code.status', oneOf(STATUSES));
  if (code.isParent !== undefined && typeof code.isParent !== 'boolean') return at('code.isParent', BOOLEAN);
  if (code.autoApply !== undefined) {
    if (!isObject(code.autoApply)) return at('code.autoApply', OBJECT);
    const priority = code.autoApply.priority;
    if (typeof priority !== 'number' || !Number.isSafeInteger(priority))
      return at('code.autoApply.priority', INTEGER);
  }
  return checkBenefit(code.benefit) ?? checkRules(code.rules);
}

function isValidTarget(target: unknown): boolean {
  return isObject(target) && isOneOf(target.by, TARGET_BY) && isText(target.id);
}

function checkTarget(target: unknown, path: string): InputIssue | null {
  if (!isObject(target)) return at(path, OBJECT);
  if (!isOneOf(target.by, TARGET_BY)) return at(`${path}.by`, oneOf(TARGET_BY));
  if (!isText(target.id)) return at(`${path}.id`, TEXT);
  return null;
}

function checkTargets(targets: unknown, path: string): InputIssue | null {
  if (!Array.isArray(targets)) return at(path, LIST);
  for (let i = 0; i < targets.length; i++) {
    if (!isValidTarget(targets[i])) return checkTarget(targets[i], `${path}[${i}]`);
  }
  return null;
}

function checkItemGroup(group: unknown, path: string): InputIssue | null {
  if (!isObject(group)) return at(path, OBJECT);
  if (!isCount(group.qty, 1)) return at(`${path}.qty`, COUNT_1);
  if (group.qty > MAX_BASKET_UNITS) return at(`${path}.qty`, { kind: 'tooLarge', max: MAX_BASKET_UNITS });
  return group.targets === undefined ? null : checkTargets(group.targets, `${path}.targets`);
}

function checkBenefit(benefit: unknown): InputIssue | null {
  if (!isObject(benefit)) return at('code.benefit', OBJECT);
  switch (benefit.type) {
    case 'percentage':
      return isPercent(benefit.percent) ? null : at('code.benefit.percent', PERCENT);
    case 'fixed_order':
    case 'fixed_per_item':
      return isMinor(benefit.amount) ? null : at('code.benefit.amount', MINOR);
    case 'specific_price': {
      const prices = benefit.prices;
      if (!Array.isArray(prices)) return at('code.benefit.prices', LIST);
      for (let i = 0; i < prices.length; i++) {
        const entry: unknown = prices[i];
        if (!isObject(entry)) return at(`code.benefit.prices[${i}]`, OBJECT);
        if (!isValidTarget(entry.target))
          return checkTarget(entry.target, `code.benefit.prices[${i}].target`);
        if (!isMinor(entry.unitPrice)) return at(`code.benefit.prices[${i}].unitPrice`, MINOR);
      }
      return null;
    }
    case 'buy_x_get_y': {
      const issue =
        checkItemGroup(benefit.buy, 'code.benefit.buy') ?? checkItemGroup(benefit.get, 'code.benefit.get');
      if (issue) return issue;
      if (!isPercent(benefit.percent)) return at('code.benefit.percent', PERCENT);
      if (benefit.maxApplications !== undefined && !isCount(benefit.maxApplications, 1)) {
        return at('code.benefit.maxApplications', COUNT_1);
      }
      return null;
    }
    case 'multi_buy': {
      const groups = benefit.groups;
      if (!Array.isArray(groups)) return at('code.benefit.groups', LIST);
      if (groups.length === 0) return at('code.benefit.groups', REQUIRED);
      for (let i = 0; i < groups.length; i++) {
        const issue = checkItemGroup(groups[i], `code.benefit.groups[${i}]`);
        if (issue) return issue;
      }
      return isPercent(benefit.percent) ? null : at('code.benefit.percent', PERCENT);
    }
    default:
      return at('code.benefit.type', oneOf(BENEFIT_TYPES));
  }
}

// A rule this engine does not know must stop the code: a newer server may send a restriction an older
// terminal would otherwise silently ignore and so give a discount it should not.
function checkRules(rules: unknown): InputIssue | null {
  if (!isObject(rules)) return at('code.rules', OBJECT);
  for (const key in rules) {
    const value = rules[key];
    if (value === undefined) continue;
    const issue = checkRule(key, value);
    if (issue) return { field: rulePath(key) + issue.field, problem: issue.problem };
  }
  return (
    checkOrder(rules, 'minSpend', 'maxSpend') ??
    checkOrder(rules, 'minUnitPrice', 'maxUnitPrice') ??
    checkInstantOrder(rules) ??
    checkWindowOrder(rules)
  );
}

// The key names of a rule path are known ahead; building `code.rules.${key}` for every key of every
// code would cost a string per rule in the hot path, so the path is made only for a bad value.
function rulePath(key: string): string {
  return `code.rules.${key}`;
}

/** Fields relative to the rule ('' or '.visible'); checkRules prefixes the rule's path. */
function checkRule(key: string, value: unknown): InputIssue | null {
  const path = '';
  switch (key) {
    case 'targets':
    case 'exclude':
      return checkTargets(value, path);
    case 'targetMode':
      return isOneOf(value, TARGET_MODES) ? null : at(path, oneOf(TARGET_MODES));
    case 'applyTo':
      return isOneOf(value, APPLY_TO) ? null : at(path, oneOf(APPLY_TO));
    case 'validFrom':
    case 'validTo':
      return Number.isNaN(parseInstant(value)) ? at(path, INSTANT) : null;
    case 'currency':
      return isKnownCurrency(value) ? null : at(path, CURRENCY);
    case 'minSpend':
    case 'maxSpend':
    case 'minUnitPrice':
    case 'maxUnitPrice':
    case 'maxDiscount':
    case 'budget':
      return isMinor(value) ? null : at(path, MINOR);
    case 'minTargetQty':
    case 'minQty':
    case 'minGroupSize':
    case 'minDistinctEvents':
    case 'maxUses':
    case 'maxItemUses':
    case 'maxUsesPerCustomer':
    case 'maxItemUsesPerCustomer':
    case 'maxUsesPerCustomerPerEvent':
    case 'maxUsesPerCustomerPerSchedule':
      return isCount(value, 0) ? null : at(path, COUNT_0);
    case 'maxQty':
    case 'maxQtyPerLine':
    case 'registrantsPerUse':
      return isCount(value, 1) ? null : at(path, COUNT_1);
    case 'requireAllTargets':
    case 'sameEvent':
    case 'newCustomersOnly':
    case 'requiresCustomer':
      return typeof value === 'boolean' ? null : at(path, BOOLEAN);
    case 'customerGroups':
      return checkTextList(value, path);
    case 'channels': {
      if (!Array.isArray(value)) return at(path, LIST);
      for (let i = 0; i < value.length; i++) {
        if (!isOneOf(value[i], CHANNELS)) return at(`${path}[${i}]`, oneOf(CHANNELS));
      }
      return null;
    }
    case 'boxOffice': {
      if (!isObject(value)) return at(path, OBJECT);
      if (typeof value.visible !== 'boolean') return at(`${path}.visible`, BOOLEAN);
      return value.roles === undefined ? null : checkTextList(value.roles, `${path}.roles`);
    }
    case 'performanceWindow': {
      if (!isObject(value)) return at(path, OBJECT);
      for (const bound of ['fromMinutesBeforeStart', 'untilMinutesBeforeStart'] as const) {
        const minutes = value[bound];
        if (minutes !== undefined && (typeof minutes !== 'number' || !Number.isSafeInteger(minutes))) {
          return at(`${path}.${bound}`, INTEGER);
        }
      }
      return null;
    }
    default:
      return at(path, UNKNOWN_RULE);
  }
}

function checkOrder(rules: Obj, low: string, high: string): InputIssue | null {
  const min = rules[low];
  const max = rules[high];
  if (typeof min === 'number' && typeof max === 'number' && max < min) {
    return at(`code.rules.${high}`, { kind: 'notBefore', other: `code.rules.${low}` });
  }
  return null;
}

function checkInstantOrder(rules: Obj): InputIssue | null {
  if (rules.validFrom === undefined || rules.validTo === undefined) return null;
  return parseInstant(rules.validTo) < parseInstant(rules.validFrom)
    ? at('code.rules.validTo', { kind: 'notBefore', other: 'code.rules.validFrom' })
    : null;
}

function checkWindowOrder(rules: Obj): InputIssue | null {
  const window = rules.performanceWindow;
  if (!isObject(window)) return null;
  const from = window.fromMinutesBeforeStart;
  const until = window.untilMinutesBeforeStart;
  if (typeof from === 'number' && typeof until === 'number' && from < until) {
    return at('code.rules.performanceWindow.fromMinutesBeforeStart', {
      kind: 'notBefore',
      other: 'code.rules.performanceWindow.untilMinutesBeforeStart',
    });
  }
  return null;
}

// ---- context

/** `startsAt`, when given, receives every parsed performance start so evaluation need not parse again. */
export function checkContext(ctx: unknown, startsAt?: Map<string, number>): InputIssue | null {
  if (!isObject(ctx)) return at('ctx', OBJECT);
  if (Number.isNaN(parseInstant(ctx.now))) return at('ctx.now', INSTANT);
  if (!isOneOf(ctx.channel, CHANNELS)) return at('ctx.channel', oneOf(CHANNELS));
  if (ctx.staffRoles !== undefined) {
    const issue = checkTextList(ctx.staffRoles, 'ctx.staffRoles');
    if (issue) return issue;
  }
  if (ctx.overuse !== undefined && typeof ctx.overuse !== 'boolean') return at('ctx.overuse', BOOLEAN);
  return (
    checkCustomer(ctx.customer) ??
    checkUsage(ctx.usage, 'ctx.usage') ??
    checkUsageByCode(ctx.usageByCode) ??
    checkPerformances(ctx.performances, startsAt)
  );
}

function checkCustomer(customer: unknown): InputIssue | null {
  if (customer === undefined) return null;
  if (!isObject(customer)) return at('ctx.customer', OBJECT);
  if (!isText(customer.id)) return at('ctx.customer.id', TEXT);
  if (!isCount(customer.priorOrders, 0)) return at('ctx.customer.priorOrders', COUNT_0);
  return checkTextList(customer.groups, 'ctx.customer.groups');
}

// Missing counters read as zero, like a missing usage object: "no uses recorded" is the only sensible
// meaning, and a counter that is present but wrong is still refused.
function checkUsage(usage: unknown, path: string): InputIssue | null {
  if (usage === undefined) return null;
  if (!isObject(usage)) return at(path, OBJECT);
  for (const key of USAGE_COUNTERS) {
    const value = usage[key];
    if (value !== undefined && !isCount(value, 0))
      return at(`${path}.${key}`, key === 'discountGiven' ? MINOR : COUNT_0);
  }
  return (
    checkCountRecord(usage.customerUsesByEvent, `${path}.customerUsesByEvent`) ??
    checkCountRecord(usage.customerUsesBySchedule, `${path}.customerUsesBySchedule`)
  );
}

function checkUsageByCode(byCode: unknown): InputIssue | null {
  if (byCode === undefined) return null;
  if (!isObject(byCode)) return at('ctx.usageByCode', OBJECT);
  for (const id in byCode) {
    const issue = checkUsage(byCode[id], `ctx.usageByCode.${id}`);
    if (issue) return issue;
  }
  return null;
}

function checkCountRecord(record: unknown, path: string): InputIssue | null {
  if (record === undefined) return null;
  if (!isObject(record)) return at(path, OBJECT);
  for (const key in record) {
    if (!isCount(record[key], 0)) return at(`${path}.${key}`, COUNT_0);
  }
  return null;
}

function checkPerformances(
  performances: unknown,
  startsAt: Map<string, number> | undefined,
): InputIssue | null {
  if (performances === undefined) return null;
  if (!isObject(performances)) return at('ctx.performances', OBJECT);
  for (const key in performances) {
    const performance = performances[key];
    if (!isObject(performance)) return at(`ctx.performances.${key}`, OBJECT);
    const start = parseInstant(performance.startsAt);
    if (Number.isNaN(start)) return at(`ctx.performances.${key}.startsAt`, INSTANT);
    startsAt?.set(key, start);
  }
  return null;
}

// ---- custom discount

export function checkCustom(custom: unknown): InputIssue | null {
  if (custom === undefined) return null;
  if (!isObject(custom)) return at('custom', OBJECT);
  if (custom.kind === 'percentage') {
    if (!isPercent(custom.value)) return at('custom.value', PERCENT);
  } else if (custom.kind === 'fixed') {
    if (!isMinor(custom.value)) return at('custom.value', MINOR);
  } else {
    return at('custom.kind', oneOf(['percentage', 'fixed']));
  }
  if (!isText(custom.reason)) return at('custom.reason', TEXT);
  if (custom.reason.trim() === '') return at('custom.reason', REQUIRED);
  return null;
}

export function validateCustom(custom: unknown): ValidationResult {
  return toValidationResult(checkCustom(custom));
}
