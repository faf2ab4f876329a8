import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { listBackups } from '../../src-main/db/backup';
import { verifyOutboxChain } from '../../src-main/db/repos/outbox-repo';
import type { Db } from '../../src-main/db/connection';
import { until } from '../helpers/printing';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';
import { folderOn, mountSmallDisk, whyNoTmpfs, type SmallDisk } from '../helpers/tmpfs';

// A real full disk under a real terminal core (docs/OPERATIONS.md "Disk full"): SQLite answers
// SQLITE_FULL, the dispatcher turns it into one sentence for the cashier, and nothing is half-written.

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls';
const TABLES = ['sales', 'sale_lines', 'sale_units', 'payments', 'tickets', 'outbox', 'print_jobs'] as const;

const noTmpfs = whyNoTmpfs();

function counts(db: Db): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(
    TABLES.map((table) => [
      table,
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    ]),
  ) as Record<(typeof TABLES)[number], number>;
}
const lastSeq = (db: Db) =>
  (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').get() as { seq: number }).seq;

describe.skipIf(noTmpfs !== null)(
  `a full disk under the terminal${noTmpfs ? ` (skipped: ${noTmpfs})` : ''}`,
  () => {
    let disk: SmallDisk;
    let pos: TestTerminal;
    const logged: string[] = [];
    beforeAll(async () => {
      disk = mountSmallDisk(32);
      pos = await startTestTerminal({
        dataDir: folderOn(disk, 'terminal'),
        // Receipts are queued (print_jobs) but not sent anywhere.
        printer: { enabled: false },
        logError: (error, context) => logged.push(`${context}: ${String(error)}`),
      });
      await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
      await pos.must(c.print.settingsUpdate, { output: 'network', host: '127.0.0.1', port: 9 });
      await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
      await pos.must(c.shift.open, { openingFloat: 10_000 });
    });
    // A test that fails with the disk full must not leave the next one without room.
    afterEach(() => disk.free());
    afterAll(async () => {
      disk?.free();
      await pos?.close();
      disk?.unmount();
    });

    /** A cart of two adults, and the store as a restart leaves it: the write-ahead log empty. */
    const readyToPay = async () => {
      await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
      const cart = await pos.must(c.cart.get);
      // With the log emptied, the sale's pages need new room on the disk, which the filler took.
      pos.terminal.db.pragma('wal_checkpoint(TRUNCATE)');
      return { cartId: cart.id, tenders: [{ tender: 'cash' as const, amount: cart.total }] };
    };

    it('refuses the sale with a sentence, writes nothing, keeps the cart, and sells it once there is room', async () => {
      const db = pos.terminal.db;
      const earlier = await pos.must(c.checkout.complete, await readyToPay());
      const payment = await readyToPay();
      const before = counts(db);
      const seqBefore = lastSeq(db);

      disk.fill();
      const refused = await pos.call(c.checkout.complete, payment);
      expect(refused).toEqual({
        ok: false,
        reason: 'STORAGE_FULL',
        message:
          'The terminal’s disk is full, so this sale was NOT saved. Do not take the money, and hand back any ' +
          'you already took. Free space on the disk or call the technician, then take payment again: the ' +
          'cart is still here.',
      });
      expect(counts(db)).toEqual(before);
      expect(lastSeq(db)).toBe(seqBefore);

      // The store still reads, the terminal still answers, and the cart waits for the retry.
      expect(db.pragma('quick_check')).toEqual([{ quick_check: 'ok' }]);
      expect(await pos.must(c.system.status)).toMatchObject({ unsyncedEvents: seqBefore });
      expect(await pos.must(c.sales.find, { receiptNo: earlier.sale.receiptNo })).toMatchObject({
        sale: { id: earlier.sale.id },
      });
      expect((await pos.must(c.cart.get)).id).toBe(payment.cartId);
      // Any other write says the same about the disk, in words for what it was doing.
      expect(await pos.call(c.settings.update, { language: 'de' })).toMatchObject({
        ok: false,
        reason: 'STORAGE_FULL',
        message: expect.stringMatching(/^The terminal’s disk is full, so this was NOT saved\./) as string,
      });

      disk.free();
      const sold = await pos.must(c.checkout.complete, payment);
      expect(sold.sale.id).toBe(payment.cartId);
      expect(sold.sale.receiptNo).toBe(earlier.sale.receiptNo + 1);
      const after = counts(db);
      expect(after.sales).toBe(before.sales + 1);
      expect(after.outbox).toBe(before.outbox + 1);
      expect(after.tickets).toBe(before.tickets + 2);
      // The receipt and tickets are queued for the printer as after any sale.
      expect(after.print_jobs).toBeGreaterThan(before.print_jobs);
      // The chain goes on from where it stood: no seq was taken by the refused attempt.
      expect(lastSeq(db)).toBe(seqBefore + 1);
      expect(verifyOutboxChain(db)).toBeNull();
    });

    it('says it in German on a terminal set to German', async () => {
      await pos.must(c.settings.update, { language: 'de' });
      const payment = await readyToPay();
      disk.fill();
      const refused = await pos.call(c.checkout.complete, payment);
      expect(refused).toMatchObject({
        ok: false,
        reason: 'STORAGE_FULL',
        message: expect.stringMatching(
          /^Der Datenträger des Terminals ist voll, daher wurde dieser Verkauf NICHT gespeichert\. Bitte kein Geld annehmen/,
        ) as string,
      });
      disk.free();
      await pos.must(c.settings.update, { language: 'en' });
      expect(await pos.call(c.checkout.complete, payment)).toMatchObject({ ok: true });
    });

    it('closes the shift but skips the automatic backup when the disk has too little room for it', async () => {
      await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
      pos.terminal.db.pragma('wal_checkpoint(TRUNCATE)');
      // Room for the close's few pages, not for a copy of the store and as much again.
      disk.fill(512 * 1024);
      expect(await pos.call(c.shift.close, { countedCash: 10_000 })).toMatchObject({ ok: true });
      await until(
        () => logged.find((line) => line.startsWith('automatic backup: Error: Skipped the automatic backup')),
        'the skipped backup to be logged',
      );
      expect(listBackups(pos.terminal.dataDir)).toEqual([]);
      disk.free();
    });
  },
);
