import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src-main/ids';

describe('newId', () => {
  it('makes UUIDv7s carrying the time, unique and in creation order, also many within one millisecond', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, newId);
    const after = Date.now();
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)).toBe(true);
    const msecs = (id: string) => parseInt(id.replace('-', '').slice(0, 12), 16);
    expect(msecs(ids[0] as string)).toBeGreaterThanOrEqual(before);
    expect(msecs(ids.at(-1) as string)).toBeLessThanOrEqual(after + 1);
  });
});
