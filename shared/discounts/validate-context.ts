import { parseInstant } from './instant';
import {
  BOOLEAN,
  CHANNELS,
  COUNT_0,
  INSTANT,
  MINOR,
  OBJECT,
  PERCENT,
  REQUIRED,
  TEXT,
  USAGE_COUNTERS,
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
} from './validate-primitives';

// The evaluation context and the custom discount.

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
