import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  evaluateCode,
  priceBasket,
  type Basket,
  type CodeDefinition,
  type EvaluationContext,
} from '../../../../shared/discounts';

interface EngineCase {
  id: string;
  source?: string;
  code: CodeDefinition;
  basket: Basket;
  ctx: EvaluationContext;
  expect: {
    ok: boolean;
    discount?: number;
    lines?: Record<string, number>;
    total?: number;
    vat?: Record<string, number>;
    reason?: string;
    overridden?: string[];
  };
}

function load(name: string): EngineCase[] {
  const path = fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as EngineCase[]) : [];
}

// Each case's `source` says where it comes from: a rule or clarification of docs/ENGINE.md, a data shape
// of it ("Rules", "Basket"), or the requirements' seed document a public case was taken from.
const publicCases = load('engine-cases.public.json');
const ownCases = load('engine-cases.own.json');

function check(c: EngineCase): void {
  const evaluation = evaluateCode(c.code, c.basket, c.ctx);
  const want = c.expect;
  expect(evaluation.ok, evaluation.trace.join('\n')).toBe(want.ok);
  if (!evaluation.ok) {
    if (want.reason !== undefined) expect(evaluation.reason).toBe(want.reason);
    return;
  }
  if (want.discount !== undefined) expect(evaluation.discount).toBe(want.discount);
  if (want.lines !== undefined) {
    const byLine = Object.fromEntries(evaluation.lines.map((line) => [line.lineId, line.discount]));
    for (const [lineId, discount] of Object.entries(want.lines))
      expect(byLine[lineId], lineId).toBe(discount);
  }
  if (want.overridden !== undefined) expect(evaluation.overridden).toEqual(want.overridden);
  if (want.total !== undefined || want.vat !== undefined) {
    const priced = priceBasket(c.basket, evaluation);
    if (want.total !== undefined) expect(priced.total).toBe(want.total);
    if (want.vat !== undefined) {
      const vat = Object.fromEntries(priced.vat.map((entry) => [String(entry.rate), entry.vat]));
      for (const [rate, amount] of Object.entries(want.vat)) expect(vat[rate], `VAT at ${rate}`).toBe(amount);
    }
  }
}

describe('engine acceptance cases (public)', () => {
  it('loads all 54 public cases', () => {
    expect(publicCases).toHaveLength(54);
  });
  it.each(publicCases.map((c) => [c.id, c] as const))('passes %s', (_id, c) => check(c));
});

describe.runIf(ownCases.length > 0)('engine acceptance cases (own)', () => {
  it.each(ownCases.map((c) => [c.id, c] as const))('passes %s', (_id, c) => check(c));
});
