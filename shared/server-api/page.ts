import { ok, type Result } from '../result';

// One page of a list as every paginated admin route answers it: the rows, how many match in all, and
// where this page starts. Lists never stop at a fixed number of rows; the client asks page by page.

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/**
 * Every row of a paged list, page by page: for a screen that needs them all (a price matrix, the
 * checkboxes of every venue), however many there are.
 */
export async function allPages<T>(
  fetchPage: (page: PageRequest) => Promise<Result<Page<T>>>,
  limit = 1000,
): Promise<Result<T[]>> {
  const rows: T[] = [];
  for (;;) {
    const page = await fetchPage({ limit, offset: rows.length });
    if (!page.ok) return page;
    rows.push(...page.value.items);
    if (page.value.items.length === 0 || rows.length >= page.value.total) return ok(rows);
  }
}
