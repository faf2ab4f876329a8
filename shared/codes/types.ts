import type { CodeDefinition, Usage } from '../discounts';

/**
 * A code's lifecycle status (docs/ENGINE.md, "Code lifecycle"): derived from the stored state, the dates
 * and the usage.
 */
export type CodeLifecycleStatus = 'scheduled' | 'active' | 'exhausted' | 'ended' | 'disabled' | 'deleted';

/**
 * A discount code as stored and synced: the engine's definition plus its history. Every edit of the
 * terms makes a new version; a sale records the id and version it used.
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

/** One version of a code's terms, as GET /v1/codes/:id/versions lists them (oldest first). */
export interface CodeVersion {
  version: number;
  name: string;
  description: string;
  benefit: CodeDefinition['benefit'];
  rules: CodeDefinition['rules'];
  autoPriority: number | null;
  offlinePolicy: 'deny' | 'best_effort';
  /** The staff member who saved it; null for a terminal or the operator. */
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
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
