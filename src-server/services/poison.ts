import { createHash } from 'node:crypto';
import { CanonicalJsonError, canonicalJson, MAX_JSON_DEPTH } from '../../shared/canonical-json';
import type { Err } from '../../shared/result';
import { isStorableJson } from '../../shared/text';

// A pushed payload the database cannot hold as JSONB (a NUL character or a lone surrogate anywhere in
// it, or nesting too deep to serialise) used to fail the quarantine insert too, so the whole batch
// answered 503 and every later resend did the same: the terminal's outbox stalled for good. Such a
// payload is kept instead as the base64 of its canonical JSON with that text's sha256, which JSONB
// can always store, and the push goes on with the mutations behind it.

/** What quarantine keeps in place of a payload it cannot store as it is. */
export interface KeptBytes {
  unstorable: 'TOO_DEEP' | 'UNSTORABLE_TEXT';
  /** Canonical JSON of the payload as received, UTF-8, base64. */
  base64: string;
  sha256: string;
  bytes: number;
}

export interface Poison {
  failure: Err;
  kept: KeptBytes;
}

function keep(json: string, unstorable: KeptBytes['unstorable']): KeptBytes {
  const raw = Buffer.from(json, 'utf8');
  return {
    unstorable,
    base64: raw.toString('base64'),
    sha256: createHash('sha256').update(raw).digest('hex'),
    bytes: raw.length,
  };
}

/** undefined when the payload can be stored (and so applied or quarantined) as it is. */
export function poisonIn(type: string, payload: unknown): Poison | undefined {
  let json: string;
  try {
    json = canonicalJson(payload);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError) || error.reason !== 'TOO_DEEP') throw error;
    return {
      failure: {
        ok: false,
        reason: 'UNSTORABLE_PAYLOAD',
        message:
          `The ${type} payload is nested more than ${MAX_JSON_DEPTH} levels deep, which no terminal writes: ` +
          'it is kept as bytes for review. Check the terminal that sent it, then accept or flag the item.',
      },
      // Walked with its own stack, so any depth serialises without overflowing.
      kept: keep(canonicalJson(payload, Infinity), 'TOO_DEEP'),
    };
  }
  if (isStorableJson(json)) return undefined;
  return {
    failure: {
      ok: false,
      reason: 'UNSTORABLE_PAYLOAD',
      message:
        `The ${type} payload holds a NUL character or broken Unicode (a lone surrogate), which the database ` +
        'cannot store: it is kept as bytes for review. Check the terminal that sent it, then accept or flag the item.',
    },
    kept: keep(json, 'UNSTORABLE_TEXT'),
  };
}

/** A quarantined payload kept as bytes can never be applied: what a retry of it answers. */
export function keptBytesFailure(payload: unknown): Err | undefined {
  const unstorable = (payload as Partial<KeptBytes> | null)?.unstorable;
  if (unstorable !== 'TOO_DEEP' && unstorable !== 'UNSTORABLE_TEXT') return undefined;
  return {
    ok: false,
    reason: 'UNSTORABLE_PAYLOAD',
    message:
      'This mutation is kept only as bytes, as the database could not store it as it was sent, so it cannot be applied.',
  };
}
