import type { CatalogueHit, CatalogueSearchKind } from '../../../shared/catalogue/search';
import type { Queryable } from '../database';
import { containsPattern } from '../like';

// Every searchable catalogue row as one shape (shared/catalogue/search.ts), each kind with its context:
// events and performances by venue, the rest by event. Each branch is scoped to the organisation.
const HITS = `
  SELECT e.id::text AS id, 'event' AS kind, e.name AS label, v.name AS context, NULL::timestamptz AS "startsAt"
    FROM events e JOIN venues v ON v.id = e.venue_id WHERE e.org_id = $1
  UNION ALL
  SELECT p.id::text, 'performance', e.name, v.name, p.starts_at
    FROM performances p JOIN events e ON e.id = p.event_id JOIN venues v ON v.id = e.venue_id WHERE p.org_id = $1
  UNION ALL
  SELECT t.id::text, 'ticketType', t.name, e.name, NULL
    FROM ticket_types t JOIN events e ON e.id = t.event_id WHERE t.org_id = $1
  UNION ALL
  SELECT b.id::text, 'priceBand', b.name, e.name, NULL
    FROM price_bands b JOIN events e ON e.id = b.event_id WHERE b.org_id = $1
  UNION ALL
  SELECT r.id::text, 'product', r.name, COALESCE(e.name, r.category), NULL
    FROM products r LEFT JOIN events e ON e.id = r.event_id WHERE r.org_id = $1`;

export interface HitFilter {
  kinds: readonly CatalogueSearchKind[];
  q?: string | undefined;
  ids?: readonly string[] | undefined;
  limit: number;
}

/** Rows whose name or context contains `q` (any case), or whose id is among `ids`; by name, then time. */
export async function searchHits(db: Queryable, orgId: string, filter: HitFilter): Promise<CatalogueHit[]> {
  const q = filter.q ? containsPattern(filter.q) : null;
  return db.query<CatalogueHit>(
    `SELECT id, kind, label, context, "startsAt" FROM (${HITS}) hits
     WHERE kind = ANY(string_to_array($2, ','))
       AND ($3::text IS NULL OR label ILIKE $3 OR context ILIKE $3)
       AND ($4::text IS NULL OR id = ANY(string_to_array($4, ',')))
     ORDER BY label, "startsAt" NULLS FIRST, context NULLS FIRST, id
     LIMIT $5`,
    [orgId, filter.kinds.join(','), q, filter.ids ? filter.ids.join(',') : null, filter.limit],
  );
}
