import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { claimPrintJob, nextPendingJob } from '../../../src-main/db/repos/print-repo';
import { decodeEscPos } from '../../helpers/escpos-decoder';
import {
  sellAdults,
  settle,
  setUpPrinter,
  startPrintBench,
  until,
  type PrintBench,
  RECEIPTS_ONLY,
} from '../../helpers/printing';

describe('print queue under printer faults', () => {
  let bench: PrintBench;
  beforeEach(async () => {
    bench = await startPrintBench();
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
  });
  afterEach(() => bench.close());

  const status = () => bench.must(c.print.status);
  const faultIs = (reason: string) =>
    until(async () => ((await status()).fault?.reason === reason ? status() : null), `fault ${reason}`);

  it('completes the sale at once while the printer is off, and prints the receipt once when it comes back', async () => {
    await bench.printer.down();
    const sale = await sellAdults(bench, 1);
    expect(sale.sale.status).toBe('completed');

    const down = await faultIs('UNREACHABLE');
    expect(down.fault?.message).toBe(
      `The printer at 127.0.0.1:${bench.printer.port} cannot be reached. Check that it is switched on and its network cable is plugged in; printing resumes by itself.`,
    );
    expect(down.queueLength).toBe(1);
    const waiting = await until(async () => {
      const job = (await status()).jobs[0];
      return job && job.attempts >= 3 && job.state === 'retrying' ? job : null;
    }, 'a few retries');
    expect(waiting.lastError).toBe(down.fault?.message);
    expect(Date.parse(waiting.nextAttemptAt ?? '')).toBeGreaterThan(0);

    await bench.printer.up();
    const [job] = await bench.printer.waitForPrinted(1);
    expect(decodeEscPos(job!, [sale.sale.id]).qr).toEqual([sale.sale.id]);
    await settle();
    expect(bench.printer.printed()).toHaveLength(1);
    const after = await until(
      async () => ((await status()).queueLength === 0 ? status() : null),
      'the queue to empty',
    );
    expect(after).toMatchObject({ fault: null, lastSuccessAt: '2026-11-21T10:00:00.000Z' });
  });

  it('prints the whole receipt again, once, when the connection resets in the middle of a job', async () => {
    bench.printer.resetNextJobAfter(200);
    const sale = await sellAdults(bench, 2, { code: 'SUMMER20' });
    const [job] = await bench.printer.waitForPrinted(1);
    await settle();

    const dropped = bench.printer.connections.filter((conn) => conn.reset);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]?.data.length).toBe(200);
    expect(bench.printer.printed()).toHaveLength(1);
    const print = decodeEscPos(job!, [sale.sale.id]);
    expect(print.qr).toEqual([sale.sale.id]);
    expect(print.text).toMatch(/TOTAL EUR\s+72\.00/);
    expect(print.cuts).toBe(1);
    const [done] = (await status()).jobs;
    expect(done).toMatchObject({ state: 'done', attempts: 2, lastError: null });
  });

  it('waits while the printer is out of paper, says so, and prints once the roll is changed', async () => {
    bench.printer.paper = 'end';
    const sale = await sellAdults(bench, 1);
    const out = await faultIs('PAPER_END');
    expect(out.fault?.message).toBe(
      'Printer is out of paper. Put in a new roll; printing resumes by itself.',
    );
    expect(out.queueLength).toBe(1);
    // It asks, hears "paper end", and sends nothing, again and again.
    await until(
      () => bench.printer.connections.filter((conn) => conn.statusQueries === 3).length >= 3,
      'several status checks',
    );
    expect(bench.printer.connections.every((conn) => conn.data.length === 0)).toBe(true);

    bench.printer.paper = 'ok';
    const [job] = await bench.printer.waitForPrinted(1);
    expect(decodeEscPos(job!, [sale.sale.id]).qr).toEqual([sale.sale.id]);
    await settle();
    expect(bench.printer.printed()).toHaveLength(1);
    expect((await status()).fault).toBeNull();
  });

  it('keeps printing on a nearly used-up roll and warns staff to have a new one ready', async () => {
    bench.printer.paper = 'near-end';
    await sellAdults(bench, 1);
    await bench.printer.waitForPrinted(1);
    const low = await until(async () => ((await status()).warning ? status() : null), 'the paper warning');
    expect(low).toMatchObject({
      fault: null,
      warning: {
        reason: 'PAPER_NEAR_END',
        message: 'The paper roll is nearly used up. Have a new roll ready.',
      },
    });
    bench.printer.paper = 'ok';
    await bench.must(c.print.test);
    await bench.printer.waitForPrinted(2);
    await until(async () => (await status()).warning === null, 'the warning to clear');
  });

  it('reports an open cover in German when the terminal speaks German', async () => {
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await bench.must(c.settings.update, { language: 'de' });
    bench.printer.coverOpen = true;
    await bench.must(c.print.test);
    const open = await faultIs('COVER_OPEN');
    expect(open.fault?.message).toBe(
      'Die Druckerabdeckung ist offen. Bitte schließen; der Druck läuft dann von selbst weiter.',
    );
    bench.printer.coverOpen = false;
    await bench.printer.waitForPrinted(1);
  });

  it('prints still-queued receipts once each, in order, after the terminal restarts', async () => {
    await bench.printer.down();
    const first = await sellAdults(bench, 1);
    const second = await sellAdults(bench, 2);
    await until(
      async () => (await status()).queueLength === 2 && (await status()).fault?.reason === 'UNREACHABLE',
      'both jobs queued',
    );

    await bench.restart();
    await bench.printer.up();
    const jobs = await bench.printer.waitForPrinted(2);
    await settle();
    expect(bench.printer.printed()).toHaveLength(2);
    expect(jobs.map((j) => decodeEscPos(j, [first.sale.id, second.sale.id]).qr[0])).toEqual([
      first.sale.id,
      second.sale.id,
    ]);
  });

  it('resumes a job a crash left half-printed, and prints it once', async () => {
    await bench.restart({ printer: { enabled: false } });
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    const sale = await sellAdults(bench, 1);
    // The crash: the worker had claimed the job and never wrote the outcome.
    const job = nextPendingJob(bench.terminal.db);
    expect(job && claimPrintJob(bench.terminal.db, job.id)).toBe(true);
    expect(bench.printer.connections).toHaveLength(0);

    await bench.restart();
    const [printed] = await bench.printer.waitForPrinted(1);
    await settle();
    expect(bench.printer.printed()).toHaveLength(1);
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    expect(decodeEscPos(printed!, [sale.sale.id]).qr).toEqual([sale.sale.id]);
    expect((await bench.must(c.print.status)).jobs[0]).toMatchObject({ state: 'done', attempts: 2 });
  });
});
