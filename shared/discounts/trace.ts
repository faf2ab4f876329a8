import type { Run } from './run';

// The trace: plain sentences saying which rules were checked and why these units were chosen, for the
// staff's "why" view and for support (docs/ENGINE.md rule 16).

// Evaluations are synchronous and never nested, so the sentences of the one under way wait here and
// the result gets an exactly sized copy: an array grown by push keeps room for 17 entries, and
// rankCodes keeps thousands of traces alive at once.
const sentences: string[] = [];

/**
 * Adds a sentence to the trace. Reading one character makes V8 flatten a concatenated string in
 * place, and a flat string holds a fraction of the memory of the concatenation tree it replaces.
 */
export function note(run: Run, text: string): void {
  text.charCodeAt(0);
  sentences[run.traceLength] = text;
  run.traceLength += 1;
}

const MEMO_SIZE = 64;
const MEMO_SPLIT = 1_048_576;

/**
 * Notes a sentence that depends only on two numbers (b < 2^20), built once per ranking: most codes of
 * a catalogue share "Eligible: 42 units on 17 lines." or "10% of 76.65 = 7.67.".
 */
export function noteMemo(
  run: Run,
  kind: number,
  a: number,
  b: number,
  build: (run: Run, a: number, b: number) => string,
): void {
  const memos = run.pb.shared?.sentences;
  const key = a * MEMO_SPLIT + b;
  if (memos === undefined || b >= MEMO_SPLIT || !Number.isSafeInteger(key)) {
    note(run, build(run, a, b));
    return;
  }
  const memo = (memos[kind] ??= new Map<number, string>());
  let text = memo.get(key);
  if (text === undefined) {
    text = build(run, a, b);
    text.charCodeAt(0);
    if (memo.size < MEMO_SIZE) memo.set(key, text);
  }
  sentences[run.traceLength] = text;
  run.traceLength += 1;
}

export const MEMO_ELIGIBLE = 0;
export const MEMO_PERCENTAGE = 1;
export const MEMO_FIXED_ORDER = 2;
export const MEMO_SPEND_QTY = 3;
export const MEMO_SPECIFIC_PRICE = 4;

export function takeTrace(run: Run): string[] {
  return sentences.slice(0, run.traceLength);
}
