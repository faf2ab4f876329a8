import { gaCapacity } from '../../shared/seating/capacity';
import type {
  AttachSeatMapBody,
  PerformanceSeatsView,
  SeatAction,
  SeatHoldBody,
} from '../../shared/seating/admin-api';
import type { SeatMap, SeatStatus } from '../../shared/seating/types';
import { counterKey } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as seats from '../db/repos/performance-seat-repo';
import { getSeatMap } from '../db/repos/seat-map-repo';
import { reject } from '../errors';
import { recordAudit } from './audit';
import { get as getPerformance } from './catalogue-service';
import { followLimit } from './escrow-service';
import { readSeatMap } from './seat-map-service';
import { assertCapacityMatches, count } from './seat-capacity';
import { assertVersion } from './version-check';

// A performance's seat map and a manager's holds and blocks (docs/SEATING.md "Capacity of a seated
// performance", "A seat's state"). Every transaction takes the organisation's lock alone first
// (change-pos.ts), then the performance row, then its seats and its capacity counter.

const NO_PERFORMANCE = 'There is no such performance: check the id.';
const NOT_SEATED = 'This performance has no seat map: attach one first (PUT /v1/performances/:id/seat-map).';

/** "Stalls, row B, seat 12". */
function seatName(map: SeatMap, seatId: string): string {
  const seat = map.seats.find((s) => s.id === seatId);
  const section = map.sections.find((s) => s.id === seat?.sectionId);
  return seat ? `${section?.name ?? '?'}, row ${seat.row}, seat ${seat.label}` : seatId;
}

/** Each map band names a price band of the event (without regard to case). */
function assertBandsPriced(map: SeatMap, priceBands: string[]): void {
  const priced = new Set(priceBands.map((b) => b.toLowerCase()));
  const missing = map.bands.filter((b) => !priced.has(b.toLowerCase()));
  if (missing.length === 0) return;
  const have = priceBands.length > 0 ? priceBands.join(', ') : 'none yet';
  reject(
    'BAND_NOT_PRICED',
    `The map's band${missing.length > 1 ? 's' : ''} ${missing.map((b) => `"${b}"`).join(', ')} name${missing.length > 1 ? '' : 's'} ` +
      `no price band of this event (its price bands: ${have}): add a price band of that name to the event, ` +
      'or rename the band in the map.',
  );
}

/** The capacity counter counts GA places only once a map is attached, the whole capacity otherwise. */
async function followCounter(
  tx: Queryable,
  orgId: string,
  performanceId: string,
  limit: number,
  seated: boolean,
) {
  const followed = await followLimit(tx, orgId, counterKey({ kind: 'capacity', id: performanceId }), limit);
  if (followed.ok) return;
  reject(
    'LIMIT_BELOW_USE',
    seated
      ? `The map has ${count(limit)} GA places, but ${count(followed.lowest)} places of this performance are ` +
          'sold or leased to terminals without a seat: choose a map with that many GA places, or attach it ' +
          'once the terminals have returned their leases (at the end of the business day).'
      : `Without a map the performance would count ${count(limit)} places, but ${count(followed.lowest)} are ` +
          'sold or leased to terminals: set its capacity higher first.',
  );
}

/**
 * PUT /v1/performances/:id/seat-map. Seeds one state per seat (the map's holds held by the acting
 * manager) in the same transaction as the change, and sets the capacity counter to the GA places.
 * Refused once a seat is sold, leased or in a cart: they cannot be moved to another map.
 */
export async function attachSeatMap(
  ctx: ServerContext,
  principal: Principal & { kind: 'staff' },
  performanceId: string,
  body: AttachSeatMapBody,
): Promise<Record<string, unknown>> {
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    const performance = await seats.lockPerformance(tx, principal.orgId, performanceId);
    if (!performance) reject('NOT_FOUND', NO_PERFORMANCE);
    assertVersion('performance', performance.version, body.expectedVersion);
    if (performance.seatMapId === body.seatMapId) return;
    if (performance.seatMapId) {
      const owned = await seats.ownedSeatCount(tx, performanceId);
      if (owned > 0) {
        reject(
          'SEATS_IN_USE',
          `${count(owned)} seat(s) of this performance are sold, leased to terminals or in carts: its map ` +
            'can no longer change.',
        );
      }
      await seats.clearPerformanceSeats(tx, performanceId);
    }
    let limit = performance.capacity;
    if (body.seatMapId) {
      const map = await getSeatMap(tx, principal.orgId, body.seatMapId);
      if (!map)
        reject('REFERENCE_NOT_FOUND', 'seatMapId names no seat map of your organisation: check the id.');
      if (map.venueId !== performance.venueId) {
        reject(
          'WRONG_VENUE',
          `The map "${map.name}" is a hall of another venue: choose one of this event's venue.`,
        );
      }
      assertBandsPriced(map, await seats.eventBandNames(tx, principal.orgId, performance.eventId));
      assertCapacityMatches(map, performance.capacity, 'attach');
      limit = gaCapacity(map);
    }
    await seats.setPerformanceMap(tx, principal.orgId, performanceId, body.seatMapId);
    if (body.seatMapId) {
      await seats.seedPerformanceSeats(tx, principal.orgId, performanceId, body.seatMapId, principal.staffId);
    }
    await followCounter(tx, principal.orgId, performanceId, limit, body.seatMapId !== null);
    await recordAudit(tx, ctx, principal, {
      action: 'performance.seat_map',
      entityKind: 'performance',
      entityId: performanceId,
      before: { seatMapId: performance.seatMapId },
      after: { seatMapId: body.seatMapId },
      summary: body.seatMapId ? 'seat map attached' : 'seat map taken off',
    });
  });
  return getPerformance(ctx, principal, 'performances', performanceId);
}

export async function performanceSeats(
  ctx: ServerContext,
  principal: Principal,
  performanceId: string,
): Promise<PerformanceSeatsView> {
  return ctx.db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const performance = await seats.readPerformance(tx, principal.orgId, performanceId);
    if (!performance) reject('NOT_FOUND', NO_PERFORMANCE);
    if (!performance.seatMapId) reject('NOT_SEATED', NOT_SEATED);
    const map = await readSeatMap(tx, principal.orgId, performance.seatMapId);
    return { map, statuses: await seats.seatStatuses(tx, performanceId) };
  });
}

/** Whether a seat may go from its state to the action's: hold and block take free seats only. */
function allowed(action: SeatAction, status: SeatStatus, now: number): boolean {
  const lapsed = status.expiresAt !== null && Date.parse(status.expiresAt) <= now;
  switch (action) {
    case 'hold':
    case 'block':
      // An expired cart or hold is free for the taking (lazy expiry). An expired lease is not: its
      // terminal may have sold the seat offline and not pushed the sale yet.
      return status.state === 'free' || ((status.state === 'cart' || status.state === 'held') && lapsed);
    case 'release':
      return status.state === 'held';
    case 'unblock':
      return status.state === 'blocked';
  }
}

const STATE_WORDS: Record<SeatStatus['state'], string> = {
  free: 'free',
  held: 'held',
  leased: 'leased to a terminal',
  cart: 'in a cart',
  sold: 'sold',
  blocked: 'blocked',
};

const ACTION_RULE: Record<SeatAction, string> = {
  hold: 'only free seats can be held',
  block: 'only free seats can be blocked',
  release: 'only held seats can be released',
  unblock: 'only blocked seats can be unblocked',
};

/** POST /v1/performances/:id/seats/{hold,release,block,unblock}: all the seats or none. */
export async function changeSeats(
  ctx: ServerContext,
  principal: Principal & { kind: 'staff' },
  performanceId: string,
  action: SeatAction,
  body: { seatIds: string[] } & Partial<Pick<SeatHoldBody, 'kind' | 'expiresAt'>>,
): Promise<PerformanceSeatsView> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    const performance = await seats.lockPerformance(tx, principal.orgId, performanceId);
    if (!performance) reject('NOT_FOUND', NO_PERFORMANCE);
    if (!performance.seatMapId) reject('NOT_SEATED', NOT_SEATED);
    const map = await readSeatMap(tx, principal.orgId, performance.seatMapId);
    const ids = [...new Set(body.seatIds)];
    const rows = await seats.lockSeatStatuses(tx, performanceId, ids);
    if (rows.length !== ids.length) {
      reject(
        'NOT_FOUND',
        `${ids.length - rows.length} of the seats are not seats of this performance's map: reload it.`,
      );
    }
    const refused = rows.filter((row) => !allowed(action, row, now.getTime()));
    if (refused.length > 0) {
      const named = refused
        .slice(0, 10)
        .map((row) => `${seatName(map, row.seatId)} is ${STATE_WORDS[row.state]}`)
        .join('; ');
      const more = refused.length > 10 ? ` and ${refused.length - 10} more` : '';
      reject('SEATS_NOT_FREE', `${named}${more}: ${ACTION_RULE[action]}. Nothing was changed.`);
    }
    const expiresAt = body.expiresAt ?? null;
    if (action === 'hold' && expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) {
      reject('EXPIRY_PAST', 'The hold would end before it starts: give an expiry in the future, or none.');
    }
    await seats.setSeatStates(
      tx,
      principal.orgId,
      performanceId,
      ids,
      action === 'hold'
        ? { state: 'held', holder: principal.staffId, holdKind: body.kind ?? 'house', expiresAt }
        : action === 'block'
          ? { state: 'blocked' }
          : { state: 'free' },
    );
    await recordAudit(tx, ctx, principal, {
      action: `performance.seats_${action}`,
      entityKind: 'performance',
      entityId: performanceId,
      before: { seats: rows.map((r) => ({ seatId: r.seatId, state: r.state })) },
      after: { seats: ids.length, ...(action === 'hold' ? { kind: body.kind, expiresAt } : {}) },
      summary: `${action} ${ids.length} seat(s): ${ids
        .slice(0, 5)
        .map((id) => seatName(map, id))
        .join('; ')}${ids.length > 5 ? ' …' : ''}`,
    });
  });
  return performanceSeats(ctx, principal, performanceId);
}
