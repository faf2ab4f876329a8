import type { PrinterFault, PrinterSettings } from '../../../shared/ipc/domains/printing';
import type { Language } from '../../../shared/ipc/types';
import { isoNow, type Clock } from '../../clock';
import type { Db } from '../../db/connection';
import {
  claimPrintJob,
  markPrintJobDone,
  markPrintJobFailed,
  markPrintJobRetrying,
  nextPendingJob,
  requeueInterruptedJobs,
} from '../../db/repos/print-repo';
import { createSerialDrain, type SerialDrainOptions } from '../serial-drain';
import type { PrintOutput, SendResult } from './output';
import { brokenJobMessage, faultMessage } from './print-messages';

/** The waits after a printer fault: the first, doubling with each fault in a row, up to the cap. */
export type PrintQueueOptions = SerialDrainOptions;

interface Deps extends PrintQueueOptions {
  db: Db;
  clock: Clock;
  settings: () => PrinterSettings;
  /** The output the settings select, or null if none is available here. */
  output: (settings: PrinterSettings) => PrintOutput | null;
  /** Language of the status sentences (the terminal's, not the paper's). */
  language: () => Language;
  logError: (error: unknown, context: string) => void;
  onChange?: () => void;
}

export interface QueueFault {
  reason: PrinterFault;
  message: string;
  since: string;
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;

export function describeAddress(settings: PrinterSettings): string {
  if (settings.output === 'network') return `${settings.host ?? '?'}:${settings.port}`;
  return settings.systemPrinter ?? settings.output;
}

/**
 * Drains print_jobs oldest first, one job at a time. A fault (printer off, unplugged, out of paper)
 * leaves the job at the head of the queue and waits with exponential backoff; a fault is about the
 * printer, so later jobs wait behind it rather than overtaking it.
 */
export function createPrintQueue(deps: Deps) {
  const { db, clock } = deps;
  let fault: QueueFault | null = null;
  let paperLow = false;

  const setFault = (reason: PrinterFault, settings: PrinterSettings) => {
    const message = faultMessage(deps.language(), reason, { address: describeAddress(settings) });
    fault = { reason, message, since: fault?.reason === reason ? fault.since : isoNow(clock) };
    return fault;
  };

  async function attempt(): Promise<'again' | 'wait' | 'idle'> {
    const job = nextPendingJob(db);
    if (!job) return 'idle';
    const settings = deps.settings();
    const output = deps.output(settings);
    if (!output) {
      // Nothing to print on until the settings change; updating them starts the queue again.
      setFault(settings.output === 'none' ? 'NOT_CONFIGURED' : 'OUTPUT_UNAVAILABLE', settings);
      return 'idle';
    }
    if (!claimPrintJob(db, job.id)) return 'again';
    deps.onChange?.();
    let result: SendResult;
    try {
      result = await output.send(
        { jobId: job.id, markup: job.document, cpl: job.cpl, paperWidth: settings.paperWidth },
        settings,
      );
    } catch (error) {
      // Outputs report printer trouble as results; a throw is a bug in the document or the output, and
      // retrying would only repeat it, so the job stops here and the queue moves on.
      deps.logError(error, `print job ${job.id}`);
      const detail = error instanceof Error ? error.message : String(error);
      markPrintJobFailed(db, job.id, {
        reason: 'INTERNAL',
        message: brokenJobMessage(deps.language(), detail),
      });
      return 'again';
    }
    if (result.ok) {
      markPrintJobDone(db, job.id, isoNow(clock));
      worker.succeeded();
      fault = null;
      paperLow = result.paperLow ?? false;
      return 'again';
    }
    const wait = worker.failed();
    const current = setFault(result.fault, settings);
    markPrintJobRetrying(db, job.id, {
      reason: result.fault,
      message: current.message,
      nextAttemptAt: new Date(clock.now() + wait).toISOString(),
    });
    return 'wait';
  }

  const worker = createSerialDrain({
    ...deps,
    step: attempt,
    resume: () => requeueInterruptedJobs(db),
    logError: (error) => deps.logError(error, 'print queue'),
  });

  return {
    /** Puts jobs a crash left half-done back in the queue and starts draining. */
    start: worker.start,

    /** New jobs arrived; a printer that is waiting out a fault keeps waiting. */
    kick: worker.kick,

    /** Try again at once, e.g. after the settings changed or staff say the paper is in. */
    retryNow: worker.retryNow,

    fault(): QueueFault | null {
      return fault;
    },

    /** The last printed job found the roll nearly used up. */
    paperLow(): boolean {
      return paperLow;
    },

    /** Stops the worker and waits for the job on the wire, so its outcome is written before the store closes. */
    stop: worker.stop,
  };
}
