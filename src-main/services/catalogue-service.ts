import type {
  CatalogueEvent,
  PerformanceAvailability,
  PerformanceOffer,
} from '../../shared/ipc/domains/catalogue';
import { err, ok, type Result } from '../../shared/result';
import type { Db } from '../db/connection';
import {
  getEvent,
  getPerformance,
  getVenue,
  listEvents,
  listPerformances,
  listProducts,
  listTicketOffers,
  type PerformanceWithSales,
} from '../db/repos/catalogue-repo';
import type { Translate } from '../messages';

const withRemaining = (p: PerformanceWithSales): PerformanceAvailability => ({
  ...p,
  remaining: Math.max(0, p.capacity - p.sold),
});

export type CatalogueService = ReturnType<typeof createCatalogueService>;

export function createCatalogueService(db: Db, t: Translate) {
  return {
    events(): CatalogueEvent[] {
      const performances = listPerformances(db).map(withRemaining);
      return listEvents(db).map((event) => ({
        ...event,
        performances: performances.filter((p) => p.eventId === event.id),
      }));
    },

    performance(performanceId: string): Result<PerformanceOffer> {
      const performance = getPerformance(db, performanceId);
      const event = performance && getEvent(db, performance.eventId);
      if (!performance || !event) return err('UNKNOWN_ITEM', t('UNKNOWN_ITEM'));
      return ok({
        currency: getVenue(db)?.currency ?? 'EUR',
        performance: withRemaining(performance),
        event,
        tickets: listTicketOffers(db, performanceId),
        products: listProducts(db, event.id),
      });
    },
  };
}
