import type { OrderRow } from '../../../shared/reports/orders';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { OrderStatusBadge, TrainingBadge } from './OrderStatusBadge';

// One order in a list: the back office's orders report and the terminal's sales journal list orders
// alike, and open one from its receipt number.

/** The column headings of an order list, in the order OrderTableRow fills them. */
export function useOrderColumns(): string[] {
  const t = useT();
  return [
    t('report.orders.time'),
    t('report.orders.receipt'),
    t('report.terminal'),
    t('report.cashier'),
    t('report.orders.buyer'),
    t('report.orders.code'),
    t('report.total'),
    t('report.discount'),
    t('report.orders.status'),
  ];
}

export function OrderTableRow({ row, onOpen }: { row: OrderRow; onOpen: (row: OrderRow) => void }) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const receipt = row.receiptNo === null ? t('report.orders.online') : `#${row.receiptNo}`;
  return (
    <tr data-order={row.orderId}>
      <td>{dateTime(row.at)}</td>
      <th scope="row">
        <button
          type="button"
          className="link"
          aria-label={t('report.orders.open', { receipt })}
          onClick={() => onOpen(row)}
        >
          {receipt}
        </button>
      </th>
      <td>{row.terminalName ?? '—'}</td>
      <td>{row.cashierName ?? '—'}</td>
      <td>{row.buyer ?? '—'}</td>
      <td>{row.code ?? '—'}</td>
      <td className="num">{money(row.total, row.currency)}</td>
      <td className="num">{money(row.discount, row.currency)}</td>
      <td>
        <OrderStatusBadge status={row.status} /> {row.training ? <TrainingBadge /> : null}
      </td>
    </tr>
  );
}
