import type { CodeLifecycleStatus } from '../../shared/codes/types';
import type { OrderStatus } from '../../shared/reports/orders';
import type { ReviewStatus } from '../../shared/sync/protocol';
import type { TerminalStatus } from '../../shared/sync/terminal-admin';

interface StatusBadgeProps {
  /** Staff are active or inactive; the rest are their records' own statuses. */
  status: CodeLifecycleStatus | TerminalStatus | ReviewStatus | OrderStatus | 'inactive';
  label: string;
  testId?: string;
}

/** A record's status (a code's lifecycle, a terminal's, a review item's, an order's, a person's): a word, never only a colour. */
export function StatusBadge({ status, label, testId = 'code-status' }: StatusBadgeProps) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid={testId} data-status={status}>
      {label}
    </span>
  );
}
