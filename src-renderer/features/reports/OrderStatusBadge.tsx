import type { OrderStatus } from '../../../shared/reports/orders';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/use-t';

/** An order's status as the orders report and a customer's orders show it. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  return <StatusBadge status={status} label={t(`report.orders.status.${status}`)} testId="order-status" />;
}
