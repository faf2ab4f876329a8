import { prepared, type Db } from '../connection';

export function getMeta(db: Db, key: string): string | undefined {
  const row = prepared(db, 'SELECT value FROM terminal_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

/** Sets the value only if the key is new; returns the stored value either way. */
export function ensureMeta(db: Db, key: string, value: string): string {
  prepared(db, 'INSERT INTO terminal_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
    key,
    value,
  );
  return getMeta(db, key) as string;
}
