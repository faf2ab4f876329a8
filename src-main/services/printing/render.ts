import { commands, transform, type BaseCommand, type QRCode } from 'receiptline';

// ReceiptLine turns one markup into the printer's bytes and into the on-screen SVG. One command is
// replaced: receiptline 4 draws QR codes as raster images (GS 8 L, several KB per code); we send the
// printer's own QR command (GS ( k, model 2) instead, which every ESC/POS thermal printer of the TM
// class supports. The job is a few hundred bytes, the code prints at the printer's native resolution,
// and the payload stays readable in the byte stream.

// Windows-1252 has €, the German umlauts and ß; ESC/POS selects it as code page 16.
const ENCODING = 'cp1252';

const GS_K = '\x1d(k';
const bytes = (...codes: number[]) => String.fromCharCode(...codes);
const QR_LEVEL: Record<QRCode['level'], number> = { l: 48, m: 49, q: 50, h: 51 };

/** GS ( k: select model 2, module size, error correction, store the data, print it. */
function nativeQr(symbol: QRCode): string {
  // receiptline's commands are binary strings, one character per byte.
  const data = Buffer.from(symbol.data, 'utf8').toString('latin1');
  const stored = data.length + 3;
  return [
    GS_K + bytes(4, 0, 49, 65, 50, 0), // fn 65: model 2
    GS_K + bytes(3, 0, 49, 67, symbol.cell), // fn 67: module size in dots
    GS_K + bytes(3, 0, 49, 69, QR_LEVEL[symbol.level]), // fn 69: error correction
    GS_K + bytes(stored & 255, (stored >> 8) & 255, 49, 80, 48) + data, // fn 80: store the data
    GS_K + bytes(3, 0, 49, 81, 48), // fn 81: print it
  ].join('');
}

const escpos: BaseCommand = {
  ...commands.escpos,
  qrcode: (symbol: QRCode) => (symbol.data.length > 0 ? nativeQr(symbol) : ''),
};

/** The ESC/POS bytes of a document, ending with a paper cut. */
export function toEscPos(markup: string, cpl: number): Buffer {
  return Buffer.from(
    transform(markup, { cpl, encoding: ENCODING, command: escpos, cutting: true }),
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
