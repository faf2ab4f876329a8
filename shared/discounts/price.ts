import { mulDivRoundHalfUp } from '../money';
import { splitByWeights } from './allocate';
import { FULL_PERCENT } from './limits';
import type { InputProblem } from './messages';
import type { Basket, BasketLine, CustomDiscount, Evaluation, LineDiscount, PricedBasket } from './types';
import {
  EngineInputError,
  checkBasket,
  checkCustom,
  toValidationResult,
  type InputIssue,
  type ValidationResult,
} from './validate';

// priceBasket has no failure arm in the contract, so bad input throws EngineInputError (a caller bug:
// the terminal built the basket); tryPriceBasket offers the same as a typed result for boundaries.

export type PriceResult = { ok: true; value: PricedBasket } | Extract<ValidationResult, { ok: false }>;

export function priceBasket(
  basket: Basket,
  applied: Evaluation | null,
  custom?: CustomDiscount,
): PricedBasket {
  const issue = checkPriceInput(basket, applied, custom);
  if (issue !== null) throw new EngineInputError(issue);
  return price(basket, applied, custom);
}

export function tryPriceBasket(
  basket: Basket,
  applied: Evaluation | null,
  custom?: CustomDiscount,
): PriceResult {
  const issue = checkPriceInput(basket, applied, custom);
  if (issue !== null) return toValidationResult(issue) as Extract<ValidationResult, { ok: false }>;
  return { ok: true, value: price(basket, applied, custom) };
}

function checkPriceInput(basket: unknown, applied: unknown, custom: unknown): InputIssue | null {
  return checkBasket(basket) ?? checkCustom(custom) ?? checkApplied(basket as Basket, applied);
}

const MISMATCH: InputProblem = { kind: 'mismatch' };

// A stale evaluation (the basket changed after the code was checked) must not price the new basket.
function checkApplied(basket: Basket, applied: unknown): InputIssue | null {
  if (applied === null || applied === undefined) return null;
  if (typeof applied !== 'object') return { field: 'applied', problem: { kind: 'object' } };
  const evaluation = applied as Evaluation;
  if (evaluation.ok === false) return null;
  if (evaluation.ok !== true) return { field: 'applied.ok', problem: { kind: 'boolean' } };
  if (!Array.isArray(evaluation.lines)) return { field: 'applied.lines', problem: { kind: 'list' } };
  const seen = new Set<string>();
  let sum = 0;
  for (let k = 0; k < evaluation.lines.length; k++) {
    const entry = evaluation.lines[k] as LineDiscount;
    const at = `applied.lines[${k}]`;
    const line = basket.lines.find((candidate) => candidate.id === entry.lineId);
    if (line === undefined || seen.has(entry.lineId)) return { field: `${at}.lineId`, problem: MISMATCH };
    seen.add(entry.lineId);
    const units = entry.unitDiscounts;
    if (!Array.isArray(units) || units.length !== line.qty)
      return { field: `${at}.unitDiscounts`, problem: MISMATCH };
    let lineSum = 0;
    for (let u = 0; u < units.length; u++) {
      const unit = units[u];
      if (typeof unit !== 'number' || !Number.isSafeInteger(unit) || unit < 0) {
        return { field: `${at}.unitDiscounts[${u}]`, problem: { kind: 'minor' } };
      }
      if (unit > line.unitPrice || (line.kind === 'fee' && unit > 0)) {
        return { field: `${at}.unitDiscounts[${u}]`, problem: MISMATCH };
      }
      lineSum += unit;
    }
    if (entry.discount !== lineSum) return { field: `${at}.discount`, problem: MISMATCH };
    sum += lineSum;
  }
  if (evaluation.discount !== sum) return { field: 'applied.discount', problem: MISMATCH };
  return null;
}

function price(basket: Basket, applied: Evaluation | null, custom: CustomDiscount | undefined): PricedBasket {
  const lines = basket.lines;
  const n = lines.length;
  const gross: number[] = [];
  const code: number[] = [];
  const left: number[] = [];
  const codeByLine = new Map<string, number>();
  if (applied?.ok === true) for (const entry of applied.lines) codeByLine.set(entry.lineId, entry.discount);
  let grossSum = 0;
  let codeSum = 0;
  let leftSum = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i] as BasketLine;
    const lineGross = line.unitPrice * line.qty;
    const lineCode = codeByLine.get(line.id) ?? 0;
    gross.push(lineGross);
    code.push(lineCode);
    // docs/ENGINE.md rule 13: a custom discount takes from what the code left, never from a fee.
    const rest = line.kind === 'fee' ? 0 : lineGross - lineCode;
    left.push(rest);
    grossSum += lineGross;
    codeSum += lineCode;
    leftSum += rest;
  }
  const customTotal = customAmount(custom, leftSum);
  const customShares = splitByWeights(customTotal, left);

  const pricedLines: PricedBasket['lines'] = [];
  const grossByRate = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const line = lines[i] as BasketLine;
    const lineCustom = customShares[i] ?? 0;
    const total = (gross[i] as number) - (code[i] as number) - lineCustom;
    pricedLines.push({
      lineId: line.id,
      gross: gross[i] as number,
      codeDiscount: code[i] as number,
      customDiscount: lineCustom,
      total,
    });
    grossByRate.set(line.vatRate, (grossByRate.get(line.vatRate) ?? 0) + total);
  }
  return {
    gross: grossSum,
    codeDiscount: codeSum,
    customDiscount: customTotal,
    total: grossSum - codeSum - customTotal,
    lines: pricedLines,
    vat: vatByRate(grossByRate),
  };
}

function customAmount(custom: CustomDiscount | undefined, left: number): number {
  if (custom === undefined) return 0;
  if (custom.kind === 'percentage') return mulDivRoundHalfUp(custom.value, left, FULL_PERCENT);
  return Math.min(custom.value, left);
}

/**
 * docs/ENGINE.md rule 12: per rate, on the discounted gross summed per rate:
 * vat = gross − round(gross × 10000 / (10000 + rate)).
 */
function vatByRate(grossByRate: Map<number, number>): PricedBasket['vat'] {
  const rates = [...grossByRate.keys()].sort((a, b) => a - b);
  return rates.map((rate) => {
    const gross = grossByRate.get(rate) ?? 0;
    const net = mulDivRoundHalfUp(gross, FULL_PERCENT, FULL_PERCENT + rate);
    return { rate, gross, net, vat: gross - net };
  });
}

/**
 * A line's custom discount per unit, split like docs/ENGINE.md rule 9 over what the code left on each unit:
 * for refunds and receipts that need the custom share of one unit.
 */
export function splitCustomOverUnits(
  line: BasketLine,
  codeUnitDiscounts: readonly number[] | undefined,
  lineCustom: number,
): number[] {
  const weights: number[] = [];
  for (let u = 0; u < line.qty; u++) weights.push(line.unitPrice - (codeUnitDiscounts?.[u] ?? 0));
  return splitByWeights(lineCustom, weights);
}
