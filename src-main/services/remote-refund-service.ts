import type { RemoteRefundView } from '../../shared/ipc/domains/sales';
import type { Language } from '../../shared/ipc/types';
import { err, ok, type Result } from '../../shared/result';
import type { RefundClaimRequest } from '../../shared/sync/protocol';
import { refundableOrderSchema, type RefundableOrder } from '../../shared/sync/refundable-order';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { unitsRefundedHere } from '../db/repos/remote-refund-repo';
import { getVenue } from '../db/repos/catalogue-repo';
import { findSaleId } from '../db/repos/sale-repo';
import { getOpenShift } from '../db/repos/shift-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import { writeRemoteRefund } from './remote-refund-write';
import type { AskServer } from './door/server-door';
import type { PrintService } from './printing/print-service';
import { planRefund, type RefundInput } from './refund-plan';
import type { Actor } from './staff-service';
import type { SyncService } from './sync/sync-service';

// Refunds and voids of another terminal's sales (docs/ORDERS.md "Refunds at another window"). Online
// only: the sale is on the server, not here. The units are claimed on the server first, so no other
// terminal gives them back while this refund travels; then the refund is recorded here and pushed like
// any refund, in this terminal's shift, so the money it pays out is this drawer's.

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  terminalId: () => string;
  ask: AskServer;
  sync: Pick<SyncService, 'afterWrite'>;
  printing: Pick<PrintService, 'afterRemoteRefund'>;
  /** Whether this person sells in training here (training.ts): another window's sale is real money. */
  training?: ((staffId: string) => boolean) | undefined;
}

/** A server answer that refused the request, in the server's own sentence. */
function refusal(body: unknown): { reason: string; message: string } | undefined {
  const b = body as { reason?: unknown; message?: unknown } | null;
  return typeof b?.reason === 'string' && typeof b.message === 'string'
    ? { reason: b.reason, message: b.message }
    : undefined;
}

export type RemoteRefundService = ReturnType<typeof createRemoteRefundService>;

export function createRemoteRefundService({
  db,
  clock,
  t,
  language,
  terminalId,
  ask,
  sync,
  printing,
  training,
}: Deps) {
  const needsServer = () => err('REMOTE_REFUND_NEEDS_SERVER', t('REMOTE_REFUND_NEEDS_SERVER'));

  /** The server's answer to a request of the refund, as a result. */
  const answered = <T>(
    answer: Awaited<ReturnType<AskServer>>,
    expected: number,
    parse: (body: unknown) => T,
  ): Result<T> => {
    if (!answer || answer.status === 0 || answer.status >= 500) return needsServer();
    if (answer.status === expected) return ok(parse(answer.body));
    const refused = refusal(answer.body);
    return refused
      ? err(refused.reason, t('REMOTE_REFUND_REFUSED', { message: refused.message }))
      : needsServer();
  };

  /** The order as the server holds it, with the units this terminal gave back and not yet pushed. */
  const order = async (saleId: string): Promise<Result<RefundableOrder>> => {
    if (findSaleId(db, { saleId })) return err('REMOTE_REFUND_OWN_SALE', t('REMOTE_REFUND_OWN_SALE'));
    const answer = await ask({ method: 'GET', path: `/v1/sync/orders/${encodeURIComponent(saleId)}` });
    const found = answered(answer, 200, (body) => refundableOrderSchema.parse(body));
    if (!found.ok) return found;
    const here = unitsRefundedHere(db, saleId);
    return ok({
      ...found.value,
      units: found.value.units.map((u) => ({
        ...u,
        refunded: u.refunded || here.has(`${u.lineId}:${u.unitIndex}`),
      })),
    });
  };

  const claim = async (request: RefundClaimRequest): Promise<Result<true>> =>
    answered(
      await ask({ method: 'POST', path: '/v1/refund-claims', body: request }),
      201,
      () => true as const,
    );

  return {
    order,
    claim,

    /**
     * Claims the units, then records the refund (or, as a void, of every unit still charged) with its
     * payments in this terminal's shift and outbox in one transaction, and prints its receipt.
     */
    async refund(
      actor: Actor,
      // A credit voucher is this terminal's sale's alone (docs/CASH.md "Refunds onto a voucher").
      input: RefundInput & { tender?: 'cash' | 'card' | undefined },
    ): Promise<Result<RemoteRefundView>> {
      if (training?.(actor.staffId)) return err('TRAINING_REAL_SALE', t('TRAINING_REAL_SALE'));
      const found = await order(input.saleId);
      if (!found.ok) return found;
      const sale = found.value;
      if (sale.status === 'voided') return err('ALREADY_VOIDED', t('ALREADY_VOIDED'));
      if (!getOpenShift(db)) return err('NO_SHIFT', t('NO_SHIFT'));
      // docs/CASH.md "Gift vouchers": the voucher a payment spent does not travel with another window's
      // order, and a sold voucher's balance is the server's: both stay with the window that sold them.
      if (sale.units.some((u) => u.kind === 'voucher'))
        return err('VOUCHER_NOT_REFUNDED', t('VOUCHER_NOT_REFUNDED'));
      if (sale.payments.some((p) => p.tender === 'voucher'))
        return err('VOUCHER_REMOTE_REFUND', t('VOUCHER_REMOTE_REFUND'));
      const open = sale.units.filter((u) => !u.refunded);
      const words = { t, language: language(), reasons: getVenue(db)?.reasons };
      const plan = planRefund(open, sale.payments, sale.currency, input, words);
      if (!plan.ok) return plan;
      const refundId = newId();
      const units = plan.value.units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
      const claimed = await claim({
        terminalId: terminalId(),
        claimId: refundId,
        saleId: sale.saleId,
        units,
      });
      if (!claimed.ok) return claimed;

      // The shift may have closed while the claim was asked; the claim then lapses unused.
      const shift = getOpenShift(db);
      if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
      const recorded = db.transaction(() =>
        writeRemoteRefund(db, {
          refundId,
          sale,
          kind: input.kind,
          plan: plan.value,
          shiftId: shift.id,
          staffId: actor.staffId,
          terminalId: terminalId(),
          reference: input.reference,
          now: isoNow(clock),
        }),
      )();
      sync.afterWrite();
      printing.afterRemoteRefund(recorded.id);
      const given = new Set(units.map((u) => `${u.lineId}:${u.unitIndex}`));
      return ok({
        refundId: recorded.id,
        refundNo: recorded.refundNo,
        amount: plan.value.amount,
        order: {
          ...sale,
          units: sale.units.map((u) => ({
            ...u,
            refunded: u.refunded || given.has(`${u.lineId}:${u.unitIndex}`),
          })),
        },
      });
    },
  };
}
