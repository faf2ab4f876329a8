import { hasPermission } from '../../shared/auth/permissions';
import {
  hasOfflineLimits,
  NO_OFFLINE_LIMITS,
  offlineRefusal,
  type OfflineLimits,
} from '../../shared/sync/offline-limits';
import type { TenderInput } from '../../shared/ipc/contract';
import type { Language } from '../../shared/ipc/types';
import { formatMinor } from '../../shared/money';
import { cashDue } from '../../shared/money/cash-rounding';
import { err, ok, type Result } from '../../shared/result';
import { ticketSealer, type TicketSigningKey } from '../../shared/node/tickets/secret';
import { signApproval, type ApprovalSigner } from '../../shared/sync/approval-proof';
import { saleNeeds, voucherNeeds, type CounterNeed } from '../../shared/sync/counters';
import { signVoucher } from '../../shared/node/vouchers/secret';
import { DEFAULT_VOUCHER_DAYS } from '../../shared/vouchers/rules';
import { getProduct } from '../db/repos/catalogue-repo';
import { isVoucherLine } from './vouchers/cart-vouchers';
import type { VoucherService, VoucherTender } from './vouchers/voucher-service';
import type { SaleRecord } from '../../shared/sync/sale-record';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { loadSale } from '../db/repos/sale-repo';
import { getOpenShift } from '../db/repos/shift-repo';
import { getVenueCashStep } from '../db/repos/catalogue-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import {
  buildSaleRecord,
  committedSaleRecord,
  type NewSaleRecord,
  type OfflineGrant,
} from './build-sale-record';
import { checkSeats, commitSale, type Admitted } from './sale-commit';
import { capacityUnits, type CartService, type PricedCart } from './cart-service';
import type { MailService } from './mail/mail-service';
import type { OveruseCaps } from './overuse-caps';
import type { PrintService } from './printing/print-service';
import type { ReservationService } from './reservations/reservation-service';
import type { Actor, StaffService } from './staff-service';
import type { EscrowLedger } from './sync/escrow';
import type { CustomerService } from './customers/customer-service';
import type { SyncService } from './sync/sync-service';
import type { SeatService } from './seats/seat-service';

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  cart: CartService;
  terminalId: () => string;
  /** Escrow leases once the terminal is enrolled (docs/SYNC.md); absent or standalone: local counts only. */
  escrow?: EscrowLedger | undefined;
  /** The customer store (docs/CUSTOMERS.md "At the terminal"): figures refreshed before a checkout. */
  customers?: Pick<CustomerService, 'refresh'>;
  /** The device signing key once enrolled: every approval recorded is signed (docs/SECURITY.md). */
  approvalSigner?: (() => ApprovalSigner | undefined) | undefined;
  /** The same key for ticket secrets (docs/TICKETS.md); before enrolment tickets carry no secret. */
  ticketSigner?: (() => TicketSigningKey | undefined) | undefined;
  /** Tops up the leases before the sale, and pushes soon after it. */
  sync: Pick<SyncService, 'prepare' | 'afterWrite'>;
  printing: Pick<PrintService, 'afterSale'>;
  /** A customer who agreed to e-mail gets the receipt and tickets by mail, queued with the sale (docs/MAIL.md). */
  mail?: Pick<MailService, 'queueWithSale' | 'afterSale'> | undefined;
  /** A cart picking a reservation up sells its held seats (docs/RESERVATIONS.md). */
  reservations?: Pick<ReservationService, 'sweep' | 'pickupProblem' | 'handOver'> | undefined;
  /** The cart's seat holds, renewed on the server before the sale (docs/SEATING.md). */
  seats?: Pick<SeatService, 'confirm'> | undefined;
  /** Asks the server now whether it answers; absent: the terminal never counts as offline. */
  serverAnswers?: (() => Promise<boolean>) | undefined;
  /** This terminal's offline limits (docs/CASH.md), and how long it has gone without the server. */
  offline?: { limits: () => OfflineLimits; minutes: () => number | null } | undefined;
  /** Whether this person sells in training here (training.ts; docs/CASH.md "Training mode"). */
  training?: ((staffId: string) => boolean) | undefined;
  /** A supervisor's PIN, checked (and throttled) as for every other approval. */
  staff: Pick<StaffService, 'approve'>;
  /**
   * The overuse caps a cart's grant was held to, asked again inside the sale's transaction
   * (sale-commit.ts; docs/CASH.md "Overuse caps"); absent: only the grant checked them.
   */
  overuseCaps?: Pick<OveruseCaps, 'beforeSale'> | undefined;
  /** Gift vouchers as tenders (docs/CASH.md "Paying with one"); absent: a voucher tender is refused. */
  vouchers?: Pick<VoucherService, 'resolve' | 'admit' | 'refresh'> | undefined;
}

/** What the voucher tenders of a checkout take: from each voucher's balance counter, its amount. */
const voucherTenderNeeds = (vouchers: readonly VoucherTender[]): CounterNeed[] =>
  voucherNeeds(vouchers.map((v) => ({ tender: 'voucher', amount: v.amount, voucherId: v.voucherId })));

/** A supervisor's PIN typed in on the seller's session, sent with the checkout. */
export interface OfflineApprovalInput {
  approverId: string;
  pin: string;
}

export interface CheckoutInput {
  cartId: string;
  tenders: readonly TenderInput[];
  offlineApproval?: OfflineApprovalInput | undefined;
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;

/**
 * Checkout, whole: the cart is priced once, the leases it needs are fetched (enrolled terminals), then
 * validate → build → commit in one transaction, then the push is kicked and the receipt printed.
 */
export function createCheckoutService(deps: Deps) {
  const { db, clock, t, language, cart, escrow, sync, printing } = deps;
  const mode = () => escrow?.mode() ?? 'standalone';

  /** A cart already sold answers with its sale (checkout is idempotent); any other cart id is stale. */
  const settled = (cartId: string): Result<SaleRecord> | null => {
    const already = loadSale(db, cartId);
    if (already) return ok(already);
    return cartId === cart.id() ? null : err('STALE_CART', t('STALE_CART'));
  };

  /**
   * The tenders must pay the total exactly, except that the cash part is rounded to the venue's step
   * (docs/CASH.md "Cash rounding"): exactly the rounded cash is taken, and the sale records the
   * difference as its cash rounding.
   */
  const checkTenders = (
    tenders: readonly TenderInput[],
    total: number,
    currency: string,
  ): Result<{ cashRounding: number }> => {
    const money = (amount: number) => `${formatMinor(amount, currency, language())} ${currency}`;
    const sum = tenders.reduce((n, p) => n + p.amount, 0);
    const cash = tenders.filter((p) => p.tender === 'cash').reduce((n, p) => n + p.amount, 0);
    const step = getVenueCashStep(db);
    const due = total - (sum - cash);
    const rounded = cashDue(due, step);
    const rounds = step > 1 && due >= 0 && tenders.some((p) => p.tender === 'cash');
    if (rounds && cash !== rounded.cash)
      return err(
        'CASH_NOT_ROUNDED',
        t('CASH_NOT_ROUNDED', { step: money(step), cash: money(rounded.cash), due: money(due) }),
      );
    if (!rounds && sum !== total)
      return err('TENDER_MISMATCH', t('TENDER_MISMATCH', { paid: money(sum), total: money(total) }));
    for (const tender of tenders) {
      if (tender.tender === 'cash' && tender.tendered !== undefined && tender.tendered < tender.amount)
        return err('CASH_SHORT', t('CASH_SHORT'));
    }
    return ok({ cashRounding: rounds ? rounded.rounding : 0 });
  };

  /** Everything that may refuse the sale before anything is written. */
  const validate = (
    priced: PricedCart,
    tenders: readonly TenderInput[],
    training: boolean,
  ): Result<Admitted & { cashRounding: number; voucherIds: (string | null)[] }> => {
    if (priced.cart.lines.length === 0) return err('EMPTY_CART', t('EMPTY_CART'));
    // docs/CASH.md "Selling one": a voucher must be signed; a training voucher is issued without a code.
    if (!training && priced.cart.lines.some(isVoucherLine) && !deps.ticketSigner?.())
      return err('VOUCHER_NEEDS_ENROLMENT', t('VOUCHER_NEEDS_ENROLMENT'));
    const picking = priced.cart.reservationId ?? null;
    const pickup = picking ? deps.reservations?.pickupProblem(picking) : null;
    if (pickup) return pickup;
    if (priced.source === 'manual' && priced.evaluation && !priced.evaluation.ok) {
      return err(
        'CODE_NOT_APPLICABLE',
        t('CODE_NOT_APPLICABLE', { message: priced.evaluation.message[language()] }),
      );
    }
    const paid = checkTenders(tenders, priced.priced.total, priced.basket.currency);
    if (!paid.ok) return paid;
    // docs/CASH.md "Comps": giving an order away takes a comp with its reason, never the tender alone.
    if (tenders.some((x) => x.tender === 'complimentary') && !cart.compedWhole())
      return err('COMP_ORDER_FIRST', t('COMP_ORDER_FIRST'));
    let vouchers: VoucherTender[] = [];
    if (tenders.some((x) => x.tender === 'voucher')) {
      if (training) return err('VOUCHER_TRAINING', t('VOUCHER_TRAINING'));
      if (!deps.vouchers) return err('VOUCHER_UNKNOWN', t('VOUCHER_UNKNOWN'));
      const admitted = deps.vouchers.admit(tenders, priced.basket.currency, priced.priced.total);
      if (!admitted.ok) return admitted;
      vouchers = admitted.value;
    }
    const voucherIds = tenders.map((_, i) => vouchers.find((v) => v.index === i)?.voucherId ?? null);
    const perPerformance = capacityUnits(priced.cart.lines);
    const seats = checkSeats(db, t, perPerformance, (id) => cart.heldByCart(id));
    if (!seats.ok) return seats;
    const evaluation = priced.evaluation?.ok ? priced.evaluation : null;
    if (!training && priced.code && evaluation && escrow?.blockedOffline(priced.code))
      return err('CODE_NEEDS_SERVER', t('CODE_NEEDS_SERVER'));
    // A training sale takes no lease: it counts on no server counter (docs/CASH.md "Training mode").
    const syncMode = training ? 'standalone' : mode();
    const needs =
      syncMode === 'standalone'
        ? []
        : [
            ...saleNeeds(perPerformance, evaluation ? priced.code : null, evaluation),
            ...voucherTenderNeeds(vouchers),
          ];
    if (syncMode === 'restore_detected' && needs.length > 0)
      return err('RESTORE_DETECTED', t('SYNC_RESTORE_DETECTED'));
    const overuseGranted = priced.cart.overuse !== null && (evaluation?.overridden.length ?? 0) > 0;
    const holds = cart.seats().map(({ lineId: _l, label: _label, ...hold }) => hold);
    const { cashRounding } = paid.value;
    return ok({
      perPerformance,
      needs,
      overuseGranted,
      reservationId: picking,
      seats: holds,
      cashRounding,
      voucherIds,
    });
  };

  /**
   * docs/CASH.md "Selling offline" and "Offline limits": on an enrolled terminal, a sale the limits or the
   * seller's role would refuse offline goes only once the server is asked afresh (the status the bar
   * shows may be minutes old). With no limits and the permission, nobody is asked: no extra round trip.
   * Past the minutes offline, a supervisor's PIN sent with the checkout lets the sale go: the answer is
   * then the approval the sale records (null when none is needed; a PIN sent anyway is not checked).
   */
  const mayGoOffline = async (
    actor: Actor,
    total: number,
    currency: string,
    approval: OfflineApprovalInput | undefined,
  ): Promise<Result<OfflineGrant | null>> => {
    if (mode() === 'standalone') return ok(null);
    const limits = deps.offline?.limits() ?? NO_OFFLINE_LIMITS;
    const allowed = hasPermission(actor.role, 'sell.offline');
    if (allowed && !hasOfflineLimits(limits)) return ok(null);
    if (await (deps.serverAnswers?.() ?? Promise.resolve(true))) return ok(null);
    if (!allowed) return err('OFFLINE_NOT_ALLOWED', t('OFFLINE_NOT_ALLOWED'));
    const refusal = offlineRefusal(limits, {
      total,
      offlineMinutes: deps.offline?.minutes() ?? null,
      bySupervisor: hasPermission(actor.role, 'offline.approve'),
    });
    if (!refusal) return ok(null);
    const money = (amount: number) => `${formatMinor(amount, currency, language())} ${currency}`;
    if (refusal.reason === 'OFFLINE_SALE_TOO_LARGE')
      return err(refusal.reason, t(refusal.reason, { max: money(refusal.maxSale), total: money(total) }));
    if (!approval)
      return err(refusal.reason, t(refusal.reason, { minutes: refusal.minutes, max: refusal.maxMinutes }));
    // A second person takes the sale, as for an overuse or a comp: never the seller's own PIN (the
    // seller lacks offline.approve, or nothing would be refused; said plainly rather than as a role).
    if (approval.approverId === actor.staffId) return err('OFFLINE_OWN_APPROVAL', t('OFFLINE_OWN_APPROVAL'));
    const approver = await deps.staff.approve(approval.approverId, approval.pin, 'offline.approve');
    if (!approver.ok) return approver;
    return ok({
      approverId: approver.value.staffId,
      reason: `offline ${refusal.minutes} min, limit ${refusal.maxMinutes}`,
    });
  };

  const commit = (record: NewSaleRecord, admitted: Admitted, now: string, training: boolean) =>
    commitSale(deps, record, admitted, now, { training });

  /** From here to the commit nothing awaits: no other call can change the cart or the leases meanwhile. */
  const sellPriced = (
    actor: Actor,
    input: CheckoutInput,
    pricedBefore: PricedCart,
    training: boolean,
    offlineGrant: OfflineGrant | null,
  ): Result<SaleRecord> => {
    const early = settled(input.cartId);
    if (early) return early;
    const shift = getOpenShift(db);
    if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
    let priced = pricedBefore;
    // A hold that expired meanwhile is released first; the pickup is then refused with its sentence.
    deps.reservations?.sweep();
    if (mode() !== 'standalone') {
      // Expired leases (or all of them, if the clock went back) must be out of reach before the sale;
      // what expired or was fetched since pricing may change what the code gives.
      escrow?.beforeSale();
      priced = cart.current(actor, pricedBefore);
    }
    if (training && priced.cart.reservationId) return err('TRAINING_NO_PICKUP', t('TRAINING_NO_PICKUP'));
    const admitted = validate(priced, input.tenders, training);
    if (!admitted.ok) return admitted;
    const now = isoNow(clock);
    const signer = deps.approvalSigner?.();
    // A training ticket carries no secret: no door, online or offline, admits it (docs/CASH.md).
    const ticketKey = training ? undefined : deps.ticketSigner?.();
    const record = buildSaleRecord({
      priced,
      tenders: input.tenders,
      cashRounding: admitted.value.cashRounding,
      saleId: input.cartId,
      shiftId: shift.id,
      cashierId: actor.staffId,
      now,
      ids: newId,
      sign: (approval) => signApproval(approval, deps.terminalId(), signer),
      sealTicket: ticketKey && ticketSealer(ticketKey),
      // Signed like tickets with the same key; a training voucher carries no code (docs/CASH.md).
      sealVoucher:
        ticketKey && ((claims) => ({ secret: signVoucher(claims, ticketKey), keyId: ticketKey.keyId })),
      voucherDays: (productId) => getProduct(db, productId)?.voucherDays ?? DEFAULT_VOUCHER_DAYS,
      voucherIds: admitted.value.voucherIds,
      training,
      offlineGrant,
    });
    const committed = commit(record, admitted.value, now, training);
    if (!committed.ok) return committed;
    cart.reset();
    // What checkout wrote, not read back: the same record loadSale would give (checkout-record.test.ts).
    return ok(committedSaleRecord(committed.value));
  };

  return {
    /**
     * Completes the current cart. Calling again with the same cart id returns the same sale. Printing
     * starts after the commit and never changes the sale's result.
     */
    async complete(actor: Actor, input: CheckoutInput) {
      let sold = settled(input.cartId);
      if (!sold) {
        const training = deps.training?.(actor.staffId) ?? false;
        if (training && input.tenders.some((x) => x.tender === 'voucher'))
          return err('VOUCHER_TRAINING', t('VOUCHER_TRAINING'));
        // The vouchers paying are read before any lease is asked for: their needs join the cart's.
        const vouchers = input.tenders.some((x) => x.tender === 'voucher')
          ? (deps.vouchers?.resolve(input.tenders) ?? err('VOUCHER_UNKNOWN', t('VOUCHER_UNKNOWN')))
          : ok([]);
        if (!vouchers.ok) return vouchers;
        // docs/CASH.md "Training mode": a seat in the cart is held on the server, and real; a seated
        // sale in training is refused before the hold is even renewed.
        if (training && cart.seats().length > 0) return err('TRAINING_NO_SEATS', t('TRAINING_NO_SEATS'));
        // The attached customer's counts read again from the server: a use elsewhere since counts.
        await deps.customers?.refresh();
        const held = (await deps.seats?.confirm()) ?? ok(true);
        if (!held.ok) return held;
        const priced = cart.priceCart(actor);
        // Training never goes to the server, so it needs none: no offline limit, no lease to fetch.
        let offlineGrant: OfflineGrant | null = null;
        if (!training) {
          const offline = await mayGoOffline(
            actor,
            priced.priced.total,
            priced.basket.currency,
            input.offlineApproval,
          );
          if (!offline.ok) return offline;
          offlineGrant = offline.value;
          // Enrolled: fetch the leases this cart needs first (outside any transaction, with a short timeout).
          if (mode() === 'enrolled') {
            await deps.vouchers?.refresh(vouchers.value);
            await sync.prepare([...cart.escrowNeeds(actor, priced), ...voucherTenderNeeds(vouchers.value)]);
          }
        }
        sold = sellPriced(actor, input, priced, training, offlineGrant);
      }
      if (sold.ok && sold.value.sale.training === 0) sync.afterWrite();
      return printing.afterSale(deps.mail ? deps.mail.afterSale(sold) : sold);
    },
  };
}
