import { z } from 'zod';
import { instantQuery } from '../reports/filters';
import { text } from '../text';
import { channels as c } from './channels';
import type { JournalOrderView, JournalSearchView } from './domains/journal';

// The `journal` domain's requests and answers, spread into the one contract (contract.ts).

/** A staff member, performance or terminal as this terminal knows it (demo data has no UUIDs). */
const id = text().min(1).max(100);
/** A scanner's text as typed (a wedge ends it with Enter); never trimmed: base45 has spaces. */
const reference = text().max(400, 'this is not a receipt or ticket code: scan the QR code again');

export const journalRequestSchemas = {
  [c.journal.search]: z.strictObject({
    q: reference.optional(),
    from: instantQuery.optional(),
    to: instantQuery.optional(),
    performanceId: id.optional(),
    cashierId: id.optional(),
    terminalId: id.optional(),
    cursor: text().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  [c.journal.open]: z.strictObject({
    ref: reference.min(1, 'scan the receipt or ticket, or type the receipt number'),
  }),
};

export interface JournalResponseTypes {
  /** Newest first. */
  [c.journal.search]: JournalSearchView;
  [c.journal.open]: JournalOrderView;
}
