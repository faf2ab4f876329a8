import { isVisibleInBoxOffice } from './checks';
import { evaluatePrepared, invalidInput } from './evaluate';
import { prepareBasket, prepareContext } from './prepare';
import type { Basket, CodeDefinition, Evaluation, EvaluationContext, RankedCode } from './types';
import { EngineInputError, checkBasket, checkContext, inspectCode } from './validate';

// The box office dropdown and auto-apply both look at many codes for one basket: the basket and
// context are checked and prepared once, then each code is checked and evaluated against them. A bad
// basket or context is the caller's bug and throws EngineInputError (these return types have no failure
// arm); a bad code is catalogue data and is reported on that code alone.

/** Codes the context may see: active, not a parent, allowed channel, visible in box office to these roles. */
export function isVisibleTo(code: CodeDefinition, ctx: EvaluationContext): boolean {
  if (typeof code !== 'object' || code === null) return false;
  if (code.status !== 'active' || code.isParent === true) return false;
  const rules = code.rules as unknown;
  if (typeof rules !== 'object' || rules === null) return false;
  const channels = code.rules.channels;
  if (Array.isArray(channels) && channels.length > 0 && !channels.includes(ctx.channel)) return false;
  const boxOffice = code.rules.boxOffice as unknown;
  if (boxOffice !== undefined && (typeof boxOffice !== 'object' || boxOffice === null)) return false;
  return isVisibleInBoxOffice(code.rules, ctx);
}

function prepared(basket: Basket, ctx: EvaluationContext) {
  const startsAt = new Map<string, number>();
  const issue = checkBasket(basket) ?? checkContext(ctx, startsAt);
  if (issue !== null) throw new EngineInputError(issue);
  return { pb: prepareBasket(basket, true), pc: prepareContext(ctx, startsAt) };
}

/**
 * Applicable codes first, larger saving first (ties: code, then id); then the rest, those with a hint
 * (nearest to applying) before those without, each by code.
 */
export function rankCodes(codes: CodeDefinition[], basket: Basket, ctx: EvaluationContext): RankedCode[] {
  const { pb, pc } = prepared(basket, ctx);
  const applicable: RankedCode[] = [];
  const hinted: RankedCode[] = [];
  const others: RankedCode[] = [];
  for (const code of codes) {
    if (!isVisibleTo(code, ctx)) continue;
    const inspected = inspectCode(code);
    const evaluation =
      typeof inspected === 'number'
        ? evaluatePrepared(code, pb, pc, pc.overuse, inspected)
        : invalidInput(code, inspected);
    const entry = { code, evaluation };
    if (evaluation.ok) applicable.push(entry);
    else if (evaluation.hint !== undefined) hinted.push(entry);
    else others.push(entry);
  }
  // The sort is stable: when the codes already come in code order, equal savings keep it for free.
  applicable.sort(isInCodeOrder(applicable) ? bySavingOnly : bySaving);
  return applicable.concat(sortByCode(hinted), sortByCode(others));
}

function saving(entry: RankedCode): number {
  return entry.evaluation.ok ? entry.evaluation.discount : 0;
}

function bySavingOnly(a: RankedCode, b: RankedCode): number {
  return saving(b) - saving(a);
}

function bySaving(a: RankedCode, b: RankedCode): number {
  return saving(b) - saving(a) || byCode(a, b);
}

function isInCodeOrder(entries: RankedCode[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    if (byCode(entries[i - 1] as RankedCode, entries[i] as RankedCode) > 0) return false;
  }
  return true;
}

function byCode(a: RankedCode, b: RankedCode): number {
  return compareText(a.code.code, b.code.code) || compareText(a.code.id, b.code.id);
}

// Catalogues usually arrive ordered by code already; checking that is one pass instead of a sort.
function sortByCode(entries: RankedCode[]): RankedCode[] {
  return isInCodeOrder(entries) ? entries : entries.sort(byCode);
}

// Ordinal, not locale-aware: the same order on every terminal, renderer and server.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rule 14: among auto-apply codes that evaluate ok, the lowest priority number wins (ties: larger
 * discount, then code). Evaluated without overuse: a supervisor's grant is for the code staff chose,
 * and an automatic code must never bypass a limit unasked.
 */
export function selectAutoApply(
  codes: CodeDefinition[],
  basket: Basket,
  ctx: EvaluationContext,
): Evaluation | null {
  const { pb, pc } = prepared(basket, ctx);
  let best: { code: CodeDefinition; evaluation: Extract<Evaluation, { ok: true }> } | null = null;
  for (const code of codes) {
    if (typeof code !== 'object' || code === null || code.autoApply === undefined) continue;
    const inspected = inspectCode(code);
    if (typeof inspected !== 'number') continue;
    const evaluation = evaluatePrepared(code, pb, pc, false, inspected);
    if (!evaluation.ok) continue;
    if (best === null || beats(code, evaluation.discount, best.code, best.evaluation.discount))
      best = { code, evaluation };
  }
  return best?.evaluation ?? null;
}

function beats(
  code: CodeDefinition,
  discount: number,
  other: CodeDefinition,
  otherDiscount: number,
): boolean {
  const priority = code.autoApply?.priority ?? 0;
  const otherPriority = other.autoApply?.priority ?? 0;
  if (priority !== otherPriority) return priority < otherPriority;
  if (discount !== otherDiscount) return discount > otherDiscount;
  return (compareText(code.code, other.code) || compareText(code.id, other.id)) < 0;
}
