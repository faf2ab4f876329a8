import { parseArgs } from 'node:util';

// The technician's backup and restore commands (docs/OPERATIONS.md) share how they read their
// options and how they end: a sentence and exit code 1 for anything they refuse.

export class Refusal extends Error {}

/** The named options given after `--`, each a string; a missing required one, or an unknown one, is refused. */
export function readOptions<K extends string>(
  usage: string,
  known: readonly K[],
  args = process.argv.slice(2),
): Partial<Record<K, string>> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(known.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Partial<Record<K, string>>;
  } catch (error) {
    throw new Refusal(`${(error as Error).message}. Usage: ${usage}`);
  }
}

export function required(value: string | undefined, what: string, usage: string): string {
  if (!value) throw new Refusal(`Say ${what}. Usage: ${usage}`);
  return value;
}

/** Runs a command: a refusal (or an error the command names as one) is printed and exits with 1. */
export async function runCommand(main: () => Promise<void>, refusals: (new (...a: never[]) => Error)[] = []) {
  try {
    await main();
  } catch (error) {
    if (error instanceof Refusal || refusals.some((kind) => error instanceof kind)) {
      console.error((error as Error).message);
      process.exit(1);
    }
    throw error;
  }
}

export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
