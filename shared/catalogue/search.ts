import { z } from 'zod';
import type { TargetRef } from '../discounts';
import { text } from '../text';

// Finding catalogue rows by name rather than by id, for pickers in the manager screens and the back
// office (GET /v1/catalogue/search). A hit carries what a person needs to tell two rows apart: the
// name, where it belongs (the event, or the venue of an event) and a performance's curtain-up.

export const CATALOGUE_SEARCH_KINDS = ['event', 'performance', 'ticketType', 'priceBand', 'product'] as const;
export type CatalogueSearchKind = (typeof CATALOGUE_SEARCH_KINDS)[number];

export interface CatalogueHit {
  id: string;
  kind: CatalogueSearchKind;
  /** The row's own name; a performance's is its event's. */
  label: string;
  /** Where it belongs: the venue of an event or performance, the event of the rest; null when none. */
  context: string | null;
  /** A performance's curtain-up (ISO instant), for the client to show in its own language. */
  startsAt: string | null;
}

/** Which code target (shared/discounts/targets.ts) each kind of row is matched by. */
export const TARGET_BY: Record<CatalogueSearchKind, TargetRef['by']> = {
  event: 'event',
  performance: 'schedule',
  ticketType: 'item',
  priceBand: 'priceBand',
  product: 'item',
};

export const MAX_SEARCH_IDS = 100;
export const MAX_SEARCH_LIMIT = 50;

/** A search as the manage channel takes it: by name (`q`, within `kind` if given) or by ids. */
export const catalogueSearchSchema = z.strictObject({
  kind: z.enum(CATALOGUE_SEARCH_KINDS).optional(),
  q: text().trim().max(100).optional(),
  /** Resolves the names of rows already chosen, e.g. the targets of a code being edited. */
  ids: z.array(z.uuid()).min(1).max(MAX_SEARCH_IDS).optional(),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
});
export type CatalogueSearch = z.output<typeof catalogueSearchSchema>;
