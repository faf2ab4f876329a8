import { MAX_OVERUSE_CAP } from '../../shared/auth/overuse-cap';

/**
 * An overuse cap as a manager types it (docs/CASH.md "Overuse caps"): empty is `empty` (no cap, or the
 * role's, as the form says), whole numbers from 0 to MAX_OVERUSE_CAP are the cap, anything else is
 * undefined so the field can say what to type.
 */
export function parseCapText<E>(typed: string, empty: E): number | E | undefined {
  const text = typed.trim();
  if (text === '') return empty;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const cap = Number(text);
  return cap <= MAX_OVERUSE_CAP ? cap : undefined;
}

export const capText = (cap: number | null | undefined): string =>
  cap === null || cap === undefined ? '' : String(cap);

/** The cap to send: `empty` for an empty field, NaN (refused beside the field) for anything not a cap. */
export function capToSend<E>(typed: string, empty: E): number | E {
  const cap = parseCapText(typed, empty);
  return cap === undefined ? Number.NaN : cap;
}
