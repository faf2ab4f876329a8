import {
  checkOveruseCap,
  performanceCapName,
  supervisorOveruseCap,
  type OveruseCapCheck,
} from '../../shared/auth/overuse-cap';
import { businessDayOf } from '../../shared/business-day';
import type { Clock } from '../clock';
import type { LocalizedMessage } from '../../shared/discounts/types';
import type { Db } from '../db/connection';
import { cappedPerformances, getVenue } from '../db/repos/catalogue-repo';
import { getTerminalOveruseCap } from '../db/repos/meta-repo';
import { countOverusesSince, countPerformanceOverusesSince } from '../db/repos/sale-repo';
import { getRole, getStaff } from '../db/repos/staff-repo';
import type { Actor } from './staff-service';

// docs/CASH.md "Overuse caps", as the terminal's main process asks them when a supervisor grants an
// overuse (cart-service.ts). It counts the grants in this terminal's own sales of the venue's business
// day: online or not, that is all a terminal knows, so the server checks again when the sales arrive.
// A performance's cap counts the grants in this terminal's sales holding a ticket of it; other
// terminals' grants reach only the server, which sends a sale past the cap to review.
// Checkout asks every cap again (`beforeSale`), inside the transaction that writes the sale: a cap
// lowered by a pull since the grant, or a day's grants that reached it, refuses the sale as the grant
// would have been refused.

/** The refusal each cap answers with, at the grant and at checkout alike. */
export const OVERUSE_CAP_REFUSAL = {
  terminal: 'OVERUSE_CAP',
  performance: 'PERFORMANCE_OVERUSE_CAP',
  supervisor: 'OVERUSE_CAP_REACHED',
} as const;

export interface OveruseCapRefusal {
  code: (typeof OVERUSE_CAP_REFUSAL)[keyof typeof OVERUSE_CAP_REFUSAL];
  message: LocalizedMessage;
}

export interface OveruseCaps {
  /** This terminal's cap on all supervisors' grants together, asked before any PIN is typed. */
  terminal(): OveruseCapCheck;
  /** The approving supervisor's cap: their own when a manager set one, else their role's. */
  supervisor(approver: Actor): OveruseCapCheck;
  /** Each of the cart's performances' caps, asked before any PIN is typed: the first one reached refuses. */
  performances(performanceIds: readonly string[]): OveruseCapCheck;
  /**
   * Every cap a sale's grant is held to, asked again at checkout in the grant's order (terminal, each
   * performance, the supervisor), over the grants committed so far: the sale's own is the one more each
   * allows. The supervisor is held to the caps their staff row and role carry now; a supervisor a pull
   * removed since is left to the server, which checks the pushed sale. Null: every cap allows it.
   */
  beforeSale(approverId: string, performanceIds: readonly string[]): OveruseCapRefusal | null;
}

export function createOveruseCaps({
  db,
  clock,
  defaultTerminalCap,
}: {
  db: Db;
  clock: Clock;
  /** The terminal's cap before any pull brought one (standalone: always). */
  defaultTerminalCap: number | null;
}): OveruseCaps {
  // The venue's business day (04:00 to 04:00 local time), as the server counts caps by.
  const zone = () => getVenue(db)?.timezone ?? 'UTC';
  const startOfDay = () => businessDayOf(new Date(clock.now()), zone()).start.toISOString();

  const terminal = (): OveruseCapCheck =>
    checkOveruseCap(getTerminalOveruseCap(db, defaultTerminalCap), countOverusesSince(db, startOfDay()), {
      kind: 'terminal',
    });
  /** `roleCap`: the cap of the role the supervisor holds (null: none). */
  const supervisor = (staffId: string, name: string, roleCap: number | null): OveruseCapCheck => {
    const { cap, source } = supervisorOveruseCap(roleCap, getStaff(db, staffId)?.overuseCap);
    return checkOveruseCap(cap, countOverusesSince(db, startOfDay(), staffId), {
      kind: 'supervisor',
      name,
      source,
    });
  };
  const performances = (performanceIds: readonly string[]): OveruseCapCheck => {
    const since = startOfDay();
    for (const p of cappedPerformances(db, [...new Set(performanceIds)])) {
      const check = checkOveruseCap(p.cap, countPerformanceOverusesSince(db, since, p.id), {
        kind: 'performance',
        name: performanceCapName(p.eventName, p.startsAt, zone()),
      });
      if (!check.ok) return check;
    }
    return { ok: true };
  };

  return {
    terminal,
    supervisor: (approver) => supervisor(approver.staffId, approver.name, approver.role.overuseCap),
    performances,
    beforeSale: (approverId, performanceIds) => {
      const here = terminal();
      if (!here.ok) return { code: OVERUSE_CAP_REFUSAL.terminal, message: here.message };
      const shows = performances(performanceIds);
      if (!shows.ok) return { code: OVERUSE_CAP_REFUSAL.performance, message: shows.message };
      const staff = getStaff(db, approverId);
      if (!staff) return null;
      const cap = supervisor(staff.id, staff.name, getRole(db, staff.roleId)?.overuseCap ?? null);
      return cap.ok ? null : { code: OVERUSE_CAP_REFUSAL.supervisor, message: cap.message };
    },
  };
}
