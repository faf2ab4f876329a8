import { retryingDeadlocks } from '../db/database';
import { v7 as uuid } from 'uuid';
import { bestAvailable, bestSeats } from '../../shared/seating/best-available';
import { takeableBy } from '../../shared/seating/release';
import type {
  SeatLeaseAcquireRequest,
  SeatLeaseAcquireResponse,
  SeatLeasePlan,
  SeatLeasePlanInput,
} from '../../shared/sync/seat-protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForSales } from '../db/repos/change-pos';
import * as plans from '../db/repos/seat-lease-repo';
import * as seats from '../db/repos/seat-state-repo';
import { getTerminal, lockTerminal } from '../db/repos/terminal-repo';
import { reject } from '../errors';
import { recordAudit } from './audit';
import { asTerminal, seatedOrRefuse, seatMapAt } from './seat-state-service';

// Seat leases (docs/SEATING.md "Offline: seat leases"): a manager's plan per terminal and performance,
// and the terminal's acquire at shift open, which tops every plan up with best available seats.

type Staff = Principal & { kind: 'staff' };

async function terminalOfOrg(db: Queryable, orgId: string, terminalId: string): Promise<void> {
  if (!(await getTerminal(db, orgId, terminalId))) reject('NOT_FOUND', 'There is no such terminal.');
}

export async function listSeatLeasePlans(
  ctx: ServerContext,
  principal: Staff,
  terminalId: string,
): Promise<{ plans: SeatLeasePlan[] }> {
  await terminalOfOrg(ctx.db, principal.orgId, terminalId);
  return { plans: await plans.listPlans(ctx.db, principal.orgId, terminalId) };
}

/** Sets (or replaces) the plan of one terminal and performance; the section and band must be the map's. */
export async function putSeatLeasePlan(
  ctx: ServerContext,
  principal: Staff,
  terminalId: string,
  input: SeatLeasePlanInput,
): Promise<SeatLeasePlan> {
  const { orgId } = principal;
  return ctx.db.transaction(async (tx) => {
    await terminalOfOrg(tx, orgId, terminalId);
    const performance = await seatedOrRefuse(tx, orgId, input.performanceId);
    const map = await seatMapAt(tx, orgId, performance.mapId, performance.mapVersion);
    const sectionId = input.sectionId ?? null;
    const section = sectionId ? map.sections.find((s) => s.id === sectionId) : undefined;
    if (sectionId && section?.kind !== 'seated') {
      reject(
        'NOT_FOUND',
        `The performance's map has no seated section ${sectionId}: pick one of its sections.`,
      );
    }
    let band: string | null = null;
    if (input.band) {
      const wanted = input.band.toLowerCase();
      band = map.bands.find((b) => b.toLowerCase() === wanted) ?? null;
      if (!band) {
        reject('NOT_FOUND', `The map has no band "${input.band}": use one of ${map.bands.join(', ')}.`);
      }
    }
    const before = await plans.getPlan(tx, orgId, terminalId, input.performanceId);
    const plan = await plans.upsertPlan(tx, {
      id: uuid(),
      orgId,
      terminalId,
      performanceId: input.performanceId,
      seats: input.seats,
      sectionId,
      band,
    });
    await recordAudit(tx, ctx, principal, {
      action: 'terminal.seat_lease_plan',
      entityKind: 'terminal',
      entityId: terminalId,
      before: before ? planRecord(before) : null,
      after: planRecord(plan),
    });
    return plan;
  });
}

const planRecord = (p: SeatLeasePlan) => ({
  performanceId: p.performanceId,
  seats: p.seats,
  sectionId: p.sectionId,
  band: p.band,
});

export async function deleteSeatLeasePlan(
  ctx: ServerContext,
  principal: Staff,
  terminalId: string,
  performanceId: string,
): Promise<void> {
  const { orgId } = principal;
  await ctx.db.transaction(async (tx) => {
    const before = await plans.getPlan(tx, orgId, terminalId, performanceId);
    if (!before || !(await plans.deletePlan(tx, orgId, terminalId, performanceId))) {
      reject('NOT_FOUND', 'This terminal has no seat lease plan for that performance.');
    }
    await recordAudit(tx, ctx, principal, {
      action: 'terminal.seat_lease_plan_delete',
      entityKind: 'terminal',
      entityId: terminalId,
      before: planRecord(before),
      after: null,
    });
  });
}

type Refusal = SeatLeaseAcquireResponse['refusals'][number];

/** Where a plan takes its seats, for the refusal sentences. */
function wherePlan(plan: SeatLeasePlan): string {
  const parts = [plan.band ? `band ${plan.band}` : '', plan.sectionId ? 'the planned section' : ''];
  const where = parts.filter(Boolean).join(' of ');
  return where ? ` in ${where}` : '';
}

/**
 * Tops one plan up: the seats already leased to this terminal count; the rest are the best available
 * (together in one row if any row has them all, else the best seats one by one). Returns a refusal
 * when the plan could not be filled.
 */
async function topUp(
  tx: Queryable,
  ctx: ServerContext,
  terminal: { orgId: string; id: string },
  plan: SeatLeasePlan,
  requestId: string,
): Promise<Refusal | undefined> {
  const now = ctx.now();
  const performance = await seats.seatedPerformance(tx, terminal.orgId, plan.performanceId);
  // Plans of performances over or off sale are kept for the record and simply not served.
  if (!performance || performance.status !== 'on_sale' || Date.parse(performance.startsAt) <= now.getTime()) {
    return undefined;
  }
  if (!performance.mapId || performance.mapVersion === null) {
    return {
      performanceId: plan.performanceId,
      message: 'This performance has no seat map any more: its seat lease plan grants nothing.',
    };
  }
  const need = plan.seats - (await plans.leasedCount(tx, terminal.id, plan.performanceId));
  if (need <= 0) return undefined;
  const map = await seatMapAt(tx, terminal.orgId, performance.mapId, performance.mapVersion);
  const rows = await seats.lockSeats(tx, plan.performanceId, null);
  // The terminal's own cart seats are being sold online: not leased from under that cart.
  const open = new Set(
    rows
      .filter((r) => !(r.state === 'cart' && r.holder === terminal.id) && takeableBy(r, terminal.id, now))
      .map((r) => r.seatId),
  );
  const opts = { band: plan.band, sectionId: plan.sectionId };
  const available = (id: string) => open.has(id);
  const chosen = bestAvailable(map, available, need, opts).together ?? bestSeats(map, available, need, opts);
  if (chosen.length > 0) {
    const leaseId = uuid();
    await plans.insertLease(tx, {
      id: leaseId,
      orgId: terminal.orgId,
      terminalId: terminal.id,
      performanceId: plan.performanceId,
      requestId,
      expiresAt: performance.startsAt,
    });
    await seats.leaseSeats(tx, { orgId: terminal.orgId, performanceId: plan.performanceId }, chosen, {
      terminalId: terminal.id,
      leaseId,
      expiresAt: performance.startsAt,
    });
  }
  if (chosen.length === need) return undefined;
  return {
    performanceId: plan.performanceId,
    message:
      chosen.length === 0
        ? `No seat${wherePlan(plan)} is free to lease: this terminal can sell none of them offline.`
        : `Only ${chosen.length} of the ${need} seats still planned${wherePlan(plan)} were free to lease.`,
  };
}

/**
 * POST /v1/sync/seats/leases/acquire: every plan of this terminal topped up in one transaction,
 * idempotent by requestId (a resent request grants nothing more and gets the first answer's refusals).
 * The answer lists every seat lease the terminal holds now.
 */
export async function acquireSeatLeases(
  ctx: ServerContext,
  principal: Principal,
  input: SeatLeaseAcquireRequest,
): Promise<SeatLeaseAcquireResponse> {
  const { orgId, terminalId } = asTerminal(principal);
  return retryingDeadlocks(() =>
    ctx.db.transaction(async (tx) => {
      // The terminal's row, then the organisation's lock, then seat rows: the order a push takes them in.
      const terminal = await lockTerminal(tx, terminalId);
      if (terminal?.orgId !== orgId) reject('UNAUTHENTICATED', 'This terminal is not enrolled.');
      if (terminal.state === 'restore_detected') {
        reject(
          'RESTORED_FROM_BACKUP',
          'This terminal was restored from a backup: ask a manager for an enrolment code and re-enrol it.',
        );
      }
      await lockOrganisationForSales(tx, orgId);
      const now = ctx.now().toISOString();
      const answered = await plans.findRequest(tx, terminalId, input.requestId);
      if (answered) return { leases: await plans.heldLeases(tx, terminalId, now), refusals: answered };
      const refusals: Refusal[] = [];
      for (const plan of await plans.listPlans(tx, orgId, terminalId)) {
        const refused = await topUp(tx, ctx, terminal, plan, input.requestId);
        if (refused) refusals.push(refused);
      }
      await plans.recordRequest(tx, { orgId, terminalId, requestId: input.requestId, refusals });
      return { leases: await plans.heldLeases(tx, terminalId, now), refusals };
    }),
  );
}
