import type { ServerState } from '../../shared/ipc/types';
import { ServerBadge } from './ServerBadge';

interface StatusBarProps {
  label: string;
  server: { state: ServerState; label: string } | null;
  unsyncedLabel: string;
  unsynced: number;
  shift: string | null;
}

export function StatusBar({ label, server, unsyncedLabel, unsynced, shift }: StatusBarProps) {
  return (
    <footer className="app__status-bar" aria-label={label}>
      {server ? <ServerBadge state={server.state} label={server.label} /> : null}
      <span data-testid="unsynced" data-count={unsynced}>
        {unsyncedLabel}
      </span>
      {shift ? <span data-testid="shift-state">{shift}</span> : null}
    </footer>
  );
}
