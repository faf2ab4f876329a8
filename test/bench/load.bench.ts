import type { BenchSuite, Figure } from './harness';
import { runLoad, type LoadResult } from './load/load-run';

// 200 terminals pushing sales at once to two server processes on one PostgreSQL database, for two
// minutes (LOAD_SECONDS for a shorter run). The baseline in the same run is one terminal pushing alone
// to one process: the ratio says what 200 terminals get out of the servers beyond one.

const TERMINALS = 200;
const SERVERS = 2;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function seconds(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${variable} must be a number of seconds above 0 (got ${raw}).`);
  return value;
}

export const loadSuite: BenchSuite = {
  name: 'load',
  async run() {
    const adminUrl = process.env.DATABASE_URL || DEFAULT_URL;
    const where = process.env.DATABASE_URL
      ? `PostgreSQL from DATABASE_URL (${adminUrl})`
      : `PostgreSQL at ${DEFAULT_URL} (the default; set DATABASE_URL for another)`;
    const log = (line: string) => console.error(`  load: ${line}`);
    log(`on ${where}, a fresh database each run`);
    const baseline = await runLoad({
      adminUrl,
      terminals: 1,
      servers: 1,
      seconds: seconds('LOAD_BASELINE_SECONDS', 15),
    });
    const load = await runLoad({
      adminUrl,
      terminals: TERMINALS,
      servers: SERVERS,
      seconds: seconds('LOAD_SECONDS', 120),
      log,
    });
    const problems = [...baseline.problems, ...load.problems];
    if (problems.length > 0) throw new Error(`the load run does not add up:\n- ${problems.join('\n- ')}`);
    const rate = (r: LoadResult) => r.sales / r.seconds;
    const figures: Figure[] = [
      {
        name: 'load.push_200_terminals_per_s',
        value: rate(load),
        unit: '/s',
        note: `sales acknowledged: ${load.sales} (${load.codeSales} with a capped code) in ${load.seconds.toFixed(1)} s, ${TERMINALS} terminals, ${SERVERS} server processes, ${where}`,
      },
      {
        name: 'load.push_p99_ms',
        value: load.p99Ms,
        unit: 'ms',
        note: `${load.pushes} pushes of 1–5 sales (and resends); p50 ${load.p50Ms.toFixed(1)} ms`,
      },
      {
        name: 'load.push_1_terminal_per_s',
        value: rate(baseline),
        unit: '/s',
        note: `baseline: one terminal, one server process, ${baseline.seconds.toFixed(1)} s, same database server`,
      },
      { name: 'load.push_200_vs_1_ratio', value: rate(load) / rate(baseline), unit: 'x' },
      {
        name: 'load.lost_sales',
        value: load.lost + baseline.lost,
        unit: 'sales',
        target: { op: '<=', value: 0 },
        note: 'acknowledged to a terminal, not on the server',
      },
      {
        name: 'load.doubled_sales',
        value: load.doubled + baseline.doubled,
        unit: 'sales',
        target: { op: '<=', value: 0 },
        note: 'on the server twice, or never made by a terminal',
      },
      {
        name: 'load.push_5xx',
        value: load.serverErrors + baseline.serverErrors,
        unit: 'answers',
        target: { op: '<=', value: 0 },
        note: `server errors answered (resent); ${load.networkFailures + baseline.networkFailures} requests unanswered`,
      },
    ];
    return figures;
  },
};
