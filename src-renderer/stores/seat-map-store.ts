import { create } from 'zustand';
import type { HoldKind, SeatMap } from '../../shared/seating/types';
import type { ServerFailure } from '../../shared/server-api/call';
import {
  seatMapCalls,
  type PerformanceSeatAction,
  type PerformanceSeats,
  type SeatEdit,
  type SeatMapImport,
  type SeatMapSummary,
} from '../../shared/server-api/seat-map-calls';
import { server } from '../api/admin-host';
import type { Failure } from './sell-store';

// The back office's seat maps (docs/BACKOFFICE.md "Seat maps"): a venue's maps, importing one (a refusal
// keeps the typed content and lists the server's problems by row), the map open in the editor with the
// seats selected on it, and one performance's seats with their holds and blocks.

const calls = seatMapCalls(server);

export interface ImportProblem {
  row: number;
  message: string;
}

/** A refused import: the sentence and, when the server named them, the problems row by row. */
export type ImportFailure = Failure & { problems: ImportProblem[] };

interface SeatMapState {
  venueId: string | null;
  maps: SeatMapSummary[] | null;
  error: string | null;
  notice: string | null;
  /** The map open in the editor, and the seats selected on it. */
  open: SeatMap | null;
  selection: string[];
  chooseVenue: (venueId: string | null) => Promise<void>;
  load: () => Promise<void>;
  importMap: (body: Omit<SeatMapImport, 'venueId'>) => Promise<ImportFailure | null>;
  openMap: (id: string) => Promise<void>;
  closeMap: () => void;
  select: (seatIds: string[]) => void;
  /** Sets band, map hold or flags of the selected seats; the selection stays for the next change. */
  editSelected: (edit: Omit<SeatEdit, 'seatIds'>) => Promise<Failure | null>;
  remove: (id: string) => Promise<Failure | null>;
  note: (notice: string | null) => void;
}

export const useSeatMapStore = create<SeatMapState>()((set, get) => ({
  venueId: null,
  maps: null,
  error: null,
  notice: null,
  open: null,
  selection: [],

  async chooseVenue(venueId) {
    set({ venueId, maps: null, open: null, selection: [], error: null, notice: null });
    if (venueId) await get().load();
  },

  async load() {
    const venueId = get().venueId;
    if (!venueId) return;
    const result = await calls.list(venueId);
    if (get().venueId !== venueId) return;
    set(result.ok ? { maps: result.value.maps, error: null } : { error: result.message });
  },

  async importMap(body) {
    const venueId = get().venueId;
    if (!venueId) return { reason: 'NO_VENUE', message: '', problems: [] };
    const result = await calls.import({ ...body, venueId });
    if (!result.ok) return { ...result, problems: (result as ServerFailure).problems ?? [] };
    set({ open: result.value, selection: [] });
    await get().load();
    return null;
  },

  async openMap(id) {
    const result = await calls.get(id);
    set(
      result.ok
        ? { open: result.value, selection: [], error: null, notice: null }
        : { error: result.message },
    );
  },

  closeMap: () => set({ open: null, selection: [], notice: null }),
  select: (selection) => set({ selection, notice: null }),

  async editSelected(edit) {
    const { open, selection } = get();
    if (!open || selection.length === 0) return null;
    const result = await calls.editSeats(open.id, { ...edit, seatIds: selection });
    if (!result.ok) return result;
    set({ open: result.value });
    void get().load();
    return null;
  },

  async remove(id) {
    const result = await calls.remove(id);
    if (!result.ok) {
      set({ error: result.message });
      return result;
    }
    await get().load();
    return null;
  },

  note: (notice) => set({ notice }),
}));

interface PerformanceSeatState {
  performanceId: string | null;
  seats: PerformanceSeats | null;
  selection: string[];
  error: string | null;
  load: (performanceId: string) => Promise<void>;
  select: (seatIds: string[]) => void;
  act: (action: PerformanceSeatAction, kind?: HoldKind) => Promise<Failure | null>;
  close: () => void;
}

/** One performance's seats in the back office: holds, releases, blocks and unblocks. */
export const usePerformanceSeatStore = create<PerformanceSeatState>()((set, get) => ({
  performanceId: null,
  seats: null,
  selection: [],
  error: null,

  async load(performanceId) {
    if (get().performanceId !== performanceId) set({ performanceId, seats: null, selection: [] });
    const result = await calls.performanceSeats(performanceId);
    if (get().performanceId !== performanceId) return;
    set(result.ok ? { seats: result.value, error: null } : { error: result.message });
  },

  select: (selection) => set({ selection }),

  async act(action, kind) {
    const { performanceId, selection } = get();
    if (!performanceId || selection.length === 0) return null;
    const result = await calls.act(performanceId, action, selection, kind);
    if (!result.ok) return result;
    set({ selection: [] });
    await get().load(performanceId);
    return null;
  },

  close: () => set({ performanceId: null, seats: null, selection: [], error: null }),
}));

/** The maps of a venue, for the performance form's picker. */
export const listSeatMaps = (venueId: string) => calls.list(venueId);
/** Puts a map on a performance (null: unreserved again); the server checks bands and capacity. */
export const attachSeatMap = (performanceId: string, seatMapId: string | null) =>
  calls.attach(performanceId, seatMapId);
/** Which map a performance uses now: null when it has none. */
export async function seatMapOf(performanceId: string): Promise<string | null> {
  const result = await calls.performanceSeats(performanceId);
  return result.ok ? result.value.map.id : null;
}
