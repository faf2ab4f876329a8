import { transform } from 'receiptline';

// ReceiptLine turns one markup into the printer's bytes and into the on-screen SVG, QR codes included
// (it prints them as raster images, which every ESC/POS printer can print).

// Windows-1252 has €, the German umlauts and ß; ESC/POS selects it as code page 16.
const ENCODING = 'cp1252';

/** The ESC/POS bytes of a document, ending with a paper cut. */
export function toEscPos(markup: string, cpl: number): Buffer {
  return Buffer.from(
    transform(markup, { cpl, encoding: ENCODING, command: 'escpos', cutting: true }),
    'latin1',
  );
}

/**
 * The document as an SVG for the screen. receiptline's SVG imports a web font from Google; the terminal
 * must not call out to the internet to show a receipt, so that style is dropped for the local monospace.
 */
export function toSvg(markup: string, cpl: number): string {
  return transform(markup, { cpl, encoding: ENCODING, command: 'svg' }).replace(
    /<style[^>]*>[\s\S]*?<\/style>/g,
    '',
  );
}

/** A printable HTML page around the SVG, for the system printer and PDF. */
export function toHtml(markup: string, cpl: number, paperWidthMm: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:${paperWidthMm}mm auto;margin:0}body{margin:0}svg{width:${paperWidthMm}mm;height:auto}</style></head><body>${toSvg(markup, cpl)}</body></html>`;
}
