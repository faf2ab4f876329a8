import { formatMinor } from '../money';
import {
  addEligibleHint,
  addItemsHint,
  moreAttendeesHint,
  moreEventsHint,
  spendLessHint,
  spendMoreHint,
} from './hints';
import { parseInstant } from './instant';
import {
  R_BOX_OFFICE,
  R_CAPS,
  R_CHANNELS,
  R_CURRENCY,
  R_CUSTOMER,
  R_DISTINCT,
  R_GROUP,
  R_REQUIRED,
  R_SPEND_QTY,
  R_VALIDITY,
  R_WINDOW,
} from './rule-mask';
import { failure, nounOf, type Run } from './run';
import { MEMO_SPEND_QTY, note, noteMemo } from './trace';
import { describeTargets, isNarrowing, matchesTarget } from './targets';
import type { BasketLine, EvaluationContext, EvaluationFailure, Rules, TargetRef } from './types';

// The gate checks of docs/ENGINE.md rule 10 (with clarifications 23, 24, 26–29), one function per step, each
// returning the failure or null. evaluate.ts calls them in the contract's order.

type Check = EvaluationFailure | null;

export function checkStatus(run: Run): Check {
  const { code } = run;
  if (code.status !== 'active') return failure(run, 'INVALID_CODE', `Status is ${code.status}`);
  if (code.isParent === true)
    return failure(run, 'INVALID_CODE', 'Parent templates are never usable themselves');
  note(run, 'Status is active.');
  return null;
}

export function checkMaxDiscountZero(run: Run): Check {
  if ((run.mask & R_CAPS) === 0) return null;
  if (run.rules.maxDiscount === 0)
    return failure(run, 'MAX_DISCOUNT_ZERO', 'Maximum discount is 0, which blocks the code');
  return null;
}

export function checkChannel(run: Run): Check {
  if ((run.mask & R_CHANNELS) === 0) return null;
  const channels = run.rules.channels;
  if (channels === undefined || channels.length === 0) return null;
  const channel = run.pc.ctx.channel;
  if (!channels.includes(channel)) {
    return failure(run, 'WRONG_CHANNEL', `Channel ${channel} is not among ${channels.join(', ')}`);
  }
  note(run, `Channel ${channel} is allowed.`);
  return null;
}

/**
 * docs/ENGINE.md clarification 27: boxOffice omitted = visible to every role; ignored online. Empty roles
 * narrow nothing.
 */
export function isVisibleInBoxOffice(rules: Rules, ctx: EvaluationContext): boolean {
  const boxOffice = rules.boxOffice;
  if (ctx.channel !== 'box_office' || boxOffice === undefined) return true;
  if (!boxOffice.visible) return false;
  const roles = boxOffice.roles;
  if (roles === undefined || roles.length === 0) return true;
  const staffRoles = ctx.staffRoles;
  if (staffRoles === undefined) return false;
  for (const role of staffRoles) if (roles.includes(role)) return true;
  return false;
}

export function checkBoxOffice(run: Run): Check {
  if ((run.mask & R_BOX_OFFICE) === 0) return null;
  const boxOffice = run.rules.boxOffice;
  if (run.pc.ctx.channel !== 'box_office' || boxOffice === undefined) return null;
  if (!isVisibleInBoxOffice(run.rules, run.pc.ctx)) {
    const why = boxOffice.visible
      ? `Visible in box office only to ${boxOffice.roles?.join(', ') ?? ''}, not to ${run.pc.ctx.staffRoles?.join(', ') || 'this user'}`
      : 'Not visible in box office';
    return failure(run, 'NOT_IN_BOX_OFFICE', why);
  }
  note(run, 'Visible to this box office user.');
  return null;
}

export function checkValidity(run: Run): Check {
  if ((run.mask & R_VALIDITY) === 0) return null;
  const { validFrom, validTo } = run.rules;
  if (validFrom === undefined && validTo === undefined) return null;
  const now = run.pc.now;
  const nowText = run.pc.ctx.now;
  if (validFrom !== undefined && now < parseInstant(validFrom)) {
    return failure(run, 'NOT_YET_ACTIVE', `Valid from ${validFrom}; now is ${nowText}`);
  }
  // validTo is inclusive: a code is still valid at the very instant it ends.
  if (validTo !== undefined && now > parseInstant(validTo)) {
    return failure(run, 'EXPIRED', `Valid to ${validTo}; now is ${nowText}`);
  }
  note(run, `Valid ${validFrom ?? 'from any time'} to ${validTo ?? 'open end'}; now ${nowText} is inside.`);
  return null;
}

/**
 * docs/ENGINE.md clarification 25: the window only fails the code when it removes every otherwise eligible
 * unit.
 */
export function checkPerformanceWindow(run: Run): Check {
  if ((run.mask & R_WINDOW) === 0) return null;
  if (run.rules.performanceWindow === undefined) return null;
  if (run.preWindowUnits > 0 && run.eligibleUnits === 0) {
    return failure(
      run,
      'OUTSIDE_PERFORMANCE_WINDOW',
      'Every eligible unit is outside the performance window',
    );
  }
  return null;
}

export function checkCurrency(run: Run): Check {
  if ((run.mask & R_CURRENCY) === 0) return null;
  const currency = run.rules.currency;
  if (currency === undefined) return null;
  if (currency !== run.pb.currency) {
    return failure(run, 'WRONG_CURRENCY', `The code is for ${currency}, the basket is in ${run.pb.currency}`);
  }
  note(run, `Currency ${currency} matches.`);
  return null;
}

/** docs/ENGINE.md clarification 24: any customer rule or per-customer limit needs a customer on the order. */
export function checkCustomer(run: Run): Check {
  if ((run.mask & R_CUSTOMER) === 0) return null;
  const r = run.rules;
  const groups = r.customerGroups !== undefined && r.customerGroups.length > 0 ? r.customerGroups : undefined;
  const needsCustomer =
    r.requiresCustomer === true ||
    r.newCustomersOnly === true ||
    groups !== undefined ||
    r.maxUsesPerCustomer !== undefined ||
    r.maxItemUsesPerCustomer !== undefined ||
    r.maxUsesPerCustomerPerEvent !== undefined ||
    r.maxUsesPerCustomerPerSchedule !== undefined;
  if (!needsCustomer) return null;
  const customer = run.pc.ctx.customer;
  if (customer === undefined)
    return failure(run, 'CUSTOMER_REQUIRED', 'The code has customer rules and no customer is selected');
  if (r.newCustomersOnly === true && customer.priorOrders > 0) {
    return failure(run, 'NEW_CUSTOMERS_ONLY', `The customer has ${customer.priorOrders} earlier orders`);
  }
  if (groups !== undefined && !customer.groups.some((group) => groups.includes(group))) {
    return failure(run, 'CUSTOMER_GROUP', `The customer is in none of ${groups.join(', ')}`);
  }
  note(run, `Customer ${customer.id} meets the customer rules.`);
  return null;
}

export function checkGroup(run: Run): Check {
  if ((run.mask & R_GROUP) === 0) return null;
  const { minGroupSize, registrantsPerUse } = run.rules;
  const attendees = run.pb.attendees;
  if (minGroupSize !== undefined && attendees < minGroupSize) {
    return failure(
      run,
      'GROUP_TOO_SMALL',
      `${attendees} attendees, the minimum group size is ${minGroupSize}`,
      moreAttendeesHint(minGroupSize - attendees),
    );
  }
  if (registrantsPerUse !== undefined && Math.floor(attendees / registrantsPerUse) === 0) {
    return failure(
      run,
      'GROUP_TOO_SMALL',
      `${attendees} attendees give no use at one per ${registrantsPerUse} registrants`,
      moreAttendeesHint(registrantsPerUse - attendees),
    );
  }
  if (minGroupSize !== undefined || registrantsPerUse !== undefined)
    note(run, `Group of ${attendees} attendees is large enough.`);
  return null;
}

/** docs/ENGINE.md clarification 29: min/max spend and min qty count eligible units before rule 3's limits. */
export function checkSpendAndQty(run: Run): Check {
  if ((run.mask & R_SPEND_QTY) === 0) return null;
  const { minSpend, maxSpend, minQty } = run.rules;
  const gross = run.eligibleGross;
  const currency = run.pb.currency;
  if (minSpend !== undefined && gross < minSpend) {
    return failure(
      run,
      'MIN_SPEND',
      `Eligible gross ${formatMinor(gross, currency)} is below the minimum spend ${formatMinor(minSpend, currency)}`,
      spendMoreHint(minSpend - gross, currency),
    );
  }
  if (maxSpend !== undefined && gross > maxSpend) {
    return failure(
      run,
      'MAX_SPEND',
      `Eligible gross ${formatMinor(gross, currency)} is above the maximum ${formatMinor(maxSpend, currency)}`,
      spendLessHint(gross - maxSpend, currency),
    );
  }
  if (minQty !== undefined && run.eligibleUnits < minQty) {
    return failure(
      run,
      'MIN_QTY',
      `${run.eligibleUnits} eligible units, at least ${minQty} needed`,
      addEligibleHint(minQty - run.eligibleUnits, nounOf(run)),
    );
  }
  if (minSpend !== undefined || maxSpend !== undefined || minQty !== undefined)
    noteMemo(run, MEMO_SPEND_QTY, gross, run.eligibleUnits, spendAndQtySentence);
  return null;
}

function spendAndQtySentence(run: Run, gross: number, units: number): string {
  return `Spend and quantity rules are met (${formatMinor(gross, run.pb.currency)}, ${units} units).`;
}

/** docs/ENGINE.md clarification 28 (targetMode 'any') and requireAllTargets ("must buy all events"). */
export function checkRequiredTargets(run: Run): Check {
  if ((run.mask & R_REQUIRED) === 0) return null;
  const r = run.rules;
  if (r.targetMode === 'any') {
    const needed = r.minTargetQty ?? 1;
    if (run.eligibleUnits < needed) {
      const hint = isNarrowing(r.targets)
        ? addItemsHint([{ qty: needed - run.eligibleUnits, targets: r.targets }], nounOf(run))
        : addEligibleHint(needed - run.eligibleUnits, nounOf(run));
      return failure(
        run,
        'REQUIRED_ITEMS_MISSING',
        `${run.eligibleUnits} matching units, at least ${needed} needed`,
        hint,
      );
    }
  }
  if (r.requireAllTargets === true && isNarrowing(r.targets)) {
    const missing = missingTargets(run, r.targets);
    if (missing.length > 0) {
      return failure(
        run,
        'REQUIRED_ITEMS_MISSING',
        `Every target must be bought; missing ${describeTargets(missing)}`,
        `add ${missing.map((target) => `1 × ${describeTargets([target])}`).join(' and ')}`,
      );
    }
    note(run, 'Every target is in the basket.');
  }
  return null;
}

function missingTargets(run: Run, targets: readonly TargetRef[]): TargetRef[] {
  const { lines, n, scratch } = run.pb;
  const missing: TargetRef[] = [];
  for (const target of targets) {
    let found = false;
    for (let i = 0; i < n && !found; i++) {
      found = scratch.eligible[i] === 1 && matchesTarget(lines[i] as BasketLine, target);
    }
    if (!found) missing.push(target);
  }
  return missing;
}

export function checkDistinctEvents(run: Run): Check {
  if ((run.mask & R_DISTINCT) === 0) return null;
  const needed = run.rules.minDistinctEvents;
  if (needed === undefined) return null;
  const { n, scratch, eventGroup, eventIds } = run.pb;
  const seen = new Uint8Array(eventIds.length);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const group = eventGroup[i] as number;
    if (scratch.eligible[i] === 1 && group > 0 && seen[group] === 0) {
      seen[group] = 1;
      distinct += 1;
    }
  }
  if (distinct < needed) {
    return failure(
      run,
      'DISTINCT_EVENTS',
      `Eligible units span ${distinct} events, at least ${needed} needed`,
      moreEventsHint(needed - distinct),
    );
  }
  note(run, `Eligible units span ${distinct} events.`);
  return null;
}

export function checkAnyEligible(run: Run): Check {
  if (run.eligibleUnits > 0) return null;
  const targets = run.rules.targets;
  const hint = isNarrowing(targets) ? addItemsHint([{ qty: 1, targets }], 'item') : undefined;
  return failure(run, 'NO_ELIGIBLE_ITEMS', 'Nothing in the basket qualifies', hint);
}
