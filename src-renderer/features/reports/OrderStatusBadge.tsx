import type { OrderStatus } from '../../../shared/reports/orders';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/use-t';

/** An order's status as the orders report and a customer's orders show it. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  return <StatusBadge status={status} label={t(`report.orders.status.${status}`)} testId="order-status" />;
}

/**
 * A practice sale (docs/CASH.md "Training mode"), beside its status in the journal's list and order: a
 * word with its reason for assistive technology, never only a colour.
 */
export function TrainingBadge() {
  const t = useT();
  return (
    <span
      className="status-badge status-badge--training"
      data-testid="training-badge"
      title={t('report.orders.trainingWhy')}
    >
      {t('report.orders.training')}
    </span>
  );
}
