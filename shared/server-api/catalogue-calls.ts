import type { z } from 'zod';
import type { PerformanceRunInput } from '../catalogue/performance-run';
import type { CATALOGUE_BODIES } from '../catalogue/schemas';
import { CATALOGUE_PATHS, mutableFields, type CatalogueEntity } from '../catalogue/schemas';
import type {
  EventRecord,
  Performance,
  PriceBand,
  Product,
  TicketPrice,
  TicketType,
  Venue,
} from '../catalogue/types';
import type { Result } from '../result';
import type { TicketLayout } from '../tickets/layout';
import type { EventTicketLayout } from '../tickets/ticket-api';
import type { ServerCall } from './call';
import type { Page, PageRequest } from './page';
import { EXPECTED_VERSION_FIELD } from './version-conflict';

// The catalogue's admin API as a client sees it: list (paged, searchable), create, update with the
// version the editor opened, remove.

export interface CatalogueRows {
  venues: Venue;
  events: EventRecord;
  performances: Performance;
  priceBands: PriceBand;
  ticketTypes: TicketType;
  ticketPrices: TicketPrice;
  products: Product;
}

/** A record as the admin API returns it: its fields and its version. */
export type Versioned<T> = T & { version: number };

export type CatalogueInput<E extends CatalogueEntity> = z.input<(typeof CATALOGUE_BODIES)[E]>;

export interface CatalogueQuery extends PageRequest {
  q?: string;
  venueId?: string;
  eventId?: string;
  performanceId?: string;
  status?: string;
  kind?: string;
  category?: string;
}

export function catalogueCalls(call: ServerCall) {
  const base = (entity: CatalogueEntity) => `/v1/${CATALOGUE_PATHS[entity]}`;
  return {
    list: <E extends CatalogueEntity>(entity: E, query: CatalogueQuery) =>
      call<Page<Versioned<CatalogueRows[E]>>>('GET', base(entity), { query: { ...query } }),
    get: <E extends CatalogueEntity>(entity: E, id: string) =>
      call<Versioned<CatalogueRows[E]>>('GET', `${base(entity)}/${id}`),
    create: <E extends CatalogueEntity>(entity: E, body: CatalogueInput<E>) =>
      call<Versioned<CatalogueRows[E]>>('POST', base(entity), { body }),
    update: <E extends CatalogueEntity>(
      entity: E,
      row: { id: string; version: number },
      changes: Partial<CatalogueInput<E>>,
    ): Promise<Result<Versioned<CatalogueRows[E]>>> =>
      call('PATCH', `${base(entity)}/${row.id}`, {
        body: { ...mutableFields(entity, changes), [EXPECTED_VERSION_FIELD]: row.version },
      }),
    remove: (entity: CatalogueEntity, id: string) => call<null>('DELETE', `${base(entity)}/${id}`),
    /** The layout an event's tickets print in (docs/TICKETS.md "Printing tickets"). */
    ticketLayout: (eventId: string) => call<EventTicketLayout>('GET', `/v1/events/${eventId}/ticket-layout`),
    /** Sets it (null: the default again), from the event's version the editor opened. */
    setTicketLayout: (eventId: string, layout: TicketLayout | null, version: number) =>
      call<EventTicketLayout>('PUT', `/v1/events/${eventId}/ticket-layout`, {
        body: { layout, [EXPECTED_VERSION_FIELD]: version },
      }),
    /** Every performance of a run in one transaction (shared/catalogue/performance-run.ts). */
    createRun: (body: PerformanceRunInput) =>
      call<{ count: number; ids: string[] }>('POST', '/v1/performances/run', { body }),
  };
}
