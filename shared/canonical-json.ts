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

export function canonicalJson(value: unknown, maxDepth: number = MAX_JSON_DEPTH): string {
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
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new CanonicalJsonError('NOT_FINITE', 'canonicalJson: non-finite number');
      out.push(JSON.stringify(v) ?? 'null');
      continue;
    }
    if (depth >= maxDepth) {
      throw new CanonicalJsonError('TOO_DEEP', `The JSON is nested more than ${maxDepth} levels deep.`);
    }
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
