import type { PrintJobView } from './printing';
import type { SaleRecord } from './sales';

// Reprinting a sale's tickets (docs/TICKETS.md "Reprints"), as the screens ask for it.

/**
 * `new_secret`: new tickets with new barcodes replace the old ones, which every door then refuses.
 * `same_barcode`: the same barcodes again, marked DUPLICATE; a supervisor's decision (tickets.duplicate).
 */
export const REPRINT_MODES = ['new_secret', 'same_barcode'] as const;
export type ReprintMode = (typeof REPRINT_MODES)[number];

export interface TicketReprint {
  /** The sale as it is now: after a new-secret reprint, with the new tickets and the old ones reissued. */
  sale: SaleRecord;
  /** The ids of the tickets the print job holds, in printing order. */
  printed: string[];
  jobs: PrintJobView[];
}
