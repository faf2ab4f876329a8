import { z } from 'zod';
import { text } from '../text';
import { HOLD_KINDS, SEAT_FLAGS, SEAT_STATES, type SeatMap, type SeatStatus } from './types';

// The SeatMap and SeatStatus of shared/seating/types.ts as zod schemas, for what crosses a process
// boundary whole: a map pulled by a terminal (entity 'seatMap'), and seat states the server answers.

const id = text().min(1).max(100);
const coordinate = z.number().finite().min(-1_000_000).max(1_000_000);

export const seatSectionSchema = z.object({
  id,
  name: text().max(200),
  kind: z.enum(['seated', 'ga']),
  capacity: z.number().int().min(0).max(1_000_000).nullable(),
  band: text().max(200).nullable(),
});

export const seatSchema = z.object({
  id,
  sectionId: id,
  row: text().max(50),
  label: text().max(50),
  x: coordinate,
  y: coordinate,
  band: text().max(200),
  flags: z.array(z.enum(SEAT_FLAGS)).max(SEAT_FLAGS.length),
  hold: z.enum(HOLD_KINDS).nullable(),
});

export const seatMapSchema = z.object({
  id,
  venueId: id,
  name: text().max(200),
  bands: z.array(text().max(200)).max(100),
  sections: z.array(seatSectionSchema).max(1000),
  seats: z.array(seatSchema).max(100_000),
  version: z.number().int().min(1),
}) satisfies z.ZodType<SeatMap>;

export const seatStatusSchema = z.object({
  seatId: id,
  state: z.enum(SEAT_STATES),
  holder: text().max(100).nullable(),
  holdKind: z.enum(HOLD_KINDS).nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
}) satisfies z.ZodType<SeatStatus>;
