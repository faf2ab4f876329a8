import type { Statement } from 'better-sqlite3';
import { prepared, type Db } from './connection';

// Columns are snake_case, records camelCase; these keep the mapping in one place.

export const toSnake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Column names are few and read over and over: each is converted once. */
const camelKeys = new Map<string, string>();
const MAX_CAMEL_KEYS = 10_000;

function camelOf(key: string): string {
  let camel = camelKeys.get(key);
  if (camel === undefined) {
    camel = toCamel(key);
    if (camelKeys.size < MAX_CAMEL_KEYS) camelKeys.set(key, camel);
  }
  return camel;
}

export function fromRow<T>(row: unknown): T {
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) record[camelOf(k)] = v;
  return record as T;
}

interface RowInsert {
  keys: readonly string[];
  statement: Statement;
}

/** Per connection and table, the insert statements by the keys of the rows they were made for. */
const inserts = new WeakMap<Db, Map<string, RowInsert[]>>();

const sameKeys = (a: readonly string[], b: readonly string[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Inserts a record as one row, its keys as the columns. A sale writes a dozen rows in a few shapes, so
 * each shape's statement is found by comparing keys rather than by building its SQL again.
 */
export function insertRow(db: Db, table: string, row: object): void {
  const keys = Object.keys(row);
  let byTable = inserts.get(db);
  if (!byTable) {
    byTable = new Map();
    inserts.set(db, byTable);
  }
  let shapes = byTable.get(table);
  if (!shapes) {
    shapes = [];
    byTable.set(table, shapes);
  }
  let insert = shapes.find((s) => sameKeys(s.keys, keys));
  if (!insert) {
    const sql = `INSERT INTO ${table} (${keys.map(toSnake).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
    insert = { keys, statement: prepared(db, sql) };
    shapes.push(insert);
  }
  // Bound by position, in the keys' order: faster than by name.
  const values = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = (row as Record<string, unknown>)[keys[i] as string];
  insert.statement.run(values);
}
