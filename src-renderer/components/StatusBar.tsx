import type { ServerState } from '../../shared/ipc/types';
import { LeaseLevels, type LeaseChip } from './LeaseLevels';
import { ServerBadge } from './ServerBadge';

interface StatusBarProps {
  label: string;
  server: { state: ServerState; label: string } | null;
  unsyncedLabel: string;
  unsynced: number;
  /** "Last sync 14:02", or null before the first one. */
  lastSync: string | null;
  /** A sync problem staff must act on (`alert`) or should know about (`warn`). */
  warning: { text: string; severity: 'alert' | 'warn' } | null;
  leases: { chips: LeaseChip[]; title: string; lowLabel: string };
  shift: string | null;
}

export function StatusBar(props: StatusBarProps) {
  const { label, server, unsyncedLabel, unsynced, lastSync, warning, leases, shift } = props;
  return (
    <footer className="app__status-bar" aria-label={label}>
      {server ? <ServerBadge state={server.state} label={server.label} /> : null}
      <span data-testid="unsynced" data-count={unsynced}>
        {unsyncedLabel}
      </span>
      {lastSync ? (
        <span className="muted" data-testid="last-sync">
          {lastSync}
        </span>
      ) : null}
      <LeaseLevels leases={leases.chips} title={leases.title} lowLabel={leases.lowLabel} />
      {warning ? (
        <span
          className={`status-bar__warning status-bar__warning--${warning.severity}`}
          role={warning.severity === 'alert' ? 'alert' : undefined}
          data-testid="sync-warning"
        >
          {warning.text}
        </span>
      ) : null}
      {shift ? <span data-testid="shift-state">{shift}</span> : null}
    </footer>
  );
}
