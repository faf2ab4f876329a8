import { create } from 'zustand';
import type { CodeCreateInput, CodeUpdateInput } from '../../shared/codes/schema';
import type { CodeVersion } from '../../shared/codes/types';
import type {
  CodePage,
  GenerationJobView,
  ManagedCode,
  ManageSessionView,
} from '../../shared/ipc/domains/manage';
import type { CODE_KINDS, CODE_STATUSES } from '../../shared/ipc/manage-schemas';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';

export type ManageTab = 'codes' | 'reports' | 'overuses' | 'printer' | 'terminal' | 'mail' | 'training';

export interface CodeFilter {
  q: string;
  status: (typeof CODE_STATUSES)[number] | '';
  kind: (typeof CODE_KINDS)[number] | '';
  /** Children of this parent only. */
  parent: { id: string; code: string } | null;
  offset: number;
}

export type Editing = { mode: 'create' } | { mode: 'edit'; code: ManagedCode } | null;

/** A code's versions as last loaded (oldest first), or the sentence saying why they could not be. */
export interface Versions {
  codeId: string;
  items: CodeVersion[] | null;
  error: string | null;
}

export const PAGE_SIZE = 25;
const JOB_POLL_MS = 250;
const EMPTY_FILTER: CodeFilter = { q: '', status: '', kind: '', parent: null, offset: 0 };

interface ManageState {
  tab: ManageTab;
  /** This staff member's central-server session as main reports it; null until asked. */
  server: ManageSessionView | null;
  /** The last sentence about signing in to the server. */
  serverError: string | null;
  filter: CodeFilter;
  page: CodePage | null;
  /** The sentence for the last failed list call or row action; the list above it stays. */
  listError: string | null;
  /** A sentence confirming the last change. */
  notice: string | null;
  loading: boolean;
  editing: Editing;
  /** The code whose history the list shows in its place. */
  history: ManagedCode | null;
  versions: Versions | null;
  /** The bulk generation being watched, and the sentence if starting or watching it failed. */
  job: GenerationJobView | null;
  jobError: string | null;
  setTab: (tab: ManageTab) => void;
  loadSession: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<boolean>;
  signOut: () => Promise<void>;
  setFilter: (patch: Partial<CodeFilter>) => void;
  loadCodes: () => Promise<void>;
  startCreate: () => void;
  startEdit: (id: string) => Promise<void>;
  closeEditor: () => void;
  openHistory: (code: ManagedCode | null) => void;
  loadVersions: (codeId: string) => Promise<void>;
  /** Creates or updates the code being edited; on failure nothing typed is lost. */
  save: (input: { create: CodeCreateInput } | { update: CodeUpdateInput }) => Promise<Failure | null>;
  setStatus: (code: ManagedCode, action: 'disable' | 'restore' | 'delete') => Promise<void>;
  generate: (parentId: string, count: number, prefix: string) => Promise<Failure | null>;
  clearJob: () => void;
  reset: () => void;
}

/** A server session that ended or was never opened shows the sign-in form again. */
const SIGN_IN_REASONS = new Set(['SERVER_SIGN_IN_REQUIRED', 'SERVER_SESSION_ENDED']);

export const useManageStore = create<ManageState>()((set, get) => {
  let watching = 0;
  // List loads are numbered: only the newest one's answer is shown (a filter changed, or the list was
  // reloaded after a change, while an older load was on its way), and reset drops any still on its way.
  let listLoads = 0;

  /** Notes a failure everywhere it matters: the lock screen, and the sign-in form when the session is gone. */
  const failed = (failure: Failure) => {
    noteFailure(failure);
    if (SIGN_IN_REASONS.has(failure.reason)) {
      set((s) => ({
        server: s.server ? { ...s.server, signedIn: false } : s.server,
        serverError: failure.message,
      }));
    }
  };

  const watchJob = async (jobId: string) => {
    const ticket = ++watching;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
      if (ticket !== watching) return;
      const result = await api.manage.generationJob({ jobId });
      if (ticket !== watching) return;
      if (!result.ok) {
        failed(result);
        return set({ jobError: result.message });
      }
      set({ job: result.value });
      if (result.value.status === 'done' || result.value.status === 'failed') {
        void get().loadCodes();
        return;
      }
    }
  };

  return {
    tab: 'codes',
    server: null,
    serverError: null,
    filter: EMPTY_FILTER,
    page: null,
    listError: null,
    notice: null,
    loading: false,
    editing: null,
    history: null,
    versions: null,
    job: null,
    jobError: null,

    setTab(tab) {
      set({ tab, notice: null });
    },

    async loadSession() {
      const result = await api.manage.session({});
      if (!result.ok) {
        failed(result);
        return set({ serverError: result.message });
      }
      set({ server: result.value });
    },

    async signIn(email, password) {
      const result = await api.manage.signIn({ email, password });
      if (!result.ok) {
        noteFailure(result);
        set({ serverError: result.message });
        return false;
      }
      set({ server: result.value, serverError: null, listError: null });
      return true;
    },

    async signOut() {
      const result = await api.manage.signOut({});
      if (result.ok) set({ server: result.value, page: null, editing: null, notice: null });
    },

    setFilter(patch) {
      set((s) => ({ filter: { ...s.filter, offset: 0, ...patch } }));
      void get().loadCodes();
    },

    async loadCodes() {
      const { filter } = get();
      const load = ++listLoads;
      set({ loading: true });
      const result = await api.manage.listCodes({
        ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.parent ? { parentId: filter.parent.id } : {}),
        limit: PAGE_SIZE,
        offset: filter.offset,
      });
      if (load !== listLoads) return;
      if (!result.ok) {
        failed(result);
        return set({ loading: false, listError: result.message });
      }
      set({ loading: false, page: result.value, listError: null });
    },

    startCreate() {
      set({ editing: { mode: 'create' }, notice: null });
    },

    async startEdit(id) {
      const result = await api.manage.getCode({ id });
      if (!result.ok) {
        failed(result);
        return set({ listError: result.message });
      }
      set({ editing: { mode: 'edit', code: result.value }, notice: null, listError: null });
    },

    closeEditor() {
      set({ editing: null });
    },

    openHistory(code) {
      set({ history: code, notice: null });
    },

    async loadVersions(codeId) {
      set({ versions: { codeId, items: null, error: null } });
      const result = await api.manage.codeVersions({ id: codeId });
      if (get().versions?.codeId !== codeId) return;
      if (!result.ok) {
        failed(result);
        return set({ versions: { codeId, items: null, error: result.message } });
      }
      set({ versions: { codeId, items: result.value, error: null } });
    },

    async save(input) {
      const editing = get().editing;
      if (!editing) return null;
      const result =
        'create' in input
          ? await api.manage.createCode({ code: input.create })
          : editing.mode === 'edit'
            ? await api.manage.updateCode({ id: editing.code.id, changes: input.update })
            : null;
      if (!result) return null;
      if (!result.ok) {
        failed(result);
        return result;
      }
      set({ editing: null, notice: result.value.code });
      void get().loadCodes();
      return null;
    },

    async setStatus(code, action) {
      const result =
        action === 'delete'
          ? await api.manage.deleteCode({ id: code.id })
          : await api.manage.setCodeStatus({ id: code.id, action });
      if (!result.ok) {
        failed(result);
        return set({ listError: result.message, notice: null });
      }
      set({ listError: null, notice: code.code });
      void get().loadCodes();
    },

    async generate(parentId, count, prefix) {
      set({ job: null, jobError: null });
      const result = await api.manage.generateChildren({
        parentId,
        count,
        ...(prefix.trim() ? { prefix: prefix.trim() } : {}),
      });
      if (!result.ok) {
        failed(result);
        return result;
      }
      set({ job: result.value });
      void watchJob(result.value.id);
      return null;
    },

    clearJob() {
      watching++;
      set({ job: null, jobError: null });
    },

    reset() {
      watching++;
      listLoads++;
      set({
        tab: 'codes',
        server: null,
        serverError: null,
        filter: EMPTY_FILTER,
        page: null,
        listError: null,
        notice: null,
        loading: false,
        editing: null,
        history: null,
        versions: null,
        job: null,
        jobError: null,
      });
    },
  };
});
