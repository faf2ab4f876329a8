import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as UuidModule from 'uuid';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { findAppRoot } from '../../src-main/app-info';
import { openDatabase, type Database } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrate';
import { simConfig } from './sim-config';
import { resetIds } from './sim-ids';
import { faultPathsReached, reachReport } from './reach';
import { Simulation } from './simulation';
import { stepsArb } from './steps';

// Ids come from the run's seed instead of the wall clock and crypto (sim-ids.ts explains why).
vi.mock('uuid', async (importOriginal) => {
  const real = await importOriginal<typeof UuidModule>();
  const ids = await import('./sim-ids');
  return { ...real, v7: () => ids.nextId() };
});

const config = simConfig();

describe('sync simulation', () => {
  let store: Database;
  let folder: string;
  const appRoot = findAppRoot();

  beforeAll(async () => {
    // One PGlite per file (creating one takes seconds); each run gets its own organisation in it.
    store = await openDatabase({});
    await migrate(store);
    folder = mkdtempSync(join(tmpdir(), 'pos-sim-'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'keeps every invariant of docs/SYNC.md under drops, duplicates, reordering, partitions, crashes, skew and restores',
    { timeout: 30 * 60_000 },
    async () => {
      let run = 0;
      // What the runs exercised, so a green result can be judged: a sim that never sells proves nothing.
      const totals: Record<string, number> = {};
      // Runs in which each fault path was reached: the share is the simulation's reach (printed below).
      const reached: Record<string, number> = {};
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          stepsArb(config.minSteps, config.maxSteps),
          async (idSeed, steps) => {
            run += 1;
            if (process.env.SIM_PROGRESS && run % 20 === 0)
              console.error(`sim: ${run} runs in ${Math.round((Date.now() - started) / 1000)} s`);
            resetIds(idSeed, run);
            const runFolder = join(folder, `run-${run}`);
            const sim = new Simulation(store, runFolder, run, config.terminals, appRoot);
            const phases: Record<string, number> = {};
            let mark = Date.now();
            const phase = (name: string) => {
              phases[name] = Date.now() - mark;
              mark = Date.now();
            };
            try {
              await sim.setup();
              phase('setup');
              await sim.checkNow();
              for (const step of steps) {
                await sim.guard(sim.step(step), 'step');
                await sim.settle();
                await sim.checkNow();
              }
              phase('steps');
              await sim.guard(sim.heal(), 'heal');
              await sim.guard(sim.drain(), 'drain');
              phase('heal');
              await sim.guard(sim.checkFinal(), 'final check');
              phase('final');
              for (const [k, n] of Object.entries({ ...sim.stats, ...sim.doors.counts() }))
                totals[k] = (totals[k] ?? 0) + n;
              for (const path of faultPathsReached(sim.stats)) reached[path] = (reached[path] ?? 0) + 1;
              if (process.env.SIM_DEBUG)
                console.log(sim.trace.join('\n'), sim.stats, phases, { checks: sim.checkMs });
            } finally {
              await sim.dispose();
              rmSync(runFolder, { recursive: true, force: true });
            }
          },
        ),
        {
          numRuns: config.runs,
          ...(config.seed !== undefined ? { seed: config.seed } : {}),
          ...(config.path !== undefined ? { path: config.path } : {}),
          ...(process.env.SIM_NO_SHRINK ? { endOnFailure: true } : {}),
          // Shrinking a long run can take many minutes; past this the smallest case so far is reported.
          interruptAfterTimeLimit: 20 * 60_000,
          markInterruptAsFailure: true,
          // fast-check's report carries seed and path: `npm run sim -- --seed S --path P` replays it.
        },
      );
      console.log(`sync simulation: ${run} runs in ${Math.round((Date.now() - started) / 1000)} s`, totals);
      console.log(reachReport(run, totals, reached));
    },
  );
});
