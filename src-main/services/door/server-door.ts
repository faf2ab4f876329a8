import {
  DOOR_OUTCOMES,
  type CheckinRequest,
  type DoorCounts,
  type DoorOutcome,
} from '../../../shared/tickets/checkins';
import type { SyncAnswer, SyncRequest } from '../sync/transport';

// docs/TICKETS.md "Door mode", online: the server's POST /v1/checkins and GET /v1/checkins/counts,
// asked with the device token. Every answer that is not the server's decision (no server, a network
// failure, a proxy's 502, a revoked token …) is `undefined`, and the door decides locally instead.

export type AskServer = (request: Omit<SyncRequest, 'token'>) => Promise<SyncAnswer | undefined>;

/** A door scan waits at most this long for the server before deciding alone. */
export const DOOR_TIMEOUT_MS = 3_000;

/** The server refused the request itself (not the ticket): the door's performances are not its own. */
export interface ServerRefusal {
  refused: string;
}

function isOutcome(body: unknown): body is { outcome: DoorOutcome } {
  if (typeof body !== 'object' || body === null || !('outcome' in body)) return false;
  const outcome = body.outcome;
  return (
    typeof outcome === 'object' &&
    outcome !== null &&
    'kind' in outcome &&
    (DOOR_OUTCOMES as readonly unknown[]).includes(outcome.kind)
  );
}

function refusalOf(answer: SyncAnswer): ServerRefusal | undefined {
  if (answer.status !== 400) return undefined;
  const body = answer.body as { reason?: unknown; message?: unknown } | null;
  return body?.reason === 'REFERENCE_NOT_FOUND' && typeof body.message === 'string'
    ? { refused: body.message }
    : undefined;
}

export async function checkInOnline(
  ask: AskServer,
  request: CheckinRequest,
): Promise<DoorOutcome | ServerRefusal | undefined> {
  const answer = await ask({
    method: 'POST',
    path: '/v1/checkins',
    body: request,
    timeoutMs: DOOR_TIMEOUT_MS,
  });
  if (!answer) return undefined;
  if ((answer.status === 200 || answer.status === 201) && isOutcome(answer.body)) return answer.body.outcome;
  return refusalOf(answer);
}

/** The server's counts for each performance, or undefined unless it answered for every one. */
export async function countsOnline(
  ask: AskServer,
  performanceIds: readonly string[],
): Promise<DoorCounts[] | undefined> {
  const answers = await Promise.all(
    performanceIds.map((id) =>
      ask({
        method: 'GET',
        path: `/v1/checkins/counts?performanceId=${encodeURIComponent(id)}`,
        timeoutMs: DOOR_TIMEOUT_MS,
      }),
    ),
  );
  const counts: DoorCounts[] = [];
  for (const answer of answers) {
    if (answer?.status !== 200) return undefined;
    counts.push(answer.body as DoorCounts);
  }
  return counts;
}
