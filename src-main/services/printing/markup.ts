import type { PaperWidth } from '../../../shared/ipc/domains/printing';

// A small writer of ReceiptLine markup (https://receiptline.github.io/). Text from the sale (names,
// reasons, codes) is escaped so a reason like "50% off | staff" can never change the layout.

export interface Paper {
  width: PaperWidth;
  /** Characters per line: 32 on 58 mm paper, 48 on 80 mm. */
  cpl: 32 | 48;
  /** Width of the amount column. */
  amount: number;
  /** Width of the label column in label/value rows. */
  label: number;
  /** QR module size in dots. */
  qrCell: number;
}

export function paperFor(width: PaperWidth): Paper {
  return width === 58
    ? { width, cpl: 32, amount: 10, label: 15, qrCell: 5 }
    : { width, cpl: 48, amount: 12, label: 16, qrCell: 6 };
}

/** Control characters would reach the printer as commands; they never belong in printed text. */
function withoutControls(text: string, replacement: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f ? replacement : ch;
  }).join('');
}

/** Escapes every character ReceiptLine gives a meaning to; control characters become spaces. */
export function esc(text: string): string {
  return withoutControls(text, ' ').replace(/[\\{}|\-=~_"`^]/g, (c) => `\\${c}`);
}

/**
 * Escapes a property value such as a QR payload, where ';' separates members. ReceiptLine trims spaces
 * at a value's edges, and a ticket secret (base45) may begin or end with one: those are written as hex
 * escapes, or the QR code would carry a shorter text that no door accepts.
 */
export function escProperty(text: string): string {
  return withoutControls(text, '')
    .replace(/[\\{}|;]/g, (c) => `\\${c}`)
    .replace(/^ +| +$/g, (run) => '\\x20'.repeat(run.length));
}

/**
 * Breaks text at spaces into lines of at most `width` characters (a longer word is cut). ReceiptLine
 * itself breaks inside words, which makes reasons and names hard to read on 58 mm paper.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Wrapped and escaped, with ReceiptLine's in-column line breaks between the lines. */
const column = (text: string, width: number) => wrapWords(text, Math.max(1, width)).map(esc).join('\\n');

export class Markup {
  private readonly lines: string[] = [];
  private layout = '';

  constructor(readonly paper: Paper) {}

  private use(layout: string): void {
    if (this.layout === layout) return;
    this.lines.push(layout);
    this.layout = layout;
  }

  /** One centred line; `size` doubles width ('wide') or width and height ('big'). */
  center(text: string, style: { size?: 'wide' | 'big'; bold?: boolean; invert?: boolean } = {}): this {
    this.use('{width:auto}');
    let body = column(
      text,
      Math.floor(this.paper.cpl / (style.size === 'big' || style.size === 'wide' ? 2 : 1)),
    );
    if (style.invert) body = `\`${body}\``;
    if (style.bold) body = `"${body}"`;
    if (style.size) body = `${style.size === 'big' ? '^^^' : '^'}${body}`;
    this.lines.push(body);
    return this;
  }

  /** One left-aligned line. */
  text(text: string, indent = 0): this {
    this.use('{width:auto}');
    for (const line of wrapWords(text, this.paper.cpl - indent))
      this.lines.push(`|${'~'.repeat(indent)}${esc(line)}`);
    return this;
  }

  /** A label and its value, for header facts such as the receipt number. */
  fact(label: string, value: string): this {
    this.use(`{width:${this.paper.label},*}`);
    this.lines.push(
      `|${column(label, this.paper.label)} | ${column(value, this.paper.cpl - this.paper.label - 1)}`,
    );
    return this;
  }

  /** Text on the left, an amount on the right; `indent` for the parts of a line. Amounts never wrap. */
  row(text: string, amount: string, style: { indent?: number; size?: 'wide'; bold?: boolean } = {}): this {
    const indent = style.indent ?? 0;
    const scale = style.size === 'wide' ? 2 : 1;
    const amountWidth = Math.max(this.paper.amount, scale * amount.length);
    this.use(`{width:*,${amountWidth}}`);
    const mark = (body: string) => {
      const bold = style.bold ? `"${body}"` : body;
      return scale === 2 ? `^${bold}` : bold;
    };
    const textWidth = Math.floor((this.paper.cpl - amountWidth - 1 - indent) / scale);
    this.lines.push(`|${'~'.repeat(indent)}${mark(column(text, textWidth))} | ${mark(esc(amount))}`);
    return this;
  }

  /** A table row of one label and two amounts, as in the VAT summary. */
  row3(text: string, first: string, second: string): this {
    const w = this.paper.amount - 1;
    this.use(`{width:*,${w},${w}}`);
    this.lines.push(`|${column(text, this.paper.cpl - 2 * w - 2)} | ${esc(first)} | ${esc(second)}`);
    return this;
  }

  rule(): this {
    this.use('{width:auto}');
    this.lines.push('-');
    return this;
  }

  blank(): this {
    this.use('{width:auto}');
    this.lines.push('');
    return this;
  }

  /** A QR code, error correction M; `cell` (dots per module) defaults to the paper's. */
  qr(data: string, cell = this.paper.qrCell): this {
    this.use('{width:auto}');
    this.lines.push(`{code:${escProperty(data)}; option:qrcode,${cell},m}`);
    return this;
  }

  /** A PNG (base64), centred and printed dot for pixel. */
  image(pngBase64: string): this {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(pngBase64)) throw new Error('image data is not base64');
    this.use('{width:auto}');
    this.lines.push(`{image:${pngBase64}}`);
    return this;
  }

  /** Cuts the paper here (the printer cuts after the last line by itself). */
  cut(): this {
    this.use('{width:auto}');
    this.lines.push('=');
    return this;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
