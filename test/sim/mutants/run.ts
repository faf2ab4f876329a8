// `npm run sim:mutants [-- --runs N] [--jobs J] [--only NAME,NAME] [--seed S]`: how strong is the simulation?
// Each patch in this folder plants one realistic bug in the sync, escrow, outbox or seat code. For each, the
// script makes a temporary worktree of the committed HEAD, applies the patch there (never here), and
// runs the very simulation CI runs, at CI's budget unless told otherwise. A mutant is caught when the
// simulation fails; the report gives the runs it took and the invariant that caught it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { simConfig } from '../sim-config';

const root = resolve(import.meta.dirname, '../../..');
const folder = import.meta.dirname;
const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(value('runs') ?? simConfig({}).runs);
const jobs = Math.max(1, Number(value('jobs') ?? 2));
const only = value('only');
const seed = value('seed');

export interface MutantOutcome {
  name: string;
  caught: boolean;
  /** Runs until the first failure, when caught. */
  runs?: number;
  /** The tag of the first violation, e.g. "[1 no lost sale]", or "[no error]" for a failed till action. */
  invariant?: string;
  seconds: number;
  /** The simulation did not run to a verdict (the patch broke the build or the harness). */
  error?: string;
}

/** Reads a vitest run of the simulation: fast-check's "failed after N tests" and the first violation. */
export function verdict(output: string, exitCode: number): Omit<MutantOutcome, 'name' | 'seconds'> {
  if (exitCode === 0) return { caught: false };
  const failed = /Property failed after (\d+) tests?/.exec(output);
  if (!failed) return { caught: false, error: output.split('\n').slice(-15).join('\n') };
  const tag = /\[(\d+ )?[a-z][a-z -]*\]/.exec(output.slice(failed.index));
  return { caught: true, runs: Number(failed[1]), ...(tag ? { invariant: tag[0] } : {}) };
}

function git(cwd: string, ...argv: string[]): void {
  const result = spawnSync('git', argv, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${argv.join(' ')}: ${result.stderr.trim()}`);
}

async function runMutant(patch: string): Promise<MutantOutcome> {
  const name = basename(patch, '.patch');
  const dir = mkdtempSync(join(tmpdir(), `pos-mutant-${name}-`));
  const started = Date.now();
  try {
    git(root, 'worktree', 'add', '--detach', '--force', dir, 'HEAD');
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    git(dir, 'apply', patch);
    const env: NodeJS.ProcessEnv = { ...process.env, SIM_RUNS: String(runs), SIM_NO_SHRINK: '1' };
    if (seed !== undefined) env.SIM_SEED = seed;
    const { output, code } = await new Promise<{ output: string; code: number }>((done) => {
      const child = spawn('npx', ['vitest', 'run', 'test/sim/sim.test.ts'], { cwd: dir, env });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('close', (status) => done({ output: text, code: status ?? 1 }));
    });
    return { name, seconds: Math.round((Date.now() - started) / 1000), ...verdict(output, code) };
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
    rmSync(dir, { recursive: true, force: true });
  }
}

function line(o: MutantOutcome): string {
  const what = o.error
    ? 'ERROR (no verdict)'
    : o.caught
      ? `caught after ${o.runs} run(s) by ${o.invariant ?? 'an exception'}`
      : `SURVIVED ${runs} runs`;
  return `${o.name.padEnd(48)} ${what} (${o.seconds} s)`;
}

async function main(): Promise<void> {
  const patches = readdirSync(folder)
    .filter((f) => f.endsWith('.patch') && (!only || only.split(',').some((o) => f.includes(o))))
    .sort()
    .map((f) => join(folder, f));
  console.log(
    `${patches.length} mutant(s), ${runs} simulation runs each (CI's budget is ${simConfig({}).runs}), ${jobs} at a time`,
  );
  const outcomes: MutantOutcome[] = [];
  const queue = [...patches];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let patch = queue.shift(); patch; patch = queue.shift()) {
        const outcome = await runMutant(patch);
        outcomes.push(outcome);
        console.log(line(outcome));
        if (outcome.error) console.log(outcome.error);
      }
    }),
  );
  outcomes.sort((a, b) => a.name.localeCompare(b.name));
  const caught = outcomes.filter((o) => o.caught);
  const firsts = caught.map((o) => o.runs ?? 0).sort((a, b) => a - b);
  console.log('\n' + outcomes.map(line).join('\n'));
  console.log(
    `\nmutation score: ${caught.length}/${outcomes.length} caught within ${runs} runs` +
      (firsts.length > 0
        ? `; runs to the first failure: median ${firsts[Math.floor(firsts.length / 2)]}, max ${firsts[firsts.length - 1]}`
        : ''),
  );
  process.exitCode = outcomes.some((o) => o.error) ? 2 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
