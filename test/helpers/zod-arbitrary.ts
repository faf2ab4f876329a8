import fc from 'fast-check';
import type { z } from 'zod';

// fast-check arbitraries generated from the zod v4 schemas the server routes and the terminal channels
// declare, so a fuzz test covers a new field or route without anyone writing a generator for it.
// Values are mostly valid (so requests get past validation into the services, where the bugs are)
// with "near misses" mixed in at every level: NUL, lone surrogates, 2^53, huge and negative numbers,
// fractions, wrong types, extra keys, deep nesting. An unknown schema kind throws, naming it, so a new
// kind gets a generator instead of being skipped.

export interface ArbitraryOptions {
  /** Weight of a near miss against 10 valid values at each node; 0 for valid values only. */
  nearMiss?: number;
}

interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const TWO_53 = 2 ** 53;

/** Values of every JSON type but the expected one, and the classic troublemakers. */
export const wrongTypes: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  true,
  0,
  -1,
  TWO_53,
  1e308,
  '',
  'x',
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
);

/** Strings that are valid JSON but no database stores, or that stress length and parsing. */
export const nastyStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDC00y',
    '\uD83D\uDE00',
    ' ',
    '%00',
    "'; DROP TABLE codes; --",
    '../../etc/passwd',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'x'.repeat(10_000),
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const nastyNumbers: fc.Arbitrary<number> = fc.constantFrom(
  -1,
  -TWO_53,
  TWO_53,
  TWO_53 + 2,
  Number.MAX_SAFE_INTEGER,
  2 ** 31,
  2 ** 63,
  1e308,
  -1e308,
  0.5,
  -0,
  1e-7,
);

/** A value nested `depth` arrays deep: a stack-depth probe for the parser and the services. */
export const deepNesting = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

function checks(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function bounds(def: Def, lo: number, hi: number): { min: number; max: number } {
  let min = lo;
  let max = hi;
  for (const c of checks(def)) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = Math.max(min, c.minimum);
    if (c.check === 'max_length' && c.maximum !== undefined) max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && c.length !== undefined) min = max = c.length;
  }
  return { min, max: Math.max(min, max) };
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const formats = [
    def.format,
    ...checks(def).map((c) => (c.check === 'string_format' ? c.format : undefined)),
  ];
  if (formats.includes('uuid')) return fc.uuid({ version: [4, 7] });
  // fast-check's addresses follow RFC 5322, zod's pattern is stricter: keep those zod accepts.
  if (formats.includes('email')) {
    const pattern = (def.pattern ?? checks(def).find((c) => c.format === 'email')?.pattern) as RegExp;
    return fc.emailAddress().filter((e) => e.length <= 200 && pattern.test(e));
  }
  if (formats.includes('datetime')) {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (formats.includes('ipv4')) return fc.ipV4();
  if (formats.includes('ipv6')) return fc.ipV6();
  const regex = checks(def).find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
  if (regex) {
    const declared = bounds(def, 0, Number.MAX_SAFE_INTEGER);
    return fc.stringMatching(regex).filter((s) => s.length >= declared.min && s.length <= declared.max);
  }
  const { min, max } = bounds(def, 0, 60);
  const unknownFormat = formats.find((f) => f !== undefined && f !== 'regex');
  if (unknownFormat) throw new Error(`zod-arbitrary: no generator for string format ${unknownFormat}`);
  // Non-blank, so a .trim().min(1) field is usually valid.
  return fc.string({ minLength: Math.max(min, 1), maxLength: Math.min(max, Math.max(min, 1) + 30) });
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let integer = false;
  for (const c of checks(def)) {
    if (c.check === 'greater_than' && c.value !== undefined) min = c.inclusive ? c.value : c.value + 1;
    if (c.check === 'less_than' && c.value !== undefined) max = c.inclusive ? c.value : c.value - 1;
    if (c.check === 'number_format') integer = true;
  }
  const edges = fc.constantFrom(min, max);
  const inner = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: edges });
}

/** An arbitrary of values for `schema`'s input (what a client sends), near misses included. */
export function arbitraryFor(schema: z.ZodType, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const nearMiss = options.nearMiss ?? 1;
  const cache = new Map<unknown, fc.Arbitrary<unknown>>();

  function withNearMiss(valid: fc.Arbitrary<unknown>, misses: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    if (nearMiss <= 0) return valid;
    return fc.oneof({ weight: 10, arbitrary: valid }, { weight: nearMiss, arbitrary: misses });
  }

  function build(node: unknown): fc.Arbitrary<unknown> {
    const known = cache.get(node);
    if (known) return known;
    const def = defOf(node);
    let arbitrary: fc.Arbitrary<unknown>;
    switch (def.type) {
      case 'string':
        arbitrary = withNearMiss(stringArbitrary(def), fc.oneof(nastyStrings, wrongTypes));
        break;
      case 'number':
        arbitrary = withNearMiss(numberArbitrary(def), fc.oneof(nastyNumbers, wrongTypes));
        break;
      case 'boolean':
        arbitrary = withNearMiss(fc.boolean(), wrongTypes);
        break;
      case 'null':
        arbitrary = fc.constant(null);
        break;
      case 'unknown':
      case 'any':
        arbitrary = fc.oneof(fc.jsonValue({ maxDepth: 2 }), wrongTypes);
        break;
      case 'enum':
        arbitrary = withNearMiss(
          fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)),
          fc.oneof(nastyStrings, wrongTypes),
        );
        break;
      case 'literal':
        arbitrary = withNearMiss(fc.constantFrom(...(def.values as unknown[])), wrongTypes);
        break;
      case 'optional':
        arbitrary = fc.option(build(def.innerType), { nil: undefined, freq: 3 });
        break;
      case 'nullable':
        arbitrary = fc.option(build(def.innerType), { nil: null, freq: 3 });
        break;
      case 'default':
      case 'prefault':
        arbitrary = fc.option(build(def.innerType), { nil: undefined, freq: 3 });
        break;
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        arbitrary = build(def.innerType);
        break;
      case 'lazy':
        arbitrary = fc.constant(null).chain(() => build((def.getter as () => unknown)()));
        break;
      case 'pipe':
        // What the client sends is the pipe's input; a transform's output never travels.
        arbitrary = build(def.in);
        break;
      case 'union':
        arbitrary = fc.oneof(...(def.options as unknown[]).map(build));
        break;
      case 'array': {
        const { min, max } = bounds(def, 0, 5);
        arbitrary = withNearMiss(
          fc.array(build(def.element), { minLength: min, maxLength: Math.min(max, min + 5) }),
          fc.oneof(wrongTypes, fc.constant(deepNesting(1000))),
        );
        break;
      }
      case 'tuple':
        arbitrary = fc.tuple(...(def.items as unknown[]).map(build));
        break;
      case 'record':
        arbitrary = fc.dictionary(
          build(def.keyType).filter((k): k is string => typeof k === 'string'),
          build(def.valueType),
          { maxKeys: 4 },
        );
        break;
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, field] of Object.entries(shape)) record[key] = build(field);
        const valid = fc
          .record(record)
          // fc.record writes optional fields as undefined; JSON would drop them anyway.
          .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
        const extraKey = valid.chain((o) =>
          fc
            .tuple(fc.constantFrom('colour', '__proto__', 'constructor', 'orgId', 'id'), wrongTypes)
            .map(([key, value]) => ({ ...o, [key]: value })),
        );
        arbitrary = withNearMiss(valid, fc.oneof(extraKey, wrongTypes, fc.constant(deepNesting(1000))));
        break;
      }
      default:
        throw new Error(`zod-arbitrary: no generator for zod type ${def.type}; add one`);
    }
    cache.set(node, arbitrary);
    return arbitrary;
  }

  return build(schema);
}
