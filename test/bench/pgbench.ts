import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Queryable } from '../../src-server/db/database';

// The pgbench baseline of issue 20: the statements one request of ours sends, captured as the server
// runs them, replayed by pgbench with as many clients. pgbench has no HTTP, JSON, Zod or Node in the
// way, so the ratio says how much of PostgreSQL's own rate the server reaches on the same work.

export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/**
 * Runs `fn` with the database's next transaction recorded: every statement and its parameters, in
 * order. Only the first transaction opened while `fn` runs is recorded.
 */
export async function captureTransaction(db: Database, fn: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = db.transaction.bind(db);
  let taken = false;
  db.transaction = <T>(body: (tx: Queryable) => Promise<T>): Promise<T> => {
    if (taken) return original(body);
    taken = true;
    return original((tx) =>
      body({
        query: (sql, params) => {
          statements.push({ sql, params: params ?? [] });
          return tx.query(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      }),
    );
  };
  try {
    await fn();
  } finally {
    db.transaction = original;
  }
  if (statements.length === 0) throw new Error('the request opened no transaction to capture');
  return statements;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return literal(value.toISOString());
  if (Array.isArray(value)) {
    const items = value.map((v) => `"${asText(v).replace(/(["\\])/g, '\\$1')}"`);
    return literal(`{${items.join(',')}}`);
  }
  return `'${asText(value).replace(/'/g, "''")}'`;
}

/**
 * One pgbench transaction replaying `statements`: each parameter inlined as a literal, except those
 * named in `fresh` (a value → variable name), which get a new uuid per transaction so that the ids a
 * request must not repeat (its idempotency key, its order) are new each time, as a client's would be.
 */
export function pgbenchScript(statements: readonly Statement[], fresh: ReadonlyMap<unknown, string>): string {
  const names = [...new Set(fresh.values())];
  // quote_literal: pgbench substitutes :name as text, so the value arrives already quoted.
  const uuids = names.map((n) => `quote_literal(gen_random_uuid()::text) AS ${n}`);
  const lines = [`SELECT ${uuids.join(', ')} \\gset`, 'BEGIN;'];
  for (const { sql, params } of statements) {
    // Highest placeholder first, so $1 never eats the start of $10.
    let text = sql;
    for (let i = params.length; i >= 1; i--) {
      const value = params[i - 1];
      const name = fresh.get(value);
      text = text.replaceAll(`$${i}`, name ? `:${name}` : literal(value));
    }
    // pgbench reads one statement per line unless it ends in a semicolon.
    lines.push(`${text.replace(/\s*\n\s*/g, ' ').trim()};`);
  }
  lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}

export interface PgbenchRun {
  tps: number;
  /** pgbench's own summary line, to quote. */
  line: string;
}

/** Whether pgbench is on the PATH; the bench says so instead of failing when it is not. */
export function pgbenchInstalled(): boolean {
  return spawnSync('pgbench', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs `script` with `clients` connections, `transactions` each, against `url`; throws on any failure. */
export function runPgbench(url: string, script: string, clients: number, transactions: number): PgbenchRun {
  const folder = mkdtempSync(join(tmpdir(), 'pos-pgbench-'));
  try {
    const file = join(folder, 'script.sql');
    writeFileSync(file, script);
    const run = spawnSync(
      'pgbench',
      ['-n', '-c', String(clients), '-j', '2', '-t', String(transactions), '-f', file, url],
      { encoding: 'utf8' },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
    const failed = /number of failed transactions: (\d+)/.exec(output);
    if (run.status !== 0 || !match || (failed && failed[1] !== '0'))
      throw new Error(`pgbench failed (exit ${run.status}):\n${output}`);
    return { tps: Number(match[1]), line: match[0] };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
