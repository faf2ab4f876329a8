import { randomBytes } from 'node:crypto';
import type { CartView, CustomerInput } from '../../../shared/ipc/domains/sell';
import {
  defaultExpiry,
  expiryProblem,
  shownStatus,
  reservationReference,
  unitsOf,
  type ReservationView,
} from '../../../shared/reservations/rules';
import { err, ok, type Result } from '../../../shared/result';
import { saleNeeds, ticketsPerPerformance } from '../../../shared/sync/counters';
import { isSeated } from '../../db/repos/seat-repo';
import type { ReservationLine } from '../../../shared/sync/reservation-payloads';
import { isoNow, type Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { addSold, getPerformance, getTicketOffer, getVenue } from '../../db/repos/catalogue-repo';
import { appendOutbox } from '../../db/repos/outbox-repo';
import {
  findReservationByReference,
  getReservation,
  insertReservation,
  listReservations,
  reservationLines,
  reservationsDue,
  type ReservationRow,
} from '../../db/repos/reservation-repo';
import { getSyncState } from '../../db/repos/sync-repo';
import { newId } from '../../ids';
import { fail, type Translate } from '../../messages';
import { ticketLine, type CartLine, type CartService } from '../cart-service';
import type { Actor } from '../staff-service';
import type { EscrowLedger } from '../sync/escrow';
import type { SyncService } from '../sync/sync-service';
import type { SyncAnswer, SyncRequest } from '../sync/transport';
import { handOverHold, releaseHold } from './hold';

// Phone bookings held for a customer until an expiry (docs/RESERVATIONS.md). Reserve, cancel and the
// expiry sweep each write one transaction with one outbox row; a pickup loads the reservation into the
// cart and the checkout hands the hold over to the sale in the sale's own transaction (`handOver`).

const REMOTE_TIMEOUT_MS = 4_000;

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  cart: CartService;
  terminalId: () => string;
  escrow: EscrowLedger;
  sync: Pick<SyncService, 'prepare' | 'afterWrite'>;
  ask: (request: Omit<SyncRequest, 'token'>) => Promise<SyncAnswer | undefined>;
  serverLikelyUp: () => boolean;
}

export interface ReservationList {
  /** 'server': every terminal's reservations; 'local': this terminal's only (offline or standalone). */
  source: 'server' | 'local';
  reservations: ReservationView[];
}

export type ReservationService = ReturnType<typeof createReservationService>;

const contactOf = (customer: CustomerInput | null) => {
  const name = customer?.name.trim() ?? '';
  const phone = customer?.phone?.trim() || null;
  const email = customer?.email?.trim() || null;
  return name && (phone || email) ? { name, phone, email } : null;
};

export function createReservationService(deps: Deps) {
  const { db, clock, t, cart, escrow } = deps;
  const now = () => isoNow(clock);
  const enrolled = () => escrow.mode() !== 'standalone';

  const toView = (r: ReservationRow): ReservationView => {
    const lines = reservationLines(db, r.id);
    return {
      id: r.id,
      reference: r.reference,
      terminalId: r.terminalId,
      terminalName: getSyncState(db)?.terminalName ?? null,
      customerName: r.customerName,
      customerPhone: r.customerPhone,
      customerEmail: r.customerEmail,
      currency: r.currency,
      total: r.total,
      units: unitsOf(lines),
      lines,
      expiresAt: r.expiresAt,
      createdAt: r.createdAt,
      status: shownStatus(r, clock.now()),
      closedAt: r.closedAt,
      closedReason: r.closedReason,
    };
  };

  /** Releases every hold whose expiry has come, each with its release row; returns how many. */
  const sweep = (): number => {
    const at = now();
    const due = reservationsDue(db, at);
    if (due.length === 0) return 0;
    let released = 0;
    db.transaction(() => {
      for (const r of due) {
        if (
          releaseHold(db, r, {
            reason: 'expired',
            note: null,
            at: r.expiresAt,
            terminalId: deps.terminalId(),
          })
        )
          released += 1;
      }
    })();
    if (released > 0) deps.sync.afterWrite();
    return released;
  };

  /** Why a reservation cannot be picked up or cancelled any more, as a sentence; null while held. */
  const closedProblem = (r: ReservationRow): Result<never> | null => {
    const reference = r.reference;
    if (r.status === 'held' && Date.parse(r.expiresAt) > clock.now()) return null;
    if (r.status === 'picked_up') return fail(t, 'RESERVATION_PICKED_UP', { reference });
    if (r.status === 'cancelled')
      return fail(t, 'RESERVATION_CANCELLED', { reference, reason: r.closedReason ?? '' });
    return fail(t, 'RESERVATION_EXPIRED', { reference, at: r.expiresAt });
  };

  /** A reservation this terminal holds, by id or reference; or the sentence saying where it is. */
  const find = async (ref: string): Promise<Result<ReservationRow>> => {
    const here = getReservation(db, ref) ?? findReservationByReference(db, ref.trim());
    if (here) return ok(here);
    const remote = await remoteList({ reference: ref.trim() });
    const elsewhere = remote?.find((r) => r.reference.toUpperCase() === ref.trim().toUpperCase());
    if (elsewhere)
      return fail(t, 'RESERVATION_ELSEWHERE', {
        reference: elsewhere.reference,
        terminal: elsewhere.terminalName ?? elsewhere.terminalId,
      });
    return fail(t, 'RESERVATION_UNKNOWN', { reference: ref.trim() });
  };

  /** The server's reservations (every terminal's); undefined when it does not answer. */
  const remoteList = async (filter: {
    performanceId?: string;
    reference?: string;
  }): Promise<ReservationView[] | undefined> => {
    if (!enrolled() || !deps.serverLikelyUp()) return undefined;
    const query = new URLSearchParams(filter as Record<string, string>);
    const answer = await deps.ask({
      method: 'GET',
      path: `/v1/sync/reservations?${query.toString()}`,
      timeoutMs: REMOTE_TIMEOUT_MS,
    });
    if (answer?.status !== 200) return undefined;
    return (answer.body as { reservations: ReservationView[] }).reservations;
  };

  return {
    sweep,

    /**
     * The cart becomes a reservation instead of a sale: its tickets at their list prices, for the cart's
     * customer, until `expiresAt` (default: 30 minutes before the earliest performance starts).
     */
    async reserve(
      actor: Actor,
      input: { cartId: string; expiresAt?: string | undefined },
    ): Promise<Result<ReservationView>> {
      if (input.cartId !== cart.id()) return fail(t, 'STALE_CART');
      sweep();
      const priced = cart.priceCart(actor);
      const lines = priced.cart.lines;
      if (lines.length === 0) return fail(t, 'RESERVE_EMPTY');
      if (lines.some((l) => l.kind !== 'ticket' || !l.scheduleId)) return fail(t, 'RESERVE_TICKETS_ONLY');
      // Holding named seats for a pickup is not built yet (docs/SEATING.md "At the window"): a
      // performance with a seat map is sold, not reserved.
      if (lines.some((l) => l.seats || isSeated(db, l.scheduleId ?? '')))
        return fail(t, 'SEAT_RESERVE_UNSUPPORTED');
      const contact = contactOf(priced.cart.customer);
      if (!contact || !priced.cart.customer) return fail(t, 'RESERVE_NO_CUSTOMER');
      const perPerformance = ticketsPerPerformance(
        lines.map((l) => ({ kind: l.kind, performanceId: l.scheduleId ?? null, qty: l.qty })),
      );
      const startsAt = [...perPerformance.keys()].map((id) => getPerformance(db, id)?.startsAt ?? '');
      const expiresAt = input.expiresAt ?? defaultExpiry(startsAt);
      const problem = expiryProblem(expiresAt, clock.now(), startsAt);
      if (problem) {
        const earliest = [...startsAt].sort()[0] ?? '';
        return fail(t, problem, { startsAt: earliest });
      }
      const needs = enrolled() ? saleNeeds(perPerformance, null, null) : [];
      if (escrow.mode() === 'enrolled') await deps.sync.prepare(needs);
      if (escrow.mode() === 'restore_detected') return fail(t, 'SYNC_RESTORE_DETECTED');
      // From here to the commit nothing awaits.
      if (input.cartId !== cart.id()) return fail(t, 'STALE_CART');
      for (const [performanceId, qty] of perPerformance) {
        const performance = getPerformance(db, performanceId);
        const left = Math.max(0, (performance?.capacity ?? 0) - (performance?.sold ?? 0));
        if (!performance || performance.status !== 'on_sale') return fail(t, 'NOT_ON_SALE');
        if (left < qty) return fail(t, 'CAPACITY', { left });
      }
      const at = now();
      const id = newId();
      let reference = reservationReference(randomBytes(8));
      while (findReservationByReference(db, reference)) reference = reservationReference(randomBytes(8));
      const reservedLines: ReservationLine[] = lines.map((l) => ({
        performanceId: l.scheduleId as string,
        priceId: l.sourceId,
        ticketTypeId: l.ticketTypeId ?? null,
        name: l.name,
        detail: l.detail,
        qty: l.qty,
        unitPrice: l.unitPrice,
      }));
      const total = reservedLines.reduce((n, l) => n + l.unitPrice * l.qty, 0);
      const currency = getVenue(db)?.currency ?? 'EUR';
      const refused = db.transaction(() => {
        if (enrolled()) escrow.beforeSale();
        const taken = needs.length > 0 ? escrow.take(needs, () => false) : null;
        if (taken && !taken.ok) return taken;
        const row = {
          id,
          reference,
          terminalId: deps.terminalId(),
          staffId: actor.staffId,
          customerName: contact.name,
          customerPhone: contact.phone,
          customerEmail: contact.email,
          customer: JSON.stringify(priced.cart.customer),
          currency,
          total,
          expiresAt: new Date(expiresAt).toISOString(),
          createdAt: at,
        };
        insertReservation(db, row, reservedLines, taken?.rows ?? [], newId);
        for (const [performanceId, qty] of perPerformance) addSold(db, performanceId, qty);
        const { customer: _c, ...payload } = row;
        appendOutbox(db, {
          mutationId: newId(),
          type: 'reservation.create',
          payload: {
            ...payload,
            lines: reservedLines,
            escrow: taken?.escrow ?? { leaseUses: [], unbacked: [] },
          },
          createdAt: at,
        });
        return null;
      })();
      if (refused) return fail(t, 'CAPACITY', { left: refused.held });
      cart.reset();
      deps.sync.afterWrite();
      return ok(toView(getReservation(db, id) as ReservationRow));
    },

    /** A cashier ends a hold before its expiry; the reason is recorded and pushed. */
    async cancel(_actor: Actor, input: { ref: string; reason: string }): Promise<Result<ReservationView>> {
      const reason = input.reason.trim();
      if (!reason) return fail(t, 'RESERVATION_CANCEL_REASON');
      sweep();
      const found = await find(input.ref);
      if (!found.ok) return found;
      const closed = closedProblem(found.value);
      if (closed) return closed;
      db.transaction(() =>
        releaseHold(db, found.value, {
          reason: 'cancelled',
          note: reason,
          at: now(),
          terminalId: deps.terminalId(),
        }),
      )();
      if (cart.reservationId() === found.value.id) cart.reset();
      deps.sync.afterWrite();
      return ok(toView(getReservation(db, found.value.id) as ReservationRow));
    },

    /** The reservation's lines go into the cart at their reserved prices, for its customer; pay as usual. */
    async pickup(actor: Actor, input: { ref: string }): Promise<Result<CartView>> {
      sweep();
      const found = await find(input.ref);
      if (!found.ok) return found;
      const r = found.value;
      const closed = closedProblem(r);
      if (closed) return closed;
      const lines: CartLine[] = [];
      for (const line of reservationLines(db, r.id)) {
        const offer = getTicketOffer(db, line.performanceId, line.priceId);
        if (!offer) return fail(t, 'UNKNOWN_ITEM');
        lines.push({
          ...ticketLine(offer, {
            performanceId: line.performanceId,
            ticketPriceId: line.priceId,
            qty: line.qty,
          }),
          unitPrice: line.unitPrice,
        });
      }
      const customer = JSON.parse(r.customer) as CustomerInput;
      return ok(cart.loadReservation(actor, { id: r.id, customer, lines }));
    },

    /**
     * Checkout's check before it sells a cart that picks a reservation up: a hold that ended since it was
     * loaded refuses the sale with the sentence saying why.
     */
    pickupProblem(reservationId: string): Result<never> | null {
      const r = getReservation(db, reservationId);
      return r ? closedProblem(r) : err('RESERVATION_UNKNOWN', t('RESERVATION_UNKNOWN', { reference: '' }));
    },

    /** Inside the sale's transaction, before its seats are counted and leased: the hold becomes the sale. */
    handOver(reservationId: string, saleId: string, at: string): void {
      handOverHold(db, reservationId, { saleId, at, terminalId: deps.terminalId() });
    },

    /**
     * The will-call list: from the server (every terminal's reservations) while it answers, else this
     * terminal's own from the local store.
     */
    async list(filter: {
      performanceId?: string | undefined;
      query?: string | undefined;
    }): Promise<Result<ReservationList>> {
      sweep();
      if (filter.performanceId && !filter.query) {
        const remote = await remoteList({ performanceId: filter.performanceId });
        if (remote) {
          // What this terminal has not pushed yet is not on the server: its own rows are the newest truth.
          const mine = new Map(listReservations(db, filter).map((r) => [r.id, toView(r)]));
          const merged = remote.map((r) => mine.get(r.id) ?? r);
          for (const [rid, view] of mine) if (!merged.some((r) => r.id === rid)) merged.push(view);
          merged.sort(
            (a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.reference.localeCompare(b.reference),
          );
          return ok({ source: 'server', reservations: merged });
        }
      }
      return ok({ source: 'local', reservations: listReservations(db, filter).map(toView) });
    },
  };
}
