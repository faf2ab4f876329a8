import type { PinAttemptPayload } from '../../../shared/sync/payloads';
import type { Db } from '../../db/connection';
import { appendOutbox } from '../../db/repos/outbox-repo';
import { newId } from '../../ids';
import type { PinAttempt } from '../staff-service';

/**
 * Queues one PIN check for the server (`pin.attempt`), which keeps the person's count and lock across
 * every terminal of their venues (docs/SECURITY.md, "PINs and offline guessing"). The payload holds
 * who and when, never the PIN.
 */
export function queuePinAttempt(db: Db, terminalId: string, attempt: PinAttempt): void {
  const payload: PinAttemptPayload = { terminalId, ...attempt };
  db.transaction(() => {
    appendOutbox(db, { mutationId: newId(), type: 'pin.attempt', payload, createdAt: attempt.at });
  })();
}
