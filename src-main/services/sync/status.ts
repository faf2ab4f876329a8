import type { LeaseLevel, SyncStatus } from '../../../shared/ipc/domains/sync';
import { parseCounterKey } from '../../../shared/sync/protocol';
import type { Db } from '../../db/connection';
import { getEvent, getPerformance, getVenue } from '../../db/repos/catalogue-repo';
import { getCode } from '../../db/repos/code-repo';
import { heldCounters } from '../../db/repos/lease-repo';
import { countPendingSales, getSyncState } from '../../db/repos/sync-repo';

const KIND_SUFFIX = { code_uses: '', code_item_uses: ' · items', code_budget: ' · budget' } as const;

function labelOf(db: Db, counter: string): string {
  const ref = parseCounterKey(counter);
  if (!ref) return counter;
  // A voucher's balance: the last four of its id, as its tender line prints (docs/CASH.md "Gift vouchers").
  if (ref.kind === 'voucher_balance') return `Voucher …${ref.id.slice(-4)}`;
  if (ref.kind !== 'capacity') return `${getCode(db, ref.id)?.code ?? ref.id}${KIND_SUFFIX[ref.kind]}`;
  const performance = getPerformance(db, ref.id);
  if (!performance) return ref.id;
  const event = getEvent(db, performance.eventId);
  const timeZone = getVenue(db)?.timezone;
  let when = performance.startsAt;
  try {
    when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      new Date(performance.startsAt),
    );
  } catch {
    // An unknown time zone name: the ISO instant still says when.
  }
  return `${event?.name ?? performance.eventId} – ${when}`;
}

export function syncStatus(db: Db, now: string): SyncStatus {
  const state = getSyncState(db);
  if (!state) {
    return {
      enrolled: false,
      state: 'standalone',
      pendingSales: 0,
      lastPushAt: null,
      lastPullAt: null,
      lastError: null,
      leases: [],
    };
  }
  const leases: LeaseLevel[] = heldCounters(db, now).map((h) => ({
    counter: h.counter,
    label: labelOf(db, h.counter),
    remaining: h.held,
    granted: h.granted,
    expiresAt: h.expiresAt,
  }));
  return {
    enrolled: true,
    state: state.state,
    terminalName: state.terminalName,
    epoch: state.epoch,
    pendingSales: countPendingSales(db, state.pushedThrough),
    lastPushAt: state.lastPushAt,
    lastPullAt: state.lastPullAt,
    lastError: state.lastError,
    leases,
  };
}
