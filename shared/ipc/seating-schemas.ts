import { z } from 'zod';
import type { SeatLabel, SeatMap, SeatStatus } from '../seating/types';
import { text } from '../text';
import { channels as c } from './channels';
import type { CartView } from './domains/sell';

// The `seats` domain's requests and answers (docs/SEATING.md "At the window"), spread into the one
// contract (contract.ts). The renderer's seat picker codes against exactly these.

const id = text().min(1).max(100);
const seatIds = (max: number) =>
  z
    .array(id)
    .min(1)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'list each seat once' });

export const seatRequestSchemas = {
  [c.seats.map]: z.strictObject({ performanceId: id }),
  [c.seats.states]: z.strictObject({ performanceId: id }),
  [c.seats.pick]: z.strictObject({ performanceId: id, seatIds: seatIds(50), ticketTypeId: id }),
  [c.seats.unpick]: z.strictObject({ seatIds: seatIds(50) }),
  [c.seats.best]: z.strictObject({
    performanceId: id,
    n: z.number().int().min(1).max(20),
    band: text().min(1).max(200).optional(),
  }),
};

/** A price of one band for one ticket type, as the picker offers it. */
export interface SeatBandPrice {
  ticketPriceId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  unitPrice: number;
}

/**
 * The seats' states without the map they are of: what an open picker asks for every few seconds and
 * after each pick. The map (hundreds of kilobytes for a big hall) only travels again when its version
 * changed, which `mapVersion` tells.
 */
export interface SeatStatesView {
  performanceId: string;
  /** The map the states are of: a performance may change maps, each numbering its versions from 1. */
  mapId: string;
  mapVersion: number;
  statuses: SeatStatus[];
  /** Seats this terminal holds: in its cart now, and leased to it (unsold). */
  mine: { cart: string[]; leased: string[] };
  /** 'server': states the server answered just now; 'local': the terminal's cache. */
  source: 'server' | 'local';
  /** 'leased-only' while the server cannot be reached: only `mine.leased` seats can be chosen. */
  mode: 'online' | 'leased-only';
  fetchedAt: string;
}

export interface SeatMapView extends SeatStatesView {
  map: SeatMap;
  /** The map's bands, best first, with the event's price band each names and its prices. */
  bands: { band: string; priceBandId: string; prices: SeatBandPrice[] }[];
}

export interface BestAvailableView {
  /** N seats together, or null when there are none. */
  seatIds: string[] | null;
  /** When not together: the best split, fewest groups first. */
  split: string[][] | null;
  message: string;
}

export type { SeatLabel };

export interface SeatResponseTypes {
  [c.seats.map]: SeatMapView;
  [c.seats.states]: SeatStatesView;
  [c.seats.pick]: CartView;
  [c.seats.unpick]: CartView;
  [c.seats.best]: BestAvailableView;
}
