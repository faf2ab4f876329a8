import { v7 as uuid } from 'uuid';
import {
  expandRun,
  MAX_RUN_PERFORMANCES,
  tooManyMessage,
  type PerformanceRunBody,
} from '../../shared/catalogue/performance-run';
import type { Page } from '../../shared/server-api/page';
import { counterKey } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import * as repo from '../db/repos/catalogue-repo';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import { adoptFirstVenue } from '../db/repos/staff-repo';
import type { Err } from '../../shared/result';
import { isForeignKeyViolation, isUniqueViolation, reject, Rejection } from '../errors';
import { pick, recordAudit } from './audit';
import { followLimit } from './escrow-service';
import { checkMappedCapacity } from './seat-capacity';
import { assertVersion } from './version-check';

const LABEL: Record<repo.EntityName, string> = {
  venues: 'venue',
  events: 'event',
  performances: 'performance',
  priceBands: 'price band',
  ticketTypes: 'ticket type',
  ticketPrices: 'ticket price',
  products: 'product',
};

/** A reference to another organisation's row is treated exactly like one to a row that does not exist. */
async function assertRefs(
  db: Queryable,
  name: repo.EntityName,
  orgId: string,
  values: Record<string, unknown>,
): Promise<void> {
  for (const [field, target] of Object.entries(repo.ENTITIES[name].refs)) {
    const id = values[field];
    if (typeof id !== 'string') continue;
    if (!(await repo.entityExists(db, target, orgId, id))) {
      reject('REFERENCE_NOT_FOUND', `${field} names no ${LABEL[target]} of your organisation: check the id.`);
    }
  }
}

/** The audited fields of a catalogue row: its API fields, which hold no secrets. */
async function auditedRow(
  db: Queryable,
  name: repo.EntityName,
  orgId: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const row = await repo.getEntity(db, name, orgId, id);
  return pick(row, ['id', ...Object.keys(repo.ENTITIES[name].columns)]);
}

async function audit(
  tx: Queryable,
  ctx: ServerContext,
  principal: Principal,
  name: repo.EntityName,
  verb: 'create' | 'update' | 'delete',
  id: string,
  before: Record<string, unknown> | null,
  summary: string | null = null,
): Promise<void> {
  const entityKind = repo.ENTITIES[name].syncEntity;
  const after = verb === 'delete' ? null : await auditedRow(tx, name, principal.orgId, id);
  await recordAudit(tx, ctx, principal, {
    action: `${entityKind}.${verb}`,
    entityKind,
    entityId: id,
    before,
    after,
    summary,
  });
}

function mapWriteError(error: unknown, name: repo.EntityName): never {
  if (isUniqueViolation(error)) reject('DUPLICATE', `This ${LABEL[name]} exists already.`);
  if (isForeignKeyViolation(error)) {
    reject('IN_USE', `Other records still refer to this ${LABEL[name]}: remove or move them first.`);
  }
  throw error;
}

export async function list(
  ctx: ServerContext,
  principal: Principal,
  name: repo.EntityName,
  query: { q?: string | undefined; limit: number; offset: number; [filter: string]: unknown },
): Promise<Page<Record<string, unknown>>> {
  const { q, limit, offset, ...rest } = query;
  const filters = rest as Record<string, string | undefined>;
  const found = await repo.listEntities(ctx.db, name, principal.orgId, filters, { q, limit, offset });
  return { ...found, limit, offset };
}

export async function get(
  ctx: ServerContext,
  principal: Principal,
  name: repo.EntityName,
  id: string,
): Promise<Record<string, unknown>> {
  const row = await repo.getEntity(ctx.db, name, principal.orgId, id);
  if (!row) reject('NOT_FOUND', `There is no such ${LABEL[name]}.`);
  return row;
}

/**
 * docs/CASH.md "Selling one": a gift voucher carries no VAT and only a voucher has a validity in days.
 * Checked on what the row will be after the write, so a patch of one field cannot slip past the other.
 */
function checkVoucherProduct(row: Record<string, unknown>): void {
  const fields: Record<string, string> = {};
  if (row.kind === 'voucher' && row.vatRate !== 0) {
    fields.vatRate = 'A gift voucher carries no VAT: its VAT is due on what it buys; set the VAT rate to 0.';
  }
  if (row.kind !== 'voucher' && row.voucherDays !== null && row.voucherDays !== undefined) {
    fields.voucherDays = 'Only a gift voucher has a validity in days: leave voucherDays empty for this kind.';
  }
  const [field, sentence] = Object.entries(fields)[0] ?? [];
  if (!field || !sentence) return;
  // The same shape as a schema refusal: the sentence, and each field's beside it.
  const failure: Err & { fields: Record<string, string> } = {
    ok: false,
    reason: 'VALIDATION_FAILED',
    message: `${field}: ${sentence}`,
    fields,
  };
  throw new Rejection(failure);
}

export async function create(
  ctx: ServerContext,
  principal: Principal,
  name: repo.EntityName,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  await assertRefs(ctx.db, name, principal.orgId, values);
  if (name === 'products') checkVoucherProduct(values);
  const id = uuid();
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertEntity(tx, name, principal.orgId, id, values);
      // Staff added before there was any venue (the first manager, above all) work at the first one.
      if (name === 'venues') await adoptFirstVenue(tx, principal.orgId, id);
      await audit(tx, ctx, principal, name, 'create', id, null);
    });
  } catch (error) {
    mapWriteError(error, name);
  }
  return get(ctx, principal, name, id);
}

/**
 * A performance's seat pool follows its capacity. Seats sold or leased to terminals cannot be taken back,
 * so a capacity below them is refused with the lowest one possible now.
 */
async function followCapacity(tx: Queryable, orgId: string, id: string, capacity: number): Promise<void> {
  const followed = await followLimit(tx, orgId, counterKey({ kind: 'capacity', id }), capacity);
  if (!followed.ok) {
    reject(
      'LIMIT_BELOW_USE',
      `The capacity cannot be ${capacity}: ${followed.lowest} seats are sold or leased to terminals. ` +
        `Set it to ${followed.lowest} or more, or lower it after the terminals have returned their leases ` +
        '(at the end of the business day).',
    );
  }
}

export async function update(
  ctx: ServerContext,
  principal: Principal,
  name: repo.EntityName,
  id: string,
  values: Record<string, unknown>,
  expectedVersion?: number,
): Promise<Record<string, unknown>> {
  // One transaction: the capacity and its seat pool change together or not at all.
  await ctx.db.transaction(async (tx) => {
    // The organisation's lock before the seat counter, the lock order of every other writer (change-pos.ts).
    await lockOrganisationForEdit(tx, principal.orgId);
    await assertRefs(tx, name, principal.orgId, values);
    const current = await repo.getEntity(tx, name, principal.orgId, id);
    if (!current) reject('NOT_FOUND', `There is no such ${LABEL[name]}.`);
    // The organisation is locked above, so no other update slips in after this check.
    assertVersion(LABEL[name], current.version as number, expectedVersion);
    if (name === 'products') checkVoucherProduct({ ...current, ...values });
    const before = await auditedRow(tx, name, principal.orgId, id);
    let found: boolean;
    try {
      found = await repo.updateEntity(tx, name, principal.orgId, id, values);
    } catch (error) {
      mapWriteError(error, name);
    }
    if (!found) reject('NOT_FOUND', `There is no such ${LABEL[name]}.`);
    // A seated performance's capacity stays the map's, and its counter keeps following the GA places.
    if (name === 'performances' && typeof values.capacity === 'number') {
      const seated = await checkMappedCapacity(
        tx,
        principal.orgId,
        current.seatMapId as string | null,
        values.capacity,
      );
      if (!seated) await followCapacity(tx, principal.orgId, id, values.capacity);
    }
    await audit(tx, ctx, principal, name, 'update', id, before);
  });
  return get(ctx, principal, name, id);
}

export async function remove(
  ctx: ServerContext,
  principal: Principal,
  name: repo.EntityName,
  id: string,
): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await auditedRow(tx, name, principal.orgId, id);
      if (!before || !(await repo.deleteEntity(tx, name, principal.orgId, id))) {
        reject('NOT_FOUND', `There is no such ${LABEL[name]}.`);
      }
      await audit(tx, ctx, principal, name, 'delete', id, before);
    });
  } catch (error) {
    mapWriteError(error, name);
  }
}

/**
 * POST /v1/performances/run: every performance of a run (shared/catalogue/performance-run.ts, the same
 * expansion the back office previewed) in one transaction, all or none. Each performance takes its own
 * change position and gets its own `performance.create` audit entry (summary: the run it came from), so
 * terminals pull them and each performance's history starts like a singly created one's.
 */
export async function createRun(
  ctx: ServerContext,
  principal: Principal,
  run: PerformanceRunBody,
): Promise<{ count: number; ids: string[] }> {
  const zone = await repo.eventTimeZone(ctx.db, principal.orgId, run.eventId);
  if (!zone) reject('REFERENCE_NOT_FOUND', 'eventId names no event of your organisation: check the id.');
  const slots = expandRun(run, zone);
  if (slots.length === 0) {
    reject(
      'EMPTY_RUN',
      'This run makes no performance: no day in the date range has a ticked weekday that is not an exception.',
    );
  }
  if (slots.length > MAX_RUN_PERFORMANCES) reject('RUN_TOO_LARGE', tooManyMessage(slots.length));
  const ids = slots.map(() => uuid());
  const summary = `run of ${slots.length} performances, ${run.from} to ${run.to}`;
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    for (const [i, slot] of slots.entries()) {
      const id = ids[i] as string;
      const values = {
        eventId: run.eventId,
        startsAt: slot.startsAt,
        capacity: run.capacity,
        status: run.status,
      };
      await repo.insertEntity(tx, 'performances', principal.orgId, id, values);
      await audit(tx, ctx, principal, 'performances', 'create', id, null, summary);
    }
  });
  return { count: ids.length, ids };
}
