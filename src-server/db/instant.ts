// Instants the server stores in TIMESTAMPTZ columns. zod's ISO datetime accepts two that PostgreSQL
// refuses with a data error: the year 0000 (there is no year 0 before 1 BC) and a UTC offset of 16
// hours or more. A pushed record carrying one is refused where it is read, never at a deferred write
// that could not name its mutation (docs/SYNC.md "Push").

/** For a string zod's `iso.datetime({ offset: true })` accepted: can PostgreSQL hold it as timestamptz? */
export function isStorableInstant(iso: string): boolean {
  if (iso.startsWith('0000')) return false;
  const offset = /[+-](\d{2}):\d{2}$/.exec(iso);
  return !offset || Number(offset[1]) < 16;
}
