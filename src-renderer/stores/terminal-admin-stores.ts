import { create } from 'zustand';
import type { Venue } from '../../shared/catalogue/types';
import { ok } from '../../shared/result';
import type { ReviewKind, ReviewStatus } from '../../shared/sync/protocol';
import { catalogueCalls, type Versioned } from '../../shared/server-api/catalogue-calls';
import type { Page } from '../../shared/server-api/page';
import { terminalCalls, type EnrolmentCode, type ReviewAction } from '../../shared/server-api/terminal-calls';
import { buildEnrolmentLink } from '../../shared/sync/enrolment-link';
import type {
  ReviewRow,
  TerminalLeaseRow,
  TerminalRow,
  TerminalStatus,
} from '../../shared/sync/terminal-admin';
import { SERVER_URL, server } from '../api/admin-host';
import { dayRange } from '../lib/date-range';
import { createRecordStore } from './record-store';
import type { Failure } from './sell-store';

// The back office's Terminals and Review queue screens: the terminal list (revoke is its removal, the
// lease cap its edit), one terminal's leases, enrolment codes and the review queue.

const terminals = terminalCalls(server);
const catalogue = catalogueCalls(server);

/** '' in a filter field means "any": it is left out of the query. */
const given = <T extends string>(value: T | '') => (value === '' ? undefined : value);

export const useTerminalStore = createRecordStore<
  TerminalRow,
  { q: string; status: TerminalStatus | '' },
  { percent: number | null }
>(
  {
    list: ({ q, status, limit, offset }) =>
      terminals.list({ q: given(q), status: given(status), limit, offset }),
    async update(row, draft) {
      const set = await terminals.setLeaseCap(row.id, draft.percent);
      return set.ok
        ? ok({
            ...row,
            leaseCapPercent: set.value.leaseCapPercent,
            effectiveLeaseCapPercent: set.value.effectivePercent,
          })
        : set;
    },
    remove: (row) => terminals.revoke(row.id),
  },
  { q: '', status: '' },
);

export const useTerminalLeaseStore = createRecordStore<TerminalLeaseRow, { terminalId: string }, never>(
  { list: ({ terminalId, limit, offset }) => terminals.leases(terminalId, { limit, offset }) },
  { terminalId: '' },
  20,
);

export interface ReviewFilter {
  status: ReviewStatus | '';
  kind: ReviewKind | '';
  /** From the address (#/review/<terminal id>): one terminal's items. */
  terminalId: string;
  /** Dates as typed (YYYY-MM-DD), '' = open-ended. */
  from: string;
  to: string;
}

export const useReviewStore = createRecordStore<ReviewRow, ReviewFilter, never>(
  {
    list: (f) =>
      terminals.reviewItems({
        status: given(f.status),
        kind: given(f.kind),
        terminalId: given(f.terminalId),
        ...dayRange(f.from, f.to),
        limit: f.limit,
        offset: f.offset,
      }),
  },
  { status: 'open', kind: '', terminalId: '', from: '', to: '' },
);

/** A manager's decision on one item with its note; the queue reloads after it. */
export async function actOnReviewItem(
  item: ReviewRow,
  action: ReviewAction,
  note: string,
): Promise<Failure | null> {
  const done = await terminals.act(item.id, action, note);
  if (!done.ok) return done;
  await useReviewStore.getState().load();
  return null;
}

/** An enrolment code as the screen shows it: with its venue and the link a terminal enrols with. */
export type IssuedCode = EnrolmentCode & { venueName: string; link: string };

interface EnrolmentState {
  venueQuery: string;
  venues: Page<Versioned<Venue>> | null;
  issued: IssuedCode | null;
  busy: boolean;
  error: string | null;
  findVenues: (q: string) => Promise<void>;
  issue: (venue: { id: string; name: string }) => Promise<void>;
  reset: () => void;
}

const VENUE_CHOICES = 50;

export const useEnrolmentStore = create<EnrolmentState>()((set, get) => {
  let searches = 0;
  return {
    venueQuery: '',
    venues: null,
    issued: null,
    busy: false,
    error: null,
    async findVenues(q) {
      const ticket = ++searches;
      set({ venueQuery: q });
      const found = await catalogue.list('venues', { q: q || undefined, limit: VENUE_CHOICES, offset: 0 });
      if (ticket !== searches) return;
      set(found.ok ? { venues: found.value, error: null } : { error: found.message });
    },
    async issue(venue) {
      if (get().busy) return;
      set({ busy: true, error: null });
      const made = await terminals.createEnrolmentCode(venue.id);
      set(
        made.ok
          ? {
              busy: false,
              issued: {
                ...made.value,
                venueName: venue.name,
                link: buildEnrolmentLink(SERVER_URL, made.value.enrolmentCode),
              },
            }
          : { busy: false, error: made.message },
      );
    },
    reset: () => set({ issued: null, error: null, busy: false }),
  };
});
