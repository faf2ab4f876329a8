import { REASON_MESSAGES } from '../../shared/discounts/messages';
import type { Language } from '../../shared/ipc/types';
import { err, ok, type Result } from '../../shared/result';
import { limitReasonOf, type CounterNeed } from '../../shared/sync/counters';
import { parseCounterKey } from '../../shared/sync/protocol';
import { formatMinor } from '../../shared/money';
import { transact, type Db } from '../db/connection';
import { addSold, getPerformance } from '../db/repos/catalogue-repo';
import { appendOutbox } from '../db/repos/outbox-repo';
import { insertSale, nextReceiptNo } from '../db/repos/sale-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import type { NewSaleRecord } from './build-sale-record';
import type { VoucherRow } from '../../shared/sync/sale-record';
import type { MailService } from './mail/mail-service';
import type { OveruseCaps } from './overuse-caps';
import type { ReservationService } from './reservations/reservation-service';
import type { EscrowLedger, TakeResult } from './sync/escrow';
import { unseatedCapacity } from './seats/seat-capacity';
import { takeSoldSeats, type SeatHold } from './seats/seat-ledger';

// Writing a validated sale: checkout's (checkout-service.ts) and an exchange's new sale
// (exchange-service.ts) commit the same way.

export interface CommitDeps {
  db: Db;
  t: Translate;
  language: () => Language;
  terminalId: () => string;
  /** Escrow leases once enrolled; absent or standalone: local counts only. */
  escrow?: EscrowLedger | undefined;
  mail?: Pick<MailService, 'queueWithSale'> | undefined;
  /** A sale picking a reservation up takes over its held seats (docs/RESERVATIONS.md). */
  reservations?: Pick<ReservationService, 'handOver'> | undefined;
  /**
   * The overuse caps (docs/CASH.md "Overuse caps"), asked again for a sale carrying an overuse grant;
   * absent: the grant's own check stands alone.
   */
  overuseCaps?: Pick<OveruseCaps, 'beforeSale'> | undefined;
}

/** What a training sale's commit leaves out (docs/CASH.md "Training mode"). */
export interface CommitOptions {
  /** The sale another terminal sold that this one exchanges (exchange-service.ts). */
  exchangeOfElsewhere?: string | undefined;
  /** A training sale: no lease, no capacity, no outbox row. It is only kept here, to print and refund. */
  training?: boolean | undefined;
}

/** What validation found the sale will take: seats per performance, and the escrow's counters. */
export interface Admitted {
  perPerformance: Map<string, number>;
  needs: CounterNeed[];
  /** A supervisor's overuse grant lets the code's units go without a lease (never seats). */
  overuseGranted: boolean;
  /** The reservation this sale picks up, if any. */
  reservationId?: string | null;
  /** How the cart held each seat its units take (docs/SEATING.md). */
  seats?: readonly SeatHold[];
}

/**
 * Seats left for each performance as the store counts them now. `heldHere` is what a reservation the
 * sale picks up holds already: those seats are the sale's own.
 */
export function checkSeats(
  db: Db,
  t: Translate,
  perPerformance: Map<string, number>,
  heldHere: (performanceId: string) => number = () => 0,
): Result<true> {
  for (const [performanceId, qty] of perPerformance) {
    if (qty === 0) continue;
    const performance = getPerformance(db, performanceId);
    const sold = (performance?.sold ?? 0) - heldHere(performanceId);
    const capacity = performance ? unseatedCapacity(db, performance) : 0;
    if (!performance || capacity - sold < qty) {
      const left = Math.max(0, capacity - sold);
      return err('CAPACITY', t('CAPACITY', { left }));
    }
  }
  return ok(true);
}

type Refusal =
  | { done: false; capped: NonNullable<ReturnType<OveruseCaps['beforeSale']>> }
  | { done: false; seats: Result<never> }
  | { done: false; refused: TakeResult & { ok: false } };

/** Thrown inside the sale's transaction so that whatever it wrote before the refusal rolls back. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super('sale refused');
  }
}

/**
 * One transaction (or a savepoint inside the caller's): the leases, the sale with its tickets, the
 * seats and the outbox row commit together or not at all. The receipt number comes with the commit;
 * the record answered is the one written, with it.
 */
export function commitSale(
  deps: CommitDeps,
  record: NewSaleRecord,
  admitted: Admitted,
  now: string,
  /**
   * exchangeOfElsewhere: the server links the two sales; this store cannot, as that sale is not in it
   * (sales.exchange_of references a sale here).
   */
  { exchangeOfElsewhere, training = false }: CommitOptions = {},
): Result<NewSaleRecord> {
  const { db, t, language, escrow } = deps;
  const escrowed = escrow && escrow.mode() !== 'standalone' && !training ? escrow : undefined;
  let outcome: { done: true; written: NewSaleRecord } | Refusal;
  try {
    outcome = transact(db, () => {
      const { needs, overuseGranted } = admitted;
      // Before anything is written: the caps counted over the grants committed by now, in this
      // transaction, so a pull that lowered a cap since the grant, or another sale's grant, is seen.
      const overuse = record.approvals.find((a) => a.kind === 'overuse');
      const capped =
        overuse &&
        deps.overuseCaps?.beforeSale(
          overuse.approverId,
          record.lines.flatMap((l) => (l.performanceId ? [l.performanceId] : [])),
        );
      if (capped) throw new Refused({ done: false, capped });
      // A seat must still be this terminal's; no supervisor can lift that (no overuse for seats).
      if (record.units.some((u) => u.seatId !== null)) {
        const seats = takeSoldSeats(
          db,
          t,
          { saleId: record.sale.id, units: record.units, holds: admitted.seats ?? [] },
          now,
        );
        if (!seats.ok) throw new Refused({ done: false, seats });
      }
      // First: the hold's seats and lease units are given back, for the sale to count and take them again.
      if (admitted.reservationId) deps.reservations?.handOver(admitted.reservationId, record.sale.id, now);
      const taken =
        escrowed && needs.length > 0
          ? escrowed.take(needs, (counter) => overuseGranted && limitReasonOf(counter) !== undefined)
          : null;
      // Thrown, not returned: the seats taken and the reservation handed over above roll back with it.
      if (taken && !taken.ok) throw new Refused({ done: false, refused: taken });
      const sale = { ...record, sale: { ...record.sale, receiptNo: nextReceiptNo(db) } };
      insertSale(db, sale);
      deps.mail?.queueWithSale(sale);
      // The receipt number is shared with real sales (one sequence, no two papers alike); nothing else is.
      if (training) return { done: true as const, written: sale };
      for (const [performanceId, qty] of admitted.perPerformance) addSold(db, performanceId, qty);
      const entry = appendOutbox(db, {
        mutationId: newId(),
        type: 'sale',
        payload: {
          terminalId: deps.terminalId(),
          ...sale,
          // Only a training sale (never pushed) issues a voucher without a code: checkout refuses the rest.
          vouchers: sale.vouchers as VoucherRow[],
          ...(exchangeOfElsewhere ? { sale: { ...sale.sale, exchangeOf: exchangeOfElsewhere } } : {}),
          ...(escrowed ? { escrow: taken?.escrow ?? { leaseUses: [], unbacked: [] } } : {}),
        },
        createdAt: now,
      });
      escrowed?.recordSale(
        sale.sale.id,
        taken ?? { ok: true, rows: [], escrow: { leaseUses: [], unbacked: [] } },
        sale.redemption && { id: sale.redemption.id, codeId: sale.redemption.codeId },
        entry.seq,
      );
      return { done: true as const, written: sale };
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    outcome = e.refusal;
  }
  if (outcome.done) return ok(outcome.written);
  if ('seats' in outcome) return outcome.seats;
  if ('capped' in outcome) return err(outcome.capped.code, outcome.capped.message[language()]);
  const { refused } = outcome;
  // docs/CASH.md "Paying with one": a voucher's units are spent only from leases held.
  if (parseCounterKey(refused.counter)?.kind === 'voucher_balance') {
    const currency = record.sale.currency;
    const max = `${formatMinor(refused.held, currency, language())} ${currency}`;
    return err('VOUCHER_OVER_BALANCE', t('VOUCHER_OVER_BALANCE', { max }));
  }
  const reason = limitReasonOf(refused.counter);
  if (!reason) return err('CAPACITY', t('CAPACITY', { left: refused.held }));
  return err(
    'CODE_NOT_APPLICABLE',
    t('CODE_NOT_APPLICABLE', { message: REASON_MESSAGES[reason][language()] }),
  );
}
