import { prepared, type Db } from '../connection';

// A cached statement: every translated sentence reads the language setting.
export function readSettings(db: Db): Map<string, string> {
  const rows = prepared(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

export function writeSettings(db: Db, values: Record<string, string>, updatedAt: string): void {
  const upsert = prepared(
    db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(values)) upsert.run(key, value, updatedAt);
  })();
}
