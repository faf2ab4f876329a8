import { prepared, type Db } from './connection';

// Columns are snake_case, records camelCase; these keep the mapping in one place.

export const toSnake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function fromRow<T>(row: unknown): T {
  return Object.fromEntries(
    Object.entries(row as Record<string, unknown>).map(([k, v]) => [toCamel(k), v]),
  ) as T;
}

export function insertRow(db: Db, table: string, row: object): void {
  const keys = Object.keys(row);
  prepared(
    db,
    `INSERT INTO ${table} (${keys.map(toSnake).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
  ).run(row);
}
