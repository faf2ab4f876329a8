import type { HoldKind, SeatFlag, SeatMap, SeatStatus } from '../seating/types';
import type { ServerCall } from './call';

// The seat maps' admin API as the back office calls it (docs/SEATING.md; the routes' contract is in
// docs/BACKOFFICE.md "Seat maps"): import, list, read, edit seats, delete; a performance's map and its
// per-performance holds and blocks. Permission catalogue.manage, checked by the server on every call.

export interface SeatMapSummary {
  id: string;
  venueId: string;
  name: string;
  seats: number;
  gaCapacity: number;
  version: number;
}

export interface SeatMapImport {
  venueId: string;
  name: string;
  format: 'json' | 'csv';
  content: string;
  /** CSV only: the bands' names, best first. */
  bands?: string[];
}

export interface SeatEdit {
  seatIds: string[];
  band?: string;
  hold?: HoldKind | null;
  flags?: SeatFlag[];
}

export interface PerformanceSeats {
  map: SeatMap;
  statuses: SeatStatus[];
}

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
