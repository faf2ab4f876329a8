import { isPlausibleCashRounding } from '../../shared/money/cash-rounding';
import { v7 as uuid } from 'uuid';
import {
  isCapacityCounter,
  limitReasonOf,
  saleNeeds,
  ticketsPerPerformance,
  voucherNeeds,
} from '../../shared/sync/counters';
import { parseCounterKey, type Escrow, type Mutation } from '../../shared/sync/protocol';
import { salePayloadSchema, type SalePayload } from '../../shared/sync/payloads';
import { customerColumns } from '../db/repos/pos-ledger-repo';
import { touchCustomer } from '../db/repos/customer-pull';
import { isStorableInstant } from '../db/instant';
import type { CodeRow } from '../db/repos/code-repo';
import * as escrow from '../db/repos/escrow-repo';
import * as redemptions from '../db/repos/redemption-repo';
import { insertReviewItem } from '../db/repos/review-item-repo';
import { storedTicket, type NewTicket } from '../db/repos/ticket-repo';
import { touchVouchers } from '../db/repos/voucher-repo';
import { checkVoucherMoney, issueVouchers, isVoucherCounter, unnamedVoucherPayments } from './voucher-apply';
import { reviewVoucher } from './voucher-review';
import { reject } from '../errors';
import { proveApprovals, reviewMissingComp, reviewUnproven } from './approval-check';
import { reviewOverCap } from './overuse-cap';
import { reviewPerformanceCaps, salePerformances } from './performance-overuse-cap';
import { ensureCounterRow } from './escrow-service';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';
import { sellPushedSeats } from './seat-sale';

// Applying a pushed sale (docs/SYNC.md; shared/sync/DECISIONS.md "Escrow leases", "Server side"). Reads
// of staff, performances, codes and leases go through the scope's caches; the sale row, its escrow rows
// and its lease uses are deferred; everything else runs in the mutation's savepoint (scope.run). A
// reject() here quarantines the sale and leaves nothing of it.

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);

/** Every capped unit a sale takes, per counter, by the rule the terminal asked its leases with. */
function expectedUses(p: SalePayload, code: CodeRow | undefined): Map<string, number> {
  const redeemed = p.redemption && code ? { id: p.redemption.codeId, rules: code.rules } : null;
  const needs = [
    ...saleNeeds(ticketsPerPerformance(p.lines, p.units), redeemed, p.redemption),
    // docs/CASH.md "Paying with one": a voucher payment's amount is a need on its balance counter.
    ...voucherNeeds(p.payments),
  ];
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

interface Settled {
  excess: Excess[];
  /** Voucher counters of vouchers the organisation does not know: nothing counted, a review each. */
  unknownVouchers: Excess[];
  /** Counters whose spent units moved (a voucher's balance then moves too). */
  spent: Set<string>;
}

/** Backs each use with its lease where it may, absorbs the rest from the pool, and returns the excess. */
async function settleEscrow(
  scope: MutationScope,
  saleId: string,
  soldAt: string,
  uses: Escrow,
): Promise<Settled> {
  const { terminal } = scope;
  const now = scope.ctx.now().toISOString();
  const unbacked = new Map<string, number>();
  const addUnbacked = (counter: string, units: number) =>
    units > 0 && unbacked.set(counter, (unbacked.get(counter) ?? 0) + units);
  const record = (counter: string, leaseId: string | null, kind: escrow.EscrowKind, units: number) =>
    scope.deferEscrow({ saleId, orgId: terminal.orgId, counter, leaseId, kind, units });
  const spent = new Set<string>();
  const unknownVouchers: Excess[] = [];

  for (const use of [...uses.leaseUses].sort((a, b) => a.counter.localeCompare(b.counter))) {
    if (use.units === 0) continue;
    const lease = await scope.lease(use.leaseId);
    const usable =
      lease &&
      lease.terminalId === terminal.id &&
      lease.counter === use.counter &&
      lease.status === 'active' &&
      Date.parse(soldAt) < Date.parse(lease.expiresAt);
    const backed = usable ? Math.min(use.units, lease.granted - lease.used - lease.returned) : 0;
    if (backed > 0 && lease) {
      scope.addLeaseUse(lease, backed);
      record(use.counter, lease.id, 'backed', backed);
      spent.add(use.counter);
    }
    addUnbacked(use.counter, use.units - backed);
  }
  for (const use of uses.unbacked) addUnbacked(use.counter, use.units);

  const excess: Excess[] = [];
  for (const [counter, units] of [...unbacked].sort(([a], [b]) => a.localeCompare(b))) {
    const source = await scope.run((tx) => ensureCounterRow(tx, terminal.orgId, counter, now));
    if (!source.ok) {
      // A use of something without that limit counts against nothing; an unknown one is refused.
      if ('noLimit' in source && source.noLimit) continue;
      // The money was taken at the window: an unknown voucher keeps the sale and goes to review.
      if (source.reason === 'VOUCHER_UNKNOWN') {
        unknownVouchers.push({ counter, units });
        continue;
      }
      reject(source.reason, source.message);
    }
    const absorbed = await scope.run((tx) => escrow.absorb(tx, terminal.orgId, counter, units));
    record(counter, null, 'absorbed', absorbed);
    record(counter, null, 'excess', units - absorbed);
    if (absorbed > 0) spent.add(counter);
    if (units > absorbed) excess.push({ counter, units: units - absorbed });
  }
  return { excess, unknownVouchers, spent };
}

export async function applySale(scope: MutationScope, mutation: Mutation): Promise<string | undefined> {
  const p = parsePayload(salePayloadSchema, mutation.payload, 'sale');
  const { sale } = p;
  const { terminal } = scope;
  const now = scope.ctx.now().toISOString();
  // A terminal never pushes a training sale (docs/CASH.md "Training mode"); one that arrives all the
  // same is practice, not money, and must count nowhere.
  if (sale.training === 1) reject('TRAINING_SALE', `Sale ${sale.id} was made in training and is never kept.`);
  if (!isStorableInstant(sale.createdAt)) {
    // Its row is deferred: refused here, the batch's final write would fail, and fail again on a resend.
    reject('INVALID_PAYLOAD', `The sale's time ${sale.createdAt} is not one the server can store.`);
  }
  const linesTotal = sum(p.lines.map((l) => l.total));
  const paid = sum(p.payments.map((x) => x.amount));
  // docs/CASH.md "Cash rounding": the tenders pay the total plus the cash part's rounding.
  if (linesTotal !== sale.total || paid !== sale.total + sale.cashRounding) {
    reject(
      'MONEY_MISMATCH',
      `The sale does not add up: lines total ${linesTotal}, sale total ${sale.total}, cash rounding ${sale.cashRounding}, payments ${paid} (minor units).`,
    );
  }
  if (
    !isPlausibleCashRounding(
      sale.cashRounding,
      p.payments.some((x) => x.tender === 'cash'),
    )
  ) {
    reject(
      'INVALID_PAYLOAD',
      `The sale's cash rounding ${sale.cashRounding} is not one a cash payment can have.`,
    );
  }
  if (!(await scope.staffExists(sale.cashierId))) {
    reject('UNKNOWN_STAFF', `Staff member ${sale.cashierId} is not known to the server.`);
  }
  // An approver the server does not know makes the approval unproven, not the sale unappliable.
  const approvals = await proveApprovals(scope, p.approvals);
  for (const line of p.lines) {
    if (line.performanceId && !(await scope.performanceExists(line.performanceId))) {
      reject('UNKNOWN_PERFORMANCE', `Performance ${line.performanceId} is not known to the server.`);
    }
  }
  const code = p.redemption ? await scope.codeTerms(p.redemption.codeId, now) : undefined;
  if (p.redemption && !code)
    reject('UNKNOWN_CODE', `Code ${p.redemption.codeId} is not known to the server.`);
  if (code?.isParent) reject('PARENT_CODE_USED', `${code.code} is a parent code and cannot be used itself.`);
  await checkVoucherMoney(scope, p);

  const tickets = saleTickets(p, terminal);
  const inserted = await scope.deferSale({
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
    ...customerColumns(sale.customer),
    exchangeOf: sale.exchangeOf,
    cashRounding: sale.cashRounding,
  });
  if (!inserted) reject('DUPLICATE_SALE', `Sale ${sale.id} reached the server already in another mutation.`);
  if (!(await scope.deferTickets(tickets))) {
    reject('DUPLICATE_TICKET', `A ticket of sale ${sale.id} reached the server already with another sale.`);
  }

  const seatsNotHeld = await sellPushedSeats(scope, mutation.mutationId, p);

  // Before the use is counted on the code: a counter made now starts from the usage before this sale.
  const { excess, unknownVouchers, spent } = await settleEscrow(
    scope,
    sale.id,
    sale.createdAt,
    claimedUses(p.escrow, expectedUses(p, code)),
  );
  // docs/CASH.md "On the server": the sale's vouchers and their balance counters; the balances it
  // spent take a new change position so every terminal pulls them.
  await issueVouchers(scope, p);
  const spentVouchers = [...spent].flatMap((c) => {
    const ref = parseCounterKey(c);
    return ref?.kind === 'voucher_balance' ? [ref.id] : [];
  });
  if (spentVouchers.length > 0) {
    await scope.run((tx) => touchVouchers(tx, terminal.orgId, spentVouchers));
  }
  const unnamed = unnamedVoucherPayments(p);

  const overuse = approvals.honoured.find((a) => a.kind === 'overuse');
  let redemptionId: string | null = null;
  let overCap = false;
  let overPerformanceCap = false;
  if (p.redemption && code) {
    const r = p.redemption;
    const limits = overuse ? parseLimits(overuse.limits) : null;
    const use: redemptions.NewRedemption & { code: string } = {
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
      posSale: true,
      performanceIds: salePerformances(p.lines),
    };
    // A plain use, which no review below names or counts, is written with the batch's others; any
    // other goes in now, so the reviews can name its row.
    const plain =
      !overuse &&
      !(code.rules.maxUsesPerCustomer !== undefined && r.customerId) &&
      !excess.some((e) => !isVoucherCounter(e.counter) && !isCapacityCounter(e.counter)) &&
      approvals.unproven.length === 0;
    if (await scope.deferRedemption(use, plain)) {
      redemptionId = r.id;
    } else {
      const row = await scope.run((tx) => redemptions.insertRedemption(tx, use));
      if (!row) reject('DUPLICATE_REDEMPTION', `Redemption ${r.id} reached the server already.`);
      redemptionId = row.id;
      await scope.run((tx) =>
        redemptions.countMadeUse(tx, { codeId: code.id, itemUses: r.itemUses, discount: r.discount }),
      );
    }
    await checkCustomerLimits(scope, mutation, code, r.id, r.customerId);
    if (overuse) {
      const grantor = await scope.grantor(overuse.approverId);
      overCap = await reviewOverCap(scope, mutation, sale, r.id, overuse, grantor);
      overPerformanceCap = await reviewPerformanceCaps(
        scope,
        mutation,
        sale,
        r.id,
        overuse,
        salePerformances(p.lines),
      );
    }
  }

  for (const e of excess.filter((x) => isVoucherCounter(x.counter))) {
    await reviewVoucher(scope, mutation, sale, 'voucher_overspent', e);
  }
  for (const e of unknownVouchers) await reviewVoucher(scope, mutation, sale, 'voucher_unknown', e);
  if (unnamed > 0)
    await reviewVoucher(scope, mutation, sale, 'voucher_unknown', { counter: null, units: unnamed });

  for (const e of excess.filter((x) => !isVoucherCounter(x.counter))) {
    const onCode = !isCapacityCounter(e.counter);
    if (onCode && redemptionId && code) {
      const id = redemptionId;
      await scope.run((tx) =>
        redemptions.markOveruse(tx, {
          orgId: terminal.orgId,
          id,
          reason: overuse?.reason ?? 'Used beyond the limit at a terminal without a lease: awaiting review.',
          grantedBy: overuse?.approverId ?? null,
          limits: overuse ? null : [limitReasonOf(e.counter) ?? 'MAX_USES'],
        }),
      );
    }
    const what = onCode
      ? `code ${code?.code ?? e.counter}`
      : `performance ${parseCounterKey(e.counter)?.id ?? e.counter}`;
    await scope.run((tx) =>
      insertReviewItem(tx, {
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
      }),
    );
  }
  await reviewUnproven(scope, mutation, sale, redemptionId, approvals.unproven);
  const compUnapproved = await reviewMissingComp(scope, mutation, p);
  // Their order count changed: terminals holding them offline get the row again (docs/CUSTOMERS.md).
  const customerId = sale.customerId;
  if (customerId) await scope.run((tx) => touchCustomer(tx, terminal.orgId, customerId));
  const toReview = [
    ...excess.map((e) => `${e.units} over ${e.counter}`),
    ...unknownVouchers.map((e) => `${e.units} paid with an unknown voucher (${e.counter})`),
    ...(unnamed > 0 ? [`${unnamed} paid by voucher naming none`] : []),
    ...approvals.unproven.map((u) => `an unproven ${u.approval.kind} approval`),
    ...(compUnapproved ? ['comped units without a comp approval'] : []),
    ...(overCap ? ['an overuse past its supervisor’s daily cap'] : []),
    ...(overPerformanceCap ? ['an overuse past its performance’s daily cap'] : []),
    ...(seatsNotHeld > 0 ? [`${seatsNotHeld} seat(s) the terminal did not hold`] : []),
  ];
  return toReview.length > 0 ? `Accepted; ${toReview.join(', ')} went to review.` : undefined;
}

/**
 * The sale's tickets as the server stores them (docs/TICKETS.md), each checked against the sale: a
 * ticket names a unit of a ticket line of this sale and that line's performance, one first issue per
 * unit. A ticket another one of the same push replaces was reprinted before the sale reached the
 * server: it is stored reissued.
 */
function saleTickets(p: SalePayload, terminal: MutationScope['terminal']): NewTicket[] {
  const { sale } = p;
  const lineById = new Map(p.lines.map((l) => [l.id, l]));
  const units = new Set(p.units.map((u) => `${u.lineId}:${u.unitIndex}`));
  const replacedBy = new Map(
    p.tickets.flatMap((t) => (t.replaces ? [[t.replaces.toLowerCase(), t] as const] : [])),
  );
  const ids = new Set<string>();
  const firstIssues = new Set<string>();
  return p.tickets.map((t) => {
    const unit = `${t.lineId}:${t.unitIndex}`;
    const line = lineById.get(t.lineId);
    const what = `Ticket ${t.id} of sale ${sale.id}`;
    if (t.saleId !== sale.id) reject('INVALID_PAYLOAD', `${what} names sale ${t.saleId}.`);
    if (line?.kind !== 'ticket' || !units.has(unit) || line.performanceId !== t.performanceId) {
      reject('INVALID_PAYLOAD', `${what} names no sold unit of performance ${t.performanceId} (${unit}).`);
    }
    if (!isStorableInstant(t.issuedAt)) {
      reject('INVALID_PAYLOAD', `${what} has an issue time ${t.issuedAt} the server cannot store.`);
    }
    const key = t.id.toLowerCase();
    if (ids.has(key)) reject('INVALID_PAYLOAD', `${what} is listed twice.`);
    ids.add(key);
    if (t.replaces === null) {
      if (firstIssues.has(unit))
        reject('INVALID_PAYLOAD', `${what} is a second first issue of unit ${unit}.`);
      firstIssues.add(unit);
    }
    const replacement = replacedBy.get(key);
    if (replacement && !isStorableInstant(replacement.issuedAt)) {
      reject('INVALID_PAYLOAD', `${what} was replaced at a time the server cannot store.`);
    }
    return storedTicket(
      t,
      { orgId: terminal.orgId, terminalId: terminal.id },
      replacement
        ? { status: 'reissued', statusChangedAt: replacement.issuedAt }
        : { status: 'valid', statusChangedAt: null },
    );
  });
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
  scope: MutationScope,
  mutation: Mutation,
  code: CodeRow,
  redemptionId: string,
  customerId: string | null,
): Promise<void> {
  const max = code.rules.maxUsesPerCustomer;
  if (max === undefined || !customerId) return;
  const { terminal } = scope;
  const used = await scope.run((tx) => redemptions.customerUsage(tx, code.id, customerId, redemptionId));
  if (used.uses < max) return;
  await scope.run((tx) =>
    insertReviewItem(tx, {
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
      createdAt: scope.ctx.now().toISOString(),
    }),
  );
}
