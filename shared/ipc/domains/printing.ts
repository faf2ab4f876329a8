import type { Language } from '../types';

// Printing as the screens see it: the terminal's printer settings, the durable print queue's jobs, and the
// printer's state in words.

export type PaperWidth = 58 | 80;

/** Where documents go: nowhere (no printer set up), a network thermal printer, the system printer, or PDF files. */
export type PrintOutputKind = 'none' | 'network' | 'system' | 'pdf';

export interface PrinterSettings {
  output: PrintOutputKind;
  /** IP address or host name of a network printer; never a URL. */
  host: string | null;
  port: number;
  paperWidth: PaperWidth;
  language: Language;
  /** Copies of each sale and refund receipt (1–3); Z reports and test prints print once. */
  copies: number;
  /** Name of the system printer for output 'system'; null = the default printer. */
  systemPrinter: string | null;
  /**
   * After a sale: the receipt then the tickets, the tickets first, or the receipt only where tickets are
   * not printed at this window (e-tickets, a separate ticket printer) (docs/TICKETS.md "Printing tickets").
   */
  ticketOrder: TicketOrder;
  /**
   * The cash drawer hangs on this printer: open it (ESC/POS pulse) on a cash payment or refund and on a
   * cash movement (docs/CASH.md "The drawer"). Network printers only.
   */
  drawerKick: boolean;
}

export const TICKET_ORDERS = ['receipt_first', 'tickets_first', 'receipt_only'] as const;
export type TicketOrder = (typeof TICKET_ORDERS)[number];

export type PrintDocumentKind = 'sale' | 'tickets' | 'refund' | 'zreport' | 'test';

export type PrintJobState = 'queued' | 'printing' | 'retrying' | 'done' | 'failed';

export interface PrintJobView {
  id: string;
  kind: PrintDocumentKind;
  /** The sale, refund or shift the document is about. */
  refId: string;
  copyNo: number;
  copies: number;
  duplicate: boolean;
  state: PrintJobState;
  attempts: number;
  nextAttemptAt: string | null;
  /** Why the last attempt failed, in the terminal's language. */
  lastError: string | null;
  createdAt: string;
  printedAt: string | null;
}

export type PrinterFault =
  | 'NOT_CONFIGURED'
  | 'UNREACHABLE'
  | 'CONNECTION_LOST'
  | 'NO_STATUS'
  | 'PAPER_END'
  | 'COVER_OPEN'
  | 'OFFLINE'
  | 'OUTPUT_UNAVAILABLE';

export interface PrinterStatus {
  output: PrintOutputKind;
  configured: boolean;
  /** Jobs waiting or being printed. */
  queueLength: number;
  /** The fault that stops printing now, null while printing works. */
  fault: { reason: PrinterFault; message: string; since: string } | null;
  lastSuccessAt: string | null;
  /** A warning while printing still works, e.g. the roll is nearly used up. */
  warning: { reason: 'PAPER_NEAR_END'; message: string } | null;
  /** Jobs still to print, oldest first, then the most recent finished ones. */
  jobs: PrintJobView[];
}

/** A sale's tickets as a PDF for the screen to offer as a download (IPC carries text, hence base64). */
export interface TicketsPdfFile {
  fileName: string;
  /** The PDF's bytes, base64. */
  pdfBase64: string;
}
