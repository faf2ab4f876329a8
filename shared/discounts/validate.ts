import { invalidInputMessage, type InputProblem } from './messages';
import type { LocalizedMessage } from './types';
import { checkBasket } from './validate-basket';
import { checkCode } from './validate-code';
import { checkContext, checkCustom } from './validate-context';
import type { InputIssue } from './validate-primitives';

// Hand-written checks instead of a schema library: they run in the hot path (once per basket, context
// and code) and shared/ imports nothing. Field paths start at the argument's name (`basket.lines[2].qty`,
// `code.rules.minSpend`, `ctx.now`) because one evaluation reports on three arguments at once.

export { checkBasket } from './validate-basket';
export { checkCode, inspectCode } from './validate-code';
export { checkContext, checkCustom } from './validate-context';
export type { InputIssue } from './validate-primitives';

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

export function validateCustom(custom: unknown): ValidationResult {
  return toValidationResult(checkCustom(custom));
}
