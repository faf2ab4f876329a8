import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Result } from '../../shared/result';
import type { Page, PageRequest } from '../../shared/server-api/page';
import type { Failure } from './sell-store';

// The shape every back-office list of records shares: a filter with paging, the page shown, the record
// being edited, and create / update / remove that keep the list in step. Each screen makes its own store
// with the server calls for its records; the screens then differ only in their columns and fields.

export interface RecordCalls<Row, Filter, Draft> {
  list: (query: Filter & PageRequest) => Promise<Result<Page<Row>>>;
  create?: (draft: Draft) => Promise<Result<Row>>;
  /** `row` is the record as the manager opened it (its version guards against a concurrent edit). */
  update?: (row: Row, draft: Draft) => Promise<Result<Row>>;
  remove?: (row: Row) => Promise<Result<unknown>>;
}

export type RecordEditing<Row> = { mode: 'create' } | { mode: 'edit'; row: Row } | null;

export interface RecordState<Row, Filter, Draft> {
  filter: Filter & { offset: number };
  page: Page<Row> | null;
  loading: boolean;
  /** The sentence for the last failed load or removal; the list above it stays. */
  error: string | null;
  /** A sentence confirming the last change. */
  notice: string | null;
  editing: RecordEditing<Row>;
  setFilter: (patch: Partial<Filter & { offset: number }>) => void;
  load: () => Promise<void>;
  startCreate: () => void;
  startEdit: (row: Row) => void;
  closeEditor: () => void;
  /** Saves the record being edited; on failure the editor stays open with what was typed. */
  save: (draft: Draft) => Promise<Failure | null>;
  remove: (row: Row) => Promise<Failure | null>;
  note: (notice: string | null) => void;
}

export type RecordStore<Row, Filter, Draft> = UseBoundStore<StoreApi<RecordState<Row, Filter, Draft>>>;

export function createRecordStore<Row, Filter extends object, Draft>(
  calls: RecordCalls<Row, Filter, Draft>,
  initialFilter: Filter,
  pageSize = 50,
): RecordStore<Row, Filter, Draft> {
  return create<RecordState<Row, Filter, Draft>>()((set, get) => {
    // Only the newest load's answer is shown: a filter may change while an older one is on its way.
    let loads = 0;
    return {
      filter: { ...initialFilter, offset: 0 },
      page: null,
      loading: false,
      error: null,
      notice: null,
      editing: null,

      setFilter(patch) {
        // A new search or filter starts again at the first page; paging keeps the filter.
        const offset = patch.offset ?? 0;
        set((s) => ({ filter: { ...s.filter, ...patch, offset } }));
        void get().load();
      },

      async load() {
        const ticket = ++loads;
        set({ loading: true });
        const result = await calls.list({ ...get().filter, limit: pageSize });
        if (ticket !== loads) return;
        set(
          result.ok
            ? { page: result.value, loading: false, error: null }
            : { loading: false, error: result.message },
        );
      },

      startCreate: () => set({ editing: { mode: 'create' }, notice: null }),
      startEdit: (row) => set({ editing: { mode: 'edit', row }, notice: null }),
      closeEditor: () => set({ editing: null }),

      async save(draft) {
        const editing = get().editing;
        if (!editing) return null;
        const result =
          editing.mode === 'create' ? await calls.create?.(draft) : await calls.update?.(editing.row, draft);
        if (!result) return null;
        if (!result.ok) return result;
        set({ editing: null });
        await get().load();
        return null;
      },

      async remove(row) {
        const result = await calls.remove?.(row);
        if (!result) return null;
        if (!result.ok) {
          set({ error: result.message });
          return result;
        }
        await get().load();
        return null;
      },

      note: (notice) => set({ notice }),
    };
  });
}
