import { v7 as uuid } from 'uuid';
import {
  isCapacityCounter,
  limitReasonOf,
  saleNeeds,
  ticketsPerPerformance,
} from '../../shared/sync/counters';
import { counterKey, parseCounterKey, type Escrow, type Mutation } from '../../shared/sync/protocol';
import {
  refundPayloadSchema,
  salePayloadSchema,
  shiftClosePayloadSchema,
  shiftOpenPayloadSchema,
  type SalePayload,
} from '../../shared/sync/payloads';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import type { CodeRow } from '../db/repos/code-repo';
import * as escrow from '../db/repos/escrow-repo';
import * as redemptions from '../db/repos/redemption-repo';
import * as sync from '../db/repos/sync-repo';
import { reject } from '../errors';
import { proveApprovals, reviewUnproven } from './approval-check';
import { ensureCounterRow } from './escrow-service';
import { parsePayload } from './payload-parse';
import type { PushBatch } from './push-batch';

// Applying pushed sales, refunds, voids and shift events (docs/SYNC.md; shared/sync/DECISIONS.md,
// "Escrow leases"). Everything runs inside the push batch's transaction (push-batch.ts); a reject()
// here quarantines the one mutation. Reads of staff, performances, codes and leases go through the
// batch's caches.

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);

/** Every capped unit a sale takes, per counter, by the rule the terminal asked its leases with. */
function expectedUses(p: SalePayload, code: CodeRow | undefined): Map<string, number> {
  const redeemed = p.redemption && code ? { id: p.redemption.codeId, rules: code.rules } : null;
  const needs = saleNeeds(ticketsPerPerformance(p.lines), redeemed, p.redemption);
  return new Map(needs.map((n) => [n.counter, n.units]));
}

/**
 * The lease uses the terminal reported, plus anything it used without saying so (an older terminal,
 * or a use its escrow left out): those count as unbacked, so no use escapes the counters.
 */
function claimedUses(escrowIn: Escrow | undefined, expected: Map<string, number>): Escrow {
  const leaseUses = [...(escrowIn?.leaseUses ?? [])];
  const unbacked = [...(escrowIn?.unbacked ?? [])];
  for (const [counter, units] of expected) {
    const reported = sum(
      [...leaseUses, ...unbacked].filter((u) => u.counter === counter).map((u) => u.units),
    );
    if (units > reported) unbacked.push({ counter, units: units - reported });
  }
  return { leaseUses, unbacked };
}

interface Excess {
  counter: string;
  units: number;
}

/** Backs each use with its lease where it may, absorbs the rest from the pool, and returns the excess. */
async function settleEscrow(
  tx: Queryable,
  batch: PushBatch,
  ctx: ServerContext,
  terminal: sync.TerminalSyncRow,
  saleId: string,
  soldAt: string,
  uses: Escrow,
): Promise<Excess[]> {
  const now = ctx.now().toISOString();
  const unbacked = new Map<string, number>();
  const addUnbacked = (counter: string, units: number) =>
    units > 0 && unbacked.set(counter, (unbacked.get(counter) ?? 0) + units);
  const record = (counter: string, leaseId: string | null, kind: escrow.EscrowKind, units: number) =>
    batch.recordEscrow({ saleId, orgId: terminal.orgId, counter, leaseId, kind, units });

  for (const use of [...uses.leaseUses].sort((a, b) => a.counter.localeCompare(b.counter))) {
    if (use.units === 0) continue;
    const lease = await batch.lease(use.leaseId);
    const usable =
      lease &&
      lease.terminalId === terminal.id &&
      lease.counter === use.counter &&
      lease.status === 'active' &&
      Date.parse(soldAt) < Date.parse(lease.expiresAt);
    const backed = usable ? Math.min(use.units, lease.granted - lease.used - lease.returned) : 0;
    if (backed > 0 && lease) {
      batch.addLeaseUse(lease, backed);
      record(use.counter, lease.id, 'backed', backed);
    }
    addUnbacked(use.counter, use.units - backed);
  }
  for (const use of uses.unbacked) addUnbacked(use.counter, use.units);

  const excess: Excess[] = [];
  for (const [counter, units] of [...unbacked].sort(([a], [b]) => a.localeCompare(b))) {
    const source = await ensureCounterRow(tx, terminal.orgId, counter, now);
    if (!source.ok) {
      // A use of something without that limit counts against nothing; an unknown one is refused.
      if ('noLimit' in source && source.noLimit) continue;
      reject(source.reason, source.message);
    }
    const absorbed = await escrow.absorb(tx, terminal.orgId, counter, units);
    record(counter, null, 'absorbed', absorbed);
    record(counter, null, 'excess', units - absorbed);
    if (units > absorbed) excess.push({ counter, units: units - absorbed });
  }
  return excess;
}

export async function applySale(
  tx: Queryable,
  batch: PushBatch,
  ctx: ServerContext,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
): Promise<string | undefined> {
  const p = parsePayload(salePayloadSchema, mutation.payload, 'sale');
  const { sale } = p;
  const now = ctx.now().toISOString();
  const linesTotal = sum(p.lines.map((l) => l.total));
  const paid = sum(p.payments.map((x) => x.amount));
  if (linesTotal !== sale.total || paid !== sale.total) {
    reject(
      'MONEY_MISMATCH',
      `The sale does not add up: lines total ${linesTotal}, sale total ${sale.total}, payments ${paid} (minor units).`,
    );
  }
  if (!(await batch.staffExists(sale.cashierId))) {
    reject('UNKNOWN_STAFF', `Staff member ${sale.cashierId} is not known to the server.`);
  }
  // An approver the server does not know makes the approval unproven, not the sale unappliable.
  const approvals = await proveApprovals(batch, terminal.id, p.approvals);
  for (const line of p.lines) {
    if (line.performanceId && !(await batch.performanceExists(line.performanceId))) {
      reject('UNKNOWN_PERFORMANCE', `Performance ${line.performanceId} is not known to the server.`);
    }
  }
  const code = p.redemption ? await batch.codeTerms(p.redemption.codeId, now) : undefined;
  if (p.redemption && !code)
    reject('UNKNOWN_CODE', `Code ${p.redemption.codeId} is not known to the server.`);
  if (code?.isParent) reject('PARENT_CODE_USED', `${code.code} is a parent code and cannot be used itself.`);

  const inserted = await batch.insertSale(tx, {
    id: sale.id,
    orgId: terminal.orgId,
    terminalId: terminal.id,
    mutationId: mutation.mutationId,
    shiftId: sale.shiftId,
    cashierId: sale.cashierId,
    receiptNo: sale.receiptNo,
    currency: sale.currency,
    gross: sale.gross,
    codeDiscount: sale.codeDiscount,
    customDiscount: sale.customDiscount,
    total: sale.total,
    payload: mutation.payload,
    createdAt: sale.createdAt,
  });
  if (!inserted) reject('DUPLICATE_SALE', `Sale ${sale.id} reached the server already in another mutation.`);

  // Before the use is counted on the code: a counter made now starts from the usage before this sale.
  const excess = await settleEscrow(
    tx,
    batch,
    ctx,
    terminal,
    sale.id,
    sale.createdAt,
    claimedUses(p.escrow, expectedUses(p, code)),
  );

  const overuse = approvals.honoured.find((a) => a.kind === 'overuse');
  let redemptionId: string | null = null;
  if (p.redemption && code) {
    const r = p.redemption;
    const limits = overuse ? parseLimits(overuse.limits) : null;
    const row = await redemptions.insertRedemption(tx, {
      id: r.id,
      code: code.code,
      orgId: terminal.orgId,
      orderId: sale.id,
      codeId: code.id,
      codeVersion: r.codeVersion,
      parentId: code.parentId,
      terminalId: terminal.id,
      cashierId: sale.cashierId,
      customerId: r.customerId,
      buyer: null,
      channel: 'box_office',
      currency: sale.currency,
      tickets: sum(p.lines.filter((l) => l.kind === 'ticket').map((l) => l.qty)),
      itemUses: r.itemUses,
      discount: r.discount,
      revenue: sale.total,
      overuse: overuse !== undefined,
      overuseReason: overuse?.reason ?? null,
      overuseGrantedBy: overuse?.approverId ?? null,
      overuseLimits: limits,
      redeemedAt: sale.createdAt,
    });
    if (!row) reject('DUPLICATE_REDEMPTION', `Redemption ${r.id} reached the server already.`);
    redemptionId = row.id;
    await redemptions.countMadeUse(tx, { codeId: code.id, itemUses: r.itemUses, discount: r.discount });
    await checkCustomerLimits(tx, ctx, terminal, mutation, code, r.id, r.customerId);
  }

  for (const e of excess) {
    const onCode = !isCapacityCounter(e.counter);
    if (onCode && redemptionId && code) {
      await redemptions.markOveruse(tx, {
        orgId: terminal.orgId,
        id: redemptionId,
        reason: overuse?.reason ?? 'Used beyond the limit at a terminal without a lease: awaiting review.',
        grantedBy: overuse?.approverId ?? null,
        limits: overuse ? null : [limitReasonOf(e.counter) ?? 'MAX_USES'],
      });
    }
    const what = onCode
      ? `code ${code?.code ?? e.counter}`
      : `performance ${parseCounterKey(e.counter)?.id ?? e.counter}`;
    await sync.insertReviewItem(tx, {
      id: uuid(),
      orgId: terminal.orgId,
      kind: 'overuse_excess',
      terminalId: terminal.id,
      mutationId: mutation.mutationId,
      redemptionId: onCode ? redemptionId : null,
      counter: e.counter,
      units: e.units,
      summary:
        `Sale ${sale.receiptNo} at this terminal went ${e.units} beyond the limit of ${what} (${e.counter}) ` +
        `with nothing left in the pool${overuse ? `; a supervisor granted it: "${overuse.reason}"` : ''}. ` +
        'Accept to record it as an overuse, or flag it for follow-up.',
      payload: { saleId: sale.id, counter: e.counter, units: e.units, approval: overuse ?? null },
      createdAt: now,
    });
  }
  await reviewUnproven(tx, ctx, terminal, mutation, sale, redemptionId, approvals.unproven);
  const toReview = [
    ...excess.map((e) => `${e.units} over ${e.counter}`),
    ...approvals.unproven.map((u) => `an unproven ${u.approval.kind} approval`),
  ];
  return toReview.length > 0 ? `Accepted; ${toReview.join(', ')} went to review.` : undefined;
}

function parseLimits(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** best_effort codes: a per-customer limit broken offline is accepted and goes to review. */
async function checkCustomerLimits(
  tx: Queryable,
  ctx: ServerContext,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
  code: CodeRow,
  redemptionId: string,
  customerId: string | null,
): Promise<void> {
  const max = code.rules.maxUsesPerCustomer;
  if (max === undefined || !customerId) return;
  const used = await redemptions.customerUsage(tx, code.id, customerId, redemptionId);
  if (used.uses < max) return;
  await sync.insertReviewItem(tx, {
    id: uuid(),
    orgId: terminal.orgId,
    kind: 'customer_overuse',
    terminalId: terminal.id,
    mutationId: mutation.mutationId,
    redemptionId,
    counter: null,
    units: 1,
    summary:
      `Customer ${customerId} used ${code.code} beyond its limit of ${max} per customer at a terminal offline. ` +
      'Accept it, or flag it for follow-up.',
    payload: { customerId, codeId: code.id, usesBefore: used.uses, limit: max },
    createdAt: ctx.now().toISOString(),
  });
}

/**
 * Gives back up to `units` of what a sale took from one counter: an excess first (it was never
 * counted), then absorbed units (to the pool), then lease units (to the same lease while the terminal
 * holds it, else to the pool). Returns how many of them were excess.
 */
async function giveBack(
  tx: Queryable,
  terminal: sync.TerminalSyncRow,
  held: escrow.SaleEscrowRow[],
  counter: string,
  units: number,
): Promise<number> {
  let left = units;
  let excess = 0;
  for (const row of held) {
    if (left === 0) break;
    if (row.counter !== counter) continue;
    const n = Math.min(left, row.units - row.givenBack);
    if (n <= 0) continue;
    if (row.kind === 'excess') excess += n;
    if (row.kind === 'absorbed') await escrow.unabsorb(tx, terminal.orgId, counter, n);
    if (row.kind === 'backed' && row.leaseId) {
      const lease = await escrow.lockLease(tx, terminal.orgId, row.leaseId);
      if (lease?.status === 'active' && lease.terminalId === terminal.id) {
        await escrow.giveBackToLease(tx, lease.id, n);
      } else {
        await escrow.giveBackToPool(tx, terminal.orgId, row.leaseId, counter, n);
      }
    }
    await escrow.markGivenBack(tx, row.id, n);
    row.givenBack += n;
    left -= n;
  }
  return excess;
}

/**
 * A void or refund that gave back excess units settles the sale's open overuse_excess items: closed as
 * voided once nothing is left over the limit, else kept open with what is left (DECISIONS.md). A
 * manager's decision (accepted, flagged) is history and stays as it is.
 */
async function settleExcessReviews(
  tx: Queryable,
  ctx: ServerContext,
  orgId: string,
  items: readonly sync.ExcessItem[],
  held: readonly escrow.SaleEscrowRow[],
  excessBack: ReadonlyMap<string, number>,
  saleVoided: boolean,
): Promise<void> {
  for (const item of items) {
    if (!excessBack.get(item.counter)) continue;
    const left = sum(
      held.filter((r) => r.counter === item.counter && r.kind === 'excess').map((r) => r.units - r.givenBack),
    );
    if (left > 0) {
      await sync.setExcessLeft(tx, item.id, left);
      continue;
    }
    await sync.closeReviewItemVoided(tx, {
      id: item.id,
      note: saleVoided
        ? 'Closed by the server: the sale was voided at the terminal, which gave the excess back.'
        : 'Closed by the server: refunds at the terminal gave the whole excess back.',
      at: ctx.now().toISOString(),
    });
    if (item.redemptionId && saleVoided) {
      // The overuse report keeps the row (the use past the limit happened), but no review awaits it now.
      await redemptions.replaceUngrantedOveruseReason(
        tx,
        orgId,
        item.redemptionId,
        'Used beyond the limit at a terminal without a lease; the sale was voided, which gave the use back.',
      );
    }
  }
}

export async function applyRefund(
  tx: Queryable,
  ctx: ServerContext,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
): Promise<string | undefined> {
  const p = parsePayload(refundPayloadSchema, mutation.payload, mutation.type);
  const { refund } = p;
  if (refund.kind !== mutation.type) {
    reject('INVALID_PAYLOAD', `A ${mutation.type} mutation carries a ${refund.kind} record.`);
  }
  const sale = await sync.lockSale(tx, terminal.orgId, refund.saleId);
  if (!sale) reject('UNKNOWN_SALE', `Sale ${refund.saleId} is not on the server, so it cannot be refunded.`);
  if (sale.status === 'voided') reject('ALREADY_VOIDED', `Sale ${refund.saleId} was voided already.`);
  const original = salePayloadSchema.parse(sale.payload);
  const refunded = await sync.refundedUnits(tx, sale.id);
  const unitByKey = new Map(original.units.map((u) => [`${u.lineId}:${u.unitIndex}`, u]));
  const picked = p.units.map((u) => `${u.lineId}:${u.unitIndex}`);
  for (const key of picked) {
    if (!unitByKey.has(key) || refunded.has(key)) {
      reject('UNIT_NOT_REFUNDABLE', `Unit ${key} of sale ${sale.id} is unknown or refunded already.`);
    }
  }
  const charged = sum(picked.map((k) => unitByKey.get(k)?.total ?? 0));
  const paidBack = -sum(p.payments.map((x) => x.amount));
  if (charged !== refund.amount || paidBack !== refund.amount) {
    reject(
      'MONEY_MISMATCH',
      `The ${refund.kind} does not add up: units charged ${charged}, refund ${refund.amount}, paid back ${paidBack}.`,
    );
  }
  await sync.insertRefund(tx, {
    id: refund.id,
    orgId: terminal.orgId,
    terminalId: terminal.id,
    saleId: sale.id,
    mutationId: mutation.mutationId,
    kind: refund.kind,
    shiftId: refund.shiftId,
    staffId: refund.staffId,
    amount: refund.amount,
    payload: mutation.payload,
    createdAt: refund.createdAt,
  });

  const held = await escrow.saleEscrow(tx, sale.id);
  // Locked before the redemption is released, the order accepting an item takes them in.
  const excessItems = held.some((r) => r.kind === 'excess')
    ? await sync.lockOpenExcessItems(tx, terminal.orgId, sale.mutationId)
    : [];
  const lineById = new Map(original.lines.map((l) => [l.id, l]));
  const seats = new Map<string, number>();
  for (const key of picked) {
    const line = lineById.get(key.slice(0, key.lastIndexOf(':')));
    if (line?.kind === 'ticket' && line.performanceId) {
      const counter = counterKey({ kind: 'capacity', id: line.performanceId });
      seats.set(counter, (seats.get(counter) ?? 0) + 1);
    }
  }
  const excessBack = new Map<string, number>();
  const back = async (counter: string, n: number): Promise<void> => {
    const excess = await giveBack(tx, terminal, held, counter, n);
    excessBack.set(counter, (excessBack.get(counter) ?? 0) + excess);
  };
  for (const [counter, n] of seats) await back(counter, n);

  const voidsAll = refunded.size + picked.length === original.units.length;
  if (refund.kind === 'void' && voidsAll) {
    await sync.markSaleVoided(tx, sale.id, refund.createdAt);
    const released = await redemptions.releaseRedemption(tx, terminal.orgId, sale.id, refund.createdAt);
    if (released) {
      const id = released.codeId;
      await back(counterKey({ kind: 'code_uses', id }), 1);
      await back(counterKey({ kind: 'code_item_uses', id }), released.itemUses);
      await back(counterKey({ kind: 'code_budget', id }), released.discount);
    }
  }
  await settleExcessReviews(
    tx,
    ctx,
    terminal.orgId,
    excessItems,
    held,
    excessBack,
    refund.kind === 'void' && voidsAll,
  );
  return undefined;
}

export async function applyShiftOpen(
  tx: Queryable,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
): Promise<undefined> {
  const p = parsePayload(shiftOpenPayloadSchema, mutation.payload, 'shift.open');
  await sync.insertShiftEvent(tx, {
    mutationId: mutation.mutationId,
    orgId: terminal.orgId,
    terminalId: terminal.id,
    shiftId: p.id,
    kind: 'open',
    staffId: p.openedBy,
    payload: mutation.payload,
    at: p.openedAt,
  });
  return undefined;
}

export async function applyShiftClose(
  tx: Queryable,
  terminal: sync.TerminalSyncRow,
  mutation: Mutation,
): Promise<undefined> {
  const p = parsePayload(shiftClosePayloadSchema, mutation.payload, 'shift.close');
  await sync.insertShiftEvent(tx, {
    mutationId: mutation.mutationId,
    orgId: terminal.orgId,
    terminalId: terminal.id,
    shiftId: p.shiftId,
    kind: 'close',
    staffId: p.closedBy,
    payload: mutation.payload,
    at: p.closedAt,
  });
  return undefined;
}
