import { planBuyXGetY } from './benefits/buy-x-get-y';
import { fixedOrder } from './benefits/fixed-order';
import { fixedPerItem } from './benefits/fixed-per-item';
import { planMultiBuy } from './benefits/multi-buy';
import { percentage } from './benefits/percentage';
import type { BenefitResult } from './benefits/result';
import { specificPrice } from './benefits/specific-price';
import {
  checkAnyEligible,
  checkBoxOffice,
  checkChannel,
  checkCurrency,
  checkCustomer,
  checkDistinctEvents,
  checkGroup,
  checkMaxDiscountZero,
  checkPerformanceWindow,
  checkRequiredTargets,
  checkSpendAndQty,
  checkStatus,
  checkValidity,
} from './checks';
import { invalidInputMessage } from './messages';
import {
  prepareBasket,
  prepareContext,
  usageFor,
  type PreparedBasket,
  type PreparedContext,
} from './prepare';
import { createRun, type Run } from './run';
import { note, takeTrace } from './trace';
import type { Basket, CodeDefinition, Evaluation, EvaluationContext, EvaluationFailure } from './types';
import { markEligible } from './units';
import { checkUsageLimits, orderedOverridden } from './usage';
import { ALL_RULES } from './rule-mask';
import { checkBasket, checkContext, inspectCode, type InputIssue } from './validate';
import { grantedLines } from './output';

const SPLIT_EXPLAINED =
  'Split over lines by the gross of their discounted units, within a line evenly; odd cents go to the earlier line and unit.';

export function evaluateCode(code: CodeDefinition, basket: Basket, ctx: EvaluationContext): Evaluation {
  const startsAt = new Map<string, number>();
  const contextIssue = checkContext(ctx, startsAt);
  const basketIssue = checkBasket(basket);
  // The code last, so its validFrom/validTo are what parseInstant remembers for the validity check.
  const inspected = inspectCode(code);
  const issue = typeof inspected === 'number' ? (basketIssue ?? contextIssue) : inspected;
  if (issue !== null) return invalidInput(code, issue);
  const pc = prepareContext(ctx, startsAt);
  return evaluatePrepared(code, prepareBasket(basket), pc, pc.overuse, inspected as number);
}

/** Bad input never yields a number: it fails with INVALID_INPUT naming the field, and is not overridable. */
export function invalidInput(code: unknown, issue: InputIssue): EvaluationFailure {
  const message = invalidInputMessage(issue.field, issue.problem);
  const id = typeof code === 'object' && code !== null && typeof (code as { id?: unknown }).id === 'string';
  return {
    ok: false,
    codeId: id ? (code as { id: string }).id : '',
    reason: 'INVALID_INPUT',
    message,
    overridable: false,
    trace: [`Input check failed: ${message.en}`],
  };
}

/** docs/ENGINE.md rule 10's checks in order, then the benefit; inputs are already validated and prepared. */
export function evaluatePrepared(
  code: CodeDefinition,
  pb: PreparedBasket,
  pc: PreparedContext,
  overuse: boolean,
  mask = ALL_RULES,
): Evaluation {
  const run = createRun(code, pb, pc, usageFor(pc.ctx, code.id), overuse, mask);
  const gate =
    checkStatus(run) ??
    checkMaxDiscountZero(run) ??
    checkChannel(run) ??
    checkBoxOffice(run) ??
    checkValidity(run);
  if (gate !== null) return gate;
  markEligible(run);
  const rules =
    checkPerformanceWindow(run) ??
    checkCurrency(run) ??
    checkCustomer(run) ??
    checkUsageLimits(run) ??
    checkGroup(run) ??
    checkSpendAndQty(run) ??
    checkRequiredTargets(run) ??
    planSets(run) ??
    checkDistinctEvents(run) ??
    checkAnyEligible(run);
  if (rules !== null) return rules;
  const { discount, lines } = computeBenefit(run);
  note(run, SPLIT_EXPLAINED);
  return {
    ok: true,
    codeId: code.id,
    discount,
    lines,
    itemUses: run.itemUses,
    overridden: orderedOverridden(run),
    trace: takeTrace(run),
  };
}

/**
 * buy_x_get_y and multi_buy settle "required items" by assembling their sets (docs/ENGINE.md rules 6 and 7).
 */
function planSets(run: Run): EvaluationFailure | null {
  const benefit = run.code.benefit;
  if (benefit.type === 'buy_x_get_y') return planBuyXGetY(run, benefit);
  if (benefit.type === 'multi_buy') return planMultiBuy(run, benefit);
  return null;
}

function computeBenefit(run: Run): BenefitResult {
  const benefit = run.code.benefit;
  switch (benefit.type) {
    case 'percentage':
      return percentage(run, benefit.percent);
    case 'fixed_order':
      return fixedOrder(run, benefit.amount);
    case 'fixed_per_item':
      return fixedPerItem(run, benefit.amount);
    case 'specific_price':
      return specificPrice(run);
    case 'buy_x_get_y':
    case 'multi_buy':
      return grantedLines(run);
  }
}
