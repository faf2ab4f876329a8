/**
 * JSON with object keys sorted at every level, so the terminal and the server hash the same bytes for
 * the same payload (the outbox hash chain). Undefined properties are dropped as JSON.stringify does.
 *
 * It walks with its own stack rather than recursing: a payload nested 20,000 deep arrives over the
 * wire intact (JSON.parse copes) and would overflow the call stack here. Past maxDepth it throws a
 * CanonicalJsonError instead; maxDepth: Infinity serialises any depth (to keep such a payload as bytes).
 */

/** Far deeper than any payload the terminal or the admin API builds. */
export const MAX_JSON_DEPTH = 64;

export class CanonicalJsonError extends Error {
  constructor(
    readonly reason: 'TOO_DEEP' | 'NOT_FINITE',
    message: string,
  ) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

interface Pending {
  value: unknown;
  depth: number;
}

/**
 * Up to this bound the walk recurses, which is several times faster than the explicit stack (every
 * outbox row is serialised inside its sale's transaction); beyond it, as with maxDepth: Infinity, the
 * explicit stack takes over. Both write the same text and throw the same errors.
 */
const RECURSION_LIMIT = 1_000;

export function canonicalJson(value: unknown, maxDepth: number = MAX_JSON_DEPTH): string {
  return maxDepth <= RECURSION_LIMIT ? recursive(value, 0, maxDepth) : iterative(value, maxDepth);
}

function primitive(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CanonicalJsonError('NOT_FINITE', 'canonicalJson: non-finite number');
    // What JSON.stringify writes for a finite number (-0 included), without the call.
    return String(v);
  }
  return JSON.stringify(v) ?? 'null';
}

/** Object keys repeat across payloads (a sale's column names): each is quoted once. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

const tooDeep = (maxDepth: number) =>
  new CanonicalJsonError('TOO_DEEP', `The JSON is nested more than ${maxDepth} levels deep.`);

function recursive(v: unknown, depth: number, maxDepth: number): string {
  if (v === null || typeof v !== 'object') return primitive(v);
  if (depth >= maxDepth) throw tooDeep(maxDepth);
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) text += ',';
      text += recursive(v[i] === undefined ? null : (v[i] as unknown), depth + 1, maxDepth);
    }
    return text + ']';
  }
  const object = v as Record<string, unknown>;
  // Keys are distinct, so the default order (UTF-16 code units) is the explicit stack's comparison.
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const entry = object[key];
    if (entry === undefined) continue;
    if (text.length > 1) text += ',';
    text += quotedKey(key) + recursive(entry, depth + 1, maxDepth);
  }
  return text + '}';
}

function iterative(value: unknown, maxDepth: number): string {
  const out: string[] = [];
  // A string is written as it is; a Pending is a value still to serialise. Pushed in reverse order.
  const work: (string | Pending)[] = [{ value, depth: 0 }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { value: v, depth } = item;
    if (v === null || typeof v !== 'object') {
      out.push(primitive(v));
      continue;
    }
    if (depth >= maxDepth) throw tooDeep(maxDepth);
    if (Array.isArray(v)) {
      work.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        work.push({ value: v[i] === undefined ? null : (v[i] as unknown), depth: depth + 1 });
        if (i > 0) work.push(',');
      }
      work.push('[');
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, e]) => e !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    work.push('}');
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, entry] = entries[i] as [string, unknown];
      work.push({ value: entry, depth: depth + 1 });
      work.push(`${JSON.stringify(key)}:`);
      if (i > 0) work.push(',');
    }
    work.push('{');
  }
  return out.join('');
}
