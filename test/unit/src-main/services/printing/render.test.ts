import { describe, expect, it } from 'vitest';
import { esc, Markup, paperFor } from '../../../../../src-main/services/printing/markup';
import { toEscPos, toSvg } from '../../../../../src-main/services/printing/render';
import { decodeEscPos, readQrCodes, UNREADABLE_QR } from '../../../../helpers/escpos-decoder';

describe('receipt markup and rendering', () => {
  it('prints text from a sale literally even when it holds ReceiptLine syntax', () => {
    const tricky = 'VIP | {free} -50% _x_ "y" ^z^ ~a` \\';
    const doc = new Markup(paperFor(80)).text(tricky).text('-').text('=').row(tricky.slice(0, 12), '1.00');
    const print = decodeEscPos(toEscPos(doc.toString(), 48));
    expect(print.lines).toEqual([
      tricky,
      '-',
      '=',
      expect.stringMatching(/^VIP \| \{free\}\s+1\.00$/) as unknown as string,
    ]);
    expect(print.cuts).toBe(1);
  });

  it('drops control characters so text cannot smuggle printer commands', () => {
    expect(esc('a\u001b@b\u001dV\u0000c')).toBe('a @b V c');
    const print = decodeEscPos(
      toEscPos(new Markup(paperFor(58)).text('cut\u001dVB\u0000here').toString(), 32),
    );
    expect(print.cuts).toBe(1);
    expect(print.lines).toEqual(['cut VB here']);
  });

  it('keeps German letters and the euro sign through the printer code page', () => {
    const print = decodeEscPos(
      toEscPos(new Markup(paperFor(58)).row('Rückgeld für Größe', '€ 1,00').toString(), 32),
    );
    expect(print.lines[0]).toMatch(/^Rückgeld für Größe\s+€ 1,00$/);
  });

  it('prints the QR code of exactly its payload, semicolons and all', () => {
    const data = 'order;01a1fc86|x';
    const print = decodeEscPos(toEscPos(new Markup(paperFor(80)).qr(data).toString(), 48), [
      'order;01a1fc86|y',
      data,
    ]);
    expect(print.qr).toEqual([data]);
    const other = decodeEscPos(toEscPos(new Markup(paperFor(58)).qr('something else').toString(), 32), [
      data,
    ]);
    expect(other.qr).toEqual([UNREADABLE_QR]);
  });

  it('keeps spaces at the edges of a QR payload, as a ticket secret in base45 may have them', () => {
    const data = '  A B:C ';
    const print = decodeEscPos(toEscPos(new Markup(paperFor(80)).qr(data).toString(), 48));
    expect(readQrCodes(print.images)).toEqual([data]);
  });

  it('wraps on 32 columns for 58 mm paper and 48 for 80 mm', () => {
    const long = 'word '.repeat(20).trim();
    const narrow = decodeEscPos(toEscPos(new Markup(paperFor(58)).text(long).toString(), 32));
    const wide = decodeEscPos(toEscPos(new Markup(paperFor(80)).text(long).toString(), 48));
    expect(Math.max(...narrow.lines.map((l) => l.length))).toBeLessThanOrEqual(32);
    expect(Math.max(...wide.lines.map((l) => l.length))).toBeGreaterThan(32);
    expect(narrow.lines.join(' ')).toBe(long);
  });

  it('draws the SVG preview without fetching a web font', () => {
    const svg = toSvg(new Markup(paperFor(80)).center('RECEIPT').qr('x').toString(), 48);
    expect(svg).toMatch(/^<svg width="576px"/);
    expect(svg).not.toContain('@import');
    expect(svg).not.toContain('googleapis');
  });
});
