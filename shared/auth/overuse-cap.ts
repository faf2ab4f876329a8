import { z } from 'zod';
import { wallTime } from '../catalogue/performance-run';
import type { LocalizedMessage } from '../discounts/types';

// docs/SECURITY.md "Overuse caps" and docs/CASH.md "Overuse caps": how many overuses may be granted is
// capped three ways, each a setting a manager changes in the back office:
// - per supervisor, per business day (shared/business-day.ts): their role's cap, or their own override;
// - per terminal, per business day: all supervisors' grants at that terminal together;
// - per performance, per business day: every grant on a sale holding a ticket of that performance.
// The terminal's main process and the server both ask this one rule; each counts the grants it can see
// (the terminal its own, the server the whole organisation's pushed sales).

export type OveruseCapCheck = { ok: true } | { ok: false; message: LocalizedMessage };

/** Which cap is asked, and what the sentence names. */
export type OveruseCapHolder =
  /** A supervisor's cap: `source` says whether it is their role's or set for them in person. */
  | { kind: 'supervisor'; name: string; source?: 'role' | 'staff' }
  | { kind: 'terminal' }
  | { kind: 'performance'; name: string };

/** A supervisor's cap: their own override when a manager set one, else their role's (null: no cap). */
export function supervisorOveruseCap(
  roleCap: number | null,
  staffCap: number | null | undefined,
): { cap: number | null; source: 'role' | 'staff' } {
  return staffCap === null || staffCap === undefined
    ? { cap: roleCap, source: 'role' }
    : { cap: staffCap, source: 'staff' };
}

/**
 * How a performance's cap names it: its event and curtain-up on the venue's clock, the same in every
 * language ("Hamlet, 2026-12-01 19:30").
 */
export function performanceCapName(eventName: string, startsAt: string, zone: string): string {
  const { date, time } = wallTime(startsAt, zone);
  return `${eventName}, ${date} ${time}`;
}

/** The greatest cap a manager may set (role, staff, terminal or performance). */
export const MAX_OVERUSE_CAP = 10_000;

/** A cap as a manager sets it: a whole number of grants, or null for no cap. */
export const overuseCapValue = z.number().int().min(0).max(MAX_OVERUSE_CAP).nullable();

/** PUT /v1/terminals/:id/overuse-cap, and the terminal's cap as every pull carries it. */
export const terminalOveruseCapSchema = z.strictObject({ cap: overuseCapValue });
export type TerminalOveruseCap = z.infer<typeof terminalOveruseCapSchema>;

/** What a terminal's day is capped at until a manager changes it: the cap every terminal had before. */
export const DEFAULT_TERMINAL_OVERUSE_CAP = 20;

const plural = (n: number) => ({
  en: n === 1 ? 'overuse' : 'overuses',
  de: n === 1 ? 'Überschreitung' : 'Überschreitungen',
});

function sentence(cap: number, granted: number, holder: OveruseCapHolder | string): LocalizedMessage {
  const w = plural(granted);
  const who = typeof holder === 'string' ? { kind: 'supervisor' as const, name: holder } : holder;
  switch (who.kind) {
    case 'supervisor':
      return who.source === 'staff'
        ? {
            en:
              `${who.name} has granted ${granted} ${w.en} this business day, and a manager set their own cap ` +
              `at ${cap} a day: ask a manager to grant this one.`,
            de:
              `${who.name} hat an diesem Geschäftstag schon ${granted} ${w.de} freigegeben, und eine Leitung hat ` +
              `ihre Grenze auf ${cap} pro Tag gesetzt: Bitte eine Leitung, diese freizugeben.`,
          }
        : {
            en:
              `${who.name} has granted ${granted} ${w.en} this business day, and their role allows ${cap} a day: ` +
              'ask a manager to grant this one.',
            de:
              `${who.name} hat an diesem Geschäftstag schon ${granted} ${w.de} freigegeben, und die Rolle erlaubt ` +
              `${cap} pro Tag: Bitte eine Leitung, diese freizugeben.`,
          };
    case 'terminal':
      return {
        en:
          `This terminal has granted ${granted} ${w.en} this business day, and its cap is ${cap} a day: ` +
          'a manager can raise the cap in the back office (Terminals), or sell at another terminal.',
        de:
          `Dieses Terminal hat an diesem Geschäftstag schon ${granted} ${w.de} freigegeben, und seine Grenze ` +
          `ist ${cap} pro Tag: Eine Leitung kann die Grenze im Backoffice (Terminals) erhöhen, oder an einem ` +
          'anderen Terminal verkaufen.',
      };
    case 'performance':
      return {
        en:
          `${granted} ${w.en} ${granted === 1 ? 'has' : 'have'} been granted for ${who.name} this business day, ` +
          `and the performance's cap is ${cap} a day: a manager can raise the cap on the performance in the ` +
          'back office (Events), or sell without the code.',
        de:
          `Für ${who.name} wurden an diesem Geschäftstag schon ${granted} ${w.de} freigegeben, und die Grenze ` +
          `der Vorstellung ist ${cap} pro Tag: Eine Leitung kann die Grenze der Vorstellung im Backoffice ` +
          '(Veranstaltungen) erhöhen, oder ohne den Code verkaufen.',
      };
  }
}

/**
 * Whether one more overuse may be granted under `cap` (null: no cap), `granted` having been granted
 * already in what the cap counts. A string holder is a supervisor capped by their role.
 */
export function checkOveruseCap(
  cap: number | null,
  granted: number,
  holder: OveruseCapHolder | string,
): OveruseCapCheck {
  if (cap === null || granted < cap) return { ok: true };
  return { ok: false, message: sentence(cap, granted, holder) };
}
