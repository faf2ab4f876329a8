import { useEffect } from 'react';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useRemoteRefundStore } from '../../stores/remote-refund-store';
import { RefundForm } from '../refunds/RefundForm';
import { firstTender } from '../refunds/paid-with';

/**
 * Another terminal's order refunded at this window (docs/ORDERS.md "Refunds at another window"): its
 * units as the server holds them, the same refund form as for this terminal's sales, and the outcome.
 */
export function RemoteRefund({ saleId }: { saleId: string }) {
  const t = useT();
  const money = useMoney();
  const { order, error, done, load, refund, voidSale, clear } = useRemoteRefundStore();

  useEffect(() => {
    void load(saleId);
    return clear;
  }, [saleId, load, clear]);

  if (error) {
    return (
      <p role="alert" className="error" data-testid="remote-refund-error">
        {error}
      </p>
    );
  }
  if (!order) return null;
  return (
    <div data-testid="remote-refund">
      <h2>{t('journal.refundHere', { terminal: order.terminalName ?? t('journal.otherTerminal') })}</h2>
      <RefundForm
        key={order.saleId}
        units={order.units.map((u) => ({
          lineId: u.lineId,
          unitIndex: u.unitIndex,
          label: `${u.name} ${u.unitIndex + 1}`,
          total: u.total,
          refunded: u.refunded,
        }))}
        currency={order.currency}
        open={order.status !== 'voided' && order.units.some((u) => !u.refunded)}
        paidWith={firstTender(order.payments)}
        // Another terminal's sale pays back in cash or by card: the form offers no voucher here.
        onRefund={(units, picked, tender, reference) =>
          refund(units, picked, tender === 'card' ? 'card' : 'cash', reference)
        }
        onVoid={voidSale}
      />
      {done ? (
        <p role="status" className="ok" data-testid="refund-done">
          {t(done.kind === 'void' ? 'refund.doneVoid' : 'refund.doneRefund', {
            amount: money(done.amount, order.currency),
            no: done.refundNo,
          })}
        </p>
      ) : null}
    </div>
  );
}
