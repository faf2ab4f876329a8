// A keyset page's cursor (shared/reports/filters.ts keysetPage): the last row's (time, id), opaque to
// the caller. The server's orders report and the terminal's own journal page alike.

export interface KeysetKey {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function writeCursor(key: KeysetKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

/** The key a cursor holds; undefined for one no page gave out. */
export function readCursor(cursor: string): KeysetKey | undefined {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id)) {
      return { at, id };
    }
  } catch {
    // falls through: not a cursor
  }
  return undefined;
}
