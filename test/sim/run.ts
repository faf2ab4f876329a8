// `npm run sim -- --runs 5000 [--seed N] [--path P] [--steps MIN-MAX] [--terminals K]`: the long search.
// It runs the very same vitest file as CI (ids are swapped in with vi.mock there), only with a bigger
// budget; a failure prints fast-check's seed and path, which `--seed` and `--path` replay.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const env: NodeJS.ProcessEnv = { ...process.env, SIM_RUNS: value('runs') ?? '5000' };
const seed = value('seed');
if (seed !== undefined) env.SIM_SEED = seed;
const path = value('path');
if (path !== undefined) env.SIM_PATH = path;
const terminals = value('terminals');
if (terminals !== undefined) env.SIM_TERMINALS = terminals;
const steps = value('steps')?.split('-');
if (steps?.[0]) env.SIM_MIN_STEPS = steps[0];
if (steps?.[1]) env.SIM_MAX_STEPS = steps[1];
if (args.includes('--debug')) env.SIM_DEBUG = '1';

const result = spawnSync('npx', ['vitest', 'run', 'test/sim/sim.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
