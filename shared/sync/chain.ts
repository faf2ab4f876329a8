import { canonicalJson } from '../canonical-json';

// The outbox is a hash chain (docs/SYNC.md): each entry's hash covers the previous hash and its own
// payload, so a terminal restored from a backup, or a payload changed after it was recorded, shows at
// the first entry that no longer continues the chain. The terminal writes it and the server checks it
// with this one rule; shared/ has no Node, so each side passes its sha256.

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256 of UTF-8 text, as lower-case hex. */
export type Sha256Hex = (text: string) => string;

/** sha256(prevHash || canonical JSON of the payload). */
export function chainHash(sha256: Sha256Hex, prevHash: string, payload: unknown): string {
  return chainHashOfCanonical(sha256, prevHash, canonicalJson(payload));
}

/** The same hash from the payload's canonical JSON already written, for a writer that stores that text too. */
export function chainHashOfCanonical(sha256: Sha256Hex, prevHash: string, canonical: string): string {
  return sha256(prevHash + canonical);
}
