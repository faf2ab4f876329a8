import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src-server/services/csv';

describe('csv', () => {
  it('quotes cells holding commas, quotes or line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('prefixes cells that a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx']) expect(csvCell(cell)).toBe(`'${cell}`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });

  it('writes numbers as they are, nulls as empty cells, and CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[-5, null]])).toBe('a,b\r\n-5,\r\n');
  });
});
