import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapCapacity } from '../../../../shared/seating/capacity';
import { validateSeatMap, type SeatMapValidation } from '../../../../shared/seating/validate';
import { hallCsv, makeHall } from '../../../fixtures/seat-maps';

const EXAMPLE_JSON = readFileSync('docs/examples/seat-map.json', 'utf8');
const EXAMPLE_CSV = readFileSync('docs/examples/seat-map.csv', 'utf8');

const json = (document: unknown) => validateSeatMap({ format: 'json', content: JSON.stringify(document) });
const problems = (result: SeatMapValidation) => (result.ok ? [] : result.problems);
/** A message matching `pattern` (typed, unlike expect.stringMatching). */
const says = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const rows = (result: SeatMapValidation) => problems(result).map((p) => p.row);

describe('seat-map import check', () => {
  it('accepts the documented examples', () => {
    const fromJson = validateSeatMap({ format: 'json', content: EXAMPLE_JSON });
    expect(fromJson.ok).toBe(true);
    if (!fromJson.ok) return;
    expect(fromJson.draft.name).toBe('Studio');
    expect(fromJson.draft.seats).toHaveLength(8);
    expect(fromJson.draft.seats[6]).toMatchObject({ section: 'Stalls', row: 'B', label: '3', hold: 'kill' });
    // 8 seats, one killed, plus 40 standing.
    expect(mapCapacity(fromJson.draft)).toBe(47);

    const fromCsv = validateSeatMap({ format: 'csv', content: EXAMPLE_CSV, bands: ['Front', 'Back'] });
    expect(fromCsv.ok).toBe(true);
    if (!fromCsv.ok) return;
    expect(fromCsv.draft.sections).toEqual([
      { name: 'Stalls', kind: 'seated', capacity: null, band: null },
      { name: 'Circle, left', kind: 'seated', capacity: null, band: null },
    ]);
    // Line numbers count the header and the blank line.
    expect(fromCsv.draft.seats.map((s) => s.source)).toEqual([2, 3, 4, 5, 7, 8, 9, 10]);
  });

  it('accepts a 2,000-seat hall both ways, bands matched without regard to case', () => {
    const hall = makeHall({ seats: 2000, gaCapacity: 100 });
    const fromJson = json(hall);
    expect(fromJson.ok && fromJson.draft.seats.length).toBe(2000);
    const csv = validateSeatMap({
      format: 'csv',
      content: hallCsv(hall).replaceAll(',Premium\n', ',PREMIUM\n'),
      bands: ['Premium', 'Standard', 'Rear'],
    });
    expect(csv.ok).toBe(true);
    if (csv.ok)
      expect(new Set(csv.draft.seats.map((s) => s.band))).toEqual(new Set(['Premium', 'Standard', 'Rear']));
  });

  it('refuses duplicate seat labels, naming the later row and the first', () => {
    const hall = makeHall({ seats: 10 });
    hall.seats[5] = { ...hall.seats[5]!, seat: hall.seats[2]!.seat };
    const result = json(hall);
    expect(rows(result)).toEqual([6]);
    expect(problems(result)[0]?.message).toMatch(/Stalls, row A, seat 3 is there already \(row 3\)/);

    const csv = 'section,row,seat,x,y,band\nStalls,A,1,0,0,Front\n\nStalls,A,1,10,0,Front\n';
    expect(problems(validateSeatMap({ format: 'csv', content: csv, bands: ['Front'] }))).toEqual([
      { row: 4, message: says(/row 2\)/) },
    ]);
  });

  it('refuses a seat outside every section: an unknown name in JSON, an empty section in CSV', () => {
    const hall = makeHall({ seats: 10 });
    hall.seats[4] = { ...hall.seats[4]!, section: 'Balcony' };
    const result = json(hall);
    expect(problems(result)).toEqual([{ row: 5, message: says(/"Balcony".*add it to sections/) }]);

    const csv = 'section,row,seat,x,y,band\nStalls,A,1,0,0,Front\n,A,2,10,0,Front\n';
    expect(problems(validateSeatMap({ format: 'csv', content: csv, bands: ['Front'] }))).toEqual([
      { row: 3, message: says(/section is empty/) },
    ]);
  });

  it('refuses an unknown band on a seat and on the GA area', () => {
    const hall = makeHall({ seats: 10, gaCapacity: 20 });
    hall.seats[0] = { ...hall.seats[0]!, band: 'Gold' };
    hall.sections[2] = { ...hall.sections[2]!, band: 'Silver' };
    const result = json(hall);
    expect(rows(result)).toEqual([0, 1]);
    expect(problems(result)[0]?.message).toMatch(/"Standing" sells at band "Silver"/);
    expect(problems(result)[1]?.message).toMatch(
      /"Gold" is not one of the map's bands \(Premium, Standard, Rear\)/,
    );

    const csv = 'section,row,seat,x,y,band\nStalls,A,1,0,0,Front\nStalls,A,2,10,0,Gold\n';
    expect(rows(validateSeatMap({ format: 'csv', content: csv, bands: ['Front'] }))).toEqual([3]);
  });

  it('refuses a CSV without a band list', () => {
    const csv = 'section,row,seat,x,y,band\nStalls,A,1,0,0,Front\n';
    expect(problems(validateSeatMap({ format: 'csv', content: csv, bands: [] }))[0]).toEqual({
      row: 0,
      message: says(/Name the bands the CSV uses/),
    });
  });

  it('refuses a second GA area and a GA area without capacity or band', () => {
    const hall = makeHall({ seats: 10, gaCapacity: 20 });
    hall.sections.push({ name: 'Terrace', kind: 'ga', capacity: 10, band: 'Rear' });
    expect(problems(json(hall))).toEqual([
      { row: 0, message: says(/at most one GA area.*2 \(Standing, Terrace\)/) },
    ]);
    const bare = makeHall({ seats: 10 });
    bare.sections.push({ name: 'Pit', kind: 'ga' });
    expect(problems(json(bare))).toEqual([{ row: 0, message: says(/"Pit" needs a capacity and a band/) }]);
  });

  it('refuses positions that are not finite numbers, by row', () => {
    const csv =
      'section,row,seat,x,y,band\nStalls,A,1,0,0,Front\nStalls,A,2,abc,0,Front\nStalls,A,3,5,,Front\nStalls,A,4,Infinity,0,Front\n';
    const result = validateSeatMap({ format: 'csv', content: csv, bands: ['Front'] });
    expect(rows(result)).toEqual([3, 4, 5]);
    expect(problems(result)[0]?.message).toMatch(/x is "abc", not a number/);
    expect(problems(result)[1]?.message).toMatch(/y is "", not a number/);

    const hall = makeHall({ seats: 10 }) as { seats: Record<string, unknown>[] };
    hall.seats[5] = { ...hall.seats[5], x: 'left' };
    expect(problems(json(hall))).toEqual([{ row: 6, message: says(/^Seat 6: x: x must be a number/) }]);
  });

  it('refuses bad JSON, a bad shape and an empty map with a document-level problem', () => {
    expect(problems(validateSeatMap({ format: 'json', content: '{"bands": [' }))).toEqual([
      { row: 0, message: says(/not valid JSON/) },
    ]);
    expect(rows(json({ bands: ['A'], sections: [], seats: [{ section: 'S', row: 'A' }] }))).toEqual([
      1, 1, 1, 1,
    ]);
    expect(problems(json({ bands: ['A'], sections: [{ name: 'S', kind: 'seated' }], seats: [] }))).toEqual([
      { row: 0, message: says(/no seats and no GA area/) },
    ]);
  });

  it('caps the list of problems and says how many more there are', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `Stalls,A,${i},x,0,Front`);
    const result = validateSeatMap({
      format: 'csv',
      content: ['section,row,seat,x,y,band', ...lines].join('\n'),
      bands: ['Front'],
    });
    expect(problems(result)).toHaveLength(101);
    expect(problems(result).at(-1)?.message).toMatch(/and 50 more problems/);
  });
});
