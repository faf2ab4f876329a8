import { z } from 'zod';

// Text is checked once, where it enters: PostgreSQL and PGlite refuse U+0000 in text and JSONB, and a
// lone UTF-16 surrogate has no UTF-8 form, so such a string fails only later, deep in a write, as a
// 500 or a push that never goes through. Every string field of the IPC contract and of the server's
// requests is built with `text()`.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE =
  'contains a NUL character or broken Unicode (a lone surrogate): remove it and type the text again';

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** A string that can be stored anywhere: chain .trim(), .min(), .max(), .regex() … as on z.string(). */
export function text() {
  return z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

// In JSON text (as JSON.stringify writes it) both show up as escapes: \u0000, and \udXXX for a lone
// surrogate (a paired one is written as itself). An even run of backslashes before it is an escaped
// backslash followed by plain letters, not an escape.
const UNSTORABLE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** True when JSON text written by JSON.stringify holds no string PostgreSQL's JSONB would refuse. */
export function isStorableJson(json: string): boolean {
  return !UNSTORABLE_ESCAPE.test(json);
}
