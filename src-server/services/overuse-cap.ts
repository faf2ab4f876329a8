import { v7 as uuid } from 'uuid';
import { checkOveruseCap, supervisorOveruseCap } from '../../shared/auth/overuse-cap';
import { businessDayOf } from '../../shared/business-day';
import type { Mutation } from '../../shared/sync/protocol';
import type { SalePayload } from '../../shared/sync/payloads';
import type { Queryable } from '../db/database';
import { getOrganisation } from '../db/repos/org-repo';
import { countOveruseGrants } from '../db/repos/redemption-repo';
import { insertReviewItem } from '../db/repos/review-item-repo';
import { getStaff } from '../db/repos/staff-repo';
import { reject } from '../errors';
import { findRole } from './auth-service';
import type { Grantor, MutationScope } from './mutation-scope';

// docs/SECURITY.md "Overuse caps": a role may cap its holders' overuse grants per business day, and a
// manager may set a person's own cap in its place (docs/CASH.md "Overuse caps"). The
// server counts every grant of the organisation (online redemptions and pushed sales) in the business
// day of the organisation's time zone. Online, a grant past the cap is refused; a pushed sale was made
// offline and paid for, so it is kept and a manager reviews it. Redemptions and pushes run side by side
// (change-pos.ts), so counting takes the supervisor's own lock first: two grants by one supervisor at
// once are counted one after the other, and grants by different supervisors never wait.

/** The business day holding `at`, and the supervisor's grants recorded in it. */
async function grantsThatDay(tx: Queryable, orgId: string, staffId: string, at: Date) {
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('overuse:' || $1::text || ':' || $2::text, 0))`,
    [orgId, staffId],
  );
  const org = await getOrganisation(tx, orgId);
  const day = businessDayOf(at, org?.timezone ?? 'UTC');
  const granted = await countOveruseGrants(tx, {
    orgId,
    staffId,
    from: day.start.toISOString(),
    to: day.end.toISOString(),
  });
  return { day, granted };
}

/**
 * Online: refuses with 403 OVERUSE_CAP_REACHED once the grantor's role cap is used up this business day.
 * Under a cap the use is counted on the day it is granted, so `redeemedAt` cannot move it to another.
 */
export async function assertUnderOveruseCap(
  tx: Queryable,
  orgId: string,
  grantor: { staffId: string; roleId: string },
  now: string,
  redeemedAt: string | undefined,
): Promise<void> {
  const staff = await getStaff(tx, orgId, grantor.staffId);
  const role = await findRole(tx, orgId, grantor.roleId);
  const { cap, source } = supervisorOveruseCap(role?.overuseCap ?? null, staff?.overuseCap);
  if (cap === null) return;
  const { day, granted } = await grantsThatDay(tx, orgId, grantor.staffId, new Date(now));
  const at = redeemedAt === undefined ? undefined : Date.parse(redeemedAt);
  if (at !== undefined && (at < day.start.getTime() || at >= day.end.getTime())) {
    reject(
      'OVERUSE_OUTSIDE_BUSINESS_DAY',
      `The supervisor's overuses are capped per business day, so an overuse counts on the day it is granted ` +
        `(${day.start.toISOString()} until ${day.end.toISOString()}): leave redeemedAt out or send a time within it.`,
    );
  }
  const name = staff?.name ?? 'The supervisor';
  const check = checkOveruseCap(cap, granted, { kind: 'supervisor', name, source });
  if (!check.ok) reject('OVERUSE_CAP_REACHED', check.message.en);
}

/**
 * Pushed: once the sale's redemption is written with the honoured overuse, opens an
 * `overuse_cap_exceeded` review item if the grantor had used up their cap on the sale's business day.
 */
export async function reviewOverCap(
  scope: MutationScope,
  mutation: Mutation,
  sale: SalePayload['sale'],
  redemptionId: string,
  approval: SalePayload['approvals'][number],
  grantor: Grantor | undefined,
): Promise<boolean> {
  if (!grantor || grantor.overuseCap === null) return false;
  const { orgId } = scope.terminal;
  const at = new Date(sale.createdAt);
  const { day, granted } = await scope.run((tx) => grantsThatDay(tx, orgId, approval.approverId, at));
  // The count holds this sale's own grant: the cap was used up if the ones before it reached it.
  const before = granted - 1;
  if (checkOveruseCap(grantor.overuseCap, before, grantor.name).ok) return false;
  const cap = grantor.overuseCap;
  const allows =
    grantor.overuseCapSource === 'staff' ? 'a manager set their own cap at' : 'their role allows';
  await insertOverCapReview(scope, mutation, sale, redemptionId, {
    approval,
    cap,
    grantedBefore: before,
    day,
    summary:
      `Sale ${sale.receiptNo} at this terminal used an overuse granted by ${grantor.name} ("${approval.reason}"), ` +
      `who had granted ${before} before it that business day, and ${allows} ${cap} a day. The sale ` +
      'and its overuse are kept, as the money was taken (the terminal only knew its own grants, or was offline). ' +
      'Talk to the supervisor, then accept it, or flag it for follow-up.',
  });
  return true;
}

/**
 * The `overuse_cap_exceeded` review item of a pushed sale past a cap (a supervisor's here, a performance's
 * in performance-overuse-cap.ts): one shape, so the review queue reads both the same way.
 */
export async function insertOverCapReview(
  scope: MutationScope,
  mutation: Mutation,
  sale: SalePayload['sale'],
  redemptionId: string,
  over: {
    approval: SalePayload['approvals'][number];
    cap: number;
    grantedBefore: number;
    day: { start: Date; end: Date };
    summary: string;
    /** What else names the cap, e.g. the performance's id. */
    extra?: Record<string, unknown>;
  },
): Promise<void> {
  const { orgId, id: terminalId } = scope.terminal;
  await scope.run((tx) =>
    insertReviewItem(tx, {
      id: uuid(),
      orgId,
      kind: 'overuse_cap_exceeded',
      terminalId,
      mutationId: mutation.mutationId,
      redemptionId,
      units: 1,
      summary: over.summary,
      payload: {
        saleId: sale.id,
        approval: over.approval,
        ...over.extra,
        cap: over.cap,
        grantedBefore: over.grantedBefore,
        businessDay: { start: over.day.start.toISOString(), end: over.day.end.toISOString() },
      },
      createdAt: scope.ctx.now().toISOString(),
    }),
  );
}
