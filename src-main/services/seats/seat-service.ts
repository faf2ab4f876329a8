import type { TicketOffer } from '../../../shared/ipc/domains/catalogue';
import type { CartView } from '../../../shared/ipc/domains/sell';
import type { BestAvailableView, SeatMapView, SeatStatesView } from '../../../shared/ipc/seating-schemas';
import { bestAvailable } from '../../../shared/seating/best-available';
import { seatLabelText, seatLabelOf } from '../../../shared/seating/label';
import type { SeatMap, SeatStatus } from '../../../shared/seating/types';
import { ok, type Result } from '../../../shared/result';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { getPerformance, listTicketOffers } from '../../db/repos/catalogue-repo';
import {
  mergeSeatStatuses,
  putSeatClaims,
  putSeatStatus,
  seatMapOfPerformance,
  seatMapRefOfPerformance,
  seatStatusPos,
  seatStatuses,
  seatsReleasedHereUnpushed,
  seatsSoldHere,
  usableLeaseOf,
  usableLeasedSeats,
} from '../../db/repos/seat-repo';
import { fail, type Translate } from '../../messages';
import type { CartSeat, CartSeatOf, CartService } from '../cart-service';
import type { AskServer } from '../door/server-door';
import type { Actor } from '../staff-service';
import { sameBand } from './seat-capacity';
import type { SeatLeases } from './seat-leases';
import { seatCartResponseSchema, seatStatesResponseSchema } from '../../../shared/sync/seat-protocol';

// The seat picker's core (docs/SEATING.md "At the window"): the map with its states, picking seats
// into the cart and giving them back, and best available. Online a seat goes into this terminal's cart
// on the server; offline only the seats leased to this terminal can be chosen. No permission sells a
// seat the terminal does not hold.

const REMOTE_TIMEOUT_MS = 4_000;

type Answer = Awaited<ReturnType<AskServer>>;
/** The server was not reached, or could not answer for itself: the terminal is offline for this. */
const unreachable = (answer: Answer) => !answer || answer.status === 0 || answer.status >= 500;

export function createSeatService(deps: {
  db: Db;
  clock: Clock;
  t: Translate;
  cart: CartService;
  leases: SeatLeases;
  ask: AskServer;
  enrolled: () => boolean;
  serverLikelyUp: () => boolean;
  terminalId: () => string;
  /** Whether this person sells in training here (training.ts): no seat is picked then. */
  training?: ((staffId: string) => boolean) | undefined;
}) {
  const { db, t, cart, leases } = deps;
  const now = () => new Date(deps.clock.now()).toISOString();
  const online = () => deps.enrolled() && deps.serverLikelyUp();

  // The last map read, kept parsed: a big hall's map is hundreds of kilobytes of JSON, and an open
  // picker asks for its states every few seconds and after each pick. Never changed in place.
  let parsed: { key: string; map: SeatMap } | null = null;
  const mapOf = (performanceId: string): Result<SeatMap> => {
    // No map (unseated, or its map not pulled yet): the same refusal.
    const ref = seatMapRefOfPerformance(db, performanceId);
    if (!ref) return fail(t, 'SEAT_NOT_SEATED');
    const key = `${ref.id}:${ref.version}`;
    if (parsed?.key !== key) {
      const map = seatMapOfPerformance(db, performanceId);
      if (!map) return fail(t, 'SEAT_NOT_SEATED');
      parsed = { key, map };
    }
    return ok(parsed.map);
  };

  const labelsOf = (map: SeatMap, seatIds: readonly string[]) =>
    seatIds
      .map((id) => {
        const label = seatLabelOf(map, id);
        return label ? seatLabelText(label) : id;
      })
      .join('; ');

  /** The server's states since the cache's position, merged in; false when it could not be asked. */
  const fetchStates = async (performanceId: string, map: SeatMap): Promise<boolean> => {
    if (!online()) return false;
    const pos = seatStatusPos(db, performanceId);
    const since = pos && pos.mapVersion === map.version ? pos.changePos : 0;
    const answer = await deps.ask({
      method: 'GET',
      path: `/v1/sync/seats/${encodeURIComponent(performanceId)}?since=${since}`,
      timeoutMs: REMOTE_TIMEOUT_MS,
    });
    if (answer?.status !== 200) return false;
    const parsed = seatStatesResponseSchema.safeParse(answer.body);
    if (!parsed.success) return false;
    db.transaction(() => mergeSeatStatuses(db, performanceId, parsed.data, now()))();
    return true;
  };

  /** Seats of the performance this terminal may sell from a lease now, less those in the cart. */
  const leasedHere = (performanceId: string): string[] => {
    const inCart = new Set(cart.seats().map((s) => s.seatId));
    return usableLeasedSeats(db, performanceId, now())
      .map((l) => l.seatId)
      .filter((id) => !inCart.has(id));
  };

  /** Every seat of the map with its state: the cache, with this terminal's cart and leases over it. */
  const statusesOf = (performanceId: string, map: SeatMap): SeatStatus[] => {
    const me = deps.terminalId();
    const cached = new Map(seatStatuses(db, performanceId).map((s) => [s.seatId, s]));
    // Sold here and not yet pushed, the server may still show the seat in this terminal's cart; given
    // back here and not yet pushed, it cannot be taken online yet (seatsReleasedHereUnpushed).
    for (const seatId of [
      ...seatsSoldHere(db, performanceId),
      ...seatsReleasedHereUnpushed(db, performanceId),
    ])
      cached.set(seatId, { seatId, state: 'sold', holder: null, holdKind: null, expiresAt: null });
    const leased = new Map(usableLeasedSeats(db, performanceId, now()).map((l) => [l.seatId, l]));
    const inCart = new Map(
      cart
        .seats()
        .filter((s) => s.performanceId === performanceId)
        .map((s) => [s.seatId, s]),
    );
    return map.seats.map((seat): SeatStatus => {
      const mine = inCart.get(seat.id);
      if (mine)
        return { seatId: seat.id, state: 'cart', holder: me, holdKind: null, expiresAt: mine.expiresAt };
      const lease = leased.get(seat.id);
      if (lease)
        return { seatId: seat.id, state: 'leased', holder: me, holdKind: null, expiresAt: lease.expiresAt };
      return (
        cached.get(seat.id) ?? {
          seatId: seat.id,
          state: seat.hold ? 'held' : 'free',
          holder: null,
          holdKind: seat.hold,
          expiresAt: null,
        }
      );
    });
  };

  const bandsOf = (performanceId: string, map: SeatMap): SeatMapView['bands'] => {
    const offers = listTicketOffers(db, performanceId);
    return map.bands.flatMap((band) => {
      const priced = offers.filter((o) => sameBand(o.priceBandName, band));
      const first = priced[0];
      if (!first) return [];
      return [
        {
          band,
          priceBandId: first.priceBandId,
          prices: priced.map((o) => ({
            ticketPriceId: o.ticketPriceId,
            ticketTypeId: o.ticketTypeId,
            ticketTypeName: o.ticketTypeName,
            unitPrice: o.unitPrice,
          })),
        },
      ];
    });
  };

  /** The performance's seat states as the picker shows them: the server's when it answers. */
  const statesView = async (performanceId: string, map: SeatMap): Promise<SeatStatesView> => {
    leases.expire();
    const fromServer = await fetchStates(performanceId, map);
    const inCart = cart
      .seats()
      .filter((s) => s.performanceId === performanceId)
      .map((s) => s.seatId);
    return {
      performanceId,
      mapId: map.id,
      mapVersion: map.version,
      statuses: statusesOf(performanceId, map),
      mine: { cart: inCart, leased: leasedHere(performanceId) },
      source: fromServer ? 'server' : 'local',
      mode: fromServer ? 'online' : 'leased-only',
      fetchedAt: seatStatusPos(db, performanceId)?.fetchedAt ?? now(),
    };
  };

  /** Gives the cart's holds on the server back (best effort: an unanswered release lapses by itself). */
  const releaseHolds = async (seats: readonly CartSeatOf[], cartId: string): Promise<void> => {
    const byPerformance = new Map<string, string[]>();
    for (const seat of seats)
      if (seat.hold === 'cart')
        byPerformance.set(seat.performanceId, [
          ...(byPerformance.get(seat.performanceId) ?? []),
          seat.seatId,
        ]);
    for (const [performanceId, release] of byPerformance) {
      const answer = deps.enrolled()
        ? await deps.ask({
            method: 'POST',
            path: '/v1/sync/seats/cart',
            body: { performanceId, cartId, take: [], release },
            timeoutMs: REMOTE_TIMEOUT_MS,
          })
        : undefined;
      if (answer?.status !== 200) continue;
      putSeatClaims(db, performanceId, release, { state: 'free', holder: null, expiresAt: null });
    }
  };

  /** Takes seats into this terminal's cart on the server: all or none. `checkout`: until the push. */
  const takeOnline = async (
    map: SeatMap,
    performanceId: string,
    take: string[],
    checkout = false,
  ): Promise<Result<string | null> | 'offline'> => {
    if (!online()) return 'offline';
    const answer = await deps.ask({
      method: 'POST',
      path: '/v1/sync/seats/cart',
      body: { performanceId, cartId: cart.id(), take, release: [], ...(checkout ? { checkout } : {}) },
      timeoutMs: REMOTE_TIMEOUT_MS,
    });
    if (unreachable(answer)) return 'offline';
    const parsed = answer?.status === 200 ? seatCartResponseSchema.safeParse(answer.body) : undefined;
    if (!parsed?.success) {
      const message = (answer?.body as { message?: unknown } | undefined)?.message;
      return fail(t, 'SEAT_SERVER_REFUSED', { message: typeof message === 'string' ? message : '' });
    }
    const { refused, expiresAt } = parsed.data;
    if (refused.length > 0) {
      db.transaction(() => {
        for (const r of refused)
          putSeatStatus(db, performanceId, {
            seatId: r.seatId,
            state: r.state,
            holder: null,
            holdKind: null,
            expiresAt: null,
          });
      })();
      return fail(t, 'SEAT_TAKEN', {
        seats: labelsOf(
          map,
          refused.map((r) => r.seatId),
        ),
      });
    }
    return ok(expiresAt);
  };

  return {
    async map(performanceId: string): Promise<Result<SeatMapView>> {
      const map = mapOf(performanceId);
      if (!map.ok) return map;
      const states = await statesView(performanceId, map.value);
      return ok({ ...states, map: map.value, bands: bandsOf(performanceId, map.value) });
    },

    /** The states alone, for a picker that already has the map (its `mapVersion` says whether it still does). */
    async states(performanceId: string): Promise<Result<SeatStatesView>> {
      const map = mapOf(performanceId);
      return map.ok ? ok(await statesView(performanceId, map.value)) : map;
    },

    async pick(
      actor: Actor,
      input: { performanceId: string; seatIds: readonly string[]; ticketTypeId: string },
    ): Promise<Result<CartView>> {
      const { performanceId } = input;
      const found = mapOf(performanceId);
      if (!found.ok) return found;
      // docs/CASH.md "Training mode": a picked seat is held on the server for real; training holds none.
      if (deps.training?.(actor.staffId)) return fail(t, 'TRAINING_NO_SEATS');
      const map = found.value;
      if (getPerformance(db, performanceId)?.status !== 'on_sale') return fail(t, 'NOT_ON_SALE');
      const seats = input.seatIds.map((id) => map.seats.find((s) => s.id === id));
      if (seats.some((s) => s === undefined)) return fail(t, 'SEAT_UNKNOWN');
      const inCart = new Set(cart.seats().map((s) => s.seatId));
      const already = input.seatIds.filter((id) => inCart.has(id));
      if (already.length > 0) return fail(t, 'SEAT_IN_CART', { seats: labelsOf(map, already) });
      // The server may still hold a seat sold here for this terminal until the sale is pushed.
      const soldHere = seatsSoldHere(db, performanceId);
      const sold = input.seatIds.filter((id) => soldHere.has(id));
      if (sold.length > 0) return fail(t, 'SEAT_TAKEN', { seats: labelsOf(map, sold) });
      // Each seat's price: the ticket type in the event's price band its map band names.
      const offers = listTicketOffers(db, performanceId);
      const priced: { seatId: string; offer: TicketOffer }[] = [];
      const unpriced: string[] = [];
      for (const seat of seats) {
        if (!seat) continue;
        const offer = offers.find(
          (o) => o.ticketTypeId === input.ticketTypeId && sameBand(o.priceBandName, seat.band),
        );
        if (offer) priced.push({ seatId: seat.id, offer });
        else unpriced.push(seat.id);
      }
      if (unpriced.length > 0) return fail(t, 'SEAT_NO_PRICE', { seats: labelsOf(map, unpriced) });
      // Leased seats are sold from their lease, online or not; the rest need the server.
      leases.expire();
      const at = now();
      const fromLease = new Set(input.seatIds.filter((id) => usableLeaseOf(db, performanceId, id, at)));
      const others = input.seatIds.filter((id) => !fromLease.has(id));
      const unsynced = seatsReleasedHereUnpushed(db, performanceId);
      const waiting = others.filter((id) => unsynced.has(id));
      if (waiting.length > 0) return fail(t, 'SEAT_NOT_SYNCED', { seats: labelsOf(map, waiting) });
      let expiresAt: string | null = null;
      if (others.length > 0) {
        const taken = await takeOnline(map, performanceId, others);
        if (taken === 'offline')
          return fail(t, 'SEAT_NOT_LEASED', {
            seats: labelsOf(map, others),
            left: leasedHere(performanceId).length,
          });
        if (!taken.ok) return taken;
        expiresAt = taken.value;
        putSeatClaims(db, performanceId, others, { state: 'cart', holder: deps.terminalId(), expiresAt });
        // Taking renews the cart's other seats of the performance too.
        if (expiresAt) cart.renewSeats(performanceId, expiresAt);
      }
      const picks = priced.map(({ seatId, offer }) => {
        const label = seatLabelOf(map, seatId) ?? { seatId, section: '', row: '', seat: seatId };
        const lease = fromLease.has(seatId) ? usableLeaseOf(db, performanceId, seatId, at) : undefined;
        const seat: CartSeat = {
          seatId,
          label,
          text: seatLabelText(label),
          hold: lease ? 'lease' : 'cart',
          expiresAt: lease ? lease.expiresAt : expiresAt,
        };
        return { offer, seat };
      });
      return ok(cart.addSeats(actor, picks));
    },

    async unpick(actor: Actor, seatIds: readonly string[]): Promise<Result<CartView>> {
      const cartId = cart.id();
      const removed = cart.removeSeats(seatIds);
      if (removed.length === 0) return fail(t, 'SEAT_NOT_IN_CART');
      await releaseHolds(removed, cartId);
      return ok(cart.view(actor));
    },

    /** The cart emptied: its seats' holds go back. */
    async clear(actor: Actor): Promise<CartView> {
      const cartId = cart.id();
      const seats = cart.seats();
      const view = cart.clear(actor);
      await releaseHolds(seats, cartId);
      return view;
    },

    /** A line's quantity: a seated line only goes whole (0), releasing its seats. */
    async setQty(actor: Actor, input: { lineId: string; qty: number }): Promise<Result<CartView>> {
      const cartId = cart.id();
      const seats = input.qty === 0 ? cart.lineSeats(input.lineId) : [];
      const result = cart.setQty(actor, input);
      if (result.ok && seats.length > 0) await releaseHolds(seats, cartId);
      return result;
    },

    /** Sign-out drops the cart: its holds go back without waiting for the answer. */
    discard(): void {
      const cartId = cart.id();
      const seats = cart.seats();
      cart.reset();
      void releaseHolds(seats, cartId).catch(() => undefined);
    },

    /**
     * Before a checkout: the cart's holds are taken again, now until the sale's push can arrive, so the
     * commit knows they are still this terminal's and the push finds them so. A seat lost meanwhile
     * refuses the checkout, naming it; so does the server not answering, for seats held only there
     * (offline only leased seats are sold, and a hold not renewed could lapse before the push).
     */
    async confirm(): Promise<Result<true>> {
      const byPerformance = new Map<string, string[]>();
      for (const seat of cart.seats())
        if (seat.hold === 'cart')
          byPerformance.set(seat.performanceId, [
            ...(byPerformance.get(seat.performanceId) ?? []),
            seat.seatId,
          ]);
      for (const [performanceId, seatIds] of byPerformance) {
        const map = mapOf(performanceId);
        if (!map.ok) return map;
        const taken = await takeOnline(map.value, performanceId, seatIds, true);
        if (taken === 'offline')
          return fail(t, 'SEAT_CHECKOUT_OFFLINE', { seats: labelsOf(map.value, seatIds) });
        if (!taken.ok)
          return taken.reason === 'SEAT_TAKEN'
            ? fail(t, 'SEAT_NOT_HELD', { seats: labelsOf(map.value, seatIds) })
            : taken;
        if (taken.value) cart.renewSeats(performanceId, taken.value);
      }
      return ok(true);
    },

    async best(input: {
      performanceId: string;
      n: number;
      band?: string | undefined;
    }): Promise<Result<BestAvailableView>> {
      const found = mapOf(input.performanceId);
      if (!found.ok) return found;
      const map = found.value;
      leases.expire();
      const fromServer = await fetchStates(input.performanceId, map);
      const leased = new Set(leasedHere(input.performanceId));
      const inCart = new Set(cart.seats().map((s) => s.seatId));
      const free = new Set(
        statusesOf(input.performanceId, map)
          .filter((s) => s.state === 'free' && !inCart.has(s.seatId))
          .map((s) => s.seatId),
      );
      const available = (seatId: string) => leased.has(seatId) || (fromServer && free.has(seatId));
      const found2 = bestAvailable(map, available, input.n, input.band ? { band: input.band } : undefined);
      const offline = fromServer ? '' : ` ${t('BEST_OFFLINE')}`;
      const message = found2.together
        ? t('BEST_TOGETHER', { n: input.n })
        : found2.split
          ? t('BEST_SPLIT', { n: input.n, groups: found2.split.length })
          : t('BEST_NONE', { n: input.n });
      return ok({
        seatIds: found2.together,
        split: found2.together ? null : found2.split,
        message: message + offline,
      });
    },
  };
}

export type SeatService = ReturnType<typeof createSeatService>;
