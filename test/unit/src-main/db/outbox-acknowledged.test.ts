import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendOutbox,
  countPendingOutbox,
  type OutboxMutation,
} from '../../../../src-main/db/repos/outbox-repo';
import { getSyncState, markPushedThrough, saveEnrolment } from '../../../../src-main/db/repos/sync-repo';
import { loadMigrations } from '../../../../src-main/db/migrate';
import { findAppRoot } from '../../../../src-main/app-info';
import { join } from 'node:path';
import { migratedTo } from '../../../migrations/helpers';

// markPushedThrough touches only the seqs between the old and the new mark; these show that the
// acknowledgement stamps still say exactly "seq <= pushed_through" when the mark moves both ways.

const ALL = loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).length;
const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('acknowledging the outbox', () => {
  let m: ReturnType<typeof migratedTo>;

  const append = (n: number) =>
    appendOutbox(m.db, {
      mutationId: uuid(1000 + n),
      type: 'shift_open',
      payload: { n },
      createdAt: '2026-12-06T10:00:00.000Z',
    } as unknown as OutboxMutation);
  const stamps = () =>
    (
      m.db.prepare('SELECT seq, acked_at AS at FROM outbox ORDER BY seq').all() as {
        seq: number;
        at: string | null;
      }[]
    ).map((r) => [r.seq, r.at]);

  beforeEach(() => {
    m = migratedTo(ALL);
    for (let n = 1; n <= 6; n++) append(n);
  });
  afterEach(() => m.close());

  it('counts every row as pending before enrolment, when there is no mark at all', () => {
    expect(getSyncState(m.db)).toBeUndefined();
    expect(countPendingOutbox(m.db)).toBe(6);
  });

  it('stamps the rows up to the mark, keeps earlier stamps, and clears the ones above a mark moved back', () => {
    saveEnrolment(m.db, {
      terminalId: uuid(1),
      terminalName: 'Box',
      epoch: 1,
      venueId: uuid(2),
      at: 'e',
      clock: 0,
    });
    markPushedThrough(m.db, 2, 'first');
    markPushedThrough(m.db, 4, 'second');
    expect(stamps()).toEqual([
      [1, 'first'],
      [2, 'first'],
      [3, 'second'],
      [4, 'second'],
      [5, null],
      [6, null],
    ]);
    expect(countPendingOutbox(m.db)).toBe(2);
    // The server answers that it holds only up to 3 (a gap): seq 4 must go again.
    markPushedThrough(m.db, 3, 'gap');
    expect(stamps()).toEqual([
      [1, 'first'],
      [2, 'first'],
      [3, 'second'],
      [4, null],
      [5, null],
      [6, null],
    ]);
    expect(countPendingOutbox(m.db)).toBe(3);
    expect(getSyncState(m.db)).toMatchObject({ pushedThrough: 3, lastPushAt: 'gap' });
    markPushedThrough(m.db, 6, 'all');
    expect(stamps().map(([, at]) => at)).toEqual(['first', 'first', 'second', 'all', 'all', 'all']);
    expect(countPendingOutbox(m.db)).toBe(0);
    // Re-enrolment starts over from seq 1: nothing is acknowledged under the new epoch.
    saveEnrolment(m.db, {
      terminalId: uuid(1),
      terminalName: 'Box',
      epoch: 2,
      venueId: uuid(2),
      at: 'e2',
      clock: 0,
    });
    expect(countPendingOutbox(m.db)).toBe(6);
    expect(stamps().every(([, at]) => at === null)).toBe(true);
    append(7);
    markPushedThrough(m.db, 5, 'again');
    expect(stamps().map(([, at]) => at)).toEqual(['again', 'again', 'again', 'again', 'again', null, null]);
    expect(countPendingOutbox(m.db)).toBe(2);
  });
});
