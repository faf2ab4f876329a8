import jsQR from 'jsqr';
import { qrcode } from 'receiptline';

// Reads ESC/POS bytes back as a printer would lay them out: the printed text lines (positions from
// ESC $ and ESC \ become spaces), each QR code, and the paper cuts. An unknown command fails loudly, so
// a test notices bytes it does not understand.
//
// receiptline prints QR codes as raster images (GS 8 L). A picture cannot be read back without a QR
// decoder, so the test names the payloads it expects and the decoder reports which one each printed
// image is, by drawing every candidate with the same generator and comparing pixels. For a payload the
// test cannot know beforehand (a signed ticket secret), `readQr` reads an image with a real QR decoder
// (jsQR), as a door's scanner would.

export interface DecodedPrint {
  lines: string[];
  /** All lines joined with newlines, for toContain and regular expressions. */
  text: string;
  /** Per printed QR code: the candidate payload it encodes, or UNREADABLE_QR. */
  qr: string[];
  /** Every printed raster image (QR codes and pictures such as a logo), in print order. */
  images: RasterImage[];
  cuts: number;
  /** The print split at its cuts: what each torn-off piece of paper holds (the piece after a last cut is empty and left out). */
  pieces: PrintedPiece[];
}

export interface PrintedPiece {
  lines: string[];
  text: string;
  images: RasterImage[];
}

export const UNREADABLE_QR = '(a QR code matching no expected payload)';

export interface RasterImage {
  width: number;
  height: number;
  /** One string of 0/1 per pixel row, 1 = black. */
  rows: string[];
}

/** True when `image` is the QR code of `data` (error correction M, as the receipts print it). */
function isQrOf(image: RasterImage, data: string): boolean {
  const matrix = qrcode.generate({ data, type: 'qrcode', cell: 1, level: 'm' });
  const cell = image.width / matrix.length;
  if (!Number.isInteger(cell) || image.height !== image.width) return false;
  return image.rows.every((row, y) =>
    [...row].every(
      (pixel, x) => (matrix[Math.floor(y / cell)]?.[Math.floor(x / cell)] === 1 ? '1' : '0') === pixel,
    ),
  );
}

/** The text of the QR code in `image`, read with jsQR; null when it holds none (a logo, say). */
export function readQr(image: RasterImage): string | null {
  // A scanner needs the quiet zone around the code that receiptline leaves to the paper's margin.
  const margin = 32;
  const width = image.width + 2 * margin;
  const height = image.height + 2 * margin;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  image.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] !== '1') continue;
      const at = ((y + margin) * width + x + margin) * 4;
      rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
    }
  });
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** The texts of all QR codes printed, in order; images holding none are left out. */
export function readQrCodes(images: readonly RasterImage[]): string[] {
  return images.map(readQr).filter((data): data is string => data !== null);
}

/** GS v 0: a raster image printed at once (xL xH are bytes per row). */
function rasterV0At(bytes: Uint8Array, i: number): RasterImage {
  const stride = (bytes[i + 4] ?? 0) + (bytes[i + 5] ?? 0) * 256;
  const height = (bytes[i + 6] ?? 0) + (bytes[i + 7] ?? 0) * 256;
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < stride * 8; x++)
      row += ((bytes[i + 8 + y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
    rows.push(row);
  }
  return { width: stride * 8, height, rows };
}

/** GS 8 L … fn 112: a raster image stored for printing; returns null for other graphics functions. */
function rasterAt(bytes: Uint8Array, i: number): RasterImage | null {
  if (bytes[i + 8] !== 112) return null;
  const width = (bytes[i + 13] ?? 0) + (bytes[i + 14] ?? 0) * 256;
  const height = (bytes[i + 15] ?? 0) + (bytes[i + 16] ?? 0) * 256;
  const stride = (width + 7) >> 3;
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++)
      row += ((bytes[i + 17 + y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
    rows.push(row);
  }
  return { width, height, rows };
}

const CHAR_DOTS = 12;
// Node's TextDecoder reads windows-1252 as Latin-1, so 0x80–0x9F (€, „, – …) are mapped here.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Box-drawing characters receiptline prints from code page 1 for rules. */
const RULE_CHARS: Record<number, string> = { 0x95: '-', 0x96: '|' };

/** `qrPayloads`: the payloads the printed QR codes may carry (see the header). */
export function decodeEscPos(bytes: Uint8Array, qrPayloads: readonly string[] = []): DecodedPrint {
  const lines: string[] = [];
  const qr: string[] = [];
  const images: RasterImage[] = [];
  const pieces: PrintedPiece[] = [];
  let pieceStart = { line: 0, image: 0 };
  const endPiece = () => {
    const pieceLines = lines.slice(pieceStart.line);
    pieces.push({
      lines: pieceLines,
      text: pieceLines.join('\n'),
      images: images.slice(pieceStart.image),
    });
    pieceStart = { line: lines.length, image: images.length };
  };
  let cuts = 0;
  let page = 0;
  let widthScale = 1;
  let col = 0;
  let segments: { col: number; text: string }[] = [];
  let current: { col: number; text: string } | null = null;

  const at = (i: number) => bytes[i] ?? 0;
  const u16 = (i: number) => at(i) + at(i + 1) * 256;
  const moveTo = (next: number) => {
    col = next;
    current = null;
  };
  const put = (ch: string) => {
    if (!current) {
      current = { col, text: '' };
      segments.push(current);
    }
    current.text += ch;
    col += widthScale;
  };
  const newline = () => {
    let out = '';
    for (const seg of [...segments].sort((a, b) => a.col - b.col)) {
      if (seg.text.trim() === '') continue;
      if (out.length < seg.col) out = out.padEnd(seg.col, ' ');
      else if (out.length > 0 && !out.endsWith(' ')) out += ' ';
      out += seg.text;
    }
    lines.push(out.trimEnd());
    segments = [];
    current = null;
    col = 0;
  };
  const charOf = (b: number): string => {
    if (b < 0x80) return String.fromCharCode(b);
    if (page === 16) return b < 0xa0 ? (CP1252_80_9F[b - 0x80] ?? '?') : String.fromCharCode(b);
    if (page === 1) return RULE_CHARS[b] ?? '+';
    return '?';
  };

  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      newline();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x10 && at(i + 1) === 0x04) {
      i += 3;
    } else if (b === 0x1b) {
      const c = String.fromCharCode(at(i + 1));
      if (c === '@') {
        page = 0;
        widthScale = 1;
        i += 2;
      } else if (c === '2' || c === '<') i += 2;
      else if ('aM 3{-ERdJG!'.includes(c)) i += 3;
      else if (c === 't') {
        page = at(i + 2);
        i += 3;
      } else if (c === '$') {
        moveTo(Math.round(u16(i + 2) / CHAR_DOTS));
        i += 4;
      } else if (c === '\\') {
        const raw = u16(i + 2);
        const dots = raw >= 0x8000 ? raw - 0x10000 : raw;
        moveTo(Math.max(0, col + Math.round(dots / CHAR_DOTS)));
        i += 4;
      } else throw new Error(`unknown ESC ${c} at byte ${i}`);
    } else if (b === 0x1c) {
      const c = String.fromCharCode(at(i + 1));
      if (c === '.' || c === '&') i += 2;
      else if (c === 'C' || c === '-') i += 3;
      else if (c === 'S') i += 4;
      else if (c === '(') i += 5 + u16(i + 3);
      else throw new Error(`unknown FS ${c} at byte ${i}`);
    } else if (b === 0x1d) {
      const c = String.fromCharCode(at(i + 1));
      if (c === '!') {
        widthScale = ((at(i + 2) >> 4) & 7) + 1;
        i += 3;
      } else if ('aBrwhHb'.includes(c)) i += 3;
      else if (c === 'L' || c === 'W') i += 4;
      else if (c === 'V') {
        cuts += 1;
        if (segments.length > 0) newline();
        endPiece();
        i += at(i + 2) >= 65 ? 4 : 3;
      } else if (c === '(') {
        const length = u16(i + 3);
        i += 5 + length;
      } else if (c === '8' && String.fromCharCode(at(i + 2)) === 'L') {
        const image = rasterAt(bytes, i);
        if (image) {
          images.push(image);
          qr.push(qrPayloads.find((data) => isQrOf(image, data)) ?? UNREADABLE_QR);
        }
        i += 7 + at(i + 3) + at(i + 4) * 256 + at(i + 5) * 65536 + at(i + 6) * 16777216;
      } else if (c === 'v' && at(i + 2) === 0x30) {
        images.push(rasterV0At(bytes, i));
        i += 8 + u16(i + 4) * u16(i + 6);
      } else if (c === 'k') {
        i += at(i + 2) >= 65 ? 4 + at(i + 3) : bytes.indexOf(0, i + 3) + 1 - i;
      } else throw new Error(`unknown GS ${c} at byte ${i}`);
    } else if (b < 0x20) {
      throw new Error(`unknown control byte 0x${b.toString(16)} at byte ${i}`);
    } else {
      put(charOf(b));
      i += 1;
    }
  }
  if (segments.length > 0) newline();
  if (lines.length > pieceStart.line || images.length > pieceStart.image) endPiece();
  return { lines, text: lines.join('\n'), qr, images, cuts, pieces };
}
