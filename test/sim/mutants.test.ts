import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdict } from './mutants/run';

// The planted bugs of `npm run sim:mutants` must keep applying to the code they mutate: a patch that
// no longer applies measures nothing. They touch shipped code only, and never land in it.

const root = resolve(import.meta.dirname, '../..');
const folder = join(import.meta.dirname, 'mutants');
const patches = readdirSync(folder).filter((f) => f.endsWith('.patch'));

describe('simulation mutants', () => {
  it('keeps at least thirteen', () => {
    expect(patches.length).toBeGreaterThanOrEqual(13);
  });

  it.each(patches)(
    '%s applies to the current sources and mutates sync, escrow, outbox or seat code',
    (file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const touched = [...text.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
      expect(touched.length).toBeGreaterThan(0);
      for (const path of touched) expect(path).toMatch(/^(src-main|src-server|shared)\//);
      // A description comes first, for the report.
      expect(text.startsWith('Mutant: ')).toBe(true);
      const check = spawnSync('git', ['apply', '--check', join(folder, file)], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    },
  );

  it('reads a simulation run: caught with its runs and invariant, survived, or no verdict', () => {
    const failed = [
      'Error: Property failed after 17 tests',
      '{ seed: 1, path: "16:3" }',
      'Caused by: InvariantViolation: [1 no lost sale] T2: sale x is on the server 0 times',
    ].join('\n');
    expect(verdict(failed, 1)).toEqual({ caught: true, runs: 17, invariant: '[1 no lost sale]' });
    expect(verdict('Property failed after 3 tests\n[no error] T1: a till action failed', 1)).toMatchObject({
      caught: true,
      invariant: '[no error]',
    });
    expect(verdict('Tests 1 passed', 0)).toEqual({ caught: false });
    const broken = verdict('SyntaxError: Unexpected token', 1);
    expect(broken.caught).toBe(false);
    expect(broken.error).toContain('SyntaxError');
  });
});
