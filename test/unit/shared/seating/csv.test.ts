import { describe, expect, it } from 'vitest';
import { csvRecords, readSeatCsv } from '../../../../shared/seating/csv';

/** A message matching `pattern` (typed, unlike expect.stringMatching). */
const says = (pattern: RegExp): unknown => expect.stringMatching(pattern);

describe('seat-map CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF and blank lines, keeping each seat line number', () => {
    const csv =
      'Section,Row,Seat,X,Y,Band\r\n"Circle, left",A,1,-20,40,Back\r\n\r\n"Box ""Royal""",B,2,5.5,10,Front\n';
    const { rows, problems } = readSeatCsv(csv);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, section: 'Circle, left', row: 'A', seat: '1', x: '-20', y: '40', band: 'Back' },
      { line: 4, section: 'Box "Royal"', row: 'B', seat: '2', x: '5.5', y: '10', band: 'Front' },
    ]);
  });

  it('numbers a record by the line it starts on when a quoted field spans lines', () => {
    const { records } = csvRecords('a,b\n"two\nlines",c\nd,e');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1]?.cells).toEqual(['two\nlines', 'c']);
  });

  it('refuses a file without the header, naming line 1', () => {
    const { rows, problems } = readSeatCsv('Stalls,A,1,0,0,Front\n');
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ row: 1, message: says(/header section,row,seat,x,y,band/) }]);
  });

  it('refuses a line with the wrong number of fields and an unclosed quote, each by its line', () => {
    const { problems } = readSeatCsv(
      'section,row,seat,x,y,band\nStalls,A,1,0,0\nStalls,A,2,0,0,Front\n"Open,A,3,0,0,Front\n',
    );
    expect(problems.map((p) => p.row)).toEqual([4, 2]);
    expect(problems[0]?.message).toMatch(/never closed/);
    expect(problems[1]?.message).toMatch(/5 fields, not 6/);
  });

  it('refuses a header with no seats', () => {
    expect(readSeatCsv('section,row,seat,x,y,band\n\n').problems).toEqual([
      { row: 2, message: says(/no seats/) },
    ]);
  });
});
