import { readSeatCsv } from './csv';
import {
  MAX_LABEL,
  MAX_MAP_BANDS,
  MAX_MAP_SEATS,
  seatMapDocumentSchema,
  type SeatMapDocument,
  type SeatMapProblem,
} from './map-schema';
import type { HoldKind, Seat, SeatFlag, SeatSection } from './types';

// One check for both ways a map comes in (docs/SEATING.md "Seat maps"): a JSON document or CSV lines.
// Everything is checked before anything is saved, and every problem names its row (CSV line, JSON seat
// index; 0 for the document) with a sentence saying what to change. The server saves only a draft that
// passed; the back office may run the same check before it uploads.

/** A seat as imported: its section by name, and the row it came from. */
export interface DraftSeat extends Omit<Seat, 'id' | 'sectionId'> {
  section: string;
  source: number;
}

/** A checked map without ids: the server gives them when it saves it. */
export interface SeatMapDraft {
  name: string | null;
  bands: string[];
  sections: Omit<SeatSection, 'id'>[];
  seats: DraftSeat[];
}

export type SeatMapSource =
  | { format: 'json'; content: string }
  /** CSV carries no band list: `bands` names them, best first. */
  | { format: 'csv'; content: string; bands: readonly string[] };

export type SeatMapValidation = { ok: true; draft: SeatMapDraft } | { ok: false; problems: SeatMapProblem[] };

/** Enough to act on; a file wrong on every line needs no thousand sentences. */
export const MAX_PROBLEMS = 100;

/** A seat line before its numbers are known to be numbers. */
interface RawSeat {
  source: number;
  section: string;
  row: string;
  seat: string;
  x: number;
  y: number;
  band: string;
  flags: SeatFlag[];
  hold: HoldKind | null;
}

export function validateSeatMap(source: SeatMapSource): SeatMapValidation {
  return source.format === 'json' ? fromJson(source.content) : fromCsv(source.content, source.bands);
}

function fromJson(content: string): SeatMapValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return refuse([{ row: 0, message: 'The content is not valid JSON: check quotes, commas and brackets.' }]);
  }
  return validateSeatMapDocument(parsed);
}

/** An already parsed JSON document (the back office's editor holds one). */
export function validateSeatMapDocument(document: unknown): SeatMapValidation {
  const parsed = seatMapDocumentSchema.safeParse(document);
  if (!parsed.success) {
    return refuse(
      parsed.error.issues.map((issue) => {
        const [top, index, ...rest] = issue.path;
        if (top === 'seats' && typeof index === 'number') {
          const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
          return { row: index + 1, message: `Seat ${index + 1}: ${field}${issue.message}.` };
        }
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        return { row: 0, message: `${where}${issue.message}.` };
      }),
    );
  }
  const doc: SeatMapDocument = parsed.data;
  const seats: RawSeat[] = doc.seats.map((s, i) => ({
    source: i + 1,
    section: s.section,
    row: s.row,
    seat: s.seat,
    x: s.x,
    y: s.y,
    band: s.band,
    flags: [...new Set(s.flags ?? [])],
    hold: s.hold ?? null,
  }));
  const sections = doc.sections.map((s) => ({
    name: s.name,
    kind: s.kind,
    capacity: s.capacity ?? null,
    band: s.band ?? null,
  }));
  return check(doc.name ?? null, doc.bands, sections, seats, [], 'json');
}

function fromCsv(content: string, bands: readonly string[]): SeatMapValidation {
  const read = readSeatCsv(content);
  const problems = [...read.problems];
  const seats: RawSeat[] = [];
  const sectionNames: string[] = [];
  for (const r of read.rows) {
    const x = coordinate(r.x);
    const y = coordinate(r.y);
    if (x === null || y === null) {
      const [axis, value] = x === null ? ['x', r.x] : ['y', r.y];
      problems.push({
        row: r.line,
        message: `${axis} is "${value}", not a number: write the seat's position in map units, such as 120.5.`,
      });
      continue;
    }
    if (r.section === '') {
      problems.push({
        row: r.line,
        message: 'The section is empty: name the section the seat is in (Stalls, Circle…).',
      });
      continue;
    }
    if (r.section.length > 200) {
      problems.push({ row: r.line, message: 'The section name is longer than 200 characters: shorten it.' });
      continue;
    }
    // A section named in the CSV becomes a seated section, in the order the file first names it.
    if (!sectionNames.includes(r.section)) sectionNames.push(r.section);
    seats.push({ source: r.line, ...r, x, y, flags: [], hold: null });
  }
  const sections = sectionNames.map((name) => ({
    name,
    kind: 'seated' as const,
    capacity: null,
    band: null,
  }));
  return check(null, [...bands], sections, seats, problems, 'csv');
}

/** A finite number written plainly; '' and 'abc' are not positions. */
function coordinate(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function check(
  name: string | null,
  bandList: string[],
  sections: Omit<SeatSection, 'id'>[],
  seats: RawSeat[],
  problems: SeatMapProblem[],
  format: 'json' | 'csv',
): SeatMapValidation {
  // Bands: named once each (case aside, as they are matched to price bands without regard to case).
  const bands = new Map<string, string>();
  if (bandList.length === 0) {
    problems.push({
      row: 0,
      message:
        format === 'csv'
          ? 'Name the bands the CSV uses, best first (bands): a CSV carries no band list.'
          : 'The map lists no bands: name at least one, best first.',
    });
  }
  if (bandList.length > MAX_MAP_BANDS) {
    problems.push({ row: 0, message: `A map has at most ${MAX_MAP_BANDS} bands: merge some.` });
  }
  for (const band of bandList.map((b) => b.trim())) {
    if (band === '' || band.length > 100) {
      problems.push({ row: 0, message: 'A band name is empty or longer than 100 characters: fix it.' });
    } else if (bands.has(band.toLowerCase())) {
      problems.push({ row: 0, message: `The band "${band}" is listed twice: list each band once.` });
    } else {
      bands.set(band.toLowerCase(), band);
    }
  }
  const known = (band: string) => bands.get(band.trim().toLowerCase());
  const bandNames = [...bands.values()].join(', ');

  // Sections: names unique; at most one GA area, with its capacity and band; seated ones have neither.
  const byName = new Map<string, Omit<SeatSection, 'id'>>();
  const checkedSections: Omit<SeatSection, 'id'>[] = [];
  for (const section of sections) {
    if (byName.has(section.name)) {
      problems.push({
        row: 0,
        message: `The section "${section.name}" is listed twice: give each section its own name.`,
      });
      continue;
    }
    byName.set(section.name, section);
    if (section.kind === 'seated') {
      if (section.capacity !== null || section.band !== null) {
        problems.push({
          row: 0,
          message: `The seated section "${section.name}" has a capacity or band: its seats are its capacity and carry their own bands, so remove them (or make it kind 'ga').`,
        });
      }
      checkedSections.push(section);
      continue;
    }
    if (section.capacity === null || section.band === null) {
      problems.push({
        row: 0,
        message: `The GA area "${section.name}" needs a capacity and a band: add both.`,
      });
      continue;
    }
    const band = known(section.band);
    if (!band) {
      problems.push({
        row: 0,
        message: `The GA area "${section.name}" sells at band "${section.band}", which the map does not list (${bandNames}): use one of them or add it to bands.`,
      });
      continue;
    }
    checkedSections.push({ ...section, band });
  }
  const areas = sections.filter((s) => s.kind === 'ga');
  if (areas.length > 1) {
    problems.push({
      row: 0,
      message: `A map has at most one GA area, and this one has ${areas.length} (${areas.map((a) => a.name).join(', ')}): draw them as one area with their capacities added up.`,
    });
  }

  // Seats: in a seated section, at a band the map lists, each label once per section and row.
  if (seats.length > MAX_MAP_SEATS) {
    problems.push({ row: 0, message: `A map has at most ${MAX_MAP_SEATS} seats: split the hall into maps.` });
  }
  const seen = new Map<string, number>();
  const draftSeats: DraftSeat[] = [];
  for (const seat of seats) {
    const at = seat.source;
    const section = byName.get(seat.section);
    if (!section) {
      problems.push({
        row: at,
        message: `The seat names the section "${seat.section}", which the map does not have: add it to sections or fix the name.`,
      });
      continue;
    }
    if (section.kind === 'ga') {
      problems.push({
        row: at,
        message: `The seat is in "${seat.section}", a GA area without seats: put it in a seated section.`,
      });
      continue;
    }
    const labelProblem = labelIssue(seat.row, 'row') ?? labelIssue(seat.seat, 'seat');
    if (labelProblem) {
      problems.push({ row: at, message: labelProblem });
      continue;
    }
    if (!Number.isFinite(seat.x) || !Number.isFinite(seat.y)) {
      problems.push({ row: at, message: "The seat's x or y is not a finite number: fix its position." });
      continue;
    }
    const band = known(seat.band);
    if (!band) {
      problems.push({
        row: at,
        message: `The band "${seat.band}" is not one of the map's bands (${bandNames}): use one of them${format === 'csv' ? ' or add it to the bands you name' : ' or add it to bands'}.`,
      });
      continue;
    }
    const key = JSON.stringify([seat.section, seat.row, seat.seat]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        row: at,
        message: `${seat.section}, row ${seat.row}, seat ${seat.seat} is there already (row ${first}): give each seat of a row its own label.`,
      });
      continue;
    }
    seen.set(key, at);
    draftSeats.push({
      source: at,
      section: seat.section,
      row: seat.row,
      label: seat.seat,
      x: seat.x,
      y: seat.y,
      band,
      flags: seat.flags,
      hold: seat.hold,
    });
  }
  if (problems.length === 0 && seats.length === 0 && areas.length === 0) {
    problems.push({ row: 0, message: 'The map has no seats and no GA area: add the seats of the hall.' });
  }
  if (problems.length > 0) return refuse(problems);
  return {
    ok: true,
    draft: { name, bands: [...bands.values()], sections: checkedSections, seats: draftSeats },
  };
}

function labelIssue(value: string, what: 'row' | 'seat'): string | null {
  if (value === '') return `The ${what} label is empty: fill it in.`;
  if (value.length > MAX_LABEL)
    return `The ${what} label is longer than ${MAX_LABEL} characters: shorten it.`;
  return null;
}

function refuse(problems: SeatMapProblem[]): SeatMapValidation {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  if (sorted.length <= MAX_PROBLEMS) return { ok: false, problems: sorted };
  const rest = sorted.length - MAX_PROBLEMS;
  return {
    ok: false,
    problems: [
      ...sorted.slice(0, MAX_PROBLEMS),
      {
        row: sorted[MAX_PROBLEMS]?.row ?? 0,
        message: `…and ${rest} more problems like these: fix these first.`,
      },
    ],
  };
}
