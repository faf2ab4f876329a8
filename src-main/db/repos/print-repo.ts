import { prepared, type Db } from '../connection';
import { fromRow } from '../rows';
import type { PrintDocumentKind, PrinterSettings, PrintJobState } from '../../../shared/ipc/domains/printing';
import type { RefundRow } from '../../../shared/ipc/domains/sales';

export interface PrintJobRow {
  seq: number;
  id: string;
  kind: PrintDocumentKind;
  refId: string;
  copyNo: number;
  copies: number;
  duplicate: number;
  document: string;
  cpl: number;
  state: PrintJobState;
  attempts: number;
  nextAttemptAt: string | null;
  lastReason: string | null;
  lastError: string | null;
  createdAt: string;
  printedAt: string | null;
}

export type NewPrintJob = Pick<
  PrintJobRow,
  'id' | 'kind' | 'refId' | 'copyNo' | 'copies' | 'duplicate' | 'document' | 'cpl' | 'createdAt'
>;

const PENDING = "state IN ('queued', 'printing', 'retrying')";

export function readPrinterSettings(db: Db): PrinterSettings | undefined {
  const row = prepared(
    db,
    `SELECT output, host, port, paper_width, language, copies, system_printer, ticket_order, drawer_kick
     FROM printer_settings WHERE id = 1`,
  ).get();
  if (!row) return undefined;
  const settings = fromRow<Omit<PrinterSettings, 'drawerKick'> & { drawerKick: number }>(row);
  return { ...settings, drawerKick: settings.drawerKick === 1 };
}

export function writePrinterSettings(db: Db, settings: PrinterSettings, updatedAt: string): void {
  prepared(
    db,
    `INSERT INTO printer_settings (id, output, host, port, paper_width, language, copies, system_printer,
       ticket_order, drawer_kick, updated_at)
     VALUES (1, @output, @host, @port, @paperWidth, @language, @copies, @systemPrinter, @ticketOrder, @drawerKick,
       @updatedAt)
     ON CONFLICT (id) DO UPDATE SET output = excluded.output, host = excluded.host, port = excluded.port,
       paper_width = excluded.paper_width, language = excluded.language, copies = excluded.copies,
       system_printer = excluded.system_printer, ticket_order = excluded.ticket_order,
       drawer_kick = excluded.drawer_kick, updated_at = excluded.updated_at`,
  ).run({ ...settings, drawerKick: settings.drawerKick ? 1 : 0, updatedAt });
}

/**
 * Adds the jobs in one transaction. An original (not a reprint) that is already queued or printed is
 * skipped, so enqueueing the same sale twice never prints it twice. Returns the jobs of the document.
 */
export function insertPrintJobs(db: Db, jobs: readonly NewPrintJob[]): PrintJobRow[] {
  const insert = prepared(
    db,
    `INSERT INTO print_jobs (id, kind, ref_id, copy_no, copies, duplicate, document, cpl, state, attempts, next_attempt_at, created_at)
     VALUES (@id, @kind, @refId, @copyNo, @copies, @duplicate, @document, @cpl, 'queued', 0, @createdAt, @createdAt)
     ON CONFLICT (kind, ref_id, copy_no) WHERE duplicate = 0 DO NOTHING`,
  );
  const find = prepared(db, 'SELECT * FROM print_jobs WHERE id = ?');
  const original = prepared(
    db,
    'SELECT * FROM print_jobs WHERE kind = ? AND ref_id = ? AND copy_no = ? AND duplicate = 0',
  );
  return db.transaction(() =>
    jobs.map((job) => {
      const inserted = insert.run(job).changes === 1;
      const row = inserted ? find.get(job.id) : original.get(job.kind, job.refId, job.copyNo);
      return fromRow<PrintJobRow>(row);
    }),
  )();
}

/** The oldest job still to print: the queue prints strictly in order. */
export function nextPendingJob(db: Db): PrintJobRow | undefined {
  const row = prepared(db, `SELECT * FROM print_jobs WHERE ${PENDING} ORDER BY seq LIMIT 1`).get();
  return row ? fromRow<PrintJobRow>(row) : undefined;
}

/** Takes a job for one attempt; false if another worker or a finished attempt got there first. */
export function claimPrintJob(db: Db, id: string): boolean {
  return (
    prepared(
      db,
      `UPDATE print_jobs SET state = 'printing', attempts = attempts + 1 WHERE id = ? AND state IN ('queued', 'retrying')`,
    ).run(id).changes === 1
  );
}

export function markPrintJobDone(db: Db, id: string, at: string): void {
  prepared(
    db,
    "UPDATE print_jobs SET state = 'done', printed_at = ?, next_attempt_at = NULL, last_reason = NULL, last_error = NULL WHERE id = ? AND state = 'printing'",
  ).run(at, id);
}

export function markPrintJobRetrying(
  db: Db,
  id: string,
  failure: { reason: string; message: string; nextAttemptAt: string },
): void {
  prepared(
    db,
    "UPDATE print_jobs SET state = 'retrying', last_reason = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'printing'",
  ).run(failure.reason, failure.message, failure.nextAttemptAt, id);
}

export function markPrintJobFailed(db: Db, id: string, failure: { reason: string; message: string }): void {
  prepared(
    db,
    "UPDATE print_jobs SET state = 'failed', last_reason = ?, last_error = ?, next_attempt_at = NULL WHERE id = ?",
  ).run(failure.reason, failure.message, id);
}

/**
 * After a crash a job may still say 'printing'. It goes back in the queue; its attempt count keeps the
 * evidence that it may have reached the printer once already.
 */
export function requeueInterruptedJobs(db: Db): number {
  return prepared(db, "UPDATE print_jobs SET state = 'retrying' WHERE state = 'printing'").run().changes;
}

export function countPendingPrintJobs(db: Db): number {
  return (prepared(db, `SELECT count(*) AS n FROM print_jobs WHERE ${PENDING}`).get() as { n: number }).n;
}

export function listPrintJobs(db: Db, recentDone: number): PrintJobRow[] {
  const pending = prepared(db, `SELECT * FROM print_jobs WHERE ${PENDING} ORDER BY seq`).all();
  const finished = prepared(
    db,
    `SELECT * FROM print_jobs WHERE NOT (${PENDING}) ORDER BY seq DESC LIMIT ?`,
  ).all(recentDone);
  return [...pending, ...finished].map((r) => fromRow<PrintJobRow>(r));
}

export function getPrintJob(db: Db, id: string): PrintJobRow | undefined {
  const row = prepared(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id);
  return row ? fromRow<PrintJobRow>(row) : undefined;
}

export function lastPrintedAt(db: Db): string | null {
  return (
    prepared(db, "SELECT max(printed_at) AS at FROM print_jobs WHERE state = 'done'").get() as {
      at: string | null;
    }
  ).at;
}

export function findRefund(db: Db, refundId: string): RefundRow | undefined {
  const row = prepared(db, 'SELECT * FROM refunds WHERE id = ?').get(refundId);
  return row ? fromRow<RefundRow>(row) : undefined;
}

/** The currency a shift sold in, for its Z report; undefined if it sold nothing. */
export function shiftCurrency(db: Db, shiftId: string): string | undefined {
  return (
    prepared(db, 'SELECT currency FROM sales WHERE shift_id = ? LIMIT 1').get(shiftId) as
      { currency: string } | undefined
  )?.currency;
}
