import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { RoleDefinition } from '../../shared/auth/permissions';
import { pinPolicyProblem, SCRYPT_COST, SCRYPT_MAX_MEMORY } from '../../shared/auth/pin-policy';

// PINs are short, so the hash must be slow: scrypt with a per-PIN salt. Stored as
// scrypt$N$r$p$salt$hash so the cost can be raised later without breaking old hashes. The cost and
// why it is what it is: docs/SECURITY.md, "PINs and offline guessing" (the server's secrets.ts uses
// the same parameters for the PINs it sets).

const COST: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { ...SCRYPT_COST };
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, options: typeof COST): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { ...options, maxmem: SCRYPT_MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pin, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Hashes a PIN the terminal sets itself (the demo staff), under the same policy as the server's staff
 * API (shared/auth/pin-policy.ts): a PIN that breaks it is a programming error, so it throws.
 */
export async function hashPolicyPin(
  pin: string,
  role: Pick<RoleDefinition, 'id' | 'permissions'>,
): Promise<string> {
  const problem = pinPolicyProblem(pin, role, role.id);
  if (problem) throw new Error(`PIN for role ${role.id} refused: ${problem}`);
  return hashPin(pin);
}
