import { REASON_MESSAGES } from './messages';
import { OVERRIDABLE_REASONS } from './policy';
import type { PreparedBasket, PreparedContext } from './prepare';
import { note, takeTrace } from './trace';
import type { CodeDefinition, EvaluationFailure, ReasonCode, Rules, Usage } from './types';

/** What one evaluation has learned so far; the checks fill it in as they pass. */
export interface Run {
  readonly code: CodeDefinition;
  readonly rules: Rules;
  readonly pb: PreparedBasket;
  readonly pc: PreparedContext;
  readonly usage: Usage;
  readonly overuse: boolean;
  /** Sentences noted so far (they wait in a shared buffer until the result takes them). */
  traceLength: number;
  /** Rule groups the code sets (rule-mask.ts); checks of absent groups are skipped. */
  readonly mask: number;
  /** Usage limits bypassed under overuse, in docs/ENGINE.md clarification 22's order once finished. */
  overridden: ReasonCode[];
  eligibleUnits: number;
  /** Eligible units before the performance window was applied (docs/ENGINE.md clarification 25). */
  preWindowUnits: number;
  eligibleLines: number;
  eligibleGross: number;
  /** Units left by maxItemUses / maxItemUsesPerCustomer (docs/ENGINE.md rule 3); Infinity if unlimited. */
  itemLimit: number;
  /** Remaining budget before this order; Infinity without a budget. */
  budgetLeft: number;
  /** Units that received a discount above zero (docs/ENGINE.md clarification 30). */
  itemUses: number;
}

export function createRun(
  code: CodeDefinition,
  pb: PreparedBasket,
  pc: PreparedContext,
  usage: Usage,
  overuse: boolean,
  mask: number,
): Run {
  return {
    code,
    rules: code.rules,
    pb,
    pc,
    usage,
    overuse,
    traceLength: 0,
    mask,
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

export function failure(run: Run, reason: ReasonCode, why: string, hint?: string): EvaluationFailure {
  note(run, `${why} → ${reason}.`);
  const message = REASON_MESSAGES[reason];
  const overridable = OVERRIDABLE_REASONS.has(reason);
  const codeId = run.code.id;
  if (hint === undefined) return { ok: false, codeId, reason, message, overridable, trace: takeTrace(run) };
  note(run, `Hint: ${hint}.`);
  return { ok: false, codeId, reason, message, overridable, hint, trace: takeTrace(run) };
}

/** 'ticket' when everything the code could discount is a ticket, for hints such as "add 2 more eligible tickets". */
export function nounOf(run: Run): 'ticket' | 'item' {
  const { lines, n, scratch } = run.pb;
  for (let i = 0; i < n; i++) {
    if (scratch.eligible[i] === 1 && lines[i]?.kind !== 'ticket') return 'item';
  }
  return 'ticket';
}
