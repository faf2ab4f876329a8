import type { CodeDefinition, Usage } from '../discounts';

/**
 * A code's lifecycle status (docs/ENGINE.md, "Code lifecycle"): derived from the stored state, the dates
 * and the usage.
 */
export type CodeLifecycleStatus = 'scheduled' | 'active' | 'exhausted' | 'ended' | 'disabled' | 'deleted';

/**
 * A discount code as stored and synced: the engine's definition plus its history. Editing the terms
 * of a used code makes a new version; a sale records the id and version it used.
 */
export interface CodeRecord extends CodeDefinition {
  version: number;
  parentId: string | null;
  description: string;
  /** deny: refused offline once leases run out and for unknown customers; best_effort: checked locally. */
  offlinePolicy: 'deny' | 'best_effort';
  createdAt: string;
  updatedAt: string;
}

export function lifecycleStatus(
  code: Pick<CodeRecord, 'status' | 'rules'>,
  usage: Pick<Usage, 'uses' | 'discountGiven'>,
  now: string,
): CodeLifecycleStatus {
  if (code.status === 'deleted') return 'deleted';
  if (code.status === 'disabled') return 'disabled';
  const at = Date.parse(now);
  const { validFrom, validTo, maxUses, budget } = code.rules;
  if (validFrom !== undefined && at < Date.parse(validFrom)) return 'scheduled';
  if (validTo !== undefined && at > Date.parse(validTo)) return 'ended';
  if (maxUses !== undefined && usage.uses >= maxUses) return 'exhausted';
  if (budget !== undefined && usage.discountGiven >= budget) return 'exhausted';
  return 'active';
}
