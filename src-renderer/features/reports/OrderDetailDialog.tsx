import { useEffect, useState } from 'react';
import type { OrderDetail, OrderRow } from '../../../shared/reports/orders';
import { Dialog } from '../../components/Dialog';
import { TicketsPdfButtons } from '../../components/TicketsPdfButtons';
import { useLanguage } from '../../i18n/language';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { loadOrder, orderTicketsPdf } from '../../stores/report-stores';
import { OrderDetailParts } from './OrderDetailParts';

/** One order as the server keeps it: every line, the code and its overuse, approvals, payments, refunds. */
export function OrderDetailDialog({ row, onClose }: { row: OrderRow; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const dateTime = useDateTime();
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void loadOrder(row.orderId).then((result) => {
      if (!current) return;
      if (result.ok) setDetail(result.value);
      else setError(result.message);
    });
    return () => {
      current = false;
    };
  }, [row.orderId]);

  const receipt = row.receiptNo === null ? t('report.orders.online') : `#${row.receiptNo}`;
  const order = detail?.order ?? row;
  return (
    <Dialog
      title={t('report.order.title', { receipt, at: dateTime(row.at) })}
      onClose={onClose}
      testId="order-detail"
      wide
    >
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <OrderDetailParts
        order={order}
        detail={detail}
        afterSummary={
          detail &&
          row.receiptNo !== null &&
          detail.lines.some((l) => l.kind === 'ticket' && l.performanceId) ? (
            <TicketsPdfButtons
              labels={{ a4: t('report.order.ticketsA4'), stock: t('report.order.ticketsStock') }}
              load={(format) => orderTicketsPdf(row.orderId, row.receiptNo ?? 0, { format, language })}
            />
          ) : null
        }
      />
      <div className="dialog__actions">
        <button type="button" onClick={onClose} data-autofocus>
          {t('admin.close')}
        </button>
      </div>
    </Dialog>
  );
}
