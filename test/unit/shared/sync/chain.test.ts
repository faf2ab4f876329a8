import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../../../shared/sync/chain';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('chainHash', () => {
  it('hashes the previous hash followed by the canonical payload', () => {
    const hash = chainHash(sha256Hex, GENESIS_HASH, { b: 2, a: 'ü' });
    expect(hash).toBe(sha256Hex(`${GENESIS_HASH}{"a":"ü","b":2}`));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, and changes with the payload or the previous hash', () => {
    const a = chainHash(sha256Hex, GENESIS_HASH, { total: 500, lines: [1, 2] });
    expect(chainHash(sha256Hex, GENESIS_HASH, { lines: [1, 2], total: 500 })).toBe(a);
    expect(chainHash(sha256Hex, GENESIS_HASH, { lines: [1, 2], total: 501 })).not.toBe(a);
    expect(chainHash(sha256Hex, a, { lines: [1, 2], total: 500 })).not.toBe(a);
  });
});
