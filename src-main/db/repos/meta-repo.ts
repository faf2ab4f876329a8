import {
  NO_OFFLINE_LIMITS,
  offlineLimitsSchema,
  type OfflineLimits,
} from '../../../shared/sync/offline-limits';
import { terminalOveruseCapSchema } from '../../../shared/auth/overuse-cap';
import { prepared, type Db } from '../connection';

export function getMeta(db: Db, key: string): string | undefined {
  const row = prepared(db, 'SELECT value FROM terminal_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

/** Sets the value only if the key is new; returns the stored value either way. */
export function ensureMeta(db: Db, key: string, value: string): string {
  prepared(db, 'INSERT INTO terminal_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
    key,
    value,
  );
  return getMeta(db, key) as string;
}

export function setMeta(db: Db, key: string, value: string): void {
  prepared(
    db,
    'INSERT INTO terminal_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

const OFFLINE_LIMITS = 'offline_limits';

/** This terminal's offline limits as its last pull brought them (docs/CASH.md); none before any. */
export function getOfflineLimits(db: Db): OfflineLimits {
  const stored = getMeta(db, OFFLINE_LIMITS);
  if (stored === undefined) return NO_OFFLINE_LIMITS;
  const parsed = offlineLimitsSchema.safeParse(JSON.parse(stored));
  // Written only by setOfflineLimits from a parsed pull; a damaged value limits nothing, as before.
  return parsed.success ? parsed.data : NO_OFFLINE_LIMITS;
}

export function setOfflineLimits(db: Db, limits: OfflineLimits): void {
  setMeta(db, OFFLINE_LIMITS, JSON.stringify(limits));
}

const OVERUSE_CAP = 'overuse_cap';

/**
 * This terminal's cap on overuse grants per business day as its last pull brought it (docs/CASH.md
 * "Overuse caps"; null: no cap), or `fallback` before any pull brought one.
 */
export function getTerminalOveruseCap(db: Db, fallback: number | null): number | null {
  const stored = getMeta(db, OVERUSE_CAP);
  if (stored === undefined) return fallback;
  const parsed = terminalOveruseCapSchema.safeParse(JSON.parse(stored));
  // Written only by setTerminalOveruseCap from a parsed pull; a damaged value keeps the fallback.
  return parsed.success ? parsed.data.cap : fallback;
}

export function setTerminalOveruseCap(db: Db, cap: number | null): void {
  setMeta(db, OVERUSE_CAP, JSON.stringify({ cap }));
}

const VOUCHER_SHARE = 'voucher_share_percent';

/**
 * The share of each voucher's balance the background top-up holds ahead (docs/CASH.md "Offline"), as
 * the last pull said; 0 before any pull said so.
 */
export function getVoucherSharePercent(db: Db): number {
  const n = Number(getMeta(db, VOUCHER_SHARE) ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : 0;
}

export function setVoucherSharePercent(db: Db, percent: number): void {
  setMeta(db, VOUCHER_SHARE, String(percent));
}

const SERVER_TRAINING = 'server_training';

/**
 * Whether the back office has this terminal in training, as its last pull said (docs/CASH.md "Training
 * mode"); not before any pull said so.
 */
export function getServerTraining(db: Db): boolean {
  return getMeta(db, SERVER_TRAINING) === '1';
}

export function setServerTraining(db: Db, on: boolean): void {
  setMeta(db, SERVER_TRAINING, on ? '1' : '0');
}
