import { REASON_MESSAGES, OVERRIDABLE_REASONS } from './messages';
import { sharedSentence, type PreparedBasket, type PreparedContext } from './prepare';
import type { CodeDefinition, EvaluationFailure, ReasonCode, Rules, Usage } from './types';

/** What one evaluation has learned so far; the checks fill it in as they pass. */
export interface Run {
  readonly code: CodeDefinition;
  readonly rules: Rules;
  readonly pb: PreparedBasket;
  readonly pc: PreparedContext;
  readonly usage: Usage;
  readonly overuse: boolean;
  readonly trace: string[];
  /** Usage limits bypassed under overuse, in clarification 22's order once finished. */
  overridden: ReasonCode[];
  eligibleUnits: number;
  /** Eligible units before the performance window was applied (clarification 25). */
  preWindowUnits: number;
  eligibleLines: number;
  eligibleGross: number;
  /** Units left by maxItemUses / maxItemUsesPerCustomer (rule 3); Infinity when nothing limits them. */
  itemLimit: number;
  /** Remaining budget before this order; Infinity without a budget. */
  budgetLeft: number;
  /** Units that received a discount above zero (clarification 30). */
  itemUses: number;
}

export function createRun(
  code: CodeDefinition,
  pb: PreparedBasket,
  pc: PreparedContext,
  usage: Usage,
  overuse: boolean,
): Run {
  return {
    code,
    rules: code.rules,
    pb,
    pc,
    usage,
    overuse,
    trace: [],
    overridden: [],
    eligibleUnits: 0,
    preWindowUnits: 0,
    eligibleLines: 0,
    eligibleGross: 0,
    itemLimit: Infinity,
    budgetLeft: Infinity,
    itemUses: 0,
  };
}

/**
 * Adds a line to the trace. Reading one character makes V8 flatten a concatenated string in place;
 * rankCodes keeps thousands of traces alive at once, and a flat string holds a quarter of the memory
 * of the concatenation tree it replaces.
 */
export function note(run: Run, text: string): void {
  text.charCodeAt(0);
  run.trace.push(sharedSentence(run.pb, text));
}

export function failure(run: Run, reason: ReasonCode, why: string, hint?: string): EvaluationFailure {
  note(run, `${why} → ${reason}.`);
  const result: EvaluationFailure = {
    ok: false,
    codeId: run.code.id,
    reason,
    message: REASON_MESSAGES[reason],
    overridable: OVERRIDABLE_REASONS.has(reason),
    trace: run.trace,
  };
  if (hint !== undefined) {
    result.hint = hint;
    note(run, `Hint: ${hint}.`);
  }
  return result;
}

/** 'ticket' when everything the code could discount is a ticket, for hints such as "add 2 more eligible tickets". */
export function nounOf(run: Run): 'ticket' | 'item' {
  const { lines, n, scratch } = run.pb;
  for (let i = 0; i < n; i++) {
    if (scratch.eligible[i] === 1 && lines[i]?.kind !== 'ticket') return 'item';
  }
  return 'ticket';
}
