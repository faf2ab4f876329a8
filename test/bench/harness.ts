// The bench harness: each suite measures real code paths and returns named figures. `npm run bench`
// prints a table; `npm run bench -- --json` prints one JSON object of name → value.

export interface Target {
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  /** Dotted name quoted by issues and notes, e.g. `engine.evaluate_p50_us`. */
  name: string;
  value: number;
  unit: string;
  target?: Target;
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<Figure[]>;
}

/** Nearest-rank percentile of an ascending-sorted sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample');
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Runs `fn` `iterations` times after `warmup` runs and returns each run's duration in ms, sorted. */
export async function sample(
  fn: () => unknown,
  iterations: number,
  warmup = Math.ceil(iterations / 10),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export function meets(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  return figure.target.op === '<='
    ? figure.value <= figure.target.value
    : figure.value >= figure.target.value;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
