import type { CodeRecord } from '../../shared/codes/types';
import {
  evaluateCode,
  normalizeCode,
  priceBasket,
  rankCodes,
  selectAutoApply,
  type Basket,
  type BasketLine,
  type CustomDiscount,
  type Evaluation,
  type EvaluationContext,
  type PricedBasket,
  type ReasonCode,
  type Usage,
} from '../../shared/discounts';
import { CODE_FORMAT_MESSAGE, REASON_MESSAGES } from '../../shared/discounts/messages';
import { ATTACHABLE_REASONS } from '../../shared/discounts/policy';
import { formatMinor } from '../../shared/money';
import type { Language } from '../../shared/ipc/types';
import type { CartView, CodeOption, CustomerInput } from '../../shared/ipc/domains/sell';
import { err, ok, type Result } from '../../shared/result';
import { isoNow, type Clock } from '../clock';
import { OVERUSE_CAP_REFUSAL, type OveruseCaps } from './overuse-caps';
import type { Db } from '../db/connection';
import type { TicketOffer } from '../../shared/ipc/domains/catalogue';
import {
  getPerformance,
  getProduct,
  getTicketOffer,
  getVenue,
  getVenueCashStep,
  getVenueCurrency,
} from '../db/repos/catalogue-repo';
import { getReservation, heldPerPerformance } from '../db/repos/reservation-repo';
import { getCode, getCodeByText, listAutoApplyCodes, searchCodes } from '../db/repos/code-repo';
import { usageForCodes } from '../db/repos/usage-repo';
import { addCustomerUsage } from '../../shared/customers/usage';
import type { CustomerCodeUsage } from '../../shared/customers/history';
import { newId } from '../ids';
import type { Translate } from '../messages';
import { checkReason } from './reasons';
import { lineMoney } from './build-sale-record';
import { hasPermission } from '../../shared/auth/permissions';
import {
  compApprovals,
  compedQty,
  compReason,
  compValue,
  compView,
  liveComps,
  paidLines,
  type CompGrant,
} from './cart-comps';
import { MAX_COMP_APPROVALS } from '../../shared/sync/sale-record';
import type { Actor, StaffService } from './staff-service';
import type { EscrowLedger } from './sync/escrow';
import { saleNeeds, ticketsPerPerformance, type CounterNeed } from '../../shared/sync/counters';
import type { SeatLabel } from '../../shared/seating/types';
import { sellsByQuantity, unseatedCapacity } from './seats/seat-capacity';
import { engineLines, isVoucherLine, withVoucherLines, type SellableKind } from './vouchers/cart-vouchers';
import { MAX_VOUCHERS_PER_SALE } from '../../shared/vouchers/rules';

/**
 * A seat a cart line holds (docs/SEATING.md "At the window"): by this terminal's cart on the server
 * (`cart`, until `expiresAt`) or by one of its seat leases (`lease`).
 */
export interface CartSeat {
  seatId: string;
  label: SeatLabel;
  /** As printed: "Stalls, row B, seat 12". */
  text: string;
  hold: 'cart' | 'lease';
  expiresAt: string | null;
}

export interface CartLine extends Omit<BasketLine, 'kind'> {
  /** 'voucher': a gift voucher, priced beside the engine (vouchers/cart-vouchers.ts). */
  kind: SellableKind;
  name: string;
  detail: string;
  /** The catalogue row this line sells: a ticket price or a product. */
  sourceId: string;
  ticketTypeId?: string;
  /** A seated line: one seat per unit, its quantity always the number of seats. */
  seats?: CartSeat[];
}

/** A seat in the cart with the performance it is for. */
export type CartSeatOf = CartSeat & { performanceId: string; lineId: string };

export interface OveruseGrant {
  approverId: string;
  approverName: string;
  /** From the organisation's `overuse` list (docs/CASH.md "Reasons"), with its optional note. */
  reason: string;
  note: string | null;
  limits: ReasonCode[];
}

export interface CustomGrant extends CustomDiscount {
  /** Beside the reason, from the organisation's `custom_discount` list (docs/CASH.md "Reasons"). */
  note: string | null;
  approverId: string | null;
  approverName: string | null;
}

/**
 * Where the attached customer's figures come from (docs/CUSTOMERS.md "At the terminal"), set by the
 * main process from the store, never by the renderer. Online, the server's per-code counts as of
 * `countedAt`: the sales here it had not counted by then are added to them.
 */
export interface CustomerFacts {
  source: 'server' | 'local';
  usage: Record<string, CustomerCodeUsage> | null;
  countedAt: string | null;
}

interface CartState {
  id: string;
  lines: CartLine[];
  customer: CustomerInput | null;
  /** Absent or null: no stored customer (figures counted here). */
  facts?: CustomerFacts | null;
  manualCodeId: string | null;
  overuse: OveruseGrant | null;
  custom: CustomGrant | null;
  /** Lines (or units of them) given away, with their reasons (cart-comps.ts); absent: none. */
  comps?: CompGrant[];
  /** A reservation being picked up: its held seats are this cart's own (docs/RESERVATIONS.md). */
  reservationId?: string | null;
}

/** Everything checkout needs, priced at one instant. */
export interface PricedCart {
  cart: Readonly<CartState>;
  basket: Basket;
  code: CodeRecord | null;
  evaluation: Evaluation | null;
  source: 'manual' | 'auto' | null;
  priced: PricedBasket;
  usage: Usage | null;
  /** What the pricing read (the cart, the codes considered and their usage), to tell whether it still holds. */
  stamp: string;
}

/** A ticket line of a performance at one price, as the till sells it. */
export function ticketLine(
  offer: TicketOffer,
  input: { performanceId: string; ticketPriceId: string; qty: number },
): CartLine {
  return {
    id: newId(),
    sourceId: input.ticketPriceId,
    itemId: offer.ticketTypeId,
    ticketTypeId: offer.ticketTypeId,
    kind: 'ticket',
    name: `${offer.eventName} · ${offer.ticketTypeName}`,
    detail: `${offer.priceBandName} · ${offer.startsAt}`,
    unitPrice: offer.unitPrice,
    qty: input.qty,
    vatRate: offer.vatRate,
    eventId: offer.eventId,
    scheduleId: input.performanceId,
    priceBandId: offer.priceBandId,
    ...(offer.category ? { category: offer.category } : {}),
  };
}

/**
 * Capacity units per performance of cart lines: a seated line's units name seats and take none
 * (shared/sync/counters.ts), so checkout, escrow and the server count them alike.
 */
export function capacityUnits(lines: readonly CartLine[]): Map<string, number> {
  return ticketsPerPerformance(
    lines.map((l) => ({ id: l.id, kind: l.kind, performanceId: l.scheduleId ?? null, qty: l.qty })),
    lines.flatMap((l) => (l.seats ?? []).map((seat) => ({ lineId: l.id, seatId: seat.seatId }))),
  );
}

/** A scanned QR or link carries `coupon=CODE`; anything else is the code itself. */
export function extractCouponInput(input: string): string {
  const match = /[?&#]coupon=([^&#\s]+)/i.exec(input);
  if (!match?.[1]) return input;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  staff: StaffService;
  /** Escrow leases once enrolled: usage then counts what this terminal holds (docs/SYNC.md). */
  escrow?: EscrowLedger | undefined;
}

export type CartService = ReturnType<typeof createCartService>;

export function createCartService({ db, clock, t, language, staff, escrow }: Deps) {
  const escrowed = () => escrow !== undefined && escrow.mode() !== 'standalone';
  const usableHere = (code: CodeRecord) => !escrow?.blockedOffline(code);

  const fresh = (): CartState => ({
    id: newId(),
    lines: [],
    customer: null,
    facts: null,
    manualCodeId: null,
    overuse: null,
    custom: null,
    comps: [],
    reservationId: null,
  });
  let cart = fresh();

  const currency = () => getVenueCurrency(db) ?? 'EUR';
  const msg = (evaluation: Extract<Evaluation, { ok: false }>) => evaluation.message[language()];

  /** The comps on the cart's lines as they are now. */
  const comps = () => liveComps(cart.comps ?? [], cart.lines);

  /** The basket the engine prices: comped units are not in it (cart-comps.ts). */
  const basketOf = (lines: readonly CartLine[], comped: readonly CompGrant[] = []): Basket => ({
    currency: currency(),
    lines: paidLines(engineLines(lines), comped).map(
      ({ name: _n, detail: _d, sourceId: _s, ticketTypeId: _t, seats: _seats, ...line }) => line,
    ),
  });

  const contextFor = (
    actor: Actor,
    basket: Basket,
    usage: Usage | undefined,
    overuse: boolean,
    customer = cart.customer,
  ): EvaluationContext => {
    const performances: Record<string, { startsAt: string }> = {};
    for (const line of basket.lines) {
      if (line.scheduleId && !performances[line.scheduleId]) {
        const performance = getPerformance(db, line.scheduleId);
        if (performance) performances[line.scheduleId] = { startsAt: performance.startsAt };
      }
    }
    return {
      now: isoNow(clock),
      channel: 'box_office',
      staffRoles: [actor.role.id],
      customer: customer
        ? { id: customer.id, priorOrders: customer.priorOrders, groups: customer.groups }
        : undefined,
      usage,
      overuse,
      performances,
    };
  };

  /**
   * Codes' usage on this basket, by code id. One read for all the codes, and the basket's events and
   * performances and the sync mode worked out once: the dropdown lists 50 codes on every keystroke.
   */
  const usageByCode = (
    codes: readonly CodeRecord[],
    basket: Basket,
    preview = false,
    customerId = cart.customer?.id ?? null,
  ): Record<string, Usage> => {
    const scope = {
      eventIds: [...new Set(basket.lines.flatMap((l) => (l.eventId ? [l.eventId] : [])))],
      scheduleIds: [...new Set(basket.lines.flatMap((l) => (l.scheduleId ? [l.scheduleId] : [])))],
    };
    const ids = codes.map((c) => c.id);
    const local = usageForCodes(db, ids, customerId, scope);
    // Online, a stored customer's counts are the server's plus the uses here it had not counted yet.
    // Only the cart's own customer has counts fetched (an exchange prices for the order's customer).
    const server = customerId !== null && customerId === cart.customer?.id ? cart.facts?.usage : undefined;
    const uncounted =
      server && customerId
        ? usageForCodes(db, ids, customerId, { ...scope, uncountedAfter: cart.facts?.countedAt ?? '' })
        : undefined;
    const ledger = escrowed() ? escrow : undefined;
    // Per-customer counts: the server's (online, stored customer) or local (best effort offline); the
    // code-wide ones come from the escrow when enrolled, so the engine's own limit message appears
    // exactly when the leases run dry.
    const usageOf = (code: CodeRecord): Usage => {
      const counted = server?.[code.id];
      const here = (uncounted?.get(code.id) ?? local.get(code.id)) as Usage;
      const mine = counted ? { ...here, ...addCustomerUsage(counted, here) } : (local.get(code.id) as Usage);
      return ledger ? { ...mine, ...ledger.usage(code, preview) } : mine;
    };
    return Object.fromEntries(codes.map((code) => [code.id, usageOf(code)]));
  };

  const evaluate = (actor: Actor, code: CodeRecord, basket: Basket, overuse: boolean) => {
    const usage = usageByCode([code], basket)[code.id] as Usage;
    return { usage, evaluation: evaluateCode(code, basket, contextFor(actor, basket, usage, overuse)) };
  };

  /**
   * What pricing reads besides the cart lines: the manual code, or the auto-apply candidates usable
   * here, with their usage now (the escrow's view once enrolled, so it moves with the leases held).
   */
  const pricingInputs = (actor: Actor, basket: Basket) => {
    let codes: CodeRecord[] = [];
    if (cart.manualCodeId) {
      const code = getCode(db, cart.manualCodeId);
      if (code) codes = [code];
    } else if (basket.lines.length > 0) {
      codes = listAutoApplyCodes(db, actor.role.id).filter(usableHere);
    }
    return { codes, usages: usageByCode(codes, basket) };
  };

  const stampOf = (inputs: { codes: readonly CodeRecord[]; usages: Record<string, Usage> }) =>
    JSON.stringify([cart, inputs.codes.map((c) => [c.id, c.version, c.status, c.updatedAt]), inputs.usages]);

  /** Prices the cart now: the manual code if any, else the best auto-apply code, then the custom discount. */
  const priceCart = (actor: Actor): PricedCart => {
    const basket = basketOf(cart.lines, comps());
    const inputs = pricingInputs(actor, basket);
    let code: CodeRecord | null = null;
    let evaluation: Evaluation | null = null;
    let usage: Usage | null = null;
    let source: PricedCart['source'] = null;
    const manual = cart.manualCodeId ? inputs.codes[0] : undefined;
    if (manual) {
      code = manual;
      usage = inputs.usages[manual.id] as Usage;
      evaluation = evaluateCode(manual, basket, contextFor(actor, basket, usage, cart.overuse !== null));
      source = 'manual';
    } else if (!cart.manualCodeId && inputs.codes.length > 0) {
      const best = selectAutoApply(inputs.codes, basket, {
        ...contextFor(actor, basket, undefined, false),
        usageByCode: inputs.usages,
      });
      if (best?.ok) {
        code = inputs.codes.find((c) => c.id === best.codeId) ?? null;
        evaluation = best;
        usage = inputs.usages[best.codeId] ?? null;
        source = 'auto';
      }
    }
    const applied = evaluation?.ok ? evaluation : null;
    const priced = withVoucherLines(priceBasket(basket, applied, cart.custom ?? undefined), cart.lines);
    return {
      cart: { ...cart, comps: comps() },
      basket,
      code,
      evaluation,
      source,
      priced,
      usage,
      stamp: stampOf(inputs),
    };
  };

  /**
   * The priced cart if nothing it was priced on has changed since, else the cart priced again. A
   * checkout prices once, then waits for its lease top-up: leases fetched or expired meanwhile move
   * the code's usage (and so whether and how far it applies), and a pull may change the codes. The
   * clock and the performances' start times are not re-read: the wait is bounded by a short timeout.
   */
  const current = (actor: Actor, priced: PricedCart): PricedCart =>
    stampOf(pricingInputs(actor, basketOf(cart.lines, comps()))) === priced.stamp ? priced : priceCart(actor);

  const view = (actor: Actor): CartView => {
    const { priced, code, evaluation, source, cart: pricedCart } = priceCart(actor);
    const byLine = new Map(priced.lines.map((l) => [l.lineId, l]));
    const comped = pricedCart.comps ?? [];
    return {
      id: cart.id,
      currency: currency(),
      cashStep: getVenueCashStep(db),
      customer: cart.customer,
      lines: cart.lines.map((line) => {
        const p = byLine.get(line.id);
        return {
          id: line.id,
          kind: line.kind,
          name: line.name,
          detail: line.detail,
          qty: line.qty,
          unitPrice: line.unitPrice,
          ...lineMoney(line, p, compedQty(comped, line)),
          ...compView(comped, line.id),
          ...(line.seats ? { seats: line.seats.map((seat) => seat.label) } : {}),
        };
      }),
      code:
        code && evaluation && source
          ? {
              codeId: code.id,
              code: code.code,
              name: code.name,
              source,
              applies: evaluation.ok,
              discount: evaluation.ok ? evaluation.discount : 0,
              ...(evaluation.ok
                ? {}
                : {
                    reason: evaluation.reason,
                    message: msg(evaluation),
                    ...(evaluation.hint ? { hint: evaluation.hint } : {}),
                  }),
              overridable: !evaluation.ok && evaluation.overridable,
              overridden: evaluation.ok ? evaluation.overridden : [],
              overuse: cart.overuse && {
                approverName: cart.overuse.approverName,
                reason: cart.overuse.reason,
                note: cart.overuse.note,
              },
              trace: evaluation.trace,
            }
          : null,
      custom: cart.custom && {
        kind: cart.custom.kind,
        value: cart.custom.value,
        reason: cart.custom.reason,
        note: cart.custom.note,
        amount: priced.customDiscount,
        approvedBy: cart.custom.approverName,
      },
      gross: priced.gross,
      codeDiscount: priced.codeDiscount,
      customDiscount: priced.customDiscount,
      comp: compValue(pricedCart.lines, comped),
      total: priced.total,
      vat: priced.vat,
    };
  };

  /** Seats the reservation being picked up still holds for this performance: they count as the cart's. */
  const heldByCart = (performanceId: string): number => {
    const reservation = cart.reservationId ? getReservation(db, cart.reservationId) : undefined;
    if (reservation?.status !== 'held') return 0;
    return heldPerPerformance(db, reservation.id).get(performanceId) ?? 0;
  };

  /** Unseated tickets only: a seated ticket takes its seat, not a unit of capacity (docs/SEATING.md). */
  const ticketsInCart = (performanceId: string, exceptLineId?: string) =>
    cart.lines.reduce(
      (n, l) =>
        l.scheduleId === performanceId && l.kind === 'ticket' && l.id !== exceptLineId && !l.seats
          ? n + l.qty
          : n,
      0,
    );

  const checkCapacity = (performanceId: string, wanted: number, exceptLineId?: string): Result<true> => {
    const performance = getPerformance(db, performanceId);
    if (!performance || performance.status !== 'on_sale') return err('NOT_ON_SALE', t('NOT_ON_SALE'));
    const left =
      unseatedCapacity(db, performance) -
      performance.sold +
      heldByCart(performanceId) -
      ticketsInCart(performanceId, exceptLineId);
    return wanted <= left ? ok(true) : err('CAPACITY', t('CAPACITY', { left: Math.max(0, left) }));
  };

  /** Changes to the cart drop an overuse grant: it was given for one basket. */
  const changed = () => {
    cart.overuse = null;
  };

  /**
   * What selling this priced cart would take from the escrow, with the code's limits lifted so a
   * drained lease still shows what to ask the server for.
   */
  const escrowNeeds = (actor: Actor, priced: PricedCart = priceCart(actor)): CounterNeed[] => {
    const { code, basket } = priced;
    const uncapped = code ? evaluate(actor, code, basket, true).evaluation : null;
    return saleNeeds(capacityUnits(priced.cart.lines), code, uncapped?.ok ? uncapped : null);
  };

  /**
   * Prices lines outside the till's cart, for a customer, with one code that staff entered before (an
   * exchange's new sale re-checks the original order's code, exchange-service.ts). `usage` adjusts
   * the code's usage as read now (the order's own use is not a second use).
   */
  const priceLines = (
    actor: Actor,
    input: {
      lines: CartLine[];
      customer: CustomerInput | null;
      code: CodeRecord | null;
      usage: (usage: Usage) => Usage;
    },
  ): PricedCart => {
    const basket = basketOf(input.lines);
    const { code } = input;
    const usage = code
      ? input.usage(usageByCode([code], basket, false, input.customer?.id ?? null)[code.id] as Usage)
      : null;
    const evaluation =
      code && usage
        ? evaluateCode(code, basket, contextFor(actor, basket, usage, false, input.customer))
        : null;
    const priced = withVoucherLines(
      priceBasket(basket, evaluation?.ok ? evaluation : null, undefined),
      input.lines,
    );
    const state = {
      ...fresh(),
      lines: input.lines,
      customer: input.customer,
      manualCodeId: code?.id ?? null,
    };
    return {
      cart: state,
      basket,
      code,
      evaluation,
      source: code ? 'manual' : null,
      priced,
      usage,
      stamp: '',
    };
  };

  const cartSeats = (): CartSeatOf[] =>
    cart.lines.flatMap((line) =>
      (line.seats ?? []).map((seat) => ({ ...seat, performanceId: line.scheduleId ?? '', lineId: line.id })),
    );

  return {
    priceCart,
    priceLines,
    current,
    view,
    escrowNeeds,
    heldByCart,
    id: () => cart.id,
    /** The reservation this cart picks up, if any. */
    reservationId: () => cart.reservationId ?? null,

    /**
     * Replaces the cart with a reservation's lines at their reserved prices and its customer. The
     * lines come from the reservation as stored; the code engine prices them like any cart.
     */
    loadReservation(
      actor: Actor,
      reservation: { id: string; customer: CustomerInput; lines: readonly CartLine[] },
    ): CartView {
      cart = { ...fresh(), reservationId: reservation.id, customer: reservation.customer };
      cart.lines = reservation.lines.map((line) => ({ ...line }));
      return view(actor);
    },

    reset() {
      cart = fresh();
    },

    addTicket(
      actor: Actor,
      input: { performanceId: string; ticketPriceId: string; qty: number },
    ): Result<CartView> {
      const offer = getTicketOffer(db, input.performanceId, input.ticketPriceId);
      if (!offer) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
      // A seated performance sells by quantity only its general-admission band (docs/SEATING.md).
      if (!sellsByQuantity(db, offer)) return err('SEAT_PICK_ON_MAP', t('SEAT_PICK_ON_MAP'));
      const existing = cart.lines.find(
        (l) => l.sourceId === input.ticketPriceId && l.scheduleId === input.performanceId && !l.seats,
      );
      const capacity = checkCapacity(input.performanceId, input.qty);
      if (!capacity.ok) return capacity;
      if (existing) existing.qty += input.qty;
      else cart.lines.push(ticketLine(offer, input));
      changed();
      return ok(view(actor));
    },

    addProduct(actor: Actor, input: { productId: string; qty: number }): Result<CartView> {
      const product = getProduct(db, input.productId);
      if (!product) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
      if (product.kind === 'voucher') return err('VOUCHER_ADD_AS_VOUCHER', t('VOUCHER_ADD_AS_VOUCHER'));
      const existing = cart.lines.find((l) => l.sourceId === product.id);
      if (existing) existing.qty += input.qty;
      else
        cart.lines.push({
          id: newId(),
          sourceId: product.id,
          itemId: product.id,
          kind: product.kind,
          name: product.name,
          detail: '',
          unitPrice: product.unitPrice,
          qty: input.qty,
          vatRate: product.vatRate,
          ...(product.eventId ? { eventId: product.eventId } : {}),
          ...(product.category ? { category: product.category } : {}),
          ...(product.inventoryItemId ? { inventoryItemId: product.inventoryItemId } : {}),
        });
      changed();
      return ok(view(actor));
    },

    /**
     * A gift voucher (docs/CASH.md "Selling one"): a fixed product at its price, an open one (price 0)
     * at the amount typed. Vouchers of one product and amount share a line.
     */
    addVoucher(
      actor: Actor,
      input: { productId: string; qty: number; amount?: number | undefined },
    ): Result<CartView> {
      const product = getProduct(db, input.productId);
      if (!product) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
      if (product.kind !== 'voucher')
        return err('VOUCHER_NOT_A_VOUCHER_PRODUCT', t('VOUCHER_NOT_A_VOUCHER_PRODUCT'));
      const open = product.unitPrice === 0;
      if (!open && input.amount !== undefined) {
        const price = `${formatMinor(product.unitPrice, currency(), language())} ${currency()}`;
        return err('VOUCHER_FIXED_AMOUNT', t('VOUCHER_FIXED_AMOUNT', { price }));
      }
      if (open && input.amount === undefined) return err('VOUCHER_AMOUNT_NEEDED', t('VOUCHER_AMOUNT_NEEDED'));
      const amount = open ? (input.amount as number) : product.unitPrice;
      const issued = cart.lines.filter(isVoucherLine).reduce((n, l) => n + l.qty, 0);
      if (issued + input.qty > MAX_VOUCHERS_PER_SALE)
        return err('VOUCHER_TOO_MANY', t('VOUCHER_TOO_MANY', { max: MAX_VOUCHERS_PER_SALE }));
      const existing = cart.lines.find((l) => l.sourceId === product.id && l.unitPrice === amount);
      if (existing) existing.qty += input.qty;
      else
        cart.lines.push({
          id: newId(),
          sourceId: product.id,
          itemId: product.id,
          kind: 'voucher',
          name: product.name,
          detail: '',
          unitPrice: amount,
          qty: input.qty,
          // Multi-purpose voucher: its VAT is due on what it buys later (decision 1).
          vatRate: 0,
          ...(product.category ? { category: product.category } : {}),
        });
      changed();
      return ok(view(actor));
    },

    setQty(actor: Actor, input: { lineId: string; qty: number }): Result<CartView> {
      const line = cart.lines.find((l) => l.id === input.lineId);
      if (!line) return err('UNKNOWN_LINE', t('UNKNOWN_LINE'));
      if (isVoucherLine(line)) {
        const others = cart.lines
          .filter((l) => isVoucherLine(l) && l !== line)
          .reduce((n, l) => n + l.qty, 0);
        if (others + input.qty > MAX_VOUCHERS_PER_SALE)
          return err('VOUCHER_TOO_MANY', t('VOUCHER_TOO_MANY', { max: MAX_VOUCHERS_PER_SALE }));
      }
      if (line.seats && input.qty !== 0) return err('SEAT_LINE_QTY', t('SEAT_LINE_QTY'));
      if (input.qty === 0) {
        cart.lines = cart.lines.filter((l) => l !== line);
      } else {
        if (line.kind === 'ticket' && line.scheduleId) {
          const capacity = checkCapacity(line.scheduleId, input.qty, line.id);
          if (!capacity.ok) return capacity;
        }
        line.qty = input.qty;
      }
      changed();
      return ok(view(actor));
    },

    clear(actor: Actor): CartView {
      cart = fresh();
      return view(actor);
    },

    /** Every seat the cart holds, with its performance and line. */
    seats: cartSeats,

    /** The seats of one line (a line about to be removed). */
    lineSeats: (lineId: string): CartSeatOf[] => cartSeats().filter((seat) => seat.lineId === lineId),

    /**
     * Seats taken (checkout-side checks are the seat service's): each joins the seated line of its
     * price, or starts one. The line's quantity is its number of seats.
     */
    addSeats(actor: Actor, picks: readonly { offer: TicketOffer; seat: CartSeat }[]): CartView {
      for (const { offer, seat } of picks) {
        const line = cart.lines.find(
          (l) => l.seats && l.sourceId === offer.ticketPriceId && l.scheduleId === offer.performanceId,
        );
        if (line?.seats) {
          line.seats.push(seat);
          line.qty = line.seats.length;
        } else {
          const added = ticketLine(offer, {
            performanceId: offer.performanceId,
            ticketPriceId: offer.ticketPriceId,
            qty: 1,
          });
          cart.lines.push({ ...added, seats: [seat] });
        }
      }
      changed();
      return view(actor);
    },

    /** Takes seats out of their lines (a line left without seats goes); returns those it removed. */
    removeSeats(seatIds: readonly string[]): CartSeatOf[] {
      const wanted = new Set(seatIds);
      const removed = cartSeats().filter((seat) => wanted.has(seat.seatId));
      if (removed.length === 0) return [];
      for (const line of cart.lines) {
        if (!line.seats) continue;
        line.seats = line.seats.filter((seat) => !wanted.has(seat.seatId));
        line.qty = line.seats.length;
      }
      cart.lines = cart.lines.filter((line) => !line.seats || line.seats.length > 0);
      changed();
      return removed;
    },

    /** The server renewed the cart's holds on a performance until `expiresAt`. */
    renewSeats(performanceId: string, expiresAt: string): void {
      for (const line of cart.lines)
        if (line.scheduleId === performanceId)
          for (const seat of line.seats ?? []) if (seat.hold === 'cart') seat.expiresAt = expiresAt;
    },

    /** The customer and their figures as the main process read them from the store (customer-service.ts). */
    setCustomer(actor: Actor, customer: CustomerInput | null, facts: CustomerFacts | null = null): CartView {
      cart.customer = customer;
      cart.facts = customer ? facts : null;
      changed();
      return view(actor);
    },

    /**
     * The attached customer's figures read again (before a checkout): unlike setCustomer, an overuse
     * granted for this basket stays; the checkout prices the cart again with the new figures.
     */
    refreshCustomer(customer: CustomerInput, facts: CustomerFacts): void {
      cart.customer = customer;
      cart.facts = facts;
    },

    /** The attached customer's id and where their figures came from; null without one. */
    customer: () => (cart.customer ? { id: cart.customer.id, source: cart.facts?.source ?? null } : null),

    /** The code applied by hand, whose per-customer counts a checkout asks the server for. */
    manualCodeId: () => cart.manualCodeId,

    applyCode(actor: Actor, input: string): Result<CartView> {
      const normalized = normalizeCode(extractCouponInput(input));
      if (!normalized.ok) return err(normalized.reason, CODE_FORMAT_MESSAGE[language()]);
      const code = getCodeByText(db, normalized.code);
      if (!code) return err('INVALID_CODE', REASON_MESSAGES.INVALID_CODE[language()]);
      if (!usableHere(code)) return err('CODE_NEEDS_SERVER', t('CODE_NEEDS_SERVER'));
      const { evaluation } = evaluate(actor, code, basketOf(cart.lines, comps()), false);
      if (!evaluation.ok && !ATTACHABLE_REASONS.has(evaluation.reason))
        return err(evaluation.reason, msg(evaluation));
      cart.manualCodeId = code.id;
      cart.overuse = null;
      return ok(view(actor));
    },

    removeCode(actor: Actor): CartView {
      cart.manualCodeId = null;
      cart.overuse = null;
      return view(actor);
    },

    /**
     * A supervisor lets the attached code past its usage limits for this order, within this terminal's
     * daily cap and the supervisor's (counted on the grants made here: offline that is all it knows).
     */
    async grantOveruse(
      actor: Actor,
      input: { approverId: string; pin: string; reason: string; note?: string | null | undefined },
      caps: OveruseCaps,
    ): Promise<Result<CartView>> {
      const current = priceCart(actor);
      if (
        !current.code ||
        current.source !== 'manual' ||
        !current.evaluation ||
        current.evaluation.ok ||
        !current.evaluation.overridable
      ) {
        return err('NOTHING_TO_OVERRIDE', t('NOTHING_TO_OVERRIDE'));
      }
      // Before the PIN: a refused reason uses up none of the supervisor's tries.
      const reason = checkReason(getVenue(db)?.reasons, 'overuse', input.reason, t);
      if (!reason.ok) return reason;
      const here = caps.terminal();
      if (!here.ok) return err(OVERUSE_CAP_REFUSAL.terminal, here.message[language()]);
      const shows = caps.performances(cart.lines.flatMap((l) => (l.scheduleId ? [l.scheduleId] : [])));
      if (!shows.ok) return err(OVERUSE_CAP_REFUSAL.performance, shows.message[language()]);
      const approver = await staff.approve(input.approverId, input.pin, 'overuse.grant');
      if (!approver.ok) return approver;
      const cap = caps.supervisor(approver.value);
      if (!cap.ok) return err(OVERUSE_CAP_REFUSAL.supervisor, cap.message[language()]);
      const granted = evaluate(actor, current.code, current.basket, true).evaluation;
      if (!granted.ok) return err(granted.reason, msg(granted));
      cart.overuse = {
        approverId: approver.value.staffId,
        approverName: approver.value.name,
        reason: reason.value,
        note: input.note ? input.note : null,
        limits: granted.overridden,
      };
      return ok(view(actor));
    },

    async setCustom(
      actor: Actor,
      input: {
        kind: 'percentage' | 'fixed';
        value: number;
        reason: string;
        note?: string | null | undefined;
        approver?: { staffId: string; pin: string };
      },
    ): Promise<Result<CartView>> {
      const reason = checkReason(getVenue(db)?.reasons, 'custom_discount', input.reason, t);
      if (!reason.ok) return reason;
      const within = (ceiling: { percent: number; amount: number }) =>
        input.kind === 'percentage' ? input.value <= ceiling.percent : input.value <= ceiling.amount;
      let approver: Actor | null = null;
      if (!within(actor.role.customDiscountCeiling)) {
        if (!input.approver) {
          const ceiling = actor.role.customDiscountCeiling;
          const limit =
            input.kind === 'percentage'
              ? `${ceiling.percent / 100} %`
              : `${formatMinor(ceiling.amount, currency(), language())} ${currency()}`;
          return err('APPROVAL_REQUIRED', t('APPROVAL_REQUIRED', { limit }));
        }
        const approved = await staff.approve(input.approver.staffId, input.approver.pin, 'custom.approve');
        if (!approved.ok) return approved;
        if (!within(approved.value.role.customDiscountCeiling))
          return err('ABOVE_APPROVER_LIMIT', t('ABOVE_APPROVER_LIMIT', { name: approved.value.name }));
        approver = approved.value;
      }
      cart.custom = {
        kind: input.kind,
        value: input.value,
        reason: reason.value,
        note: input.note ? input.note : null,
        approverId: approver?.staffId ?? null,
        approverName: approver?.name ?? null,
      };
      return ok(view(actor));
    },

    removeCustom(actor: Actor): CartView {
      cart.custom = null;
      return view(actor);
    },

    /**
     * Gives a line, some of its units, or (no line) the whole order away (docs/CASH.md "Comps"). The
     * reason must be on the organisation's `comp` list; without sale.comp a supervisor's PIN approves.
     * A new comp of a line replaces its earlier one; a comp of the whole order replaces them all.
     */
    async comp(
      actor: Actor,
      input: {
        lineId?: string | undefined;
        qty?: number | undefined;
        reason: string;
        note?: string | null | undefined;
        approver?: { staffId: string; pin: string } | undefined;
      },
    ): Promise<Result<CartView>> {
      if (cart.lines.length === 0) return err('COMP_EMPTY_CART', t('COMP_EMPTY_CART'));
      const line = input.lineId === undefined ? undefined : cart.lines.find((l) => l.id === input.lineId);
      if (input.lineId !== undefined && !line) return err('UNKNOWN_LINE', t('UNKNOWN_LINE'));
      if (line && isVoucherLine(line)) return err('VOUCHER_NOT_DISCOUNTED', t('VOUCHER_NOT_DISCOUNTED'));
      if (line && input.qty !== undefined && input.qty > line.qty)
        return err('COMP_TOO_MANY_UNITS', t('COMP_TOO_MANY_UNITS', { qty: line.qty }));
      const reason = compReason(getVenue(db)?.reasons, input.reason, t);
      if (!reason.ok) return reason;
      let approver: { staffId: string; name: string } = actor;
      if (!hasPermission(actor.role, 'sale.comp')) {
        if (!input.approver) return err('COMP_APPROVAL_REQUIRED', t('COMP_APPROVAL_REQUIRED'));
        const approved = await staff.approve(input.approver.staffId, input.approver.pin, 'sale.comp');
        if (!approved.ok) return approved;
        approver = approved.value;
      }
      const grant = (l: CartLine, qty: number): CompGrant => ({
        lineId: l.id,
        qty,
        reason: reason.value,
        note: input.note ? input.note : null,
        approverId: approver.staffId,
        approverName: approver.name,
      });
      const next = line
        ? [...comps().filter((c) => c.lineId !== line.id), grant(line, input.qty ?? line.qty)]
        : engineLines(cart.lines).map((l) => grant(l, l.qty));
      if (compApprovals(next).length > MAX_COMP_APPROVALS)
        return err('COMP_TOO_MANY', t('COMP_TOO_MANY', { max: MAX_COMP_APPROVALS }));
      cart.comps = next;
      changed();
      return ok(view(actor));
    },

    /** Takes a line's comp (or, with no line, every comp) back: those units are charged again. */
    removeComp(actor: Actor, input: { lineId?: string | undefined }): CartView {
      cart.comps = input.lineId === undefined ? [] : comps().filter((c) => c.lineId !== input.lineId);
      changed();
      return view(actor);
    },

    /** Whether every unit in the cart is comped: the one order a complimentary tender may finish. */
    compedWhole(): boolean {
      const comped = comps();
      return cart.lines.length > 0 && cart.lines.every((l) => compedQty(comped, l) === l.qty);
    },

    /** The dropdown: visible codes matching the text, each with its saving on this basket or why not. */
    searchCodes(actor: Actor, query: string, limit: number): CodeOption[] {
      const codes = searchCodes(db, query, actor.role.id, limit);
      const basket = basketOf(cart.lines, comps());
      const usages = usageByCode(codes, basket, true);
      // Once, not per code: the language is a settings read, and most listed codes carry a message.
      const lang = language();
      const ctx = { ...contextFor(actor, basket, undefined, false), usageByCode: usages };
      return rankCodes(codes, basket, ctx).map(({ code, evaluation }) => {
        const record = code as CodeRecord;
        return {
          codeId: record.id,
          code: record.code,
          name: record.name,
          description: record.description,
          applies: evaluation.ok,
          saving: evaluation.ok ? evaluation.discount : 0,
          ...(evaluation.ok
            ? {}
            : {
                reason: evaluation.reason,
                message: evaluation.message[lang],
                ...(evaluation.hint ? { hint: evaluation.hint } : {}),
              }),
        };
      });
    },
  };
}
