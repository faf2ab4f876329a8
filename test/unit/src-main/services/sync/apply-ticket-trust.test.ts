import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, TicketKey } from '../../../../../shared/sync/protocol';
import { saveEnrolment } from '../../../../../src-main/db/repos/sync-repo';
import { isRevoked, listTicketKeys, revocationOf } from '../../../../../src-main/db/repos/ticket-trust-repo';
import { applyPullPage } from '../../../../../src-main/services/sync/apply-changes';
import { migratedTo } from '../../../../migrations/helpers';

// docs/TICKETS.md "Trust": a pull page's ticket keys replace the ones held, its revocations add up, and
// a page from an older server (neither field) leaves both as they were.

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const key = (n: number, revokedAt: string | null = null): TicketKey => ({
  keyId: String(n).padStart(16, '0'),
  publicKey: `${'A'.repeat(42)}${n}`,
  terminalId: uuid(n),
  revokedAt,
});

describe('applyPullPage: ticket keys and revocations', () => {
  let m: ReturnType<typeof migratedTo>;
  let page = 0;
  const apply = (extra: Partial<PullResponse>) =>
    applyPullPage(
      m.db,
      { cursor: `c${++page}`, more: false, reset: false, changes: [], leases: [], epoch: 1, ...extra },
      { requestCursor: `c${page - 1}`, usageThrough: 0, at: '2026-12-05T10:00:00.000Z' },
    );

  beforeEach(() => {
    m = migratedTo(14);
    saveEnrolment(m.db, {
      terminalId: uuid(1),
      terminalName: 'Door',
      epoch: 1,
      venueId: uuid(2),
      at: 'now',
      clock: 0,
    });
  });
  afterEach(() => m.close());

  it('replaces the keys with the server’s list and adds revocations page by page', () => {
    apply({
      ticketKeys: [key(1), key(2)],
      revocations: [{ ticketId: uuid(10), status: 'void', changedAt: '2026-12-05T09:00:00Z' }],
    });
    apply({
      ticketKeys: [key(2, '2026-12-05T09:30:00.000Z'), key(3)],
      revocations: [
        { ticketId: uuid(11).toUpperCase(), status: 'reissued', changedAt: '2026-12-05T09:10:00Z' },
      ],
    });
    expect(listTicketKeys(m.db).map((k) => [k.keyId, k.revokedAt])).toEqual([
      [key(2).keyId, '2026-12-05T09:30:00.000Z'],
      [key(3).keyId, null],
    ]);
    expect([isRevoked(m.db, uuid(10)), isRevoked(m.db, uuid(11)), isRevoked(m.db, uuid(12))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(revocationOf(m.db, uuid(11))).toEqual({
      status: 'reissued',
      changedAt: '2026-12-05T09:10:00.000Z',
    });
  });

  it('keeps what it holds when a page from an older server carries neither', () => {
    apply({
      ticketKeys: [key(1)],
      revocations: [{ ticketId: uuid(10), status: 'void', changedAt: '2026-12-05T09:00:00Z' }],
    });
    apply({});
    expect(listTicketKeys(m.db)).toHaveLength(1);
    expect(isRevoked(m.db, uuid(10))).toBe(true);
  });
});
