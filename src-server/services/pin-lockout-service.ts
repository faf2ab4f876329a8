import { PIN_LOCK_AFTER_FAILURES, PIN_LOCKOUT_MINUTES } from '../../shared/auth/pin-policy';
import { pinAttemptPayloadSchema } from '../../shared/sync/payloads';
import { recordPinFailure, recordPinSuccess } from '../db/repos/staff-repo';
import { isUuid } from '../db/uuid';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// A person's wrong PINs count across every terminal (docs/SECURITY.md, "PINs and offline guessing"):
// terminals push each check as `pin.attempt`, the server keeps one count and lock per person, and the
// staff row carries them back to every terminal of the person's venues on pull.

/** Applies one pushed `pin.attempt`; returns a note when it changed nothing. */
export async function applyPinAttempt(scope: MutationScope, payload: unknown): Promise<string | undefined> {
  const { terminal } = scope;
  const p = parsePayload(pinAttemptPayloadSchema, payload, 'pin.attempt');
  // A demo terminal's own staff (ids like "staff-sam") are no one the server knows.
  if (!isUuid(p.staffId)) return `No staff member ${p.staffId} on the server: nothing counted.`;
  if (p.ok) {
    await scope.run((tx) =>
      recordPinSuccess(tx, { orgId: terminal.orgId, id: p.staffId, venueId: terminal.venueId, at: p.at }),
    );
    return undefined;
  }
  const now = scope.ctx.now();
  // The lock runs from the failure, not from when a terminal that was offline got round to saying
  // so; a terminal clock ahead of the server's cannot make it longer.
  const from = Math.min(Date.parse(p.at), now.getTime());
  const counted = await scope.run((tx) =>
    recordPinFailure(tx, {
      orgId: terminal.orgId,
      id: p.staffId,
      venueId: terminal.venueId,
      at: p.at,
      now: now.toISOString(),
      threshold: PIN_LOCK_AFTER_FAILURES,
      lockUntil: new Date(from + PIN_LOCKOUT_MINUTES * 60_000).toISOString(),
    }),
  );
  return counted
    ? undefined
    : `No staff member ${p.staffId} works at this terminal's venue: nothing counted.`;
}
