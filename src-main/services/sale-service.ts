import type { Language } from '../../shared/ipc/types';
import { err, ok, type Result } from '../../shared/result';
import type { PaymentRow, SaleRecord } from '../../shared/sync/sale-record';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { addSold, getVenue, getVenueCashStep } from '../db/repos/catalogue-repo';
import { appendOutbox } from '../db/repos/outbox-repo';
import { findSaleId, insertRefund, loadSale, markVoided, nextRefundNo } from '../db/repos/sale-repo';
import { getOpenShift } from '../db/repos/shift-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import type { PrintService } from './printing/print-service';
import { planRefund, type RefundInput } from './refund-plan';
import { roundRefundParts, valuePayments } from './refund-rounding';
import type { Actor } from './staff-service';
import type { EscrowLedger } from './sync/escrow';
import type { SyncService } from './sync/sync-service';
import { releaseUnitSeats } from './seats/seat-ledger';
import { returnLeasesOn } from './sync/leases';
import {
  takeBackNeeds,
  takeBackProblem,
  takenBackCounters,
  voucherOverrideProblem,
  voucherRefundRows,
  vouchersSoldBy,
} from './vouchers/voucher-refunds';
import { voucherNeeds } from '../../shared/sync/counters';
import { counterKey } from '../../shared/sync/protocol';
import { issueCreditVoucher, planCreditVoucher, pushedCreditVouchers } from './vouchers/credit-vouchers';
import { insertVouchers } from '../db/repos/voucher-repo';
import type { TicketSigningKey } from '../../shared/node/tickets/secret';

// Sales after checkout (src-main/services/checkout-service.ts): finding them, their customers, and
// refunds and voids.

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  terminalId: () => string;
  /** Escrow leases once the terminal is enrolled (docs/SYNC.md); absent or standalone: local counts only. */
  escrow?: EscrowLedger | undefined;
  /** Pushes soon after a refund or void; fetches the leases a sold voucher's refund needs first. */
  sync: Pick<SyncService, 'afterWrite' | 'prepare'>;
  printing: Pick<PrintService, 'afterRefund'>;
  /** Whether this person sells in training here (training.ts): a real sale is then not theirs to refund. */
  training?: ((staffId: string) => boolean) | undefined;
  /** The key that signs a credit voucher (docs/CASH.md "Refunds onto a voucher"); none before enrolment. */
  ticketSigner?: (() => TicketSigningKey | undefined) | undefined;
}

export type SaleService = ReturnType<typeof createSaleService>;

export function createSaleService({
  db,
  clock,
  t,
  language,
  terminalId,
  escrow,
  sync,
  printing,
  training: inTraining,
  ticketSigner,
}: Deps) {
  const mode = () => escrow?.mode() ?? 'standalone';

  /** The refund or void itself, in one transaction with its outbox row and the escrow given back. */
  const refundNow = (actor: Actor, input: RefundInput, credit = 0): Result<SaleRecord> => {
    const sale = loadSale(db, input.saleId);
    if (!sale) return err('UNKNOWN_SALE', t('UNKNOWN_SALE'));
    if (sale.sale.status === 'voided') return err('ALREADY_VOIDED', t('ALREADY_VOIDED'));
    // Training pays back no real money (docs/CASH.md "Training mode"); a training sale's refund may be
    // made by anyone, and stays training.
    if (sale.sale.training === 0 && inTraining?.(actor.staffId))
      return err('TRAINING_REAL_SALE', t('TRAINING_REAL_SALE'));
    const shift = getOpenShift(db);
    if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
    // A unit given back at another terminal (docs/ORDERS.md) is not this terminal's to give back again.
    const open = sale.units.filter((u) => u.refundId === null && u.refundedElsewhereId === null);
    const words = { t, language: language(), reasons: getVenue(db)?.reasons };
    const plan = planRefund(open, valuePayments(sale), sale.sale.currency, input, words, credit);
    if (!plan.ok) return plan;
    const { units: picked, amount } = plan.value;
    const voucherProblem = voucherOverrideProblem(sale, { override: input.override !== undefined });
    if (voucherProblem) return err(voucherProblem, t(voucherProblem));
    const now = isoNow(clock);
    // docs/CASH.md "Refunding a sold voucher": only while it is provably whole.
    const soldVouchers = sale.sale.training === 1 ? [] : vouchersSoldBy(sale.vouchers, picked);
    const unsure = takeBackProblem(db, sale.sale.id, soldVouchers, now);
    if (unsure)
      return err(
        'VOUCHER_REFUND_UNSURE',
        t('VOUCHER_REFUND_UNSURE', { voucher: unsure.id.slice(-12).toUpperCase() }),
      );
    const wholeVoid = input.kind === 'void' && picked.length === open.length;
    const onto = planCreditVoucher(sale, plan.value.toVoucher, wholeVoid, ticketSigner, t);
    if (!onto.ok) return onto;
    // The cash given back is rounded as a sale's cash is (docs/CASH.md "Cash rounding"); an exchange's
    // payout stays exact, as its new sale is (not rounded yet).
    const step = credit === 0 ? getVenueCashStep(db) : 0;
    const { parts, cashRounding } = roundRefundParts(
      sale,
      plan.value.parts,
      step,
      input.override !== undefined,
    );
    const refundId = newId();
    // A voucher's part goes back to the vouchers it was taken from (docs/CASH.md "Gift vouchers").
    const paidBack: PaymentRow[] = voucherRefundRows(sale.payments, parts).map((part) => ({
      id: newId(),
      saleId: sale.sale.id,
      refundId,
      shiftId: shift.id,
      tender: part.tender,
      amount: -part.amount,
      tendered: null,
      changeGiven: null,
      reference: part.tender === 'card' ? (input.reference ?? null) : null,
      createdAt: now,
      voucherId: part.voucherId,
    }));
    // docs/CASH.md "Refunds onto a voucher": the money paid out onto a new credit voucher.
    const credited = issueCreditVoucher(
      onto.value,
      { id: refundId, shiftId: shift.id, createdAt: now },
      sale,
      newId,
    );
    // The escrow gives back what was paid back; a credit voucher's units were never held by a lease here.
    const payments = [...paidBack, ...credited.payments];
    const lineById = new Map(sale.lines.map((l) => [l.id, l]));
    const seats = new Map<string, number>();
    for (const unit of picked) {
      const line = lineById.get(unit.lineId);
      // A seated unit took its seat, not a unit of capacity: its seat is released below instead.
      if (line?.kind === 'ticket' && line.performanceId && unit.seatId === null)
        seats.set(line.performanceId, (seats.get(line.performanceId) ?? 0) + 1);
    }
    const voidsAll = picked.length === open.length;
    // A training sale's refund stays training (docs/CASH.md "Training mode"): it took no capacity, lease
    // or code use to give back, and nothing of it is pushed.
    const training = sale.sale.training === 1;
    const escrowed = !training && mode() !== 'standalone';
    db.transaction(() => {
      const refund = {
        id: refundId,
        refundNo: nextRefundNo(db),
        saleId: sale.sale.id,
        kind: input.kind,
        shiftId: shift.id,
        staffId: actor.staffId,
        reason: plan.value.reason,
        note: plan.value.note,
        amount,
        createdAt: now,
        cashRounding,
      };
      insertRefund(db, refund, picked, payments);
      insertVouchers(db, credited.vouchers);
      if (!training) for (const [performanceId, n] of seats) addSold(db, performanceId, -n);
      // docs/SEATING.md "A sold seat": back to its lease while held here, else free.
      releaseUnitSeats(db, picked, now, terminalId());
      const releases = input.kind === 'void' && voidsAll;
      if (releases) markVoided(db, sale.sale.id, now);
      // Seats of refunded tickets, and on a void the code's units, go back to the leases they came from.
      const given =
        escrow && escrowed ? escrow.giveBack(sale.sale.id, givenBackUnits(seats, paidBack), releases) : null;
      if (training) return;
      const entry = appendOutbox(db, {
        mutationId: newId(),
        type: input.kind,
        payload: {
          terminalId: terminalId(),
          refund,
          units: picked.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex })),
          payments,
          ...(given ? { escrow: given } : {}),
          vouchers: pushedCreditVouchers(credited.vouchers),
        },
        createdAt: now,
      });
      if (escrow && escrowed && releases) escrow.recordRelease(sale.sale.id, entry.seq);
      // After the refund in the outbox: the server voids the vouchers before their units reach its pool.
      if (soldVouchers.length > 0) returnLeasesOn(db, takenBackCounters(soldVouchers), now);
    })();
    return ok(loadSale(db, sale.sale.id) as SaleRecord);
  };

  return {
    /**
     * The refund alone, for a caller that wraps it in its own transaction with more (exchange-service.ts):
     * `credit` of its amount goes to the exchange's new sale instead of back to the customer. No push
     * is kicked and nothing printed here.
     */
    refundNow,

    find(ref: { saleId?: string | undefined; receiptNo?: number | undefined }): Result<SaleRecord> {
      const id = findSaleId(db, ref);
      const sale = id ? loadSale(db, id) : undefined;
      return sale ? ok(sale) : err('UNKNOWN_SALE', t('UNKNOWN_SALE'));
    },

    /**
     * Refunds the named units (or, as a void, every unit still charged) and pays the money back the way
     * the sale was paid (src-main/services/refund-tenders.ts). Each unit returns exactly what it was
     * charged, and its admission ticket is void in the same transaction. A void gives the code use back.
     * The refund receipt prints after the commit and never
     * changes the result; the tender override's permission is the access table's (ipc/access.ts).
     */
    async refund(actor: Actor, input: RefundInput): Promise<Result<SaleRecord>> {
      // A sold voucher goes back only while this window holds all of it: the leases are asked for first,
      // outside any transaction, as a checkout's are.
      const sale = mode() === 'enrolled' ? loadSale(db, input.saleId) : undefined;
      if (sale && sale.sale.training === 0) {
        const open = sale.units.filter((u) => u.refundId === null && u.refundedElsewhereId === null);
        const vouchers = vouchersSoldBy(sale.vouchers, input.kind === 'void' ? open : (input.units ?? []));
        const needs = takeBackNeeds(db, sale.sale.id, vouchers);
        if (needs.length > 0) await sync.prepare(needs);
      }
      const result = refundNow(actor, input);
      if (result.ok && result.value.sale.training === 0) sync.afterWrite();
      return printing.afterRefund(result);
    },
  };
}

/** What the refund gives back per counter: each refunded seat's capacity, each voucher's part. */
function givenBackUnits(
  seats: ReadonlyMap<string, number>,
  payments: readonly Pick<PaymentRow, 'tender' | 'amount' | 'voucherId'>[],
): Map<string, number> {
  const units = new Map<string, number>();
  for (const [performanceId, n] of seats) units.set(counterKey({ kind: 'capacity', id: performanceId }), n);
  for (const need of voucherNeeds(payments.map((p) => ({ ...p, amount: -p.amount }))))
    units.set(need.counter, need.units);
  return units;
}
