import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterSettings } from '../../../../../shared/ipc/domains/printing';
import { getPrintJob, insertPrintJobs, type NewPrintJob } from '../../../../../src-main/db/repos/print-repo';
import type { PrintOutput, SendResult } from '../../../../../src-main/services/printing/output';
import { createPrintQueue, type PrintQueue } from '../../../../../src-main/services/printing/print-queue';
import { migratedTo } from '../../../../migrations/helpers';
import { until } from '../../../../helpers/printing';
import { testClock } from '../../../../helpers/terminal';

const SETTINGS: PrinterSettings = {
  output: 'network',
  host: '10.0.0.9',
  port: 9100,
  paperWidth: 80,
  language: 'en',
  copies: 1,
  systemPrinter: null,
  ticketOrder: 'receipt_first',
  drawerKick: false,
};

describe('print queue', () => {
  let m: ReturnType<typeof migratedTo>;
  let queue: PrintQueue | undefined;
  const clock = testClock();
  const errors: unknown[] = [];
  beforeEach(() => {
    m = migratedTo(6);
    errors.length = 0;
  });
  afterEach(async () => {
    await queue?.stop();
    m.close();
  });

  const job = (id: string): NewPrintJob => ({
    id,
    kind: 'test',
    refId: id,
    copyNo: 1,
    copies: 1,
    duplicate: 0,
    document: id,
    cpl: 48,
    createdAt: '2026-11-21T10:00:00.000Z',
  });
  const start = (output: PrintOutput, options: { retryBaseMs: number; retryCapMs: number }) => {
    queue = createPrintQueue({
      db: m.db,
      clock,
      settings: () => SETTINGS,
      output: () => output,
      language: () => 'en',
      logError: (error) => errors.push(error),
      ...options,
    });
    queue.start();
    return queue;
  };

  it('doubles the wait after each fault in a row and stops at the cap', async () => {
    const waits: number[] = [];
    let calls = 0;
    const output: PrintOutput = {
      async send(payload): Promise<SendResult> {
        calls += 1;
        const next = getPrintJob(m.db, payload.jobId)?.nextAttemptAt;
        if (calls > 1 && next) waits.push(Date.parse(next) - clock.now());
        return calls <= 5 ? { ok: false, fault: 'UNREACHABLE' } : { ok: true };
      },
    };
    insertPrintJobs(m.db, [job('a')]);
    start(output, { retryBaseMs: 2, retryCapMs: 8 });
    await until(() => getPrintJob(m.db, 'a')?.state === 'done', 'the job to print');
    expect(waits).toEqual([2, 4, 8, 8, 8]);
    expect(getPrintJob(m.db, 'a')).toMatchObject({ attempts: 6, lastError: null, nextAttemptAt: null });
  });

  it('sets a job aside when its output throws, and prints the next one', async () => {
    const sent: string[] = [];
    const output: PrintOutput = {
      async send(payload) {
        if (payload.markup === 'broken') throw new Error('cannot render');
        sent.push(payload.jobId);
        return { ok: true };
      },
    };
    insertPrintJobs(m.db, [{ ...job('a'), document: 'broken' }, job('b')]);
    start(output, { retryBaseMs: 1, retryCapMs: 1 });
    await until(() => getPrintJob(m.db, 'b')?.state === 'done', 'the second job');
    expect(getPrintJob(m.db, 'a')).toMatchObject({
      state: 'failed',
      attempts: 1,
    });
    expect(getPrintJob(m.db, 'a')?.lastError).toBe(
      'This document could not be printed because of an error in the terminal (cannot render). Print it again; if it happens again, tell your supervisor.',
    );
    expect(sent).toEqual(['b']);
    expect(errors).toHaveLength(1);
  });

  it('waits for the job on the wire when stopped, so its outcome is recorded', async () => {
    let release: (r: SendResult) => void = () => undefined;
    const output: PrintOutput = { send: () => new Promise<SendResult>((resolve) => (release = resolve)) };
    insertPrintJobs(m.db, [job('a')]);
    const q = start(output, { retryBaseMs: 1, retryCapMs: 1 });
    await until(() => getPrintJob(m.db, 'a')?.state === 'printing', 'the job to start');
    const stopped = q.stop();
    release({ ok: true });
    await stopped;
    expect(getPrintJob(m.db, 'a')?.state).toBe('done');
  });

  it('prints strictly in order, one job at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const output: PrintOutput = {
      async send(payload) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        order.push(payload.jobId);
        inFlight -= 1;
        return { ok: true };
      },
    };
    const q = start(output, { retryBaseMs: 1, retryCapMs: 1 });
    for (const id of ['a', 'b', 'c', 'd']) {
      insertPrintJobs(m.db, [job(id)]);
      q.kick();
    }
    await until(() => order.length === 4, 'four jobs');
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(most).toBe(1);
  });
});
