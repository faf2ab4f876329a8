import { z } from 'zod';
import { text } from '../text';
import { HOLD_KINDS, SEAT_FLAGS } from './types';

// The JSON document a seat map is imported from (docs/SEATING.md "Seat maps", example in
// docs/examples/seat-map.json). It names sections and bands by name, never by id: the server gives the
// ids when it saves the map. The shape is checked here; what needs the whole document (a seat naming a
// section that exists, a band the map lists, labels unique) is checked by validate.ts.

/** The most seats one map may hold: larger than any hall, small enough to save in one request. */
export const MAX_MAP_SEATS = 20_000;
export const MAX_MAP_SECTIONS = 200;
export const MAX_MAP_BANDS = 50;
/** Row and seat labels as the database keeps them (migrations/server/0030_seating.sql). */
export const MAX_LABEL = 20;

const name = (what: string) =>
  text()
    .trim()
    .min(1, `${what} is empty: give it a name`)
    .max(200, `${what} is longer than 200 characters: shorten it`);

const label = (what: string) =>
  text()
    .trim()
    .min(1, `the ${what} label is empty: fill it in`)
    .max(MAX_LABEL, `the ${what} label is longer than ${MAX_LABEL} characters: shorten it`);

const position = (axis: 'x' | 'y') =>
  z.number({ error: `${axis} must be a number (map units): fix the seat's position` });

export const mapSectionSchema = z.strictObject({
  /** Unique within the map; seats name their section by it. */
  name: name('a section name'),
  /** `seated`: rows of seats; `ga`: a standing area sold by its capacity (at most one per map). */
  kind: z.enum(['seated', 'ga'], { error: "a section's kind is 'seated' or 'ga'" }),
  /** GA only (required there): how many people the area takes. */
  capacity: z
    .number()
    .int('a GA capacity is a whole number of places')
    .min(1, 'a GA capacity is at least 1')
    .max(1_000_000, 'a GA capacity is at most 1,000,000')
    .optional(),
  /** GA only (required there): the band, one of `bands`, its places sell at. */
  band: text().trim().min(1).max(100).optional(),
});
export type MapSectionDocument = z.infer<typeof mapSectionSchema>;

export const mapSeatSchema = z.strictObject({
  /** The name of a seated section in `sections`. */
  section: text().trim().max(200),
  row: label('row'),
  /** The seat's own label in its row: "12", "A". Unique per section and row. */
  seat: label('seat'),
  /** Position in map units; y grows towards the back of the house. */
  x: position('x'),
  y: position('y'),
  /** One of `bands`. */
  band: text().trim().max(100),
  /** Marks the cashier is told about: wheelchair, companion, restricted_view, aisle. */
  flags: z
    .array(z.enum(SEAT_FLAGS, { error: `a flag is one of ${SEAT_FLAGS.join(', ')}` }))
    .max(4)
    .optional(),
  /** A hold the map puts on the seat in every performance: house, press or kill (not sellable). */
  hold: z
    .enum(HOLD_KINDS, { error: `a hold is one of ${HOLD_KINDS.join(', ')} or null` })
    .nullable()
    .optional(),
});
export type MapSeatDocument = z.infer<typeof mapSeatSchema>;

/**
 * `{name?, bands, sections, seats}`. `bands` lists the band names best first; each must name a price
 * band of the event of every performance that uses the map (compared without regard to case).
 */
export const seatMapDocumentSchema = z.strictObject({
  /** The hall's name; the import request's `name` wins when both are given. */
  name: name("the map's name").optional(),
  bands: z
    .array(text().trim().min(1, 'a band name is empty').max(100))
    .min(1, 'the map lists no bands: name at least one, best first')
    .max(MAX_MAP_BANDS, `a map has at most ${MAX_MAP_BANDS} bands`),
  sections: z.array(mapSectionSchema).max(MAX_MAP_SECTIONS, `a map has at most ${MAX_MAP_SECTIONS} sections`),
  seats: z.array(mapSeatSchema).max(MAX_MAP_SEATS, `a map has at most ${MAX_MAP_SEATS} seats`),
});
export type SeatMapDocument = z.infer<typeof seatMapDocumentSchema>;

/**
 * One thing wrong with an import. `row`: the CSV line (the header is line 1) or the JSON seat's 1-based
 * index; 0 when it concerns the document as a whole (its bands or sections).
 */
export interface SeatMapProblem {
  row: number;
  message: string;
}
