import { retryingDeadlocks } from '../db/database';
import { normalizeCode, REASON_MESSAGES, type ReasonCode, type Rules } from '../../shared/discounts';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { counterKey } from '../../shared/sync/protocol';
import { lockOrganisationForSales } from '../db/repos/change-pos';
import { findCodeByString } from '../db/repos/code-repo';
import * as repo from '../db/repos/redemption-repo';
import { getStaff } from '../db/repos/staff-repo';
import { isUniqueViolation, reject } from '../errors';
import { absorbOnline } from './escrow-service';
import { assertUnderOveruseCap } from './overuse-cap';
import { overuseGrantor, type OveruseClaim } from './overuse-grant';
import { assertUnderPerformanceCaps } from './performance-overuse-cap';

export interface RedeemInput {
  /** Idempotency key: a sync mutation id or a client-made redemption id. */
  id: string;
  orderId: string;
  code: string;
  tickets: number;
  itemUses?: number;
  discount: number;
  revenue: number;
  currency: string;
  channel: 'online' | 'box_office';
  cashierId?: string;
  customerId?: string;
  buyer?: string;
  redeemedAt?: string;
  overuse?: OveruseClaim;
  /**
   * The performances the order holds tickets of: an overuse counts towards each one's cap and is refused
   * past it (docs/CASH.md "Per performance"). Absent: the use counts towards none.
   */
  performanceIds?: readonly string[];
}

export interface RedeemResult {
  duplicate: boolean;
  redemption: repo.RedemptionRow;
  usage: { uses: number; itemUses: number; discountGiven: number };
}

function refuse(reason: ReasonCode): never {
  reject(reason, REASON_MESSAGES[reason].en);
}

async function assertStaff(tx: Queryable, orgId: string, id: string, field: string): Promise<void> {
  const staff = await getStaff(tx, orgId, id);
  if (!staff?.active)
    reject('REFERENCE_NOT_FOUND', `${field} names no active staff member of your organisation.`);
}

async function duplicateOf(tx: Queryable, orgId: string, id: string): Promise<RedeemResult | undefined> {
  const existing = await repo.getRedemption(tx, orgId, id);
  if (!existing) return undefined;
  const usage = (await repo.getCounters(tx, existing.codeId)) ?? { uses: 0, itemUses: 0, discountGiven: 0 };
  return { duplicate: true, redemption: existing, usage };
}

/** The first per-customer limit this redemption would break, if any (docs/ENGINE.md clarification 22). */
async function checkCustomerLimits(
  tx: Queryable,
  rules: Rules,
  codeId: string,
  input: RedeemInput,
  itemUses: number,
): Promise<'CUSTOMER_MAX_USES' | 'CUSTOMER_MAX_ITEM_USES' | undefined> {
  const { maxUsesPerCustomer, maxItemUsesPerCustomer } = rules;
  if (maxUsesPerCustomer === undefined && maxItemUsesPerCustomer === undefined) return undefined;
  // Leaving the customer off must not dodge a per-customer limit (docs/ENGINE.md clarification 24);
  // not overridable.
  if (!input.customerId) refuse('CUSTOMER_REQUIRED');
  const used = await repo.customerUsage(tx, codeId, input.customerId, input.id);
  if (maxUsesPerCustomer !== undefined && used.uses >= maxUsesPerCustomer) return 'CUSTOMER_MAX_USES';
  if (maxItemUsesPerCustomer !== undefined && used.itemUses + itemUses > maxItemUsesPerCustomer) {
    return 'CUSTOMER_MAX_ITEM_USES';
  }
  return undefined;
}

/**
 * Records one use of a code online: the ledger row and the counters change in one transaction, and
 * the counter update itself enforces the limits, so concurrent requests on any number of server
 * processes never lose a use or exceed a limit. A resent request (same id) changes nothing.
 */
export async function redeem(
  ctx: ServerContext,
  principal: Principal,
  input: RedeemInput,
): Promise<RedeemResult> {
  const normalised = normalizeCode(input.code);
  if (!normalised.ok) refuse('INVALID_CODE');
  const now = ctx.now().toISOString();
  try {
    return await retryingDeadlocks(() =>
      ctx.db.transaction(async (tx) => {
        // The organisation's lock first, shared with the rest of the selling side (change-pos.ts).
        await lockOrganisationForSales(tx, principal.orgId);
        const earlier = await duplicateOf(tx, principal.orgId, input.id);
        if (earlier) return earlier;
        const code = await findCodeByString(tx, principal.orgId, normalised.code, now);
        if (!code || code.isParent || code.status !== 'active') refuse('INVALID_CODE');
        if (code.lifecycle === 'scheduled') refuse('NOT_YET_ACTIVE');
        if (code.lifecycle === 'ended') refuse('EXPIRED');
        const cashierId = input.cashierId ?? (principal.kind === 'staff' ? principal.staffId : undefined);
        if (input.cashierId) await assertStaff(tx, principal.orgId, input.cashierId, 'cashierId');
        // Checked after the duplicate test, so a resend of a recorded use answers even once the token expired.
        const grantor = input.overuse ? await overuseGrantor(tx, principal, input.overuse, now) : null;
        if (grantor) await assertUnderOveruseCap(tx, principal.orgId, grantor, now, input.redeemedAt);
        const performanceIds = grantor ? [...new Set(input.performanceIds ?? [])] : [];
        // Counted in the business day the use is recorded in, as the redemption row will say.
        if (grantor)
          await assertUnderPerformanceCaps(tx, principal.orgId, performanceIds, input.redeemedAt ?? now);
        const itemUses = input.itemUses ?? input.tickets;
        const inserted = await repo.insertRedemption(tx, {
          id: input.id,
          code: code.code,
          orgId: principal.orgId,
          orderId: input.orderId,
          codeId: code.id,
          codeVersion: code.version,
          parentId: code.parentId,
          terminalId: principal.kind === 'terminal' ? principal.terminalId : null,
          cashierId: cashierId ?? null,
          customerId: input.customerId ?? null,
          buyer: input.buyer ?? null,
          channel: input.channel,
          currency: input.currency,
          tickets: input.tickets,
          itemUses,
          discount: input.discount,
          revenue: input.revenue,
          overuse: input.overuse !== undefined,
          overuseReason: input.overuse?.reason ?? null,
          overuseGrantedBy: grantor?.staffId ?? null,
          overuseLimits: null,
          redeemedAt: input.redeemedAt ?? now,
          performanceIds,
        });
        if (!inserted) return (await duplicateOf(tx, principal.orgId, input.id)) as RedeemResult;
        const limits: repo.Limits = {
          maxUses: code.rules.maxUses ?? null,
          maxItemUses: code.rules.maxItemUses ?? null,
          budget: code.rules.budget ?? null,
        };
        // Where terminals hold leases on a limit, its counter decides: the use comes out of the pool
        // (unallocated → absorbed), never out of units leased to a terminal.
        const escrowed: [keyof repo.Limits, string, number, ReasonCode][] = [
          ['maxUses', counterKey({ kind: 'code_uses', id: code.id }), 1, 'MAX_USES'],
          ['maxItemUses', counterKey({ kind: 'code_item_uses', id: code.id }), itemUses, 'MAX_ITEM_USES'],
          ['budget', counterKey({ kind: 'code_budget', id: code.id }), input.discount, 'BUDGET_EXHAUSTED'],
        ];
        const checked = { ...limits };
        for (const [limit, counter, units, reason] of escrowed) {
          if (limits[limit] === null) continue;
          const taken = await absorbOnline(tx, principal.orgId, counter, units);
          if (!taken.counted) continue;
          checked[limit] = null;
          if (taken.short > 0 && !input.overuse) refuse(reason);
        }
        const usage = await repo.countUse(tx, {
          codeId: code.id,
          itemUses,
          discount: input.discount,
          limits: checked,
          force: input.overuse !== undefined,
        });
        if (!usage) {
          const counters = await repo.getCounters(tx, code.id);
          if (limits.maxUses !== null && (counters?.uses ?? 0) >= limits.maxUses) refuse('MAX_USES');
          if (limits.maxItemUses !== null && (counters?.itemUses ?? 0) + itemUses > limits.maxItemUses) {
            refuse('MAX_ITEM_USES');
          }
          refuse('BUDGET_EXHAUSTED');
        }
        // The code row is locked by countUse until commit, so this customer's count cannot move under us.
        const perCustomer = await checkCustomerLimits(tx, code.rules, code.id, input, itemUses);
        if (perCustomer && !input.overuse) refuse(perCustomer);
        if (input.overuse) {
          const bypassed: ReasonCode[] = [];
          if (limits.maxUses !== null && usage.uses > limits.maxUses) bypassed.push('MAX_USES');
          if (limits.maxItemUses !== null && usage.itemUses > limits.maxItemUses)
            bypassed.push('MAX_ITEM_USES');
          if (limits.budget !== null && usage.discountGiven > limits.budget)
            bypassed.push('BUDGET_EXHAUSTED');
          if (perCustomer) bypassed.push(perCustomer);
          await repo.setOveruseLimits(tx, principal.orgId, input.id, bypassed);
          inserted.overuseLimits = bypassed;
        }
        return { duplicate: false, redemption: inserted, usage };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, 'redemptions_order')) {
      reject('ORDER_ALREADY_REDEEMED', 'This order has a code already: one code per order.');
    }
    throw error;
  }
}
