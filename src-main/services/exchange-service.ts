import type { Usage } from '../../shared/discounts';
import type { TenderInput } from '../../shared/ipc/contract';
import type { ExchangePreview, ExchangeView } from '../../shared/ipc/domains/sales';
import type { Language } from '../../shared/ipc/types';
import { formatMinor } from '../../shared/money';
import { err, ok, type Result } from '../../shared/result';
import { saleNeeds } from '../../shared/sync/counters';
import { isSeated, seatMapOfPerformance } from '../db/repos/seat-repo';
import { sameBand, sellsByQuantity } from './seats/seat-capacity';
import type { PaymentRow, SaleRecord } from '../../shared/sync/sale-record';
import { ticketSealer, type TicketSigningKey } from '../../shared/node/tickets/secret';
import { storedCustomer } from '../../shared/ipc/stored-customer';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { getPerformance, getTicketOffer, getVenue } from '../db/repos/catalogue-repo';
import { getCode } from '../db/repos/code-repo';
import { loadSale } from '../db/repos/sale-repo';
import { getOpenShift } from '../db/repos/shift-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import { buildSaleRecord } from './build-sale-record';
import { capacityUnits, ticketLine, type CartSeat, type CartService, type PricedCart } from './cart-service';
import { localOrder, remoteOrder, type OpenUnit, type Order } from './exchange-order';
import { withoutOwnUse } from './exchange-usage';
import type { PrintService } from './printing/print-service';
import { planRefund, type RefundPlan } from './refund-plan';
import type { RemoteRefundService } from './remote-refund-service';
import { writeRemoteRefund } from './remote-refund-write';
import { checkSeats, commitSale, type Admitted } from './sale-commit';
import type { SaleService } from './sale-service';
import type { Actor } from './staff-service';
import type { EscrowLedger } from './sync/escrow';
import type { SyncService } from './sync/sync-service';

// Exchanges (docs/ORDERS.md "Exchanges"): units of a sale of this terminal given back for new tickets.
// One transaction writes the refund of the old units (sale-service.ts refundNow: planRefund, escrow,
// outbox) and the new sale (sale-commit.ts: leases, seats, tickets, outbox). The old units' value is a
// credit on the new sale in the tender 'exchange'; the difference is paid as checkout takes tenders or
// paid back the way the old sale was paid. The new sale names the old one (`exchangeOf`).
// Another terminal's order (online only) is read from the server, its units claimed there, and its
// refund written as a remote refund (remote-refund-write.ts) in the same one transaction.

export interface ExchangeInput {
  saleId: string;
  units: { lineId: string; unitIndex: number }[];
  lines: {
    performanceId: string;
    ticketPriceId: string;
    qty: number;
    /** New seats for a seated performance, held by this till's cart (picked on the map first). */
    seatIds?: string[] | undefined;
  }[];
  /** The refund part's reason, from the organisation's `refund` list (docs/CASH.md "Reasons"). */
  reason: string;
  note?: string | null | undefined;
  /** Go ahead at full price although the order's code no longer applies to the new tickets. */
  fullPrice?: boolean | undefined;
  refundTender?: 'cash' | 'card' | undefined;
  reference?: string | undefined;
}

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  terminalId: () => string;
  cart: Pick<CartService, 'priceLines' | 'seats' | 'removeSeats'>;
  sales: Pick<SaleService, 'refundNow'>;
  remote: Pick<RemoteRefundService, 'order' | 'claim'>;
  escrow?: EscrowLedger | undefined;
  ticketSigner?: (() => TicketSigningKey | undefined) | undefined;
  sync: Pick<SyncService, 'prepare' | 'afterWrite'>;
  printing: Pick<PrintService, 'afterSale'>;
  /** Whether this person sells in training here (training.ts): no exchange then. */
  training?: ((staffId: string) => boolean) | undefined;
}

/** Everything worked out before anything is written. */
interface Planned {
  old: Order;
  priced: PricedCart;
  refund: RefundPlan<OpenUnit>;
  preview: ExchangePreview;
  perPerformance: Map<string, number>;
}

/** Thrown inside the transaction to roll it back with the sentence it carries. */
class Refused extends Error {
  constructor(readonly result: Result<never>) {
    super('exchange refused');
  }
}

export type ExchangeService = ReturnType<typeof createExchangeService>;

export function createExchangeService(deps: Deps) {
  const { db, clock, t, language, escrow } = deps;
  const mode = () => escrow?.mode() ?? 'standalone';
  const money = (amount: number, currency: string) =>
    `${formatMinor(amount, currency, language())} ${currency}`;

  /** The order here, or another terminal's from the server; offline, that one is refused. */
  const find = async (actor: Actor, saleId: string): Promise<Result<Order>> => {
    const here = loadSale(db, saleId);
    // docs/CASH.md "Training mode": an exchange would mix practice and money, either way round.
    if (here?.sale.training === 1 || deps.training?.(actor.staffId))
      return err('TRAINING_NO_EXCHANGE', t('TRAINING_NO_EXCHANGE'));
    if (here) return ok(localOrder(here));
    const there = await deps.remote.order(saleId);
    if (there.ok) return ok(remoteOrder(there.value));
    return there.reason === 'REMOTE_REFUND_NEEDS_SERVER'
      ? err('EXCHANGE_ELSEWHERE', t('EXCHANGE_ELSEWHERE'))
      : there;
  };

  /**
   * A new line's seats: a seated performance's tickets (other than general admission) need seats, each
   * picked into this till's cart first and in the band of the line's price (docs/SEATING.md).
   */
  const exchangeSeats = (wanted: ExchangeInput['lines'][number]): Result<CartSeat[] | null> => {
    const offer = getTicketOffer(db, wanted.performanceId, wanted.ticketPriceId);
    if (!offer) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
    const map = isSeated(db, wanted.performanceId)
      ? seatMapOfPerformance(db, wanted.performanceId)
      : undefined;
    if (!wanted.seatIds)
      return sellsByQuantity(db, offer) ? ok(null) : err('SEAT_PICK_ON_MAP', t('SEAT_PICK_ON_MAP'));
    if (!map) return err('SEAT_NOT_SEATED', t('SEAT_NOT_SEATED'));
    if (wanted.seatIds.length !== wanted.qty) return err('SEAT_COUNT', t('SEAT_COUNT'));
    const held = new Map(
      deps.cart
        .seats()
        .filter((s) => s.performanceId === wanted.performanceId)
        .map((s) => [s.seatId, s]),
    );
    const seats: CartSeat[] = [];
    const missing: string[] = [];
    for (const seatId of wanted.seatIds) {
      const seat = held.get(seatId);
      const band = map.seats.find((s) => s.id === seatId)?.band ?? '';
      if (seat && sameBand(band, offer.priceBandName)) {
        const { performanceId: _p, lineId: _l, ...own } = seat;
        seats.push(own);
      } else missing.push(seat?.text ?? seatId);
    }
    if (missing.length > 0) return err('SEAT_NOT_HELD', t('SEAT_NOT_HELD', { seats: missing.join('; ') }));
    return ok(seats);
  };

  const plan = (actor: Actor, input: ExchangeInput, old: Order): Result<Planned> => {
    if (old.status === 'voided') return err('ALREADY_VOIDED', t('ALREADY_VOIDED'));
    if (input.lines.length === 0) return err('EXCHANGE_NO_LINES', t('EXCHANGE_NO_LINES'));
    const lines = [];
    for (const wanted of input.lines) {
      const offer = getTicketOffer(db, wanted.performanceId, wanted.ticketPriceId);
      if (!offer) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
      if (getPerformance(db, wanted.performanceId)?.status !== 'on_sale')
        return err('NOT_ON_SALE', t('NOT_ON_SALE'));
      const seated = exchangeSeats(wanted);
      if (!seated.ok) return seated;
      lines.push({ ...ticketLine(offer, wanted), ...(seated.value ? { seats: seated.value } : {}) });
    }
    // The order's code, re-checked on the new basket; its own use is not a second use.
    const code = old.codeId ? (getCode(db, old.codeId) ?? null) : null;
    const own = old.own;
    const priced = deps.cart.priceLines(actor, {
      lines,
      customer: storedCustomer(old.customer),
      code,
      usage: (usage: Usage) => (own ? withoutOwnUse(usage, own, old.scopes) : usage),
    });
    const { evaluation } = priced;
    const lapsed = code && evaluation && !evaluation.ok ? evaluation.message[language()] : null;
    const refund = planRefund(
      old.open,
      old.payments,
      old.currency,
      {
        saleId: old.saleId,
        kind: 'refund',
        units: input.units,
        reason: input.reason,
        note: input.note,
        tender: input.refundTender,
      },
      { t, language: language(), reasons: getVenue(db)?.reasons },
      priced.priced.total,
    );
    if (!refund.ok) return refund;
    const credit = refund.value.parts.find((p) => p.tender === 'exchange')?.amount ?? 0;
    const toRefund = refund.value.amount - credit;
    const preview: ExchangePreview = {
      saleId: old.saleId,
      receiptNo: old.receiptNo,
      currency: old.currency,
      givenBack: refund.value.amount,
      lines: lines.map((l) => {
        const p = priced.priced.lines.find((x) => x.lineId === l.id);
        return { name: l.name, detail: l.detail, qty: l.qty, unitPrice: l.unitPrice, total: p?.total ?? 0 };
      }),
      gross: priced.priced.gross,
      codeDiscount: priced.priced.codeDiscount,
      total: priced.priced.total,
      code: code && evaluation ? { code: code.code, applies: evaluation.ok, message: lapsed } : null,
      credit,
      toPay: priced.priced.total - credit,
      toRefund,
      refundTenders: refund.value.parts.filter((p) => p.tender !== 'exchange' && p.amount > 0),
    };
    const perPerformance = capacityUnits(lines);
    return ok({ old, priced, refund: refund.value, preview, perPerformance });
  };

  const checkTenders = (tenders: readonly TenderInput[], planned: Planned): Result<true> => {
    const { toPay, currency } = planned.preview;
    const paid = tenders.reduce((n, p) => n + p.amount, 0);
    if (paid !== toPay) {
      return err(
        'EXCHANGE_TENDER_MISMATCH',
        t('EXCHANGE_TENDER_MISMATCH', { due: money(toPay, currency), paid: money(paid, currency) }),
      );
    }
    for (const tender of tenders) {
      if (tender.tender === 'cash' && tender.tendered !== undefined && tender.tendered < tender.amount)
        return err('CASH_SHORT', t('CASH_SHORT'));
    }
    return ok(true);
  };

  /** The code no longer applying stops the exchange until the cashier confirms full price. */
  const lapsedUnconfirmed = (planned: Planned, input: ExchangeInput): Result<never> | null => {
    const { code } = planned.preview;
    if (!code || code.applies || input.fullPrice) return null;
    return err(
      'EXCHANGE_CODE_LAPSED',
      t('EXCHANGE_CODE_LAPSED', { code: code.code, message: code.message ?? '' }),
    );
  };

  /** The one transaction; a refusal anywhere in it leaves the store as it was. */
  const write = (
    actor: Actor,
    input: ExchangeInput,
    tenders: readonly TenderInput[],
    planned: Planned,
    refundId: string,
  ) => {
    const shift = getOpenShift(db);
    if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
    const now = isoNow(clock);
    const saleId = newId();
    const ticketKey = deps.ticketSigner?.();
    const built = buildSaleRecord({
      // A code that no longer applies is left off: the cashier confirmed full price.
      priced: planned.priced.evaluation?.ok
        ? planned.priced
        : { ...planned.priced, code: null, evaluation: null },
      tenders,
      saleId,
      shiftId: shift.id,
      cashierId: actor.staffId,
      now,
      ids: newId,
      sign: () => {
        throw new Error('an exchange records no approvals');
      },
      sealTicket: ticketKey && ticketSealer(ticketKey),
      exchangeOf: planned.old.remote ? undefined : planned.old.saleId,
    });
    const credit: PaymentRow = {
      id: newId(),
      saleId,
      refundId: null,
      shiftId: shift.id,
      tender: 'exchange',
      amount: planned.preview.credit,
      tendered: null,
      changeGiven: null,
      reference: null,
      createdAt: now,
      voucherId: null,
    };
    // The code's use stays with the original order: the new sale keeps its discount but records no use.
    const record = {
      ...built,
      payments: [...(credit.amount > 0 ? [credit] : []), ...built.payments],
      redemption: null,
      scopes: [],
    };
    const seatsOnly = mode() === 'standalone' ? [] : saleNeeds(planned.perPerformance, null, null);
    const holds = planned.priced.cart.lines.flatMap((l) =>
      (l.seats ?? []).map(({ label: _label, ...seat }) => ({ ...seat, performanceId: l.scheduleId ?? '' })),
    );
    const admitted: Admitted = {
      perPerformance: planned.perPerformance,
      needs: seatsOnly,
      overuseGranted: false,
      // The new seats are taken in the same transaction that releases the old ones (refundNow).
      seats: holds,
    };
    try {
      const done = db.transaction(() => {
        const refund = refundOld(actor, input, planned, { refundId, shiftId: shift.id, now });
        // Seats the old units gave back count: exchanging within one performance needs no free seat.
        const seats = checkSeats(db, t, planned.perPerformance);
        if (!seats.ok) throw new Refused(seats);
        const committed = commitSale(deps, record, admitted, now, {
          exchangeOfElsewhere: planned.old.remote ? planned.old.saleId : undefined,
        });
        if (!committed.ok) throw new Refused(committed);
        const view: ExchangeView = {
          sale: loadSale(db, saleId) as SaleRecord,
          refundId: refund.id,
          refundNo: refund.refundNo,
          original: { saleId: planned.old.saleId, receiptNo: planned.old.receiptNo },
        };
        return ok(view);
      })();
      // The new seats are sold: they leave the till's cart without being released.
      if (done.ok && holds.length > 0) deps.cart.removeSeats(holds.map((h) => h.seatId));
      return done;
    } catch (error) {
      if (error instanceof Refused) return error.result;
      throw error;
    }
  };

  /** The old units' refund, inside the exchange's transaction: here, or as a remote refund. */
  const refundOld = (
    actor: Actor,
    input: ExchangeInput,
    planned: Planned,
    at: { refundId: string; shiftId: string; now: string },
  ): { id: string; refundNo: number } => {
    const { remote } = planned.old;
    if (remote) {
      const units = planned.refund.units.flatMap(
        (u) => remote.units.find((x) => x.lineId === u.lineId && x.unitIndex === u.unitIndex) ?? [],
      );
      return writeRemoteRefund(db, {
        refundId: at.refundId,
        sale: remote,
        kind: 'refund',
        plan: { ...planned.refund, units },
        shiftId: at.shiftId,
        staffId: actor.staffId,
        terminalId: deps.terminalId(),
        reference: input.reference,
        now: at.now,
      });
    }
    const refunded = deps.sales.refundNow(
      actor,
      {
        saleId: planned.old.saleId,
        kind: 'refund',
        units: input.units,
        reason: input.reason,
        note: input.note,
        tender: input.refundTender,
        reference: input.reference,
      },
      planned.preview.total,
    );
    if (!refunded.ok) throw new Refused(refunded);
    const refund = refunded.value.refunds[refunded.value.refunds.length - 1];
    if (!refund) throw new Error('the exchange wrote no refund');
    return refund;
  };

  return {
    /** What the exchange would do, with the code re-checked; nothing is written. */
    async preview(actor: Actor, input: ExchangeInput): Promise<Result<ExchangePreview>> {
      const old = await find(actor, input.saleId);
      if (!old.ok) return old;
      const planned = plan(actor, input, old.value);
      return planned.ok ? ok(planned.value.preview) : planned;
    },

    /**
     * Exchanges the units for the new lines in one transaction, then pushes soon and prints the new
     * sale's receipt and tickets. Enrolled, the seat leases the new tickets need are topped up first.
     */
    async exchange(
      actor: Actor,
      input: ExchangeInput & { tenders: readonly TenderInput[] },
    ): Promise<Result<ExchangeView>> {
      const old = await find(actor, input.saleId);
      if (!old.ok) return old;
      let planned = plan(actor, input, old.value);
      if (!planned.ok) return planned;
      if (mode() === 'enrolled') {
        await deps.sync.prepare(saleNeeds(planned.value.perPerformance, null, null));
        escrow?.beforeSale();
        // The wait may have moved the code's usage (and this terminal's own sale): plan again.
        const again = old.value.remote ? old : await find(actor, input.saleId);
        if (!again.ok) return again;
        planned = plan(actor, input, again.value);
        if (!planned.ok) return planned;
      }
      if (mode() === 'restore_detected') return err('RESTORE_DETECTED', t('SYNC_RESTORE_DETECTED'));
      const lapsed = lapsedUnconfirmed(planned.value, input);
      if (lapsed) return lapsed;
      const paid = checkTenders(input.tenders, planned.value);
      if (!paid.ok) return paid;
      const refundId = newId();
      if (planned.value.old.remote) {
        // Another terminal's units are claimed on the server first, so no other window gives them back.
        const units = planned.value.refund.units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
        const claimed = await deps.remote.claim({
          terminalId: deps.terminalId(),
          claimId: refundId,
          saleId: planned.value.old.saleId,
          units,
        });
        if (!claimed.ok) return claimed;
      }
      const done = write(actor, input, input.tenders, planned.value, refundId);
      if (!done.ok) return done;
      deps.sync.afterWrite();
      const printed = deps.printing.afterSale(ok(done.value.sale));
      return printed.ok ? ok({ ...done.value, sale: printed.value }) : printed;
    },
  };
}
