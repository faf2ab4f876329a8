import type { PaperWidth, PrinterFault, PrinterSettings } from '../../../shared/ipc/domains/printing';

/** One copy of one document, ready for any output. */
export interface PrintPayload {
  jobId: string;
  /** ReceiptLine markup; each output renders it as it needs (ESC/POS bytes, HTML, PDF). */
  markup: string;
  cpl: number;
  paperWidth: PaperWidth;
}

export type SendResult =
  | { ok: true; /** The printer says its roll is nearly used up. */ paperLow?: boolean }
  | { ok: false; fault: PrinterFault; detail?: string };

/**
 * Where a job goes. The queue calls `send` for one job at a time and retries on a fault; an output
 * answers only when it knows how the attempt ended and never throws for a printer problem.
 */
export interface PrintOutput {
  send(payload: PrintPayload, settings: PrinterSettings): Promise<SendResult>;
}

/** The system printer and PDF need Electron; the shell provides them, the core runs without. */
export interface ShellPrintOutputs {
  system?: PrintOutput;
  pdf?: PrintOutput;
}
