import { useAdminStore } from '../../stores/admin-store';
import { showCodeOrders } from '../../stores/report-stores';
import { ReportsScreen } from '../manage/ReportsScreen';

/** The terminal's code report, where each code row also opens the Orders screen on that code's orders. */
export function CodeReportScreen() {
  const go = useAdminStore((s) => s.go);
  return (
    <ReportsScreen
      onShowOrders={(code, range) => {
        showCodeOrders(code, range);
        go('orders');
      }}
    />
  );
}
