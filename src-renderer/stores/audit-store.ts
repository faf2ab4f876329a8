import { create } from 'zustand';
import { auditCalls, type AuditPage, type AuditQuery } from '../../shared/server-api/audit-calls';
import { server } from '../api/admin-host';

// The audit log screen: filters, and keyset pages newest first. The cursors of the pages already seen
// are kept, so "Newer" goes back exactly to the page before.

const audit = auditCalls(server);
export const AUDIT_PAGE = 50;

interface AuditState {
  filter: AuditQuery;
  /** `before` of each page shown so far; the last one is the current page's (undefined = newest). */
  cursors: (number | undefined)[];
  page: AuditPage | null;
  loading: boolean;
  error: string | null;
  setFilter: (patch: Partial<AuditQuery>) => void;
  load: () => Promise<void>;
  older: () => void;
  newer: () => void;
  /** The whole filtered log as CSV text, or the sentence why not. */
  csv: () => Promise<{ ok: true; text: string } | { ok: false; message: string }>;
}

export const useAuditStore = create<AuditState>()((set, get) => {
  let loads = 0;
  return {
    filter: {},
    cursors: [undefined],
    page: null,
    loading: false,
    error: null,
    setFilter(patch) {
      const filter = { ...get().filter, ...patch };
      // An emptied field filters no more.
      for (const key of Object.keys(filter) as (keyof AuditQuery)[]) {
        if (!filter[key]) delete filter[key];
      }
      set({ filter, cursors: [undefined] });
      void get().load();
    },
    async load() {
      const ticket = ++loads;
      set({ loading: true });
      const before = get().cursors.at(-1);
      const result = await audit.list({ ...get().filter, before, limit: AUDIT_PAGE });
      if (ticket !== loads) return;
      set(
        result.ok
          ? { page: result.value, loading: false, error: null }
          : { loading: false, error: result.message },
      );
    },
    older() {
      const next = get().page?.nextBefore;
      if (next === null || next === undefined) return;
      set((s) => ({ cursors: [...s.cursors, next] }));
      void get().load();
    },
    newer() {
      if (get().cursors.length <= 1) return;
      set((s) => ({ cursors: s.cursors.slice(0, -1) }));
      void get().load();
    },
    async csv() {
      const result = await audit.csv(get().filter);
      return result.ok ? { ok: true, text: result.value } : { ok: false, message: result.message };
    },
  };
});
