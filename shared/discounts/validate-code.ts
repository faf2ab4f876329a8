import { isKnownCurrency } from '../money';
import { parseInstant } from './instant';
import {
  RULE_BITS,
  R_FROM,
  R_MAX_SPEND,
  R_MAX_UNIT,
  R_MIN_SPEND,
  R_MIN_UNIT,
  R_TO,
  R_WINDOW,
} from './rule-mask';
import {
  APPLY_TO,
  BENEFIT_TYPES,
  BOOLEAN,
  CHANNELS,
  COUNT_0,
  COUNT_1,
  CURRENCY,
  INSTANT,
  INTEGER,
  LIST,
  MAX_BASKET_UNITS,
  MINOR,
  OBJECT,
  PERCENT,
  REQUIRED,
  STATUSES,
  TARGET_BY,
  TARGET_MODES,
  TEXT,
  UNKNOWN_RULE,
  at,
  checkTextList,
  isCount,
  isMinor,
  isObject,
  isOneOf,
  isPercent,
  isText,
  oneOf,
  type InputIssue,
  type Obj,
} from './validate-primitives';

// A code definition: catalogue data, checked once per code per evaluation.

export function checkCode(code: unknown): InputIssue | null {
  const result = inspectCode(code);
  return typeof result === 'number' ? null : result;
}

/**
 * Validates a code and, when it is valid, returns which rule groups it sets (rule-mask.ts) so the
 * evaluation can skip the checks of absent rules.
 */
export function inspectCode(code: unknown): InputIssue | number {
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
function checkRules(rules: unknown): InputIssue | number {
  if (!isObject(rules)) return at('code.rules', OBJECT);
  let mask = 0;
  for (const key in rules) {
    const value = rules[key];
    if (value === undefined) continue;
    const bits = RULE_BITS.get(key);
    if (bits === undefined) return at(rulePath(key), UNKNOWN_RULE);
    mask |= bits;
    const issue = checkRule(key, value);
    if (issue) return { field: rulePath(key) + issue.field, problem: issue.problem };
  }
  const issue =
    (hasAll(mask, R_MIN_SPEND | R_MAX_SPEND) ? checkOrder(rules, 'minSpend', 'maxSpend') : null) ??
    (hasAll(mask, R_MIN_UNIT | R_MAX_UNIT) ? checkOrder(rules, 'minUnitPrice', 'maxUnitPrice') : null) ??
    (hasAll(mask, R_FROM | R_TO) ? checkInstantOrder(rules) : null) ??
    ((mask & R_WINDOW) !== 0 ? checkWindowOrder(rules) : null);
  return issue ?? mask;
}

function hasAll(mask: number, bits: number): boolean {
  return (mask & bits) === bits;
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
      // RULE_BITS lists every known rule, so this is only reached if the two lists drift apart.
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
