import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../../../../shared/sync/protocol';
import type { TicketLayout } from '../../../../../shared/tickets/layout';
import { eventTicketLayout } from '../../../../../src-main/db/repos/catalogue-repo';
import { saveEnrolment } from '../../../../../src-main/db/repos/sync-repo';
import { applyPullPage } from '../../../../../src-main/services/sync/apply-changes';
import { migratedTo } from '../../../../migrations/helpers';

// docs/TICKETS.md "A layout per event": the layout pulled with an event replaces the one held, null goes
// back to the default, a page from an older server (no field) keeps it, one that no longer parses prints
// as the default, and a deleted event's layout goes with it.

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const VENUE = uuid(2);
const EVENT = uuid(3);
const LAYOUT: TicketLayout = { fields: ['orderRef'], logo: null, freeText: ['No re-entry'] };

describe('applyPullPage: event ticket layouts', () => {
  let m: ReturnType<typeof migratedTo>;
  let page = 0;
  const apply = (changes: Change[], extra: Partial<PullResponse> = {}) =>
    applyPullPage(
      m.db,
      { cursor: `c${++page}`, more: false, reset: false, changes, leases: [], epoch: 1, ...extra },
      { requestCursor: `c${page - 1}`, usageThrough: 0, at: '2026-12-05T10:00:00.000Z' },
    );
  const event = (ticketLayout?: unknown): Change =>
    ({
      entity: 'event',
      id: EVENT,
      data: {
        id: EVENT,
        venueId: VENUE,
        name: 'Hamlet',
        description: '',
        category: null,
        ...(ticketLayout === undefined ? {} : { ticketLayout }),
      },
    }) as Change;

  beforeEach(() => {
    m = migratedTo(17);
    saveEnrolment(m.db, {
      terminalId: uuid(1),
      terminalName: 'Box',
      epoch: 1,
      venueId: VENUE,
      at: 'now',
      clock: 0,
    });
    apply([
      { entity: 'venue', id: VENUE, data: { id: VENUE, name: 'Hall', currency: 'EUR', timezone: 'UTC' } },
    ]);
  });
  afterEach(() => m.close());

  it('takes the pulled layout, keeps it for a page without the field, and drops it for null', () => {
    apply([event(LAYOUT)]);
    expect(eventTicketLayout(m.db, EVENT)).toEqual(LAYOUT);
    apply([event()]);
    expect(eventTicketLayout(m.db, EVENT)).toEqual(LAYOUT);
    apply([event(null)]);
    expect(eventTicketLayout(m.db, EVENT)).toBeNull();
  });

  it('prints a layout that does not parse as the default, and forgets a deleted event’s layout', () => {
    apply([event({ ...LAYOUT, freeText: ['x'.repeat(49)] })]);
    expect(eventTicketLayout(m.db, EVENT)).toBeNull();
    apply([event(LAYOUT)]);
    apply([{ entity: 'event', id: EVENT, deleted: true }]);
    expect(m.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(m.db.prepare('SELECT count(*) AS n FROM event_ticket_layouts').get()).toEqual({ n: 0 });
  });
});
