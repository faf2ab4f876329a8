import { z } from 'zod';
import { doorNameSchema } from '../tickets/checkins';
import { text } from '../text';
import { channels as c } from './channels';
import type { DoorCountsView, DoorPerformanceOption, DoorScanView, DoorView } from './domains/door';

// The `door` domain's requests and answers, spread into the one contract (contract.ts).

const empty = z.strictObject({});

export const doorRequestSchemas = {
  [c.door.performances]: empty,
  [c.door.current]: empty,
  [c.door.open]: z.strictObject({
    performanceIds: z
      .array(text().min(1).max(100))
      .min(1, 'pick at least one performance for this door')
      .max(50, 'a door admits at most 50 performances at once'),
    door: doorNameSchema,
  }),
  // The scanner's text as typed (a keyboard wedge ends it with Enter); never trimmed: base45 has spaces.
  [c.door.scan]: z.strictObject({
    text: text()
      .min(1, 'scan the ticket’s code, or type the ticket’s code')
      .max(400, 'this is not a ticket code: scan the QR code on the ticket'),
  }),
  [c.door.counts]: empty,
};

export interface DoorResponseTypes {
  /** Today's and upcoming performances first (soonest first), then earlier ones. */
  [c.door.performances]: DoorPerformanceOption[];
  /** The open door, or null before one is opened. */
  [c.door.current]: DoorView | null;
  [c.door.open]: DoorView;
  [c.door.scan]: DoorScanView;
  [c.door.counts]: DoorCountsView;
}
