import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Result } from '../../shared/result';

// A report that pages by keyset (the audit log, the orders report): a filter, the page shown, and the
// cursors of the pages already seen, so "Newer" goes back exactly to the page before. Keyset pages have
// no total and no offset: the server hands out the next page's cursor, null on the last page.

export interface KeysetRows<Row, Cursor> {
  rows: Row[];
  /** The next (older) page's cursor; null on the last page. */
  next: Cursor | null;
}

export interface KeysetCalls<Row, Filter, Cursor> {
  list: (
    filter: Filter,
    cursor: Cursor | undefined,
    limit: number,
  ) => Promise<Result<KeysetRows<Row, Cursor>>>;
  /** Every row of the filter as CSV text. */
  csv: (filter: Filter) => Promise<Result<string>>;
}

export interface KeysetState<Row, Filter, Cursor> {
  filter: Filter;
  /** The cursor of each page shown so far; the last one is the current page's (undefined = newest). */
  cursors: (Cursor | undefined)[];
  page: KeysetRows<Row, Cursor> | null;
  loading: boolean;
  error: string | null;
  /** Changes the filter (an emptied field filters no more) and starts again at the newest page. */
  setFilter: (patch: Partial<Filter>) => void;
  /** Replaces the whole filter, e.g. when another screen opens this one on its own rows. */
  replaceFilter: (filter: Filter) => void;
  load: () => Promise<void>;
  older: () => void;
  newer: () => void;
  csv: () => Promise<Result<string>>;
}

export type KeysetStore<Row, Filter, Cursor> = UseBoundStore<StoreApi<KeysetState<Row, Filter, Cursor>>>;

/** Drops the fields whose value is '' or undefined: a filter field left empty asks for everything. */
export function withoutEmpty<Filter extends object>(filter: Filter): Filter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== '' && value !== undefined),
  ) as Filter;
}

export function createKeysetStore<Row, Filter extends object, Cursor>(
  calls: KeysetCalls<Row, Filter, Cursor>,
  pageSize: number,
): KeysetStore<Row, Filter, Cursor> {
  return create<KeysetState<Row, Filter, Cursor>>()((set, get) => {
    // Only the newest load's answer is shown: a filter may change while an older one is on its way.
    let loads = 0;
    return {
      filter: {} as Filter,
      cursors: [undefined],
      page: null,
      loading: false,
      error: null,
      setFilter(patch) {
        get().replaceFilter({ ...get().filter, ...patch });
      },
      replaceFilter(filter) {
        set({ filter: withoutEmpty(filter), cursors: [undefined] });
        void get().load();
      },
      async load() {
        const ticket = ++loads;
        set({ loading: true });
        const result = await calls.list(get().filter, get().cursors.at(-1), pageSize);
        if (ticket !== loads) return;
        set(
          result.ok
            ? { page: result.value, loading: false, error: null }
            : { loading: false, error: result.message },
        );
      },
      older() {
        const next = get().page?.next;
        if (next === null || next === undefined) return;
        set((s) => ({ cursors: [...s.cursors, next] }));
        void get().load();
      },
      newer() {
        if (get().cursors.length <= 1) return;
        set((s) => ({ cursors: s.cursors.slice(0, -1) }));
        void get().load();
      },
      csv: () => calls.csv(get().filter),
    };
  });
}
