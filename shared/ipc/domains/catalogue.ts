import type { EventRecord, Performance, Product } from '../../catalogue/types';

export interface PerformanceAvailability extends Performance {
  sold: number;
  remaining: number;
}

export interface CatalogueEvent extends EventRecord {
  performances: PerformanceAvailability[];
}

export interface TicketOffer {
  ticketPriceId: string;
  eventId: string;
  eventName: string;
  category: string | null;
  performanceId: string;
  startsAt: string;
  ticketTypeId: string;
  ticketTypeName: string;
  priceBandId: string;
  priceBandName: string;
  unitPrice: number;
  vatRate: number;
}

export interface PerformanceOffer {
  currency: string;
  performance: PerformanceAvailability;
  event: EventRecord;
  tickets: TicketOffer[];
  products: Product[];
}
