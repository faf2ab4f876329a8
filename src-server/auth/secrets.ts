import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { SCRYPT_COST, SCRYPT_MAX_MEMORY } from '../../shared/auth/pin-policy';

// Passwords and PINs: scrypt with a per-secret salt. The parameters are stored with the hash so they
// can be raised later without invalidating existing secrets. PIN verifiers travel to terminals, so
// their cost is what an offline guess costs: docs/SECURITY.md, "PINs and offline guessing".
const { N, r: R, p: P } = SCRYPT_COST;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { N: n, r, p, maxmem: SCRYPT_MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * A new hash at today's cost. `cost` is for a caller that stores hashes nobody will guess at (the
 * simulation's throwaway staff): verifying reads the cost back from the hash, so a lower one is still a
 * real scrypt hash, only a cheaper one.
 */
export async function hashSecret(
  secret: string,
  cost: { N: number; r: number; p: number } = SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, cost.N, cost.r, cost.p);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash made at a lower cost than today's: rehash the secret the next time it is known. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme === 'scrypt' && (Number(n) < N || Number(r) < R || Number(p) < P);
}

/** An opaque bearer token; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens carry 256 random bits, so a fast hash is enough: nothing to brute-force. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
