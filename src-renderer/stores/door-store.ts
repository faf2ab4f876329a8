import { create } from 'zustand';
import type {
  DoorCountsView,
  DoorPerformanceOption,
  DoorScanView,
  DoorView,
} from '../../shared/ipc/domains/door';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';

interface DoorState {
  loaded: boolean;
  options: DoorPerformanceOption[];
  door: DoorView | null;
  /** The answer to the latest scan, shown until the next one. */
  last: DoorScanView | null;
  counts: DoorCountsView | null;
  /** The core's sentence for a scan or a load that failed. */
  error: string | null;
  load: () => Promise<void>;
  open: (performanceIds: string[], door: string) => Promise<Failure | null>;
  scan: (text: string) => Promise<void>;
  refreshCounts: () => Promise<void>;
  reset: () => void;
}

// Scans run one after another: a fast scanner's second code is answered after the first, so the panel
// always shows the latest scan's answer.
let queue: Promise<unknown> = Promise.resolve();

export const useDoorStore = create<DoorState>()((set, get) => ({
  loaded: false,
  options: [],
  door: null,
  last: null,
  counts: null,
  error: null,
  async load() {
    const [options, door] = await Promise.all([api.door.performances({}), api.door.current({})]);
    const failed = !options.ok ? options : !door.ok ? door : null;
    if (failed) noteFailure(failed);
    set({
      loaded: true,
      options: options.ok ? options.value : [],
      door: door.ok ? door.value : null,
      error: failed?.message ?? null,
    });
    if (get().door) await get().refreshCounts();
  },
  async open(performanceIds, door) {
    const result = await api.door.open({ performanceIds, door });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ door: result.value, last: null, counts: null, error: null });
    await get().refreshCounts();
    return null;
  },
  scan(text) {
    const run = async () => {
      const result = await api.door.scan({ text });
      if (!result.ok) {
        noteFailure(result);
        set({ error: result.message, last: null });
        return;
      }
      set({ last: result.value, error: null });
      await get().refreshCounts();
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  },
  async refreshCounts() {
    const result = await api.door.counts({});
    if (result.ok) set({ counts: result.value });
    else noteFailure(result);
  },
  reset() {
    set({ loaded: false, options: [], door: null, last: null, counts: null, error: null });
  },
}));
