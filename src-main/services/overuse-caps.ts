import {
  checkOveruseCap,
  performanceCapName,
  supervisorOveruseCap,
  type OveruseCapCheck,
} from '../../shared/auth/overuse-cap';
import { businessDayOf } from '../../shared/business-day';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { cappedPerformances, getVenue } from '../db/repos/catalogue-repo';
import { getTerminalOveruseCap } from '../db/repos/meta-repo';
import { countOverusesSince, countPerformanceOverusesSince } from '../db/repos/sale-repo';
import { getStaff } from '../db/repos/staff-repo';
import type { Actor } from './staff-service';

// docs/CASH.md "Overuse caps", as the terminal's main process asks them when a supervisor grants an
// overuse (cart-service.ts). It counts the grants in this terminal's own sales of the venue's business
// day: online or not, that is all a terminal knows, so the server checks again when the sales arrive.
// A performance's cap counts the grants in this terminal's sales holding a ticket of it; other
// terminals' grants reach only the server, which sends a sale past the cap to review.

export interface OveruseCaps {
  /** This terminal's cap on all supervisors' grants together, asked before any PIN is typed. */
  terminal(): OveruseCapCheck;
  /** The approving supervisor's cap: their own when a manager set one, else their role's. */
  supervisor(approver: Actor): OveruseCapCheck;
  /** Each of the cart's performances' caps, asked before any PIN is typed: the first one reached refuses. */
  performances(performanceIds: readonly string[]): OveruseCapCheck;
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

  return {
    terminal: () =>
      checkOveruseCap(getTerminalOveruseCap(db, defaultTerminalCap), countOverusesSince(db, startOfDay()), {
        kind: 'terminal',
      }),
    supervisor: (approver) => {
      const { cap, source } = supervisorOveruseCap(
        approver.role.overuseCap,
        getStaff(db, approver.staffId)?.overuseCap,
      );
      return checkOveruseCap(cap, countOverusesSince(db, startOfDay(), approver.staffId), {
        kind: 'supervisor',
        name: approver.name,
        source,
      });
    },
    performances: (performanceIds) => {
      const since = startOfDay();
      for (const p of cappedPerformances(db, [...new Set(performanceIds)])) {
        const check = checkOveruseCap(p.cap, countPerformanceOverusesSince(db, since, p.id), {
          kind: 'performance',
          name: performanceCapName(p.eventName, p.startsAt, zone()),
        });
        if (!check.ok) return check;
      }
      return { ok: true };
    },
  };
}
