import {
  CATALOGUE_SEARCH_KINDS,
  type CatalogueHit,
  type CatalogueSearch,
} from '../../shared/catalogue/search';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { searchHits } from '../db/repos/catalogue-search-repo';

/** Catalogue rows of the caller's organisation by name, or the names of rows already chosen (by id). */
export async function searchCatalogue(
  ctx: ServerContext,
  principal: Principal,
  search: CatalogueSearch,
): Promise<{ items: CatalogueHit[] }> {
  const items = await searchHits(ctx.db, principal.orgId, {
    kinds: search.kind ? [search.kind] : CATALOGUE_SEARCH_KINDS,
    q: search.q || undefined,
    ids: search.ids,
    // Every id asked for is answered, whatever the page size.
    limit: search.ids ? Math.max(search.limit, search.ids.length) : search.limit,
  });
  return { items };
}
