import type { ServerState } from '../../shared/ipc/types';

interface ServerBadgeProps {
  state: ServerState;
  label: string;
}

export function ServerBadge({ state, label }: ServerBadgeProps) {
  return (
    <span className={`badge badge--${state}`} data-testid="server-state" data-state={state}>
      <span className="badge__dot" aria-hidden="true" />
      {label}
    </span>
  );
}
