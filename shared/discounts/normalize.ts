import { MAX_CODE_LENGTH } from './limits';
import { CODE_FORMAT_MESSAGE } from './messages';

// ASCII letters only, tested before upper-casing: 'ß'.toUpperCase() is 'SS' and 'ı' becomes 'I', so a
// Unicode letter could otherwise turn into a different, valid-looking code.
const ALLOWED = new RegExp(`^[A-Za-z0-9\\-_()/\\\\+@.]{1,${MAX_CODE_LENGTH}}$`);

/**
 * docs/ENGINE.md rule 15: trims and upper-cases; 1–64 characters from letters, digits and - _ ( ) / \ + @ .
 */
export function normalizeCode(
  input: string,
): { ok: true; code: string } | { ok: false; reason: 'INVALID_CODE_FORMAT'; message: string } {
  const trimmed = typeof input === 'string' ? input.trim() : '';
  if (!ALLOWED.test(trimmed))
    return { ok: false, reason: 'INVALID_CODE_FORMAT', message: CODE_FORMAT_MESSAGE.en };
  return { ok: true, code: trimmed.toUpperCase() };
}
