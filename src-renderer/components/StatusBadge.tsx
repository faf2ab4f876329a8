import type { CodeLifecycleStatus } from '../../shared/codes/types';

interface StatusBadgeProps {
  status: CodeLifecycleStatus;
  label: string;
}

/** A code's lifecycle status: a word, never only a colour. */
export function StatusBadge({ status, label }: StatusBadgeProps) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="code-status" data-status={status}>
      {label}
    </span>
  );
}
