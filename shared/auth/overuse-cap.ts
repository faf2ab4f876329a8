import type { LocalizedMessage } from '../discounts/types';

// docs/SECURITY.md "Overuse caps": a role may cap how many overuses its holders grant per business day
// (shared/business-day.ts). The terminal's main process and the server both ask this one rule; each
// counts the grants it can see (the terminal its own, the server the whole organisation's).

export type OveruseCapCheck = { ok: true } | { ok: false; message: LocalizedMessage };

/**
 * Whether `grantor` may grant one more overuse, having granted `grantedToday` this business day under a
 * role whose cap is `cap` (null: no cap).
 */
export function checkOveruseCap(cap: number | null, grantedToday: number, grantor: string): OveruseCapCheck {
  if (cap === null || grantedToday < cap) return { ok: true };
  const en = grantedToday === 1 ? 'overuse' : 'overuses';
  const de = grantedToday === 1 ? 'Überschreitung' : 'Überschreitungen';
  return {
    ok: false,
    message: {
      en:
        `${grantor} has granted ${grantedToday} ${en} this business day, and their role allows ${cap} a day: ` +
        'ask a manager to grant this one.',
      de:
        `${grantor} hat an diesem Geschäftstag schon ${grantedToday} ${de} freigegeben, und die Rolle erlaubt ` +
        `${cap} pro Tag: Bitte eine Leitung, diese freizugeben.`,
    },
  };
}
