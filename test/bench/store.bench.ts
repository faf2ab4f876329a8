import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { channels as c } from '../../shared/ipc/channels';
import { findAppRoot } from '../../src-main/app-info';
import { backupStore } from '../../src-main/db/backup';
import { DATABASE_FILE } from '../../src-main/db/connection';
import { findStoreDamage } from '../../src-main/db/store-check';
import { createTerminal } from '../../src-main/terminal';
import { makeTempDir } from '../helpers/temp-dir';
import { startTestTerminal } from '../helpers/terminal';
import { fillTerminalSales, sellTemplate } from '../helpers/terminal-sales';
import { percentile, round, type BenchSuite, type Figure } from './harness';

// What the start-up check costs on a large store (docs/OPERATIONS.md "Damaged store"): PRAGMA
// quick_check, which every start runs, beside integrity_check, its thorough sibling, in the same
// process on the same file, warm (the file in the page cache, as after a restart) and cold (dropped
// from the cache first, as after a reboot; Linux with GNU dd only). Also what opening the terminal on
// that store and an automatic backup of it take.

const SALES = 100_000;
const RUNS = 3;

const appRoot = findAppRoot();

/** Asks the kernel to drop the file from the page cache; false where that cannot be done here. */
function dropFromCache(file: string): boolean {
  const dropped = spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
  return dropped.status === 0;
}

function timeCheck(file: string, check: 'quick' | 'full'): number {
  const started = performance.now();
  const damage = findStoreDamage(file, appRoot, check);
  const ms = performance.now() - started;
  if (damage !== null) throw new Error(`the bench store is damaged: ${damage}`);
  return ms;
}

const median = (times: number[]) =>
  percentile(
    [...times].sort((a, b) => a - b),
    50,
  );

export const storeSuite: BenchSuite = {
  name: 'store',
  async run() {
    const temp = makeTempDir('pos-bench-store-');
    try {
      const pos = await startTestTerminal({ dataDir: temp.path, printer: { enabled: false } });
      await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
      fillTerminalSales(pos.terminal.db, await sellTemplate(pos), pos.terminal.terminalId, SALES);
      const backupStarted = performance.now();
      await backupStore(pos.terminal.db, join(temp.path, 'backup.sqlite'), { appRoot });
      const backupMs = performance.now() - backupStarted;
      await pos.close();
      const file = join(temp.path, DATABASE_FILE);
      const megabytes = statSync(file).size / 1_000_000;

      // Alternated, so both see the same cache and machine load.
      const quick: number[] = [];
      const full: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        quick.push(timeCheck(file, 'quick'));
        full.push(timeCheck(file, 'full'));
      }
      const cold = dropFromCache(file)
        ? { quick: timeCheck(file, 'quick'), full: dropFromCache(file) ? timeCheck(file, 'full') : NaN }
        : undefined;

      const opens: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const terminal = await createTerminal({ dataDir: temp.path, appRoot, printer: { enabled: false } });
        opens.push(performance.now() - started);
        await terminal.close();
      }

      const store = `${SALES.toLocaleString('en')} sales, ${round(megabytes, 1)} MB`;
      const figures: Figure[] = [
        { name: 'store.size_mb', value: megabytes, unit: 'MB', note: `terminal store with ${store}` },
        { name: 'store.quick_check_ms', value: median(quick), unit: 'ms', note: `warm, median of ${RUNS}` },
        {
          name: 'store.integrity_check_ms',
          value: median(full),
          unit: 'ms',
          note: `warm, median of ${RUNS}`,
        },
        {
          name: 'store.quick_vs_integrity_ratio',
          value: median(quick) / median(full),
          unit: 'x',
          note: 'quick_check time / integrity_check time, warm',
        },
        {
          name: 'store.open_ms',
          value: median(opens),
          unit: 'ms',
          note: `createTerminal on that store (quick_check included), median of ${RUNS}`,
        },
        {
          name: 'store.backup_ms',
          value: backupMs,
          unit: 'ms',
          note: 'online backup of that store, in process',
        },
      ];
      if (cold) {
        figures.push(
          {
            name: 'store.quick_check_cold_ms',
            value: cold.quick,
            unit: 'ms',
            note: 'file dropped from page cache',
          },
          {
            name: 'store.integrity_check_cold_ms',
            value: cold.full,
            unit: 'ms',
            note: 'file dropped from page cache',
          },
          {
            name: 'store.quick_vs_integrity_cold_ratio',
            value: cold.quick / cold.full,
            unit: 'x',
            note: 'quick_check time / integrity_check time, cold',
          },
        );
      }
      return figures;
    } finally {
      temp.cleanup();
    }
  },
};
