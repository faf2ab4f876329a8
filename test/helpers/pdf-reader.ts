import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';

// Reads back what a test needs from a PDF as pdfkit writes it (page streams plain or deflated): the
// pages in order, each page's text runs, and the QR code drawn on it, read with jsQR from the page's
// black filled rectangles (the code's modules) painted onto a bitmap, as a scanner would see them.
// Enough for our own ticket PDFs, not a general PDF parser.

export interface PdfPage {
  /** One entry per text run (a line pdfkit set), in drawing order. */
  texts: string[];
  /** The runs joined with newlines. */
  text: string;
  /** The page's QR code text, or null when it has none. */
  qr: string | null;
  /** Which QR mode(s) the code was written in, as jsQR reports its chunks. */
  qrModes: string[];
}

// pdfkit's standard fonts use WinAnsiEncoding: Latin-1 but for 0x80–0x9F.
const WIN_ANSI_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    out += code >= 0x80 && code < 0xa0 ? WIN_ANSI_80_9F[code - 0x80] : String.fromCharCode(code);
  }
  return out;
}

function objects(pdf: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) found.set(Number(m[1]), m[2] ?? '');
  return found;
}

function streamOf(object: string): string {
  const start = object.indexOf('stream\n');
  const end = object.lastIndexOf('\nendstream');
  if (start < 0 || end < 0) throw new Error('no stream in the page contents');
  const raw = object.slice(start + 'stream\n'.length, end);
  // A served PDF is compressed (pdfkit's default): inflate it as a viewer would.
  return /\/Filter \/FlateDecode/.test(object.slice(0, start))
    ? inflateSync(Buffer.from(raw, 'latin1')).toString('latin1')
    : raw;
}

/** The black filled rectangles of a content stream drawn in the page's top-down coordinates. */
function blackRects(content: string): [number, number, number, number][] {
  const rects: [number, number, number, number][] = [];
  let pending: [number, number, number, number][] = [];
  let black = true;
  for (const line of content.split('\n')) {
    const colour = /^([\d.]+) ([\d.]+) ([\d.]+) scn$/.exec(line);
    if (colour) black = colour.slice(1).every((c) => Number(c) === 0);
    const rect = /^(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re$/.exec(line);
    if (rect) pending.push([Number(rect[1]), Number(rect[2]), Number(rect[3]), Number(rect[4])]);
    else if (line === 'f' || line === 'f*') {
      if (black) rects.push(...pending);
      pending = [];
    } else if (/^(S|n|s|B|b)$/.test(line)) pending = [];
  }
  return rects;
}

/** Paints the rectangles (2 px a point) within their bounding box and a white margin, and reads it. */
function readQr(rects: [number, number, number, number][]) {
  if (rects.length === 0) return null;
  const scale = 2;
  const margin = 16;
  const left = Math.min(...rects.map((r) => r[0])) - margin;
  const top = Math.min(...rects.map((r) => r[1])) - margin;
  const width = Math.ceil((Math.max(...rects.map((r) => r[0] + r[2])) + margin - left) * scale);
  const height = Math.ceil((Math.max(...rects.map((r) => r[1] + r[3])) + margin - top) * scale);
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const [x, y, w, h] of rects) {
    const x0 = Math.round((x - left) * scale);
    const x1 = Math.round((x + w - left) * scale);
    for (let py = Math.round((y - top) * scale); py < Math.round((y + h - top) * scale); py++)
      for (let px = x0; px < x1; px++) {
        const at = (py * width + px) * 4;
        rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
      }
  }
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
}

export function readPdf(bytes: Buffer): PdfPage[] {
  const pdf = bytes.toString('latin1');
  const objs = objects(pdf);
  const pagesRoot = [...objs.values()].find((o) => /\/Type \/Pages\b/.test(o));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesRoot ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) =>
    Number(m[1]),
  );
  return kids.map((kid) => {
    const page = objs.get(kid) ?? '';
    const contents = Number(/\/Contents (\d+) 0 R/.exec(page)?.[1]);
    const content = streamOf(objs.get(contents) ?? '');
    const texts = [...content.matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
      [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((h) => decodeHex(h[1] ?? '')).join(''),
    );
    const code = readQr(blackRects(content));
    return {
      texts,
      text: texts.join('\n'),
      qr: code?.data ?? null,
      qrModes: [...new Set(code?.chunks.map((c) => c.type) ?? [])],
    };
  });
}
