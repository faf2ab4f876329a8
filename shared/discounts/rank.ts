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
 * The code with the fields the engine reads in one fixed shape. Catalogue codes often each have a
 * hidden class of their own (V8 gives every `{ ...parent, id, code }` copy a new one), and every read
 * of such an object is a slow megamorphic lookup (about 0.1 µs), where a ranking reads a dozen fields
 * per code. Object.assign copies the own fields in one builtin pass into an object whose shape is
 * always the same.
 */
function ownFields(code: CodeDefinition): CodeDefinition {
  // An array is no code: it stays as it is, so validation still refuses it.
  if (Array.isArray(code)) return code;
  const own: Record<keyof CodeDefinition, unknown> = Object.assign(
    {
      id: undefined,
      code: undefined,
      name: undefined,
      status: undefined,
      isParent: undefined,
      benefit: undefined,
      rules: undefined,
      autoApply: undefined,
    },
    code,
  );
  for (const key of FIELDS) if (own[key] === undefined && elsewhere(code, key)) own[key] = code[key];
  return own as CodeDefinition;
}

const FIELDS: readonly (keyof CodeDefinition)[] = [
  'id',
  'code',
  'name',
  'status',
  'isParent',
  'benefit',
  'rules',
  'autoApply',
];

/**
 * Whether a field the copy lacks can still have a value: only when inherited or not enumerable.
 * Checked without reading the code, because reading an absent field is the slowest lookup of all.
 */
function elsewhere(code: CodeDefinition, key: keyof CodeDefinition): boolean {
  return (
    Object.getPrototypeOf(code) !== Object.prototype || Object.hasOwn(code, key) || key in Object.prototype
  );
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
  // Catalogues usually arrive ordered by code: noticed on the way, so the sorts need not read every
  // code's text again (slow on codes of many hidden classes, see ownFields). Only text orders
  // transitively, so a code and id that are not both text (bad input) leave the lists to be checked.
  let inCodeOrder = true;
  let previous: CodeDefinition | null = null;
  for (const original of codes) {
    if (typeof original !== 'object' || original === null) continue;
    const code = ownFields(original);
    if (!isVisibleTo(code, ctx)) continue;
    inCodeOrder &&=
      typeof code.code === 'string' &&
      typeof code.id === 'string' &&
      (previous === null || compareCodes(previous, code) <= 0);
    previous = code;
    const inspected = inspectCode(code);
    const evaluation =
      typeof inspected === 'number'
        ? evaluatePrepared(code, pb, pc, pc.overuse, inspected)
        : invalidInput(code, inspected);
    const entry = { code: original, evaluation };
    if (evaluation.ok) applicable.push(entry);
    else if (evaluation.hint !== undefined) hinted.push(entry);
    else others.push(entry);
  }
  // The sort is stable: when the codes already come in code order, equal savings keep it for free,
  // and the other two lists are in order as they are.
  if (inCodeOrder) return sortBySaving(applicable).concat(hinted, others);
  applicable.sort(isInCodeOrder(applicable) ? bySavingOnly : bySaving);
  return applicable.concat(sortByCode(hinted), sortByCode(others));
}

function saving(entry: RankedCode): number {
  return entry.evaluation.ok ? entry.evaluation.discount : 0;
}

function bySavingOnly(a: RankedCode, b: RankedCode): number {
  return saving(b) - saving(a);
}

/**
 * The same order as a stable sort with bySavingOnly, without a comparator call per comparison: each
 * entry's saving and position make one number, and those sort natively (a ranking of thousands of
 * codes otherwise spends more on comparator calls than on the comparisons). A saving too large for
 * that number to stay exact leaves it to the comparator.
 */
function sortBySaving(entries: RankedCode[]): RankedCode[] {
  const n = entries.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = -saving(entries[i] as RankedCode) * n + i;
    if (!Number.isSafeInteger(key)) return entries.sort(bySavingOnly);
    keys[i] = key;
  }
  keys.sort();
  const sorted = new Array<RankedCode>(n);
  for (let k = 0; k < n; k++) sorted[k] = entries[(((keys[k] as number) % n) + n) % n] as RankedCode;
  return sorted;
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
  return compareCodes(a.code, b.code);
}

function compareCodes(a: CodeDefinition, b: CodeDefinition): number {
  return compareText(a.code, b.code) || compareText(a.id, b.id);
}

// A list in code order already needs one pass instead of a sort.
function sortByCode(entries: RankedCode[]): RankedCode[] {
  return isInCodeOrder(entries) ? entries : entries.sort(byCode);
}

// Ordinal, not locale-aware: the same order on every terminal, renderer and server.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * docs/ENGINE.md rule 14: among auto-apply codes that evaluate ok, the lowest priority number wins (ties:
 * larger discount, then code). Evaluated without overuse: a supervisor's grant is for the code staff chose,
 * and an automatic code must never bypass a limit unasked.
 */
export function selectAutoApply(
  codes: CodeDefinition[],
  basket: Basket,
  ctx: EvaluationContext,
): Evaluation | null {
  const { pb, pc } = prepared(basket, ctx);
  let best: { code: CodeDefinition; evaluation: Extract<Evaluation, { ok: true }> } | null = null;
  for (const original of codes) {
    if (typeof original !== 'object' || original === null) continue;
    const code = ownFields(original);
    if (code.autoApply === undefined) continue;
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
