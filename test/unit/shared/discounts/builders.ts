import type {
  Basket,
  BasketLine,
  Benefit,
  CodeDefinition,
  Evaluation,
  EvaluationContext,
  Rules,
  Usage,
} from '../../../../shared/discounts';

// Small builders so each test states only what it is about.

export function line(id: string, unitPrice: number, qty = 1, extra: Partial<BasketLine> = {}): BasketLine {
  return { id, itemId: id, kind: 'ticket', unitPrice, qty, vatRate: 0, ...extra };
}

export function basket(lines: BasketLine[], extra: Partial<Basket> = {}): Basket {
  return { currency: 'EUR', lines, ...extra };
}

export function code(
  benefit: Benefit,
  rules: Rules = {},
  extra: Partial<CodeDefinition> = {},
): CodeDefinition {
  return { id: 'c1', code: 'TEST', name: 'Test code', status: 'active', benefit, rules, ...extra };
}

export function pct(percent: number, rules: Rules = {}, extra: Partial<CodeDefinition> = {}): CodeDefinition {
  return code({ type: 'percentage', percent }, rules, extra);
}

export function ctx(extra: Partial<EvaluationContext> = {}): EvaluationContext {
  return { now: '2025-07-15T12:00:00Z', channel: 'box_office', staffRoles: ['seller'], ...extra };
}

export function usage(extra: Partial<Usage> = {}): Usage {
  return {
    uses: 0,
    itemUses: 0,
    discountGiven: 0,
    customerUses: 0,
    customerItemUses: 0,
    customerUsesByEvent: {},
    customerUsesBySchedule: {},
    ...extra,
  };
}

export const customer = { id: 'k1', priorOrders: 0, groups: [] as string[] };

export type Ok = Extract<Evaluation, { ok: true }>;
export type Failed = Extract<Evaluation, { ok: false }>;

export function expectOk(evaluation: Evaluation): Ok {
  if (!evaluation.ok)
    throw new Error(`expected ok, got ${evaluation.reason}: ${evaluation.trace.join(' | ')}`);
  return evaluation;
}

export function expectFail(evaluation: Evaluation): Failed {
  if (evaluation.ok)
    throw new Error(`expected a failure, got ${evaluation.discount}: ${evaluation.trace.join(' | ')}`);
  return evaluation;
}

/** lineId → line discount. */
export function byLine(evaluation: Evaluation): Record<string, number> {
  return Object.fromEntries(expectOk(evaluation).lines.map((l) => [l.lineId, l.discount]));
}

/** lineId → unit discounts. */
export function unitsByLine(evaluation: Evaluation): Record<string, number[]> {
  return Object.fromEntries(expectOk(evaluation).lines.map((l) => [l.lineId, l.unitDiscounts]));
}
