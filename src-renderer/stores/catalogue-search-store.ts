import { create } from 'zustand';
import type { CatalogueHit, CatalogueSearchKind } from '../../shared/catalogue/search';
import { MAX_SEARCH_IDS } from '../../shared/catalogue/search';
import { api } from '../api';
import { noteFailure } from './session-store';

// Catalogue rows found by name for pickers (GET /v1/catalogue/search through manage.searchCatalogue), and
// every row seen so far by id, so chosen ids show as names. Shared by every screen that picks rows.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CatalogueSearchState {
  /** Rows by id, from searches and from resolve(). */
  known: Record<string, CatalogueHit>;
  /** The last failure's sentence; the picker still works with what is known. */
  error: string | null;
  search: (kind: CatalogueSearchKind, q: string) => Promise<CatalogueHit[]>;
  /** Learns the names of these ids (ids that are no catalogue uuid are skipped). */
  resolve: (ids: readonly string[]) => Promise<void>;
}

export const useCatalogueSearchStore = create<CatalogueSearchState>()((set, get) => {
  const learn = (hits: CatalogueHit[]) =>
    set((s) => ({ known: { ...s.known, ...Object.fromEntries(hits.map((h) => [h.id, h])) }, error: null }));

  return {
    known: {},
    error: null,

    async search(kind, q) {
      const result = await api.manage.searchCatalogue({ kind, ...(q ? { q } : {}), limit: 20 });
      if (!result.ok) {
        noteFailure(result);
        set({ error: result.message });
        return [];
      }
      learn(result.value.items);
      return result.value.items;
    },

    async resolve(ids) {
      const known = get().known;
      const missing = [...new Set(ids)].filter((id) => UUID.test(id) && !known[id]);
      for (let i = 0; i < missing.length; i += MAX_SEARCH_IDS) {
        const result = await api.manage.searchCatalogue({
          ids: missing.slice(i, i + MAX_SEARCH_IDS),
          limit: 20,
        });
        if (!result.ok) {
          noteFailure(result);
          return set({ error: result.message });
        }
        learn(result.value.items);
      }
    },
  };
});
