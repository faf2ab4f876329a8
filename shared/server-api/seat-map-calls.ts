import type {
  PerformanceSeatsView,
  SeatEditBody,
  SeatMapImportBody,
  SeatMapListItem,
} from '../seating/admin-api';
import type { HoldKind, SeatMap } from '../seating/types';
import type { ServerCall } from './call';

// The seat maps' admin API as the back office calls it (docs/BACKOFFICE.md "Seat maps"; the bodies and
// answers are shared/seating/admin-api.ts): import, list, read, edit seats, delete; a performance's map
// and its per-performance holds and blocks. Permission catalogue.manage, checked on every call.

/** A list row of GET /v1/seat-maps. */
export type SeatMapSummary = SeatMapListItem;
export type SeatMapImport = SeatMapImportBody;
export type SeatEdit = SeatEditBody;
export type PerformanceSeats = PerformanceSeatsView;

export type PerformanceSeatAction = 'hold' | 'release' | 'block' | 'unblock';

export function seatMapCalls(call: ServerCall) {
  return {
    list: (venueId: string) =>
      call<{ maps: SeatMapSummary[] }>('GET', '/v1/seat-maps', { query: { venueId } }),
    get: (id: string) => call<SeatMap>('GET', `/v1/seat-maps/${id}`),
    /** A refusal carries `problems`, each naming its row (shared/server-api/call.ts ServerFailure). */
    import: (body: SeatMapImport) => call<SeatMap>('POST', '/v1/seat-maps/import', { body }),
    editSeats: (id: string, body: SeatEdit) => call<SeatMap>('PATCH', `/v1/seat-maps/${id}/seats`, { body }),
    remove: (id: string) => call<null>('DELETE', `/v1/seat-maps/${id}`),
    attach: (performanceId: string, seatMapId: string | null) =>
      call<{ id: string; seatMapId?: string | null }>('PUT', `/v1/performances/${performanceId}/seat-map`, {
        body: { seatMapId },
      }),
    performanceSeats: (performanceId: string) =>
      call<PerformanceSeats>('GET', `/v1/performances/${performanceId}/seats`),
    /** Hold (with its kind), release, block or unblock seats of one performance. */
    act: (performanceId: string, action: PerformanceSeatAction, seatIds: string[], kind?: HoldKind) =>
      call<unknown>('POST', `/v1/performances/${performanceId}/seats/${action}`, {
        body: action === 'hold' ? { seatIds, kind } : { seatIds },
      }),
  };
}
