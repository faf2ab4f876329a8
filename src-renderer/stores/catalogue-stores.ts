import { create } from 'zustand';
import type { CatalogueEntity } from '../../shared/catalogue/schemas';
import type {
  EventRecord,
  Performance,
  PriceBand,
  Product,
  TicketPrice,
  TicketType,
  Venue,
} from '../../shared/catalogue/types';
import type { PerformanceRunInput } from '../../shared/catalogue/performance-run';
import type { Result } from '../../shared/result';
import {
  catalogueCalls,
  type CatalogueInput,
  type CatalogueRows,
  type Versioned,
} from '../../shared/server-api/catalogue-calls';
import { allPages, type Page } from '../../shared/server-api/page';
import type { TicketLayout } from '../../shared/tickets/layout';
import { server } from '../api/admin-host';
import { createRecordStore } from './record-store';

// The back office's catalogue lists, one record store per kind of record.

const catalogue = catalogueCalls(server);

/** An event's ticket layout (docs/TICKETS.md "Printing tickets"), and setting it (null: the default). */
export const loadTicketLayout = (eventId: string) => catalogue.ticketLayout(eventId);
export const saveTicketLayout = (eventId: string, layout: TicketLayout | null, version: number) =>
  catalogue.setTicketLayout(eventId, layout, version);

/** The plain list/create/update/remove calls of one kind of record, for createRecordStore. */
function callsFor<E extends CatalogueEntity>(entity: E) {
  return {
    list: (query: Parameters<typeof catalogue.list>[1]) => catalogue.list(entity, query),
    create: (draft: CatalogueInput<E>) => catalogue.create(entity, draft),
    update: (row: Versioned<CatalogueRows[E]>, draft: CatalogueInput<E>) =>
      catalogue.update(entity, row, draft),
    remove: (row: Versioned<CatalogueRows[E]>) => catalogue.remove(entity, row.id),
  };
}

export const useVenueStore = createRecordStore<Versioned<Venue>, { q: string }, CatalogueInput<'venues'>>(
  callsFor('venues'),
  { q: '' },
);

export const useEventStore = createRecordStore<
  Versioned<EventRecord>,
  { q: string; venueId?: string },
  CatalogueInput<'events'>
>(callsFor('events'), { q: '' });

/** Lists below an event: its performances, price bands and ticket types (the filter names the event). */
type OfEvent = { eventId: string };

export const usePerformanceStore = createRecordStore<
  Versioned<Performance>,
  OfEvent,
  CatalogueInput<'performances'>
>(callsFor('performances'), { eventId: '' });

export const usePriceBandStore = createRecordStore<
  Versioned<PriceBand>,
  OfEvent,
  CatalogueInput<'priceBands'>
>(callsFor('priceBands'), { eventId: '' }, 100);

export const useTicketTypeStore = createRecordStore<
  Versioned<TicketType>,
  OfEvent,
  CatalogueInput<'ticketTypes'>
>(callsFor('ticketTypes'), { eventId: '' }, 100);

export const useProductStore = createRecordStore<
  Versioned<Product>,
  { q: string; kind?: string },
  CatalogueInput<'products'>
>(callsFor('products'), { q: '' });

/** Records found by name for a picker: the first page of matches and how many match in all. */
export function findByName(
  entity: 'venues' | 'events',
  q: string,
): Promise<Result<Page<{ id: string; name: string }>>> {
  return catalogue.list(entity, { q, limit: 20, offset: 0 });
}

export const getVenue = (id: string) => catalogue.get('venues', id);
export const getEvent = (id: string) => catalogue.get('events', id);
export const createRun = (body: PerformanceRunInput) => catalogue.createRun(body);

/**
 * Every event-wide and performance price of an event, page by page: the price matrix needs them all
 * (types × bands), however many there are.
 */
export function allPrices(eventId: string): Promise<Result<Versioned<TicketPrice>[]>> {
  return allPages((page) => catalogue.list('ticketPrices', { eventId, ...page }));
}

/** Every venue of the organisation, e.g. for the venues a staff member works at. */
export function allVenues(): Promise<Result<Versioned<Venue>[]>> {
  return allPages((page) => catalogue.list('venues', page));
}

export const savePrice = (
  row: Versioned<TicketPrice> | null,
  draft: CatalogueInput<'ticketPrices'>,
): Promise<Result<Versioned<TicketPrice>>> =>
  row
    ? catalogue.update('ticketPrices', row, { unitPrice: draft.unitPrice, vatRate: draft.vatRate })
    : catalogue.create('ticketPrices', draft);

export const removePrice = (row: Versioned<TicketPrice>) => catalogue.remove('ticketPrices', row.id);

interface NameState {
  /** Names of venues and events by id, for the lists that show a record's venue or event. */
  names: Record<string, string>;
  /** Looks up the names not known yet; a record that is gone keeps showing its id. */
  resolve: (entity: 'venues' | 'events', ids: readonly (string | null)[]) => Promise<void>;
}

export const useNameStore = create<NameState>()((set, get) => ({
  names: {},
  async resolve(entity, ids) {
    const missing = [...new Set(ids)].filter((id): id is string => !!id && !(id in get().names));
    const found = await Promise.all(missing.map((id) => catalogue.get(entity, id)));
    const names: Record<string, string> = {};
    for (const result of found) if (result.ok) names[result.value.id] = result.value.name;
    set((s) => ({ names: { ...s.names, ...names } }));
  },
}));
