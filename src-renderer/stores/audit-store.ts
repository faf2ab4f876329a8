import { ok } from '../../shared/result';
import { auditCalls, type AuditQuery, type AuditRowView } from '../../shared/server-api/audit-calls';
import { server } from '../api/admin-host';
import { createKeysetStore } from './keyset-store';

// The audit log screen: filters, and keyset pages newest first (`before` is the last row's id).

const audit = auditCalls(server);
export const AUDIT_PAGE = 50;

export const useAuditStore = createKeysetStore<AuditRowView, AuditQuery, number>(
  {
    async list(filter, before, limit) {
      const page = await audit.list({ ...filter, before, limit });
      return page.ok ? ok({ rows: page.value.rows, next: page.value.nextBefore }) : page;
    },
    csv: (filter) => audit.csv(filter),
  },
  AUDIT_PAGE,
);
