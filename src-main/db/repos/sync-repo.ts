import { prepared, type Db } from '../connection';

export type SyncStateName = 'enrolled' | 'restore_detected';

export interface SyncStateRow {
  terminalId: string;
  terminalName: string;
  epoch: number;
  venueId: string;
  cursor: string | null;
  resetting: boolean;
  state: SyncStateName;
  pushedThrough: number;
  usageThrough: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  lastError: string | null;
  clockHighWater: number;
  enrolledAt: string;
}

interface RawState {
  terminal_id: string;
  terminal_name: string;
  epoch: number;
  device_token: string;
  venue_id: string;
  cursor: string | null;
  resetting: number;
  state: SyncStateName;
  pushed_through: number;
  usage_through: number;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_error: string | null;
  clock_high_water: number;
  enrolled_at: string;
}

// A cached statement: the cart reads the sync state once per code it prices (the dropdown: 50 a keystroke).
export function getSyncState(db: Db): SyncStateRow | undefined {
  const r = prepared(db, 'SELECT * FROM sync_state WHERE id = 1').get() as RawState | undefined;
  return (
    r && {
      terminalId: r.terminal_id,
      terminalName: r.terminal_name,
      epoch: r.epoch,
      venueId: r.venue_id,
      cursor: r.cursor,
      resetting: r.resetting === 1,
      state: r.state,
      pushedThrough: r.pushed_through,
      usageThrough: r.usage_through,
      lastPushAt: r.last_push_at,
      lastPullAt: r.last_pull_at,
      lastError: r.last_error,
      clockHighWater: r.clock_high_water,
      enrolledAt: r.enrolled_at,
    }
  );
}

/**
 * A device token stored in the SQLite store by an older version, which then takes it out: the token
 * now lives in the host's secret store (see secret-store.ts), so a copy of the store carries none.
 */
export function readLegacyDeviceToken(db: Db): string | null {
  const row = prepared(
    db,
    "SELECT device_token FROM sync_state WHERE id = 1 AND device_token <> ''",
  ).get() as { device_token: string } | undefined;
  return row?.device_token ?? null;
}

export function clearLegacyDeviceToken(db: Db): void {
  prepared(db, "UPDATE sync_state SET device_token = '' WHERE id = 1").run();
}

/**
 * Records a (re-)registration. The device token goes to the secret store, not here: the column stays
 * (shipped migrations are never edited) and holds ''. A new epoch starts pushing from seq 1 again and pulls a full snapshot;
 * the server acknowledges what it already holds as duplicates.
 */
export function saveEnrolment(
  db: Db,
  e: {
    terminalId: string;
    terminalName: string;
    epoch: number;
    venueId: string;
    at: string;
    clock: number;
  },
): void {
  prepared(
    db,
    `INSERT INTO sync_state (id, terminal_id, terminal_name, epoch, device_token, venue_id, cursor, resetting, state,
       pushed_through, usage_through, clock_high_water, enrolled_at)
     VALUES (1, @terminalId, @terminalName, @epoch, '', @venueId, NULL, 0, 'enrolled', 0, 0, @clock, @at)
     ON CONFLICT (id) DO UPDATE SET terminal_id = excluded.terminal_id, terminal_name = excluded.terminal_name,
       epoch = excluded.epoch, device_token = '', venue_id = excluded.venue_id, cursor = NULL,
       resetting = 0, state = 'enrolled', pushed_through = 0, usage_through = 0, last_error = NULL,
       clock_high_water = max(clock_high_water, excluded.clock_high_water), enrolled_at = excluded.enrolled_at`,
  ).run(e);
  prepared(db, 'UPDATE outbox SET acked_at = NULL').run();
}

export function setSyncState(db: Db, state: SyncStateName, error: string | null): void {
  prepared(db, 'UPDATE sync_state SET state = ?, last_error = ? WHERE id = 1').run(state, error);
}

export function setSyncError(db: Db, error: string | null): void {
  prepared(db, 'UPDATE sync_state SET last_error = ? WHERE id = 1').run(error);
}

/**
 * Everything up to `lastSeq` is on the server; anything after it must be sent (again).
 *
 * Rows up to `pushed_through` carry `acked_at`, the rest do not, so only the seqs between the old and
 * the new mark change: one statement over a range of the primary key, in one transaction (one sync
 * to disk). Scanning the whole outbox per batch made a long offline queue quadratic to push.
 */
export function markPushedThrough(db: Db, lastSeq: number, at: string): void {
  db.transaction(() => {
    const before =
      (
        prepared(db, 'SELECT pushed_through AS p FROM sync_state WHERE id = 1').get() as
          { p: number } | undefined
      )?.p ?? 0;
    prepared(
      db,
      'UPDATE sync_state SET pushed_through = ?, last_push_at = ?, last_error = NULL WHERE id = 1',
    ).run(lastSeq, at);
    prepared(
      db,
      `UPDATE outbox SET acked_at = CASE WHEN seq <= @lastSeq THEN coalesce(acked_at, @at) END
       WHERE seq > min(@before, @lastSeq) AND seq <= max(@before, @lastSeq)`,
    ).run({ lastSeq, before, at });
  })();
}

export function saveCursor(
  db: Db,
  p: { cursor: string; resetting: boolean; finished: boolean; usageThrough: number; at: string },
): void {
  prepared(
    db,
    `UPDATE sync_state SET cursor = @cursor, resetting = @resetting,
       usage_through = CASE WHEN @finished = 1 THEN @usageThrough ELSE usage_through END,
       last_pull_at = CASE WHEN @finished = 1 THEN @at ELSE last_pull_at END,
       last_error = CASE WHEN @finished = 1 THEN NULL ELSE last_error END
     WHERE id = 1`,
  ).run({ ...p, resetting: p.resetting ? 1 : 0, finished: p.finished ? 1 : 0 });
}

export function raiseClockHighWater(db: Db, ms: number): void {
  prepared(db, 'UPDATE sync_state SET clock_high_water = max(clock_high_water, ?) WHERE id = 1').run(ms);
}

export function hasOutbox(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM outbox LIMIT 1').get() !== undefined;
}

export function lastOutboxSeq(db: Db): number {
  return (prepared(db, 'SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number }).n;
}

/**
 * Sales (and refunds and voids) the server has not acknowledged yet: a range of the (type, seq) index
 * (terminal migration 0038), not of the outbox itself, whose rows carry whole payloads.
 */
export function countPendingSales(db: Db, pushedThrough: number): number {
  return (
    prepared(db, `SELECT count(*) AS n FROM outbox WHERE seq > ? AND type IN ('sale', 'refund', 'void')`).get(
      pushedThrough,
    ) as { n: number }
  ).n;
}
