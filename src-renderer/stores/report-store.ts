import { create } from 'zustand';
import type { CodeReport, OverusePage } from '../../shared/ipc/domains/manage';
import { dayRange } from '../lib/date-range';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useManageStore } from './manage-store';

export type GroupBy = 'code' | 'parent';

/** Rows shown on screen; the CSV export has them all. */
export const REPORT_ROWS = 200;

interface ReportState {
  /** yyyy-mm-dd in the terminal's time zone, '' = open-ended. */
  from: string;
  to: string;
  groupBy: GroupBy;
  /** Only codes used in the range (the default), or every code. */
  usedOnly: boolean;
  report: CodeReport | null;
  overuses: OverusePage | null;
  error: string | null;
  loading: boolean;
  setRange: (from: string, to: string) => void;
  setGroupBy: (groupBy: GroupBy) => void;
  setUsedOnly: (usedOnly: boolean) => void;
  loadReport: () => Promise<void>;
  loadOveruses: () => Promise<void>;
  /** The report as CSV text for the current filters. */
  exportCsv: () => Promise<{ csv: string } | Failure>;
  reset: () => void;
}

const fail = (failure: Failure) => {
  noteFailure(failure);
  if (failure.reason === 'SERVER_SIGN_IN_REQUIRED' || failure.reason === 'SERVER_SESSION_ENDED') {
    void useManageStore.getState().loadSession();
  }
};

/**
 * Loads are numbered: changing a filter while a load is on its way starts another, and only the newest
 * one's answer is shown; `reset` skips the numbers on, so nothing asked before sign-out lands after it.
 */
let reportLoads = 0;
let overuseLoads = 0;

export const useReportStore = create<ReportState>()((set, get) => ({
  from: '',
  to: '',
  groupBy: 'code',
  usedOnly: true,
  report: null,
  overuses: null,
  error: null,
  loading: false,

  setRange(from, to) {
    set({ from, to });
  },

  setGroupBy(groupBy) {
    set({ groupBy });
    void get().loadReport();
  },

  setUsedOnly(usedOnly) {
    set({ usedOnly });
    void get().loadReport();
  },

  async loadReport() {
    const { from, to, groupBy, usedOnly } = get();
    const load = ++reportLoads;
    set({ loading: true });
    const result = await api.manage.codeReport({
      ...dayRange(from, to),
      groupBy,
      usedOnly,
      limit: REPORT_ROWS,
      offset: 0,
    });
    if (load !== reportLoads) return;
    if (!result.ok) {
      fail(result);
      return set({ loading: false, error: result.message });
    }
    set({ loading: false, report: result.value, error: null });
  },

  async loadOveruses() {
    const { from, to } = get();
    const load = ++overuseLoads;
    set({ loading: true });
    const result = await api.manage.overuseReport({ ...dayRange(from, to), limit: 200, offset: 0 });
    if (load !== overuseLoads) return;
    if (!result.ok) {
      fail(result);
      return set({ loading: false, error: result.message });
    }
    set({ loading: false, overuses: result.value, error: null });
  },

  async exportCsv() {
    const { from, to, groupBy, usedOnly } = get();
    const result = await api.manage.exportCsv({ ...dayRange(from, to), groupBy, usedOnly });
    if (!result.ok) {
      fail(result);
      set({ error: result.message });
      return result;
    }
    return { csv: result.value };
  },

  reset() {
    reportLoads++;
    overuseLoads++;
    set({
      from: '',
      to: '',
      groupBy: 'code',
      usedOnly: true,
      report: null,
      overuses: null,
      error: null,
      loading: false,
    });
  },
}));
