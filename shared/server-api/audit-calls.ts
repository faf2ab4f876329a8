import type { ServerCall } from './call';

// The audit log as the back office reads it: newest first, a page at a time by keyset (`before`).

export type AuditActorKind = 'staff' | 'terminal' | 'operator' | 'system';

export interface AuditRowView {
  /** Insertion order; the `before` cursor of the next page. */
  id: number;
  at: string;
  actorKind: AuditActorKind;
  actorId: string | null;
  /** The staff member's or terminal's name as it is now; null for the operator and the system. */
  actorName: string | null;
  action: string;
  entityKind: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  summary: string | null;
}

export interface AuditQuery {
  entityKind?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  rows: AuditRowView[];
  /** Pass as `before` for the next (older) page; null on the last. */
  nextBefore: number | null;
}

export function auditCalls(call: ServerCall) {
  return {
    list: (query: AuditQuery & { before?: number; limit: number }) =>
      call<AuditPage>('GET', '/v1/audit', { query: { ...query } }),
    csv: (query: AuditQuery) => call<string>('GET', '/v1/audit.csv', { query: { ...query }, text: true }),
  };
}

/** The fields whose value differs between before and after (added and removed ones included). */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
}
