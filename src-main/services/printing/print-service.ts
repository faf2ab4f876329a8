import type {
  PrintDocumentKind,
  PrinterSettings,
  PrinterStatus,
  PrintJobView,
  TicketsPdfFile,
} from '../../../shared/ipc/domains/printing';
import type { SaleRecord } from '../../../shared/ipc/domains/sales';
import type { ZReport } from '../../../shared/ipc/domains/shift';
import type { Language } from '../../../shared/ipc/types';
import { err, ok, type Result } from '../../../shared/result';
import { isoNow, type Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { getVenue } from '../../db/repos/catalogue-repo';
import {
  countPendingPrintJobs,
  findRefund,
  insertPrintJobs,
  lastPrintedAt,
  listPrintJobs,
  readPrinterSettings,
  shiftCurrency,
  writePrinterSettings,
  type NewPrintJob,
  type PrintJobRow,
} from '../../db/repos/print-repo';
import { findRemoteRefund } from '../../db/repos/remote-refund-repo';
import { loadSale } from '../../db/repos/sale-repo';
import { getOpenShift } from '../../db/repos/shift-repo';
import { getStaff } from '../../db/repos/staff-repo';
import { newId } from '../../ids';
import { ticketsPdf } from '../../../shared/node/tickets/ticket-pdf';
import type { TicketPdfFormat } from '../../../shared/tickets/layout';
import { ticketsPdfFileName } from '../../../shared/tickets/ticket-api';
import {
  refundPaper,
  refundReceipt,
  saleReceipt,
  testPage,
  type DocumentContext,
  type RefundPaper,
} from './documents';
import { kickDrawer, type DrawerOutcome } from './drawer';
import { paperFor } from './markup';
import type { PrintOutput } from './output';
import { PAPER_NEAR_END, PRINT_REFUSALS, type PrintRefusal } from './print-messages';
import { createPrintQueue, describeAddress, type PrintQueueOptions } from './print-queue';
import { toSvg } from './render';
import { zReport } from './z-report';
import { printedTickets, saleTicketLayouts } from './sale-tickets';
import { ticketsDocument } from './ticket-documents';

export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = {
  output: 'none',
  host: null,
  port: 9100,
  paperWidth: 80,
  language: 'en',
  copies: 1,
  systemPrinter: null,
  ticketOrder: 'receipt_first',
  drawerKick: false,
};

export interface PrintServiceDeps {
  db: Db;
  clock: Clock;
  /** Read per document: enrolment replaces the local id with the server's while the app runs. */
  terminalId: () => string;
  /** The terminal's UI language, for refusals and status sentences. */
  language: () => Language;
  /** The shift's Z report as the shift service builds it. */
  zReport: (shiftId: string) => Result<ZReport>;
  outputs: { network: PrintOutput; system?: PrintOutput | undefined; pdf?: PrintOutput | undefined };
  queue: PrintQueueOptions;
  logError: (error: unknown, context: string) => void;
  onChange?: () => void;
}

export type PrintService = ReturnType<typeof createPrintService>;

export type DocumentRef = {
  saleId?: string | undefined;
  /** The admission tickets of this sale (docs/TICKETS.md "Printing tickets"), one job. */
  ticketsOfSaleId?: string | undefined;
  /** Only these of its tickets (a reprint of some); every valid one when left out. */
  ticketIds?: readonly string[] | undefined;
  /**
   * The job's reference instead of the sale: a reissue's new tickets are an original print of their own,
   * which the sale's first tickets job must not stand in for (print_jobs_original).
   */
  jobRefId?: string | undefined;
  refundId?: string | undefined;
  shiftId?: string | undefined;
};

interface BuildOptions {
  /** Paper language and width; the printer's settings when not given. */
  language?: Language | undefined;
  paperWidth?: 58 | 80 | undefined;
  duplicate?: boolean | undefined;
  copy?: { n: number; of: number };
}

const toView = (row: PrintJobRow): PrintJobView => ({
  id: row.id,
  kind: row.kind,
  refId: row.refId,
  copyNo: row.copyNo,
  copies: row.copies,
  duplicate: row.duplicate === 1,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.state === 'retrying' ? row.nextAttemptAt : null,
  lastError: row.lastError,
  createdAt: row.createdAt,
  printedAt: row.printedAt,
});

/** A refund of another terminal's sale as its receipt prints it: one line per unit given back. */
function remoteRefundPaper({
  refund,
  payments,
}: NonNullable<ReturnType<typeof findRemoteRefund>>): RefundPaper {
  return {
    refund,
    saleId: refund.saleId,
    receiptNo: refund.saleReceiptNo,
    currency: refund.currency,
    saleTerminal: refund.saleTerminalName ?? refund.saleTerminalId,
    lines: refund.units.map((u) => ({ name: u.name, vatRate: u.vatRate, count: 1, amount: u.total })),
    paidBack: payments,
  };
}

export function createPrintService(deps: PrintServiceDeps) {
  const { db, clock, terminalId } = deps;
  const refuse = (reason: PrintRefusal) => err(reason, PRINT_REFUSALS[reason][deps.language()]);
  const settings = (): PrinterSettings => readPrinterSettings(db) ?? DEFAULT_PRINTER_SETTINGS;
  const outputFor = (s: PrinterSettings): PrintOutput | null =>
    s.output === 'none' ? null : (deps.outputs[s.output] ?? null);

  const queue = createPrintQueue({
    db,
    clock,
    settings,
    output: outputFor,
    language: deps.language,
    logError: deps.logError,
    onChange: deps.onChange,
    ...deps.queue,
  });

  const context = (options: BuildOptions = {}): DocumentContext => {
    const s = settings();
    const venue = getVenue(db);
    return {
      language: options.language ?? s.language,
      paperWidth: options.paperWidth ?? s.paperWidth,
      venue: venue
        ? { name: venue.name, timezone: venue.timezone, receiptHeader: venue.receiptHeader }
        : null,
      terminalId: terminalId(),
      staffName: (id) => getStaff(db, id)?.name ?? id,
      duplicate: options.duplicate,
      copy: options.copy,
    };
  };

  /** A training sale's papers say so (docs/CASH.md "Training mode"). */
  const trainingOf = (record: SaleRecord, ctx: DocumentContext): DocumentContext =>
    record.sale.training === 1 ? { ...ctx, training: true } : ctx;

  const currencyOf = (shiftId: string): string =>
    shiftCurrency(db, shiftId) ?? getVenue(db)?.currency ?? 'EUR';

  /** The document's markup, or a refusal if the sale, refund or shift is not on this terminal. */
  const build = (
    ref: DocumentRef,
    options: BuildOptions,
  ): Result<{ kind: PrintDocumentKind; refId: string; markup: string }> => {
    const ctx = context(options);
    if (ref.saleId !== undefined) {
      const record = loadSale(db, ref.saleId);
      return record
        ? ok({ kind: 'sale', refId: ref.saleId, markup: saleReceipt(record, trainingOf(record, ctx)) })
        : refuse('UNKNOWN_SALE');
    }
    if (ref.ticketsOfSaleId !== undefined) {
      const record = loadSale(db, ref.ticketsOfSaleId);
      if (!record) return refuse('UNKNOWN_SALE');
      const tickets = printedTickets(db, record, options.duplicate ?? false, ref.ticketIds);
      if (tickets.length === 0) return refuse('NO_TICKETS');
      const markup = ticketsDocument(tickets, saleTicketLayouts(db, record), {
        language: ctx.language,
        paperWidth: ctx.paperWidth,
      });
      return ok({ kind: 'tickets', refId: ref.jobRefId ?? record.sale.id, markup });
    }
    if (ref.refundId !== undefined) {
      const refund = findRefund(db, ref.refundId);
      const record = refund && loadSale(db, refund.saleId);
      if (refund && record)
        return ok({
          kind: 'refund',
          refId: refund.id,
          markup: refundReceipt(record, refund, trainingOf(record, ctx)),
        });
      // docs/ORDERS.md "Refunds at another window": a refund of another terminal's sale.
      const remote = findRemoteRefund(db, ref.refundId);
      return remote
        ? ok({ kind: 'refund', refId: remote.refund.id, markup: refundPaper(remoteRefundPaper(remote), ctx) })
        : refuse('UNKNOWN_REFUND');
    }
    if (ref.shiftId !== undefined) {
      const report = deps.zReport(ref.shiftId);
      return report.ok
        ? ok({
            kind: 'zreport',
            refId: ref.jobRefId ?? ref.shiftId,
            markup: zReport(report.value, currencyOf(ref.shiftId), ctx),
          })
        : refuse('UNKNOWN_SHIFT');
    }
    return refuse('ONE_DOCUMENT');
  };

  /** No printer set up: a document asked for now could not print. */
  const ready = (): Result<null> => (settings().output === 'none' ? refuse('NO_PRINTER') : ok(null));

  /** The queue prints what was written; after the commit, never inside a transaction still open. */
  const kick = () => {
    queue.kick();
    deps.onChange?.();
  };

  /** Writes one job per copy in one transaction (a savepoint inside the caller's), without printing yet. */
  const write = (
    ref: DocumentRef,
    options: { duplicate: boolean; copies: number },
  ): Result<PrintJobView[]> => {
    const s = settings();
    if (s.output === 'none') return refuse('NO_PRINTER');
    const now = isoNow(clock);
    const jobs: NewPrintJob[] = [];
    for (let n = 1; n <= options.copies; n++) {
      const doc = build(ref, { duplicate: options.duplicate, copy: { n, of: options.copies } });
      if (!doc.ok) return doc;
      jobs.push({
        id: newId(),
        kind: doc.value.kind,
        refId: doc.value.refId,
        copyNo: n,
        copies: options.copies,
        duplicate: options.duplicate ? 1 : 0,
        document: doc.value.markup,
        cpl: paperFor(s.paperWidth).cpl,
        createdAt: now,
      });
    }
    return ok(insertPrintJobs(db, jobs).map(toView));
  };

  /** Writes the jobs and prints them, after whatever the document is about has committed. */
  const enqueue = (
    ref: DocumentRef,
    options: { duplicate: boolean; copies: number },
  ): Result<PrintJobView[]> => {
    const jobs = write(ref, options);
    if (jobs.ok) kick();
    return jobs;
  };

  /** Automatic printing must never turn a completed sale into an error. */
  const autoPrint = (what: string, run: () => void) => {
    if (settings().output === 'none') return;
    try {
      run();
    } catch (error) {
      deps.logError(error, `automatic print of ${what}`);
    }
  };

  /**
   * Opens the drawer now, if it hangs on this terminal's printer; a failure is logged and told to the
   * caller, never retried (drawer.ts says why).
   */
  const openDrawer = async (why: string): Promise<DrawerOutcome> => {
    const outcome = await kickDrawer(settings());
    if (outcome === 'failed') deps.logError(new Error('the printer did not take the drawer pulse'), why);
    return outcome;
  };
  /** Cash changed hands: the drawer opens before the receipt prints. */
  const openDrawerFor = (what: string, payments: readonly { tender: string; amount: number }[]) => {
    if (payments.some((p) => p.tender === 'cash' && p.amount !== 0)) void openDrawer(what);
  };

  /** The receipt of a sale; `duplicate` reprints it marked DUPLICATE. Asking again for the original prints nothing new. */
  const printSale = (saleId: string, duplicate = false): Result<PrintJobView[]> =>
    enqueue({ saleId }, { duplicate, copies: duplicate ? 1 : settings().copies });
  /**
   * The valid tickets of a sale (or those of them named), once; a reprint with the same barcodes says
   * DUPLICATE on each.
   */
  const printTickets = (
    saleId: string,
    duplicate = false,
    ticketIds?: readonly string[],
  ): Result<PrintJobView[]> => enqueue({ ticketsOfSaleId: saleId, ticketIds }, { duplicate, copies: 1 });
  const printRefund = (refundId: string, duplicate = false): Result<PrintJobView[]> =>
    enqueue({ refundId }, { duplicate, copies: duplicate ? 1 : settings().copies });
  /**
   * The shift's report. While the shift is open it is its X report: a snapshot printed as often as asked,
   * each under its own reference, so none stands in for the Z report the close prints (print_jobs_original).
   */
  const printZReport = (shiftId: string, duplicate = false): Result<PrintJobView[]> =>
    enqueue(
      { shiftId, jobRefId: getOpenShift(db)?.id === shiftId ? newId() : undefined },
      { duplicate, copies: 1 },
    );

  return {
    start: () => queue.start(),
    stop: () => queue.stop(),

    settings,

    updateSettings(changes: Partial<PrinterSettings>): Result<PrinterSettings> {
      const given = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      ) as Partial<PrinterSettings>;
      const next: PrinterSettings = { ...settings(), ...given };
      if (next.output === 'network' && !next.host) {
        return err('PRINTER_HOST_REQUIRED', PRINT_REFUSALS.HOST_REQUIRED[deps.language()]);
      }
      writePrinterSettings(db, next, isoNow(clock));
      queue.retryNow();
      deps.onChange?.();
      return ok(next);
    },

    printSale,
    printTickets,
    ready,
    openDrawer,
    kick,

    /**
     * The new tickets of a reissue (docs/TICKETS.md "Reprints"), written inside the caller's transaction
     * with the tickets themselves, so a crash leaves both or neither; the caller kick()s after the commit.
     */
    queueReissued(saleId: string, ticketIds: readonly string[], reissueId: string): Result<PrintJobView[]> {
      return write(
        { ticketsOfSaleId: saleId, ticketIds, jobRefId: reissueId },
        { duplicate: false, copies: 1 },
      );
    },
    printRefund,
    printZReport,

    testPrint(): Result<PrintJobView[]> {
      const s = settings();
      if (s.output === 'none') return refuse('NO_PRINTER');
      const job: NewPrintJob = {
        id: newId(),
        kind: 'test',
        refId: newId(),
        copyNo: 1,
        copies: 1,
        duplicate: 0,
        document: testPage(context(), { address: describeAddress(s), at: isoNow(clock) }),
        cpl: paperFor(s.paperWidth).cpl,
        createdAt: isoNow(clock),
      };
      const rows = insertPrintJobs(db, [job]);
      // Staff press "test print" to see whether the printer works now, not after the backoff.
      queue.retryNow();
      deps.onChange?.();
      return ok(rows.map(toView));
    },

    /**
     * The sale's valid tickets as a PDF to save for the customer (docs/TICKETS.md "Printing tickets"), in
     * their events' layouts and the printer's language unless asked otherwise. Made here, in main: the
     * renderer only offers the bytes as a download.
     */
    async ticketsPdf(
      saleId: string,
      format: TicketPdfFormat,
      language?: Language,
    ): Promise<Result<TicketsPdfFile>> {
      const record = loadSale(db, saleId);
      if (!record) return refuse('UNKNOWN_SALE');
      const tickets = printedTickets(db, record);
      if (tickets.length === 0) return refuse('NO_TICKETS');
      const pdf = await ticketsPdf(tickets, saleTicketLayouts(db, record), {
        format,
        language: language ?? settings().language,
      });
      return ok({
        fileName: ticketsPdfFileName(record.sale.receiptNo, format),
        pdfBase64: pdf.toString('base64'),
      });
    },

    /** The document as the screen shows it, in the printer's width and language unless asked otherwise. */
    preview(
      ref: DocumentRef & {
        paperWidth?: 58 | 80 | undefined;
        language?: Language | undefined;
        duplicate?: boolean | undefined;
      },
    ): Result<string> {
      const given = [ref.saleId, ref.refundId, ref.shiftId].filter((v) => v !== undefined);
      if (given.length !== 1) return refuse('ONE_DOCUMENT');
      const paperWidth = ref.paperWidth ?? settings().paperWidth;
      const doc = build(ref, { language: ref.language, paperWidth, duplicate: ref.duplicate ?? false });
      return doc.ok ? ok(toSvg(doc.value.markup, paperFor(paperWidth).cpl)) : doc;
    },

    status(): PrinterStatus {
      const s = settings();
      return {
        output: s.output,
        configured: s.output !== 'none',
        queueLength: countPendingPrintJobs(db),
        fault: queue.fault(),
        lastSuccessAt: lastPrintedAt(db),
        warning: queue.paperLow()
          ? { reason: 'PAPER_NEAR_END', message: PAPER_NEAR_END[deps.language()] }
          : null,
        jobs: listPrintJobs(db, 10).map(toView),
      };
    },

    /**
     * Prints the receipt and the tickets of a sale checkout just completed, in the order this terminal
     * is set to; the sale's result passes through unchanged.
     */
    afterSale(result: Result<SaleRecord>): Result<SaleRecord> {
      if (!result.ok) return result;
      const record = result.value;
      const { output, ticketOrder } = settings();
      // Nothing prints by itself and no drawer hangs on a printer (autoPrint's own check, read once here).
      if (output === 'none') return result;
      openDrawerFor(`sale ${record.sale.id}`, record.payments);
      const receipt = () => autoPrint(`sale ${record.sale.id}`, () => void printSale(record.sale.id));
      const tickets = () => {
        if (ticketOrder !== 'receipt_only' && record.tickets.some((t) => t.status === 'valid'))
          autoPrint(`tickets of sale ${record.sale.id}`, () => void printTickets(record.sale.id));
      };
      if (ticketOrder === 'tickets_first') {
        tickets();
        receipt();
      } else {
        receipt();
        tickets();
      }
      return result;
    },

    /** Prints the receipt of the refund or void just made: the sale's newest refund. */
    afterRefund(result: Result<SaleRecord>): Result<SaleRecord> {
      const refund = result.ok ? result.value.refunds.at(-1) : undefined;
      if (refund && result.ok)
        openDrawerFor(
          `refund ${refund.id}`,
          result.value.payments.filter((p) => p.refundId === refund.id),
        );
      if (refund) autoPrint(`refund ${refund.id}`, () => void printRefund(refund.id));
      return result;
    },

    /** Prints the receipt of a refund of another terminal's sale just made (docs/ORDERS.md). */
    afterRemoteRefund(refundId: string): void {
      openDrawerFor(`refund ${refundId}`, findRemoteRefund(db, refundId)?.payments ?? []);
      autoPrint(`refund ${refundId}`, () => void printRefund(refundId));
    },

    /** Prints the Z report of the shift just closed. */
    afterShiftClose(result: Result<ZReport>): Result<ZReport> {
      if (result.ok)
        autoPrint(`Z report ${result.value.shift.id}`, () => void printZReport(result.value.shift.id));
      return result;
    },
  };
}
