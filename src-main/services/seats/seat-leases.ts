import {
  seatLeaseAcquireResponseSchema,
  type SeatLeaseReturnPayload,
} from '../../../shared/sync/seat-protocol';
import type { Db } from '../../db/connection';
import { appendOutbox } from '../../db/repos/outbox-repo';
import {
  deleteSeatLeaseRequest,
  insertSeatLease,
  openSeatLeases,
  pendingSeatLeaseRequest,
  putSeatLeaseRequest,
  putSeatStatus,
  seatStatus,
  stopSeatLease,
} from '../../db/repos/seat-repo';
import { getSyncState } from '../../db/repos/sync-repo';
import { newId } from '../../ids';
import type { AskServer } from '../door/server-door';

// Seat leases (docs/SEATING.md "Offline: seat leases"): escrow for named seats. Acquired when a shift
// opens while the server answers, returned unsold through the outbox when it closes (having stopped
// using them first, in the close's transaction), and dropped locally once expired. A clock set back
// behind the terminal's high-water mark makes every deadline doubtful: all of them stop and go back,
// as capacity leases do (docs/SYNC.md "Escrow leases").

const ACQUIRE_TIMEOUT_MS = 4_000;

/** Stops a lease here and queues the return of its unsold seats; call inside a transaction. */
function returnSeatLease(
  db: Db,
  lease: { id: string; performanceId: string; unsold: string[] },
  at: string,
): void {
  stopSeatLease(db, lease.id, at);
  const payload: SeatLeaseReturnPayload = { leaseId: lease.id, seatIds: lease.unsold };
  appendOutbox(db, { mutationId: newId(), type: 'seat_lease.return', payload, createdAt: at });
  for (const seatId of lease.unsold) freeInCache(db, lease.performanceId, seatId);
}

/** A seat this terminal gave back reads free here until the server says otherwise. */
function freeInCache(db: Db, performanceId: string, seatId: string): void {
  if (seatStatus(db, performanceId, seatId)?.state === 'sold') return;
  putSeatStatus(db, performanceId, { seatId, state: 'free', holder: null, holdKind: null, expiresAt: null });
}

export function createSeatLeases(deps: {
  db: Db;
  now: () => number;
  ask: AskServer;
  enrolled: () => boolean;
  serverLikelyUp: () => boolean;
  terminalId: () => string;
  afterWrite: () => void;
}) {
  const { db } = deps;
  const iso = () => new Date(deps.now()).toISOString();

  return {
    /**
     * Leases past their expiry (the performance's start) stop being used, and the return of their
     * unsold seats joins the outbox behind every sale made from them; with the clock behind its
     * high-water mark every lease does. The server frees a leased seat only on that return, so the
     * return must be sent even though the lease has run out.
     */
    expire(): { stopped: number; clockMovedBack: boolean } {
      const nowMs = deps.now();
      const at = new Date(nowMs).toISOString();
      const state = getSyncState(db);
      const clockMovedBack = state !== undefined && nowMs < state.clockHighWater;
      const due = db.transaction(() => {
        const leases = openSeatLeases(db, clockMovedBack ? undefined : at);
        for (const lease of leases) returnSeatLease(db, lease, at);
        return leases.length;
      })();
      if (due > 0) deps.afterWrite();
      return { stopped: due, clockMovedBack };
    },

    /**
     * At shift open, while the server answers: the seats of this terminal's lease plans. The request id
     * is stored before it is sent, so a lost answer is asked for again and granted once.
     */
    async acquire(): Promise<{ leases: number; refusals: string[] } | undefined> {
      if (!deps.enrolled() || !deps.serverLikelyUp()) return undefined;
      let requestId = pendingSeatLeaseRequest(db);
      if (!requestId) {
        requestId = newId();
        putSeatLeaseRequest(db, requestId, iso());
      }
      const answer = await deps.ask({
        method: 'POST',
        path: '/v1/sync/seats/leases/acquire',
        body: { requestId },
        timeoutMs: ACQUIRE_TIMEOUT_MS,
      });
      if (answer?.status !== 200) return undefined;
      const parsed = seatLeaseAcquireResponseSchema.safeParse(answer.body);
      if (!parsed.success) return undefined;
      const me = deps.terminalId();
      const id = requestId;
      db.transaction(() => {
        for (const lease of parsed.data.leases) {
          insertSeatLease(db, lease);
          for (const seatId of lease.seatIds)
            putSeatStatus(db, lease.performanceId, {
              seatId,
              state: 'leased',
              holder: me,
              holdKind: null,
              expiresAt: lease.expiresAt,
            });
        }
        deleteSeatLeaseRequest(db, id);
      })();
      return { leases: parsed.data.leases.length, refusals: parsed.data.refusals.map((r) => r.message) };
    },

    /**
     * Inside the shift close's transaction: while the server answers, every seat lease stops being used
     * and the return of its unsold seats joins the outbox. A shift closed offline keeps them for the
     * next cashier, as capacity leases are kept (docs/SYNC.md "Escrow leases").
     */
    shiftClosed(at: string): number {
      if (!deps.enrolled() || !deps.serverLikelyUp()) return 0;
      const open = openSeatLeases(db);
      for (const lease of open) returnSeatLease(db, lease, at);
      if (open.length > 0) deps.afterWrite();
      return open.length;
    },
  };
}

export type SeatLeases = ReturnType<typeof createSeatLeases>;
