import { VERSION_CONFLICT, versionConflictMessage } from '../../shared/server-api/version-conflict';
import { reject } from '../errors';

/**
 * Refuses an update made from a stale copy. `expected` is optional so older clients (and scripts) that
 * send no version still update as before; every back-office form sends it.
 */
export function assertVersion(what: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    reject(VERSION_CONFLICT, versionConflictMessage(what, current));
  }
}
