import type { Usage } from '../../shared/discounts';
import type { TenderInput } from '../../shared/ipc/contract';
import type { ExchangePreview, ExchangeView } from '../../shared/ipc/domains/sales';
import type { CustomerInput } from '../../shared/ipc/domains/sell';
import type { Language } from '../../shared/ipc/types';
import { formatMinor } from '../../shared/money';
import { err, ok, type Result } from '../../shared/result';
import { saleNeeds, ticketsPerPerformance } from '../../shared/sync/counters';
import type { PaymentRow, SaleRecord } from '../../shared/sync/sale-record';
import { ticketSealer, type TicketSigningKey } from '../../shared/node/tickets/secret';
import { customerSchema } from '../../shared/ipc/contract';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { getPerformance, getTicketOffer } from '../db/repos/catalogue-repo';
import { getCode } from '../db/repos/code-repo';
import { loadSale } from '../db/repos/sale-repo';
import { getOpenShift } from '../db/repos/shift-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import { buildSaleRecord } from './build-sale-record';
import { ticketLine, type CartService, type PricedCart } from './cart-service';
import { withoutOwnUse } from './exchange-usage';
import type { PrintService } from './printing/print-service';
import { planRefund, type RefundPlan } from './refund-plan';
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

export interface ExchangeInput {
  saleId: string;
  units: { lineId: string; unitIndex: number }[];
  lines: { performanceId: string; ticketPriceId: string; qty: number }[];
  reason: string;
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
  cart: Pick<CartService, 'priceLines'>;
  sales: Pick<SaleService, 'refundNow'>;
  escrow?: EscrowLedger | undefined;
  ticketSigner?: (() => TicketSigningKey | undefined) | undefined;
  sync: Pick<SyncService, 'prepare' | 'afterWrite'>;
  printing: Pick<PrintService, 'afterSale'>;
}

/** Everything worked out before anything is written. */
interface Planned {
  old: SaleRecord;
  priced: PricedCart;
  refund: RefundPlan<{ lineId: string; unitIndex: number; total: number }>;
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

  const customerOf = (sale: SaleRecord): CustomerInput | null => {
    if (!sale.sale.customer) return null;
    try {
      const parsed = customerSchema.safeParse(JSON.parse(sale.sale.customer));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  const plan = (actor: Actor, input: ExchangeInput): Result<Planned> => {
    const old = loadSale(db, input.saleId);
    // Another terminal's sale is not in this store (docs/ORDERS.md "Exchanges": not done there yet).
    if (!old) return err('EXCHANGE_ELSEWHERE', t('EXCHANGE_ELSEWHERE'));
    if (old.sale.status === 'voided') return err('ALREADY_VOIDED', t('ALREADY_VOIDED'));
    if (input.lines.length === 0) return err('EXCHANGE_NO_LINES', t('EXCHANGE_NO_LINES'));
    const lines = [];
    for (const wanted of input.lines) {
      const offer = getTicketOffer(db, wanted.performanceId, wanted.ticketPriceId);
      if (!offer) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
      if (getPerformance(db, wanted.performanceId)?.status !== 'on_sale')
        return err('NOT_ON_SALE', t('NOT_ON_SALE'));
      lines.push(ticketLine(offer, wanted));
    }
    // The order's code, re-checked on the new basket; its own use is not a second use.
    const code = old.sale.codeId ? (getCode(db, old.sale.codeId) ?? null) : null;
    const own = old.redemption;
    const priced = deps.cart.priceLines(actor, {
      lines,
      customer: customerOf(old),
      code,
      usage: (usage: Usage) => (own ? withoutOwnUse(usage, own, old.scopes) : usage),
    });
    const { evaluation } = priced;
    const lapsed = code && evaluation && !evaluation.ok ? evaluation.message[language()] : null;
    const open = old.units.filter((u) => u.refundId === null && u.refundedElsewhereId === null);
    const refund = planRefund(
      open,
      old.payments,
      old.sale.currency,
      {
        saleId: old.sale.id,
        kind: 'refund',
        units: input.units,
        reason: input.reason,
        tender: input.refundTender,
      },
      { t, language: language() },
      priced.priced.total,
    );
    if (!refund.ok) return refund;
    const credit = refund.value.parts.find((p) => p.tender === 'exchange')?.amount ?? 0;
    const toRefund = refund.value.amount - credit;
    const preview: ExchangePreview = {
      saleId: old.sale.id,
      receiptNo: old.sale.receiptNo,
      currency: old.sale.currency,
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
    const perPerformance = ticketsPerPerformance(
      lines.map((l) => ({ kind: l.kind, performanceId: l.scheduleId ?? null, qty: l.qty })),
    );
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
  const write = (actor: Actor, input: ExchangeInput, tenders: readonly TenderInput[], planned: Planned) => {
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
      exchangeOf: planned.old.sale.id,
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
    };
    // The code's use stays with the original order: the new sale keeps its discount but records no use.
    const record = {
      ...built,
      payments: [...(credit.amount > 0 ? [credit] : []), ...built.payments],
      redemption: null,
      scopes: [],
    };
    const seatsOnly = mode() === 'standalone' ? [] : saleNeeds(planned.perPerformance, null, null);
    const admitted: Admitted = {
      perPerformance: planned.perPerformance,
      needs: seatsOnly,
      overuseGranted: false,
    };
    try {
      return db.transaction(() => {
        const refunded = deps.sales.refundNow(
          actor,
          {
            saleId: planned.old.sale.id,
            kind: 'refund',
            units: input.units,
            reason: input.reason,
            tender: input.refundTender,
            reference: input.reference,
          },
          planned.preview.total,
        );
        if (!refunded.ok) throw new Refused(refunded);
        // Seats the old units gave back count: exchanging within one performance needs no free seat.
        const seats = checkSeats(db, t, planned.perPerformance);
        if (!seats.ok) throw new Refused(seats);
        const committed = commitSale(deps, record, admitted, now);
        if (!committed.ok) throw new Refused(committed);
        const refund = refunded.value.refunds[refunded.value.refunds.length - 1];
        if (!refund) throw new Error('the exchange wrote no refund');
        const view: ExchangeView = {
          sale: loadSale(db, saleId) as SaleRecord,
          refundId: refund.id,
          refundNo: refund.refundNo,
          original: { saleId: planned.old.sale.id, receiptNo: planned.old.sale.receiptNo },
        };
        return ok(view);
      })();
    } catch (error) {
      if (error instanceof Refused) return error.result;
      throw error;
    }
  };

  return {
    /** What the exchange would do, with the code re-checked; nothing is written. */
    preview(actor: Actor, input: ExchangeInput): Result<ExchangePreview> {
      const planned = plan(actor, input);
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
      let planned = plan(actor, input);
      if (!planned.ok) return planned;
      if (mode() === 'enrolled') {
        await deps.sync.prepare(saleNeeds(planned.value.perPerformance, null, null));
        escrow?.beforeSale();
        // The wait may have moved the code's usage: plan again on what holds now.
        planned = plan(actor, input);
        if (!planned.ok) return planned;
      }
      if (mode() === 'restore_detected') return err('RESTORE_DETECTED', t('SYNC_RESTORE_DETECTED'));
      const lapsed = lapsedUnconfirmed(planned.value, input);
      if (lapsed) return lapsed;
      const paid = checkTenders(input.tenders, planned.value);
      if (!paid.ok) return paid;
      const done = write(actor, input, input.tenders, planned.value);
      if (!done.ok) return done;
      deps.sync.afterWrite();
      const printed = deps.printing.afterSale(ok(done.value.sale));
      return printed.ok ? ok({ ...done.value, sale: printed.value }) : printed;
    },
  };
}
