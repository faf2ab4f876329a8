import { isPlausibleCashRounding } from '../../shared/money/cash-rounding';
import { counterKey, parseCounterKey, type Mutation } from '../../shared/sync/protocol';
import { voucherNeeds } from '../../shared/sync/counters';
import { refundPayloadSchema, salePayloadSchema, type RefundPayload } from '../../shared/sync/payloads';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import * as escrow from '../db/repos/escrow-repo';
import * as ledger from '../db/repos/pos-ledger-repo';
import * as redemptions from '../db/repos/redemption-repo';
import * as claims from '../db/repos/refund-claim-repo';
import * as reviews from '../db/repos/review-item-repo';
import type { TerminalSyncRow } from '../db/repos/terminal-repo';
import { voidTickets } from '../db/repos/ticket-repo';
import { touchVouchers, voidVouchersOfUnits } from '../db/repos/voucher-repo';
import { issueCreditVouchers } from './voucher-apply';
import { reviewSpentVouchersTakenBack } from './voucher-review';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';
import { releaseRefundedSeats, seatedUnits } from './seat-sale';

// Applying a pushed refund or void (docs/SYNC.md; shared/sync/DECISIONS.md "Server side"): what the
// sale took from each counter goes back as the server recorded it. Every step reads or changes stored
// rows, so it all runs in the mutation's savepoint (scope.run); a reject() quarantines the mutation.

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);

/**
 * Gives back up to `units` of what a sale took from one counter: an excess first (it was never
 * counted), then absorbed units (to the pool), then lease units (to the same lease while the terminal
 * holds it, else to the pool). Returns how many of them were excess.
 */
async function giveBack(
  tx: Queryable,
  terminal: TerminalSyncRow,
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
  items: readonly reviews.ExcessItem[],
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
      await reviews.setExcessLeft(tx, item.id, left);
      continue;
    }
    await reviews.closeReviewItemVoided(tx, {
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

export async function applyRefund(scope: MutationScope, mutation: Mutation): Promise<undefined> {
  const p = parsePayload(refundPayloadSchema, mutation.payload, mutation.type);
  if (p.refund.kind !== mutation.type) {
    reject('INVALID_PAYLOAD', `A ${mutation.type} mutation carries a ${p.refund.kind} record.`);
  }
  await scope.run((tx) => refundSale(tx, scope.ctx, scope.terminal, mutation, p));
  return undefined;
}

async function refundSale(
  tx: Queryable,
  ctx: ServerContext,
  terminal: TerminalSyncRow,
  mutation: Mutation,
  p: RefundPayload,
): Promise<void> {
  const { refund } = p;
  const sale = await ledger.lockSale(tx, terminal.orgId, refund.saleId);
  if (!sale) reject('UNKNOWN_SALE', `Sale ${refund.saleId} is not on the server, so it cannot be refunded.`);
  if (sale.status === 'voided') reject('ALREADY_VOIDED', `Sale ${refund.saleId} was voided already.`);
  const original = salePayloadSchema.parse(sale.payload);
  const refunded = await ledger.refundedUnits(tx, sale.id);
  const unitByKey = new Map(original.units.map((u) => [`${u.lineId}:${u.unitIndex}`, u]));
  const picked = p.units.map((u) => `${u.lineId}:${u.unitIndex}`);
  for (const key of picked) {
    if (!unitByKey.has(key) || refunded.has(key)) {
      reject('UNIT_NOT_REFUNDABLE', `Unit ${key} of sale ${sale.id} is unknown or refunded already.`);
    }
  }
  // docs/ORDERS.md "Refunds at another window": a unit another terminal claimed is that terminal's to
  // give back; this terminal's own claims on the units are consumed.
  const claimed = await claims.claimedByOthers(tx, sale.id, terminal.id, picked, ctx.now().toISOString());
  if (claimed.length > 0) {
    reject('UNIT_CLAIMED', `Unit ${claimed[0]} of sale ${sale.id} is being refunded at another terminal.`);
  }
  await claims.releaseClaims(tx, sale.id, terminal.id, picked);
  const charged = sum(picked.map((k) => unitByKey.get(k)?.total ?? 0));
  const paidBack = -sum(p.payments.map((x) => x.amount));
  // docs/CASH.md "Cash rounding": the money paid back is the refund plus its cash part's rounding.
  if (charged !== refund.amount || paidBack !== refund.amount + refund.cashRounding) {
    reject(
      'MONEY_MISMATCH',
      `The ${refund.kind} does not add up: units charged ${charged}, refund ${refund.amount}, cash rounding ${refund.cashRounding}, paid back ${paidBack}.`,
    );
  }
  if (
    !isPlausibleCashRounding(
      refund.cashRounding,
      p.payments.some((x) => x.tender === 'cash'),
    )
  ) {
    reject(
      'INVALID_PAYLOAD',
      `The ${refund.kind}'s cash rounding ${refund.cashRounding} is not one a cash payment can have.`,
    );
  }
  await ledger.insertRefund(tx, {
    id: refund.id,
    orgId: terminal.orgId,
    terminalId: terminal.id,
    saleId: sale.id,
    mutationId: mutation.mutationId,
    kind: refund.kind,
    shiftId: refund.shiftId,
    staffId: refund.staffId,
    amount: refund.amount,
    cashRounding: refund.cashRounding,
    payload: mutation.payload,
    createdAt: refund.createdAt,
    saleTerminalId: sale.terminalId === terminal.id ? null : sale.terminalId,
  });
  // docs/CASH.md "Refunds onto a voucher": the credit vouchers this refund paid out onto, issued now.
  const credited = await issueCreditVouchers(tx, terminal, p, original.sale);

  const saleVoided = refund.kind === 'void' && refunded.size + picked.length === original.units.length;
  // docs/TICKETS.md: the units given back take their tickets with them (voiding the sale takes every
  // ticket of it), under a new change position, so every door learns of it on its next pull.
  if (original.tickets.length > 0) {
    await voidTickets(tx, {
      orgId: terminal.orgId,
      saleId: sale.id,
      units: saleVoided ? null : picked,
      at: refund.createdAt,
    });
  }

  const held = await escrow.saleEscrow(tx, sale.id);
  // Locked before the redemption is released, the order accepting an item takes them in.
  const excessItems = held.some((r) => r.kind === 'excess')
    ? await reviews.lockOpenExcessItems(tx, terminal.orgId, sale.mutationId)
    : [];
  const lineById = new Map(original.lines.map((l) => [l.id, l]));
  const seats = new Map<string, number>();
  for (const key of picked) {
    const line = lineById.get(key.slice(0, key.lastIndexOf(':')));
    // A seated unit took its seat, not a unit of the capacity counter: its seat is released below.
    if (line?.kind === 'ticket' && line.performanceId && !unitByKey.get(key)?.seatId) {
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
  const givenBack = picked.flatMap((k) => unitByKey.get(k) ?? []);
  await releaseRefundedSeats(
    tx,
    terminal.orgId,
    sale.id,
    seatedUnits({ lines: original.lines, units: givenBack }),
    ctx.now().toISOString(),
  );

  // docs/CASH.md "Gift vouchers": what a refund pays back onto a voucher goes back to its balance like
  // a code's units (to the lease while the terminal holds it, else to the pool); a void gives back all
  // the sale spent of each voucher. The balances moved: every terminal pulls them again. A payment onto
  // a credit voucher this refund issues is no give-back: that voucher's balance is its face value.
  const voucherBack = new Map<string, number>();
  const givenBackOnto = p.payments.filter((x) => !credited.has(x.voucherId?.toLowerCase() ?? ''));
  for (const need of voucherNeeds(givenBackOnto.map((x) => ({ ...x, amount: -x.amount })))) {
    voucherBack.set(need.counter, need.units);
  }
  if (saleVoided) {
    for (const row of held) {
      if (parseCounterKey(row.counter)?.kind === 'voucher_balance') {
        voucherBack.set(row.counter, Number.MAX_SAFE_INTEGER);
      }
    }
  }
  const touched: string[] = [];
  for (const [counter, n] of voucherBack) {
    await back(counter, n);
    const ref = parseCounterKey(counter);
    if (ref) touched.push(ref.id);
  }
  await touchVouchers(tx, terminal.orgId, touched);
  // The vouchers the refunded units sold can no longer pay.
  if (original.vouchers.length > 0) {
    const voided = await voidVouchersOfUnits(tx, {
      orgId: terminal.orgId,
      saleId: sale.id,
      units: saleVoided ? null : picked,
      at: refund.createdAt,
    });
    await reviewSpentVouchersTakenBack(
      tx,
      { ctx, terminal, mutation, refund, currency: original.sale.currency },
      voided,
    );
  }

  if (saleVoided) {
    await ledger.markSaleVoided(tx, sale.id, refund.createdAt);
    const released = await redemptions.releaseRedemption(tx, terminal.orgId, sale.id, refund.createdAt);
    if (released) {
      const id = released.codeId;
      await back(counterKey({ kind: 'code_uses', id }), 1);
      await back(counterKey({ kind: 'code_item_uses', id }), released.itemUses);
      await back(counterKey({ kind: 'code_budget', id }), released.discount);
    }
  }
  await settleExcessReviews(tx, ctx, terminal.orgId, excessItems, held, excessBack, saleVoided);
}
