import { v7 as uuid } from 'uuid';
import { canonicalJson } from '../../shared/canonical-json';
import type { CodeCreateInput, CodeUpdateInput } from '../../shared/codes/schema';
import type { CodeLifecycleStatus, CodeRecord } from '../../shared/codes/types';
import { counterKey } from '../../shared/sync/protocol';
import { normalizeCode, type Benefit, type Rules } from '../../shared/discounts';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as repo from '../db/repos/code-repo';
import { isUniqueViolation, reject } from '../errors';
import { pick, recordAudit, type AuditChange } from './audit';
import { followLimit } from './escrow-service';
import { assertVersion } from './version-check';

// What the audit log records of a code: its terms and own status, not its usage counters.
const AUDITED_CODE = [
  'id',
  'code',
  'name',
  'description',
  'ownStatus',
  'isParent',
  'parentId',
  'benefit',
  'rules',
  'autoPriority',
  'offlinePolicy',
  'version',
] as const;

/** Records a change to code `id`, reading its state after the change inside the same transaction. */
async function auditCode(
  tx: Queryable,
  ctx: ServerContext,
  principal: Principal,
  id: string,
  action: string,
  before: repo.CodeRow | null,
  summary?: AuditChange['summary'],
): Promise<void> {
  const after = await repo.getCode(tx, principal.orgId, id, now(ctx));
  await recordAudit(tx, ctx, principal, {
    action,
    entityKind: 'code',
    entityId: id,
    before: pick(before, AUDITED_CODE),
    after: pick(after, AUDITED_CODE),
    summary,
  });
}

export interface CodeView extends CodeRecord {
  usage: { uses: number; itemUses: number; discountGiven: number };
  lifecycle: CodeLifecycleStatus;
  /** Uses left before maxUses; null = no limit. For a parent: the limit of each child. */
  remainingUses: number | null;
}

export function toView(row: repo.CodeRow): CodeView {
  const maxUses = row.rules.maxUses;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    status: row.status,
    ...(row.isParent ? { isParent: true } : {}),
    benefit: row.benefit,
    rules: row.rules,
    ...(row.autoPriority !== null ? { autoApply: { priority: row.autoPriority } } : {}),
    version: row.version,
    parentId: row.parentId,
    description: row.description,
    offlinePolicy: row.offlinePolicy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    usage: { uses: row.uses, itemUses: row.itemUses, discountGiven: row.discountGiven },
    lifecycle: row.lifecycle,
    remainingUses: maxUses === undefined || row.isParent ? null : Math.max(0, maxUses - row.uses),
  };
}

const now = (ctx: ServerContext) => ctx.now().toISOString();

async function load(tx: Queryable, ctx: ServerContext, principal: Principal, id: string, lock = false) {
  const row = await repo.getCode(tx, principal.orgId, id, now(ctx), { lock });
  // Another organisation's code is "not found", never "forbidden": its existence is not ours to reveal.
  if (!row) reject('NOT_FOUND', 'There is no such code.');
  return row;
}

export async function createCode(
  ctx: ServerContext,
  principal: Principal,
  input: CodeCreateInput,
): Promise<CodeView> {
  const normalised = normalizeCode(input.code);
  if (!normalised.ok) reject('INVALID_CODE_FORMAT', normalised.message);
  if (input.isParent && input.autoApply) {
    reject('PARENT_NOT_USABLE', 'A parent code is never applied itself, so it cannot be auto-applied.');
  }
  const id = uuid();
  // docs/SYNC.md: a single-use code is refused offline unless a lease backs it.
  const offlinePolicy = input.offlinePolicy ?? (input.rules.maxUses === 1 ? 'deny' : 'best_effort');
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertCode(tx, {
        id,
        orgId: principal.orgId,
        code: normalised.code,
        isParent: input.isParent,
        name: input.name,
        description: input.description,
        benefit: input.benefit,
        rules: input.rules,
        autoPriority: input.autoApply?.priority ?? null,
        offlinePolicy,
        createdBy: principal.kind === 'staff' ? principal.staffId : null,
        now: now(ctx),
      });
      await auditCode(tx, ctx, principal, id, 'code.create', null);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      reject(
        'DUPLICATE_CODE',
        `The code ${normalised.code} exists already (codes ignore case): pick another.`,
      );
    }
    throw error;
  }
  return getCodeView(ctx, principal, id);
}

export async function getCodeView(ctx: ServerContext, principal: Principal, id: string): Promise<CodeView> {
  return toView(await load(ctx.db, ctx, principal, id));
}

interface Terms {
  name: string;
  description: string;
  benefit: Benefit;
  rules: Rules;
  autoPriority: number | null;
  offlinePolicy: 'deny' | 'best_effort';
}

const RAISABLE_LIMITS = [
  'maxUses',
  'maxItemUses',
  'budget',
  'maxUsesPerCustomer',
  'maxItemUsesPerCustomer',
  'maxUsesPerCustomerPerEvent',
  'maxUsesPerCustomerPerSchedule',
] as const;

/** docs/ENGINE.md: an active code may only extend its end and raise its limits. Returns what else changed. */
export function forbiddenActiveChanges(current: Terms, next: Terms): string[] {
  const problems: string[] = [];
  if (canonicalJson(current.benefit) !== canonicalJson(next.benefit)) problems.push('benefit');
  if (current.autoPriority !== next.autoPriority) problems.push('autoApply');
  if (current.offlinePolicy !== next.offlinePolicy) problems.push('offlinePolicy');
  const keys = new Set([...Object.keys(current.rules), ...Object.keys(next.rules)] as (keyof Rules)[]);
  for (const key of keys) {
    const before = current.rules[key];
    const after = next.rules[key];
    if (key === 'validTo') {
      const extended =
        after === undefined ||
        (before !== undefined && Date.parse(after as string) >= Date.parse(before as string));
      if (!extended) problems.push('rules.validTo (only a later end is allowed)');
    } else if ((RAISABLE_LIMITS as readonly string[]).includes(String(key))) {
      const raised = after === undefined || (before !== undefined && (after as number) >= (before as number));
      if (!raised) problems.push(`rules.${String(key)} (only a higher limit is allowed)`);
    } else if (canonicalJson(before ?? null) !== canonicalJson(after ?? null)) {
      problems.push(`rules.${String(key)}`);
    }
  }
  return problems;
}

function assertLimitsCoverUse(
  rules: Rules,
  usage: { uses: number; itemUses: number; discountGiven: number },
): void {
  const checks: [number | undefined, number, string][] = [
    [rules.maxUses, usage.uses, 'maxUses'],
    [rules.maxItemUses, usage.itemUses, 'maxItemUses'],
    [rules.budget, usage.discountGiven, 'budget'],
  ];
  for (const [limit, used, field] of checks) {
    if (limit !== undefined && limit < used) {
      reject(
        'LIMIT_BELOW_USE',
        `${field} cannot be ${limit}: the code has used ${used} already. Set it to ${used} or more.`,
      );
    }
  }
}

/**
 * Escrow counters follow a raised (or, on a disabled code, lowered) limit; children share the parent's.
 * A limit below what a counter has leased to terminals or absorbed is refused, like one below use.
 */
async function followCodeLimits(
  tx: Queryable,
  orgId: string,
  row: repo.CodeRow,
  rules: Rules,
): Promise<void> {
  const changed = (['maxUses', 'maxItemUses', 'budget'] as const).filter(
    (k) => rules[k] !== undefined && rules[k] !== row.rules[k],
  );
  if (changed.length === 0) return;
  const ids = row.isParent ? await repo.childIds(tx, row.id) : [row.id];
  const kinds = { maxUses: 'code_uses', maxItemUses: 'code_item_uses', budget: 'code_budget' } as const;
  for (const limit of changed) {
    const value = rules[limit] as number;
    // For a parent: the busiest child sets the floor, so every child is checked before answering.
    let lowest: number | undefined;
    for (const id of ids) {
      const followed = await followLimit(tx, orgId, counterKey({ kind: kinds[limit], id }), value);
      if (!followed.ok) lowest = Math.max(lowest ?? 0, followed.lowest);
    }
    if (lowest !== undefined) {
      reject(
        'LIMIT_BELOW_USE',
        `${limit} cannot be ${value}: ${lowest} of it is used or leased to terminals. Set it to ${lowest} or ` +
          'more, or lower it after the terminals have returned their leases (at the end of the business day).',
      );
    }
  }
}

export async function updateCode(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  input: CodeUpdateInput,
): Promise<CodeView> {
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    const row = await load(tx, ctx, principal, id, true);
    if (row.parentId) {
      reject(
        'EDIT_THE_PARENT',
        'A generated code takes its terms from its parent: edit the parent, and the change reaches every child.',
      );
    }
    if (row.ownStatus === 'deleted')
      reject('CODE_DELETED', 'This code is deleted: restore it before editing it.');
    // Checked under the row lock, so of two managers saving the same version only the first gets in.
    assertVersion('code', row.version, input.expectedVersion);
    const current: Terms = {
      name: row.name,
      description: row.description,
      benefit: row.benefit,
      rules: row.rules,
      autoPriority: row.autoPriority,
      offlinePolicy: row.offlinePolicy,
    };
    const next: Terms = {
      name: input.name ?? current.name,
      description: input.description ?? current.description,
      benefit: input.benefit ?? current.benefit,
      rules: input.rules ?? current.rules,
      autoPriority:
        input.autoApply === undefined ? current.autoPriority : (input.autoApply?.priority ?? null),
      offlinePolicy: input.offlinePolicy ?? current.offlinePolicy,
    };
    if (canonicalJson(current) === canonicalJson(next)) return;
    if (row.isParent && next.autoPriority !== null) {
      reject('PARENT_NOT_USABLE', 'A parent code is never applied itself, so it cannot be auto-applied.');
    }
    // A parent's limits apply to each child: they may not drop below the busiest child's use.
    const usage = row.isParent ? await repo.childUsageMax(tx, row.id) : row;
    assertLimitsCoverUse(next.rules, usage);
    if (row.lifecycle === 'active') {
      const problems = forbiddenActiveChanges(current, next);
      if (problems.length > 0) {
        reject(
          'CODE_ACTIVE',
          `An active code may only extend its end and raise its limits; not change ${problems.join(', ')}. ` +
            'Disable the code first to change other terms.',
        );
      }
    }
    // Every change of terms is a new version: sales keep the terms they were made under, the history
    // shows each edit, and an editor holding the old version number is refused (expectedVersion).
    const version = row.version + 1;
    const at = now(ctx);
    await repo.updateTerms(tx, { id: row.id, version, ...next, now: at });
    await followCodeLimits(tx, principal.orgId, row, next.rules);
    await repo.insertVersion(tx, {
      id: row.id,
      version,
      ...next,
      createdBy: principal.kind === 'staff' ? principal.staffId : null,
      now: at,
    });
    await auditCode(tx, ctx, principal, id, 'code.update', row);
  });
  return getCodeView(ctx, principal, id);
}

/** Unused codes are soft-deleted; a used one is disabled instead, so its history stays whole. */
export async function deleteCode(
  ctx: ServerContext,
  principal: Principal,
  id: string,
): Promise<{ outcome: 'deleted' | 'disabled'; code: CodeView }> {
  const outcome = await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    const row = await load(tx, ctx, principal, id, true);
    if (row.ownStatus === 'deleted') return 'deleted' as const;
    const used = row.uses > 0 || (await repo.hasRedemptions(tx, row.id));
    const status = used ? ('disabled' as const) : ('deleted' as const);
    await repo.setStatus(tx, row.id, status, now(ctx));
    await auditCode(tx, ctx, principal, id, status === 'deleted' ? 'code.delete' : 'code.disable', row);
    return status;
  });
  return { outcome, code: await getCodeView(ctx, principal, id) };
}

export async function setCodeStatus(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  action: 'disable' | 'restore',
): Promise<CodeView> {
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    const row = await load(tx, ctx, principal, id, true);
    if (action === 'disable') {
      if (row.ownStatus === 'deleted') reject('CODE_DELETED', 'This code is deleted: restore it first.');
      await repo.setStatus(tx, row.id, 'disabled', now(ctx));
    } else {
      await repo.setStatus(tx, row.id, 'active', now(ctx));
    }
    await auditCode(tx, ctx, principal, id, `code.${action}`, row);
  });
  return getCodeView(ctx, principal, id);
}

export async function listCodes(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.CodeFilter,
): Promise<{ items: CodeView[]; total: number; limit: number; offset: number }> {
  const { items, total } = await repo.listCodes(ctx.db, principal.orgId, filter, now(ctx));
  return { items: items.map(toView), total, limit: filter.limit, offset: filter.offset };
}

export async function listVersions(
  ctx: ServerContext,
  principal: Principal,
  id: string,
): ReturnType<typeof repo.listVersions> {
  const row = await load(ctx.db, ctx, principal, id);
  return repo.listVersions(ctx.db, row.parentId ?? row.id);
}
