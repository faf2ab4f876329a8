// The server's pull cursor is opaque to terminals; the simulation reads its encoding only to check
// that a terminal's position never moves back (invariant 6).

/** Orders pull positions: [mode, generation, change position, entity, id]; a snapshot is mode 0. */
export function cursorKey(raw: string): (string | number)[] {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' ? v : -1);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return c.m === 'c'
      ? [1, str(c.g), num(c.p), str(c.e), str(c.i)]
      : [0, str(c.g), num(c.b), num(c.r), num(c.p)];
  } catch {
    return [0, '', -1, -1, -1];
  }
}

export function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
