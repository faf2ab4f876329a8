import type { SeatMapProblem } from './map-schema';

// Seat maps from a spreadsheet (docs/SEATING.md "Seat maps"): RFC 4180 CSV with the header
// `section,row,seat,x,y,band`. Fields may be quoted ("Stalls, left"; a quote inside is doubled), blank
// lines are skipped, and every record keeps the line it starts on so a refusal names the line the
// manager sees in the spreadsheet (the header is line 1).

export const SEAT_CSV_HEADER = ['section', 'row', 'seat', 'x', 'y', 'band'] as const;

/** One seat line as written: numbers are still text, checked by validate.ts with the line's number. */
export interface CsvSeatRow {
  line: number;
  section: string;
  row: string;
  seat: string;
  x: string;
  y: string;
  band: string;
}

interface CsvRecord {
  line: number;
  cells: string[];
  /** A record of one empty unquoted cell: a blank line. */
  blank: boolean;
}

/** Splits CSV text into records; an unterminated quote is reported with the line it opened on. */
export function csvRecords(content: string): { records: CsvRecord[]; unterminatedAt: number | null } {
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let sawQuote = false;
  let i = content.charCodeAt(0) === 0xfeff ? 1 : 0; // a spreadsheet's byte-order mark
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: start, cells, blank: cells.length === 1 && cell === '' && !sawQuote });
    cells = [];
    cell = '';
    sawQuote = false;
  };
  for (; i < content.length; i += 1) {
    const ch = content[i] as string;
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      sawQuote = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && content[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      start = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { records, unterminatedAt: start };
  if (cell !== '' || cells.length > 0 || sawQuote) endRecord();
  return { records, unterminatedAt: null };
}

/** The seat lines of a seat-map CSV, or the problems that stop it being read at all. */
export function readSeatCsv(content: string): { rows: CsvSeatRow[]; problems: SeatMapProblem[] } {
  const { records, unterminatedAt } = csvRecords(content);
  const problems: SeatMapProblem[] = [];
  if (unterminatedAt !== null) {
    problems.push({
      row: unterminatedAt,
      message: 'A quoted field is never closed: add the missing " (a quote inside a field is written "").',
    });
  }
  const lines = records.filter((r) => !r.blank);
  const [header, ...body] = lines;
  const expected = SEAT_CSV_HEADER.join(',');
  if (!header || header.cells.map((c) => c.trim().toLowerCase()).join(',') !== expected) {
    problems.unshift({
      row: header?.line ?? 1,
      message: `The first line must be the header ${expected}: add it, with the columns in that order.`,
    });
    return { rows: [], problems };
  }
  const rows: CsvSeatRow[] = [];
  for (const record of body) {
    if (record.cells.length !== SEAT_CSV_HEADER.length) {
      problems.push({
        row: record.line,
        message: `This line has ${record.cells.length} fields, not ${SEAT_CSV_HEADER.length} (${expected}): quote a field that holds a comma.`,
      });
      continue;
    }
    const [section = '', row = '', seat = '', x = '', y = '', band = ''] = record.cells.map((c) => c.trim());
    rows.push({ line: record.line, section, row, seat, x, y, band });
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push({ row: 2, message: 'The file has a header but no seats: add a line per seat.' });
  }
  return { rows, problems };
}
