import type {
  DoorCountsView,
  DoorDecider,
  DoorPerformanceOption,
  DoorScanView,
  DoorView,
} from '../../../shared/ipc/domains/door';
import type { Actor } from '../../../shared/ipc/domains/staff';
import { ok, type Result } from '../../../shared/result';
import { doorsOpenAt, type DoorCounts, type DoorOutcome } from '../../../shared/tickets/checkins';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import {
  entriesByDoor,
  getDoorState,
  insertDoorEntry,
  namedPerformances,
  saveDoorState,
  validTicketsSold,
  type NamedPerformance,
} from '../../db/repos/door-repo';
import { newId } from '../../ids';
import { fail, type Translate } from '../../messages';
import { admitOffline, checkLocally, createKeyringCache, type OpenDoor } from './local-check';
import { checkInOnline, countsOnline, type AskServer } from './server-door';

// docs/TICKETS.md "Door mode": door staff open a door for some performances and scan tickets. Online
// first (the server's check-in lets a ticket's first entry win across every door); on a network failure
// or offline the terminal decides alone and sends its entries later as `checkin` mutations.

/** Performances that started less than this long ago still count as today's at the door. */
const STILL_ON_MS = 6 * 60 * 60_000;
/** What this terminal knows that the server may not have heard yet: its own answer stands. */
const KNOWN_HERE: readonly DoorOutcome['kind'][] = ['already_entered', 'voided', 'reissued'];

export type DoorService = ReturnType<typeof createDoorService>;

export function createDoorService(deps: {
  db: Db;
  clock: Clock;
  t: Translate;
  /** The id the terminal's mutations carry (the server's once enrolled). */
  terminalId: () => string;
  ask: AskServer;
  /** Whether the server answered lately: when not, a scan does not wait for a timeout first. */
  serverLikelyUp: () => boolean;
  /** An offline entry joined the outbox: push soon. */
  afterWrite: () => void;
}) {
  const { db, clock, t } = deps;
  const keyring = createKeyringCache(db);
  const option = (p: NamedPerformance): DoorPerformanceOption => ({ ...p, opensAt: doorsOpenAt(p.startsAt) });

  const openDoor = (): (OpenDoor & { openedAt: string }) | undefined => {
    const state = getDoorState(db);
    if (!state) return undefined;
    const known = namedPerformances(db);
    // A performance that left the pulled catalogue is no longer admitted.
    const performances = known.filter((p) => state.performanceIds.includes(p.id));
    return { door: state.door, performances, openedAt: state.openedAt };
  };
  const doorView = (open: OpenDoor & { openedAt: string }): DoorView => ({
    door: open.door,
    performances: open.performances.map(option),
    openedAt: open.openedAt,
  });

  const named = (id: string | undefined) => {
    const found = id === undefined ? undefined : namedPerformances(db).find((p) => p.id === id);
    return found ?? null;
  };
  const scanView = (outcome: DoorOutcome, decidedBy: DoorDecider): DoorScanView => ({
    outcome,
    decidedBy,
    performance:
      outcome.kind === 'valid'
        ? named(outcome.performanceId)
        : outcome.kind === 'wrong_performance'
          ? named(outcome.other?.id)
          : null,
  });

  const localCounts = (ids: readonly string[]): DoorCounts[] =>
    ids.map((performanceId) => {
      const byDoor = entriesByDoor(db, performanceId);
      return {
        performanceId,
        expected: validTicketsSold(db, performanceId),
        entered: byDoor.reduce((n, d) => n + d.entered, 0),
        byDoor,
      };
    });

  return {
    /** Today's and upcoming performances first, soonest first; then earlier ones, latest first. */
    performances(): DoorPerformanceOption[] {
      const since = new Date(clock.now() - STILL_ON_MS).toISOString();
      const all = namedPerformances(db);
      const current = all.filter((p) => p.startsAt >= since);
      const past = all.filter((p) => p.startsAt < since).reverse();
      return [...current, ...past].map(option);
    },

    current(): DoorView | null {
      const open = openDoor();
      return open ? doorView(open) : null;
    },

    open(actor: Actor, request: { performanceIds: string[]; door: string }): Result<DoorView> {
      const ids = [...new Set(request.performanceIds)];
      const known = new Set(namedPerformances(db).map((p) => p.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0) return fail(t, 'DOOR_UNKNOWN_PERFORMANCE', { ids: unknown.join(', ') });
      saveDoorState(db, {
        door: request.door,
        performanceIds: ids,
        openedBy: actor.staffId,
        openedAt: new Date(clock.now()).toISOString(),
      });
      const open = openDoor();
      return open ? ok(doorView(open)) : fail(t, 'DOOR_NOT_OPEN');
    },

    async scan(actor: Actor, text: string): Promise<Result<DoorScanView>> {
      const open = openDoor();
      if (!open) return fail(t, 'DOOR_NOT_OPEN');
      const ring = keyring();
      if (deps.serverLikelyUp()) {
        const here = checkLocally(db, ring, open, text, new Date(clock.now()));
        if (KNOWN_HERE.includes(here.kind)) return ok(scanView(here, 'terminal'));
        const id = newId();
        const online = await checkInOnline(deps.ask, {
          id,
          secret: text,
          performanceIds: open.performances.map((p) => p.id),
          door: open.door,
        });
        if (online && 'refused' in online) return fail(t, 'DOOR_SERVER_REFUSED', { detail: online.refused });
        if (online) {
          // The server has recorded it: kept here too (no mutation), so this door knows it offline later.
          if (online.kind === 'valid')
            insertDoorEntry(db, {
              id,
              ticketId: online.ticketId,
              performanceId: online.performanceId,
              door: open.door,
              staffId: actor.staffId,
              at: new Date(clock.now()).toISOString(),
              source: 'online',
            });
          return ok(scanView(online, 'server'));
        }
      }
      const who = { terminalId: deps.terminalId(), staffId: actor.staffId };
      const outcome = admitOffline(db, ring, open, text, who, new Date(clock.now()));
      if (outcome.kind === 'valid') deps.afterWrite();
      return ok(scanView(outcome, 'terminal'));
    },

    async counts(): Promise<Result<DoorCountsView>> {
      const open = openDoor();
      if (!open) return fail(t, 'DOOR_NOT_OPEN');
      const ids = open.performances.map((p) => p.id);
      const server = deps.serverLikelyUp() ? await countsOnline(deps.ask, ids) : undefined;
      const performances = server ?? localCounts(ids);
      const byDoor = new Map<string, number>();
      for (const p of performances)
        for (const d of p.byDoor) byDoor.set(d.door, (byDoor.get(d.door) ?? 0) + d.entered);
      return ok({
        source: server ? 'server' : 'terminal',
        expected: performances.reduce((n, p) => n + p.expected, 0),
        entered: performances.reduce((n, p) => n + p.entered, 0),
        byDoor: [...byDoor]
          .map(([door, entered]) => ({ door, entered }))
          .sort((a, b) => a.door.localeCompare(b.door)),
        performances,
      });
    },
  };
}
