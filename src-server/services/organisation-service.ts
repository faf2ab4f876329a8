import { REASON_CATEGORIES, type ReasonLists } from '../../shared/cash/reasons';
import type { OrganisationInput, OrganisationSettings } from '../../shared/catalogue/organisation';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as repo from '../db/repos/org-repo';
import { reject } from '../errors';
import { pick, recordAudit } from './audit';
import { assertVersion } from './version-check';

// The caller's own organisation's settings: currency, time zone, VAT rates, receipt header, reason
// lists and cash rounding. There is no organisation id in the path: a manager only ever sees and edits the organisation
// they signed in to.

const AUDITED = [
  'name',
  'currency',
  'timezone',
  'vatRates',
  'receiptHeader',
  'reasons',
  'cashRounding',
] as const;

/** The lists in one order of categories, whatever order the keys came in. */
const reasonsKey = (lists: ReasonLists) => JSON.stringify(REASON_CATEGORIES.map((c) => lists[c] ?? null));

export async function get(ctx: ServerContext, principal: Principal): Promise<OrganisationSettings> {
  const row = await repo.getOrganisation(ctx.db, principal.orgId);
  if (!row) reject('NOT_FOUND', 'Your organisation no longer exists: ask the server operator.');
  return row;
}

export async function update(
  ctx: ServerContext,
  principal: Principal,
  values: Partial<OrganisationInput>,
  expectedVersion?: number,
): Promise<OrganisationSettings> {
  await ctx.db.transaction(async (tx) => {
    // A new receipt header or reason list moves the venues to a new change position. The organisation's
    // lock comes first, as in every catalogue write, whose foreign keys then share-lock the organisation's
    // row: the other order would deadlock with them.
    const { receiptHeader: header, reasons, cashRounding } = values;
    const venuesMayMove = header !== undefined || reasons !== undefined || cashRounding !== undefined;
    if (venuesMayMove) await lockOrganisationForEdit(tx, principal.orgId);
    const current = await repo.lockOrganisation(tx, principal.orgId);
    if (!current) reject('NOT_FOUND', 'Your organisation no longer exists: ask the server operator.');
    assertVersion('organisation', current.version, expectedVersion);
    await repo.updateOrganisation(tx, principal.orgId, values);
    // Forms send every field: only a header or lists that changed are worth sending every venue again.
    const headerChanged = header !== undefined && header.join('\n') !== current.receiptHeader.join('\n');
    const reasonsChanged = reasons !== undefined && reasonsKey(reasons) !== reasonsKey(current.reasons);
    // The cash rounding travels with the venues too (docs/CASH.md "Cash rounding").
    const roundingChanged = cashRounding !== undefined && cashRounding !== current.cashRounding;
    if (headerChanged || reasonsChanged || roundingChanged) await repo.resendVenues(tx, principal.orgId);
    const after = await repo.getOrganisation(tx, principal.orgId);
    await recordAudit(tx, ctx, principal, {
      action: 'organisation.update',
      entityKind: 'organisation',
      entityId: principal.orgId,
      before: pick(current, AUDITED),
      after: pick(after, AUDITED),
    });
  });
  return get(ctx, principal);
}
