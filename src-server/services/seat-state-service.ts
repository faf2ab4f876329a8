import { retryingDeadlocks } from '../db/database';
import { seatLabelText } from '../../shared/seating/label';
import { takeableBy } from '../../shared/seating/release';
import type { SeatMap } from '../../shared/seating/types';
import {
  seatHoldUntil,
  type SeatCartRequest,
  type SeatCartResponse,
  type SeatRefusal,
  type SeatStatesResponse,
} from '../../shared/sync/seat-protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForSales } from '../db/repos/change-pos';
import { getSeatMap } from '../db/repos/seat-map-repo';
import * as seats from '../db/repos/seat-state-repo';
import { reject } from '../errors';

// A terminal's view of a seated performance and its cart holds while online (docs/SEATING.md "A
// seat's state", "Online: a seat in a cart").

type TerminalPrincipal = Principal & { kind: 'terminal' };

export function asTerminal(principal: Principal): TerminalPrincipal {
  if (principal.kind !== 'terminal') reject('FORBIDDEN', 'Only an enrolled terminal may do this.');
  return principal;
}

/** The performance with its map, or a refusal naming what is missing. */
export async function seatedOrRefuse(
  db: Queryable,
  orgId: string,
  performanceId: string,
): Promise<seats.SeatedPerformance & { mapId: string; mapVersion: number }> {
  const performance = await seats.seatedPerformance(db, orgId, performanceId);
  if (!performance) reject('NOT_FOUND', `There is no performance ${performanceId}.`);
  if (!performance.mapId || performance.mapVersion === null) {
    reject(
      'NOT_SEATED',
      `Performance ${performanceId} has no seat map: it sells general admission only, without seats.`,
    );
  }
  return performance as seats.SeatedPerformance & { mapId: string; mapVersion: number };
}

// Maps change only with a new version, and best available works a map's rows out once per object:
// keep the last few maps read.
const MAP_CACHE_SIZE = 32;
const mapCache = new Map<string, SeatMap>();

/** The performance's map at this version, from the cache or the database. */
export async function seatMapAt(
  db: Queryable,
  orgId: string,
  mapId: string,
  version: number,
): Promise<SeatMap> {
  const key = `${mapId}:${version}`;
  const cached = mapCache.get(key);
  if (cached) return cached;
  // Read as the admin routes and the pull read it (seat-map-repo.ts), the one reading of a whole map.
  const map = await getSeatMap(db, orgId, mapId);
  if (!map) throw new Error(`seat map ${mapId} vanished`);
  if (map.version === version) {
    if (mapCache.size >= MAP_CACHE_SIZE) mapCache.delete(mapCache.keys().next().value as string);
    mapCache.set(key, map);
  }
  return map;
}

export async function seatStatesFor(
  ctx: ServerContext,
  principal: Principal,
  performanceId: string,
  since: number | undefined,
): Promise<SeatStatesResponse> {
  const { orgId } = asTerminal(principal);
  const performance = await seatedOrRefuse(ctx.db, orgId, performanceId);
  const from = since ?? 0;
  const { statuses, changePos } = await seats.seatStatuses(ctx.db, performanceId, from);
  return {
    performanceId,
    mapId: performance.mapId,
    mapVersion: performance.mapVersion,
    changePos,
    full: from === 0,
    statuses,
  };
}

const REFUSED: Record<Exclude<seats.LockedSeat['state'], 'free'>, string> = {
  cart: 'is in another window’s cart',
  leased: 'is held for another window’s offline sales',
  held: 'is held back by the house',
  sold: 'is sold',
  blocked: 'is not for sale',
};

function refusal(seat: seats.LockedSeat): SeatRefusal {
  const why = seat.state === 'free' ? 'cannot be taken' : REFUSED[seat.state];
  return {
    seatId: seat.seatId,
    state: seat.state,
    message: `${seatLabelText(seat.label)} ${why}: choose another seat.`,
  };
}

/**
 * Takes seats into the terminal's cart and releases others, all or nothing: when any seat to take is
 * refused, nothing changes and the answer names each refused seat. A seat leased to this terminal is
 * its own and moves into the cart: the terminal sells a seat it still uses from its lease without asking,
 * so one it asks for is under a lease it stopped, whose return (ahead of the sale in its outbox) must not
 * free it. Only the terminal's own cart seats are released.
 */
export async function cartSeats(
  ctx: ServerContext,
  principal: Principal,
  input: SeatCartRequest,
): Promise<SeatCartResponse> {
  const { orgId, terminalId } = asTerminal(principal);
  const both = input.take.find((id) => input.release.includes(id));
  if (both) reject('VALIDATION_FAILED', `Seat ${both} is both taken and released: send it in one list only.`);
  const now = ctx.now();
  return retryingDeadlocks(() =>
    ctx.db.transaction(async (tx) => {
      const performance = await seatedOrRefuse(tx, orgId, input.performanceId);
      const expiresAt = seatHoldUntil(now.getTime(), input.checkout === true, performance.startsAt);
      if (input.take.length > 0 && performance.status !== 'on_sale') {
        reject('NOT_ON_SALE', 'This performance is not on sale: its seats cannot be put in a cart.');
      }
      // The organisation's lock first, then the seat rows in seat id order: the selling side's lock order.
      await lockOrganisationForSales(tx, orgId);
      const wanted = [...new Set([...input.take, ...input.release].map((id) => id.toLowerCase()))];
      const rows = await seats.lockSeats(tx, performance.id, wanted);
      const byId = new Map(rows.map((r) => [r.seatId.toLowerCase(), r]));
      const missing = wanted.find((id) => !byId.has(id));
      if (missing)
        reject('UNKNOWN_SEAT', `Seat ${missing} is not a seat of this performance: reload the map.`);
      const taking = input.take.map((id) => byId.get(id.toLowerCase()) as seats.LockedSeat);
      const mineLeased = (s: seats.LockedSeat) => s.state === 'leased' && s.holder === terminalId;
      const refused = taking.filter((s) => !mineLeased(s) && !takeableBy(s, terminalId, now)).map(refusal);
      if (refused.length > 0) return { taken: [], refused, expiresAt };

      const at = { orgId, performanceId: performance.id };
      const releasing = input.release
        .map((id) => byId.get(id.toLowerCase()) as seats.LockedSeat)
        .filter((s) => s.state === 'cart' && s.holder === terminalId);
      await seats.freeSeats(
        tx,
        at,
        releasing.map((s) => s.seatId),
      );
      const cart = { terminalId, cartId: input.cartId, expiresAt };
      await seats.putInCart(
        tx,
        at,
        taking.map((s) => s.seatId),
        cart,
      );
      await seats.renewCart(tx, at, cart);
      return { taken: taking.map((s) => s.seatId), refused: [], expiresAt };
    }),
  );
}
