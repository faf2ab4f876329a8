import { z } from 'zod';
import { text } from '../text';

// docs/TICKETS.md "Printing tickets": what one printed ticket shows, and the organisation's layout that
// picks which of the optional facts appear and in what order. The event, its date and time and the
// barcode always print: a door needs them. Pure, so the renderer's layout editor checks with the same
// schema the terminal and the server do.

/** Everything one printed ticket shows, on paper or in a PDF. */
export interface PrintedTicket {
  ticketId: string;
  eventName: string;
  /** ISO instant the performance starts; printed in the venue's time zone. */
  startsAt: string;
  venue: { name: string; timezone: string };
  ticketTypeName: string;
  priceBandName: string | null;
  /**
   * A reserved seat: "Stalls, row B, seat 12" (docs/SEATING.md). Always printed when present, whatever
   * the layout: the seat is what the ticket admits to. Absent or null: unseated.
   */
  seatLabel?: string | null;
  /** What this one ticket cost after discounts, in minor units of `currency`. */
  pricePaid: number;
  currency: string;
  /** The discount code's name when the price was discounted by one, printed beside the price. */
  codeName: string | null;
  /** Which order it belongs to, as the customer's receipt names it (the receipt number). */
  orderRef: string;
  /** The signed barcode text; null when the terminal was not enrolled: "NOT VALID FOR ENTRY", no QR. */
  secret: string | null;
  /** A reprint: DUPLICATE is printed prominently. */
  duplicate: boolean;
  /** Of a training sale (docs/CASH.md "Training mode"): TRAINING is printed top and bottom. */
  training?: boolean | undefined;
}

/** PDF tickets: A4 to print at home, or ticket stock (5.5 × 2 in, shared/node/tickets/ticket-pdf.ts). */
export const TICKET_PDF_FORMATS = ['a4', 'stock'] as const;
export type TicketPdfFormat = (typeof TICKET_PDF_FORMATS)[number];

/** The facts a layout may show or hide, and order. */
export const TICKET_FIELDS = ['venue', 'ticketType', 'priceBand', 'pricePaid', 'orderRef'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

/** A logo wider than 58 mm paper's 384 dots would be cut off there; taller would waste the roll. */
export const LOGO_MAX_WIDTH = 384;
export const LOGO_MAX_HEIGHT = 192;
/** A logo of this size is a few KB; 48 KB of PNG leaves room for photos without bloating every job. */
export const LOGO_MAX_BYTES = 48 * 1024;
export const FREE_TEXT_MAX_LINES = 4;
/** A line fits 80 mm paper in the normal font (48 columns); 58 mm paper wraps it. */
export const FREE_TEXT_LINE_LENGTH = 48;

const DATA_URL_PREFIX = 'data:image/png;base64,';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_VALUE = new Map(
  Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (ch, i) => [ch, i]),
);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The first bytes of base64 text (no Buffer or atob here: shared/ runs everywhere). */
function leadingBytes(base64: string, count: number): number[] {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of base64.slice(0, Math.ceil((count * 4) / 3) + 4)) {
    const v = BASE64_VALUE.get(ch);
    if (v === undefined) break;
    value = ((value << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return bytes.slice(0, count);
}

const u32 = (b: number[], at: number) =>
  ((b[at] ?? 0) * 2 ** 24 + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0)) >>> 0;

/** Why a logo cannot be used, in words that say what to do; null when it is a usable PNG. */
export function logoProblem(logo: string): string | null {
  if (!logo.startsWith(DATA_URL_PREFIX))
    return 'the logo must be a PNG image (a data:image/png;base64,… URL): save the logo as PNG and upload it again';
  const base64 = logo.slice(DATA_URL_PREFIX.length);
  // Measured before the text is read through, so an oversized upload is refused at once.
  const size = Math.floor((base64.length * 3) / 4) - (base64.match(/=*$/)?.[0].length ?? 0);
  if (size > LOGO_MAX_BYTES)
    return `the logo is ${Math.ceil(size / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB: make it smaller or use fewer colours`;
  if (base64.length % 4 !== 0 || !BASE64.test(base64))
    return 'the logo is not readable base64 data: upload the PNG file again';
  // The signature, then the IHDR chunk (length 13, type, width, height), as every PNG starts.
  const head = leadingBytes(base64, 24);
  const isPng =
    head.length === 24 &&
    PNG_SIGNATURE.every((b, i) => head[i] === b) &&
    u32(head, 8) === 13 &&
    String.fromCharCode(...head.slice(12, 16)) === 'IHDR';
  if (!isPng) return 'the logo is not a PNG image: save it as PNG and upload it again';
  const width = u32(head, 16);
  const height = u32(head, 20);
  if (width < 1 || height < 1 || width > LOGO_MAX_WIDTH || height > LOGO_MAX_HEIGHT)
    return `the logo is ${width} × ${height} pixels; at most ${LOGO_MAX_WIDTH} × ${LOGO_MAX_HEIGHT}: scale it down and upload it again`;
  return null;
}

export const ticketLayoutSchema = z.strictObject({
  /** The optional facts to print, in this order; a field left out is not printed. */
  fields: z
    .array(z.enum(TICKET_FIELDS, { error: `a field is one of ${TICKET_FIELDS.join(', ')}` }))
    .max(TICKET_FIELDS.length)
    .refine((fields) => new Set(fields).size === fields.length, 'name each field at most once'),
  /** A PNG as a data URL, printed at the top of each ticket; null for none. */
  logo: text()
    .superRefine((logo, issue) => {
      const problem = logoProblem(logo);
      if (problem) issue.addIssue({ code: 'custom', message: problem });
    })
    .nullable(),
  /** Lines printed at the foot of each ticket (house rules, a web address). */
  freeText: z
    .array(
      text().max(
        FREE_TEXT_LINE_LENGTH,
        `at most ${FREE_TEXT_LINE_LENGTH} characters a line: split the text over more lines or shorten it`,
      ),
    )
    .max(FREE_TEXT_MAX_LINES, `at most ${FREE_TEXT_MAX_LINES} lines of free text: shorten the text`),
});

export type TicketLayout = z.infer<typeof ticketLayoutSchema>;

export const DEFAULT_TICKET_LAYOUT: TicketLayout = {
  fields: [...TICKET_FIELDS],
  logo: null,
  freeText: [],
};

/**
 * A layout as a store holds it (an event's, JSON the server sent or saved): the layout if it still
 * parses, null (print with the default) if it is missing or no longer valid, so a stored value can never
 * stop tickets printing.
 */
export function storedTicketLayout(value: unknown): TicketLayout | null {
  const parsed = ticketLayoutSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One layout for every ticket of a document, or each ticket's own (its event's). */
export type TicketLayouts = TicketLayout | ((ticket: PrintedTicket) => TicketLayout);

export function layoutOf(layouts: TicketLayouts, ticket: PrintedTicket): TicketLayout {
  return typeof layouts === 'function' ? layouts(ticket) : layouts;
}

/** The logo's size in pixels, from its PNG header; null without a logo. */
export function logoSize(layout: TicketLayout): { width: number; height: number } | null {
  const base64 = logoBase64(layout);
  if (base64 === null) return null;
  const head = leadingBytes(base64, 24);
  return { width: u32(head, 16), height: u32(head, 20) };
}

/** The logo's PNG as base64 (what ReceiptLine's image property and pdfkit take), or null. */
export function logoBase64(layout: TicketLayout): string | null {
  return layout.logo ? layout.logo.slice(DATA_URL_PREFIX.length) : null;
}
