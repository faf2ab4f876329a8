import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TICKET_LAYOUT,
  FREE_TEXT_LINE_LENGTH,
  TICKET_FIELDS,
  logoSize,
  ticketLayoutSchema,
} from '../../../../shared/tickets/layout';
import { FRAME_LOGO, pngDataUrl } from '../../../helpers/printed-tickets';

/** The messages zod gives for a layout, by path. */
function problems(input: unknown): string[] {
  const parsed = ticketLayoutSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const layout = (change: Record<string, unknown>) => ({ ...DEFAULT_TICKET_LAYOUT, ...change });

describe('ticket layout', () => {
  it('shows every field by default, and takes a logo, free text and a subset of fields in any order', () => {
    expect(DEFAULT_TICKET_LAYOUT.fields).toEqual([...TICKET_FIELDS]);
    expect(problems(DEFAULT_TICKET_LAYOUT)).toEqual([]);
    const custom = layout({ fields: ['orderRef', 'venue'], logo: FRAME_LOGO, freeText: ['No re-entry.'] });
    expect(ticketLayoutSchema.parse(custom)).toEqual(custom);
    expect(logoSize(ticketLayoutSchema.parse(custom))).toEqual({ width: 96, height: 32 });
  });

  it('refuses a logo that is not a PNG data URL, with what to do', () => {
    expect(problems(layout({ logo: 'https://example.com/logo.png' }))).toEqual([
      'logo: the logo must be a PNG image (a data:image/png;base64,… URL): save the logo as PNG and upload it again',
    ]);
    const jpeg = `data:image/png;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array<number>(40).fill(0)]).toString('base64')}`;
    expect(problems(layout({ logo: jpeg }))).toEqual([
      'logo: the logo is not a PNG image: save it as PNG and upload it again',
    ]);
    expect(problems(layout({ logo: 'data:image/png;base64,iVBOR!!w0KGgo=' }))).toEqual([
      'logo: the logo is not readable base64 data: upload the PNG file again',
    ]);
  });

  it('refuses a logo too large to print or to send with every job', () => {
    const wide = pngDataUrl(['1'.repeat(100)], 4); // 400 × 4 pixels
    expect(problems(layout({ logo: wide }))).toEqual([
      'logo: the logo is 400 × 4 pixels; at most 384 × 192: scale it down and upload it again',
    ]);
    // 65 540 base64 characters are 49 155 bytes: just over 48 KB.
    const heavy = `data:image/png;base64,${'A'.repeat(65_540)}`;
    expect(problems(layout({ logo: heavy }))).toEqual([
      'logo: the logo is 49 KB; at most 48 KB: make it smaller or use fewer colours',
    ]);
  });

  it('refuses too much free text, too long a line, an unknown or repeated field', () => {
    expect(problems(layout({ freeText: ['x'.repeat(FREE_TEXT_LINE_LENGTH + 1)] }))).toEqual([
      'freeText.0: at most 48 characters a line: split the text over more lines or shorten it',
    ]);
    expect(problems(layout({ freeText: Array<string>(5).fill('line') }))).toEqual([
      'freeText: at most 4 lines of free text: shorten the text',
    ]);
    expect(problems(layout({ fields: ['venue', 'seat'] }))).toEqual([
      'fields.1: a field is one of venue, ticketType, priceBand, pricePaid, orderRef',
    ]);
    expect(problems(layout({ fields: ['venue', 'venue'] }))).toEqual([
      'fields: name each field at most once',
    ]);
    expect(problems(layout({ freeText: ['a\u0000b'] }))).toHaveLength(1);
    expect(problems({ ...DEFAULT_TICKET_LAYOUT, colour: 'red' })).toHaveLength(1);
  });
});
