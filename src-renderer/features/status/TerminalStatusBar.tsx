import type { LeaseChip } from '../../components/LeaseLevels';
import { StatusBar } from '../../components/StatusBar';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useShiftStore } from '../../stores/shift-store';
import { useTerminalStore } from '../../stores/terminal-store';

/** A pool is low once a quarter or less of what was granted is left (always at its last unit). */
function isLow(remaining: number, granted: number): boolean {
  return remaining <= Math.max(1, Math.floor(granted / 4));
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** The status bar under every screen: server, unsynced sales, last sync, lease levels, warnings, shift. */
export function TerminalStatusBar() {
  const t = useT();
  const dateTime = useDateTime();
  const status = useTerminalStore((s) => s.status);
  const shift = useShiftStore((s) => s.current);
  const sync = status?.sync;
  const enrolled = sync?.enrolled ?? false;
  // Once enrolled, what counts is the sales the server has not acknowledged; standalone, every event kept.
  const unsynced = (enrolled ? sync?.pendingSales : status?.unsyncedEvents) ?? 0;
  const last = sync ? latest(sync.lastPushAt, sync.lastPullAt) : null;

  let warning: { text: string; severity: 'alert' | 'warn' } | null = null;
  if (sync?.state === 'restore_detected') warning = { text: t('status.restoreDetected'), severity: 'alert' };
  else if (sync?.lastError) warning = { text: sync.lastError, severity: 'warn' };

  const chips: LeaseChip[] = (sync?.leases ?? []).map((l) => ({
    counter: l.counter,
    label: l.label,
    remaining: l.remaining,
    granted: l.granted,
    level: t('status.leaseLevel', { remaining: l.remaining, granted: l.granted }),
    expires: t('status.leaseExpires', { at: dateTime(l.expiresAt) }),
    low: isLow(l.remaining, l.granted),
  }));

  return (
    <StatusBar
      label={t('status.bar')}
      server={
        status ? { state: status.server.state, label: t(`status.server.${status.server.state}`) } : null
      }
      unsynced={unsynced}
      unsyncedLabel={
        enrolled ? t('status.unsyncedSales', { count: unsynced }) : t('status.unsynced', { count: unsynced })
      }
      lastSync={
        last ? t('status.lastSync', { at: dateTime(last) }) : enrolled ? t('status.lastSyncNever') : null
      }
      warning={warning}
      leases={{ chips, title: t('status.leases'), lowLabel: t('status.leaseLow') }}
      shift={shift ? t('status.shiftOpen', { since: dateTime(shift.shift.openedAt) }) : null}
    />
  );
}
