import { z } from 'zod';
import { EXPECTED_VERSION_FIELD } from '../server-api/version-conflict';
import { text } from '../text';
import { MAX_MAP_BANDS, MAX_MAP_SEATS, type SeatMapProblem } from './map-schema';
import { HOLD_KINDS, SEAT_FLAGS, type SeatMap, type SeatStatus } from './types';

// The seat-map admin routes' bodies and answers (docs/SEATING.md "The admin routes"), shared by the
// server's routes and the back office's screen.

/** Room for a large hall as JSON (about 80 bytes a seat). */
export const MAX_IMPORT_CHARS = 4_000_000;
/** The most seats one manager's hold, release, block or unblock changes at once. */
export const MAX_SEATS_PER_CHANGE = 5000;

const expectedVersion = { [EXPECTED_VERSION_FIELD]: z.number().int().min(1).optional() };

export const seatMapImportBodySchema = z.strictObject({
  venueId: z.uuid(),
  name: text().trim().min(1).max(200),
  format: z.enum(['json', 'csv']),
  content: text().min(1).max(MAX_IMPORT_CHARS),
  /** CSV only (required there): the band names the file uses, best first. */
  bands: z.array(text().trim().min(1).max(100)).min(1).max(MAX_MAP_BANDS).optional(),
});
export type SeatMapImportBody = z.infer<typeof seatMapImportBodySchema>;

/** 400 SEAT_MAP_INVALID: nothing was saved; every problem with its row (docs/SEATING.md). */
export interface SeatMapRefusal {
  ok: false;
  reason: 'SEAT_MAP_INVALID';
  error: 'SEAT_MAP_INVALID';
  message: string;
  problems: SeatMapProblem[];
}

export const seatMapListQuerySchema = z.strictObject({ venueId: z.uuid().optional() });

export interface SeatMapListItem {
  id: string;
  venueId: string;
  name: string;
  /** Seats drawn, kill seats included. */
  seats: number;
  gaCapacity: number;
  version: number;
}

const seatIds = z.array(z.uuid()).min(1).max(MAX_SEATS_PER_CHANGE);

export const seatEditBodySchema = z
  .strictObject({
    seatIds: z.array(z.uuid()).min(1).max(MAX_MAP_SEATS),
    band: text().trim().min(1).max(100).optional(),
    hold: z.enum(HOLD_KINDS).nullable().optional(),
    flags: z.array(z.enum(SEAT_FLAGS)).max(SEAT_FLAGS.length).optional(),
    ...expectedVersion,
  })
  .refine((b) => b.band !== undefined || b.hold !== undefined || b.flags !== undefined, {
    message: 'say what to change: band, hold or flags',
  });
export type SeatEditBody = z.infer<typeof seatEditBodySchema>;

export const attachSeatMapBodySchema = z.strictObject({
  /** null: the performance goes back to unseated. */
  seatMapId: z.uuid().nullable(),
  ...expectedVersion,
});
export type AttachSeatMapBody = z.infer<typeof attachSeatMapBodySchema>;

export interface PerformanceSeatsView {
  map: SeatMap;
  statuses: SeatStatus[];
}

export const seatHoldBodySchema = z.strictObject({
  seatIds,
  kind: z.enum(HOLD_KINDS),
  /** When the hold lapses; absent or null: until a manager releases it. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type SeatHoldBody = z.infer<typeof seatHoldBodySchema>;

export const seatIdsBodySchema = z.strictObject({ seatIds });
export type SeatIdsBody = z.infer<typeof seatIdsBodySchema>;

/** The manager's actions on a performance's seats, by route: POST /v1/performances/:id/seats/<action>. */
export const SEAT_ACTIONS = ['hold', 'release', 'block', 'unblock'] as const;
export type SeatAction = (typeof SEAT_ACTIONS)[number];
