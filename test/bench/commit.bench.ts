import { join } from 'node:path';
import { channels as c } from '../../shared/ipc/channels';
import { findAppRoot } from '../../src-main/app-info';
import { DATABASE_FILE, openDatabase, type Db } from '../../src-main/db/connection';
import { makeTempDir } from '../helpers/temp-dir';
import { startTestTerminal } from '../helpers/terminal';
import { percentile, type BenchSuite } from './harness';

// What checkout costs beyond the disk: in one process, sale by sale, a real checkout through the
// dispatcher, then a bare better-sqlite3 transaction writing the same rows (same tables, columns and
// row counts as that sale: sale, lines, units, payment, redemption and its scope, tickets, the
// performances' sold counts and the outbox row with its hash) to a copy of the store in another file
// on the same disk, opened by openDatabase (the same pragmas: WAL, synchronous=FULL, foreign keys).
// Alternated, so both see the same machine load. The ratio is what our JavaScript adds; the same run
// again with synchronous=OFF on both sides says it without the disk.

const SALES = 400;
/** Sold in turn: 2 × 2 × SALES + 2 tickets fit in their 2,000 seats. */
const SHOWS = [
  { performanceId: 'perf-panto-1', ticketPriceId: 'price-panto-adult-stalls' },
  { performanceId: 'perf-panto-2', ticketPriceId: 'price-panto-adult-stalls' },
  { performanceId: 'perf-hamlet-1', ticketPriceId: 'price-hamlet-adult-stalls' },
  { performanceId: 'perf-hamlet-2', ticketPriceId: 'price-hamlet-adult-stalls' },
] as const;
/** The first sales warm up statement caches and the JIT on both sides; they are not measured. */
const WARMUP = 40;

/** The tables a sale writes, with how their rows of one sale are found. */
const SALE_TABLES: { table: string; where: string }[] = [
  { table: 'sales', where: 'id = ?' },
  { table: 'sale_lines', where: 'sale_id = ?' },
  { table: 'sale_units', where: 'line_id IN (SELECT id FROM sale_lines WHERE sale_id = ?)' },
  { table: 'payments', where: 'sale_id = ?' },
  { table: 'redemptions', where: 'sale_id = ?' },
  { table: 'redemption_scopes', where: 'redemption_id IN (SELECT id FROM redemptions WHERE sale_id = ?)' },
  { table: 'approvals', where: 'sale_id = ?' },
  { table: 'tickets', where: 'sale_id = ?' },
];

/** The stored (not generated) columns of a table. */
const columnsOf = (db: Db, table: string) =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((col) => col.name);

interface Insert {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/**
 * The rows of one sale as the store holds them, to copy with fresh ids: every value equal to one of the
 * sale's own ids (its id, lines, payments, redemption, tickets) gets a suffix per copy.
 */
function templateOf(db: Db, saleId: string): { inserts: Insert[]; ids: Set<string> } {
  const inserts = SALE_TABLES.map(({ table, where }) => {
    const columns = columnsOf(db, table);
    const rows = db
      .prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${where}`)
      .raw()
      .all(saleId) as unknown[][];
    return { table, columns, rows };
  });
  const ids = new Set<string>();
  for (const { columns, rows } of inserts) {
    const id = columns.indexOf('id');
    if (id >= 0) for (const row of rows) ids.add(row[id] as string);
  }
  return { inserts, ids };
}

/** The bare side: the template's rows, prepared once, written in one transaction per sale. */
function bareWriter(db: Db, template: ReturnType<typeof templateOf>, soldPerPerformance: [string, number][]) {
  const { inserts, ids } = template;
  const statements = inserts.map(({ table, columns, rows }) => ({
    statement: db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ),
    receiptNo: table === 'sales' ? columns.indexOf('receipt_no') : -1,
    rows,
  }));
  const addSold = db.prepare('UPDATE performance_sold SET sold = sold + ? WHERE performance_id = ?');
  const outbox = db.prepare(
    'INSERT INTO outbox (seq, mutation_id, type, payload, prev_hash, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const tail = db.prepare('SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const receipts = db.prepare('SELECT coalesce(max(receipt_no), 0) AS n FROM sales').get() as { n: number };
  let seq = tail?.seq ?? 0;
  let receiptNo = receipts.n;
  return (entry: { payload: string; hash: string; prevHash: string; createdAt: string }) => {
    seq += 1;
    receiptNo += 1;
    const suffix = `~${seq}`;
    const fresh = (v: unknown) => (typeof v === 'string' && ids.has(v) ? v + suffix : v);
    db.transaction(() => {
      for (const { statement, receiptNo: at, rows } of statements) {
        for (const row of rows) {
          const values = row.map(fresh);
          if (at >= 0) values[at] = receiptNo;
          statement.run(values);
        }
      }
      for (const [performanceId, qty] of soldPerPerformance) addSold.run(qty, performanceId);
      outbox.run(
        seq,
        `mutation${suffix}`,
        'sale',
        entry.payload,
        entry.prevHash,
        entry.hash,
        entry.createdAt,
      );
    })();
  };
}

export const commitSuite: BenchSuite = {
  name: 'commit',
  async run() {
    const temp = makeTempDir('pos-bench-commit-');
    const bareDir = makeTempDir('pos-bench-bare-');
    const pos = await startTestTerminal({ dataDir: temp.path });
    let bare: Db | undefined;
    try {
      const db = pos.terminal.db;
      await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
      await pos.must(c.shift.open, { openingFloat: 0 });
      const sell = async (i: number) => {
        // Two tickets (performances in turn, so capacity lasts), a programme, a code, one payment.
        const show = SHOWS[i % SHOWS.length] as (typeof SHOWS)[number];
        await pos.must(c.cart.addTicket, { ...show, qty: 2 });
        await pos.must(c.cart.addProduct, { productId: 'prod-programme', qty: 1 });
        await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
        const cart = await pos.must(c.cart.get);
        const started = performance.now();
        const sale = await pos.must(c.checkout.complete, {
          cartId: cart.id,
          tenders: [{ tender: 'cash', amount: cart.total }],
        });
        return { ms: performance.now() - started, sale };
      };

      // One sale first: its rows are the bare side's template, in a copy of the store as it is now.
      const first = await sell(0);
      const bareFile = join(bareDir.path, DATABASE_FILE);
      db.prepare('VACUUM INTO ?').run(bareFile);
      bare = openDatabase(bareDir.path, findAppRoot());
      const template = templateOf(db, first.sale.sale.id);
      if (first.sale.redemption === null || first.sale.tickets.length < 2)
        throw new Error('the bench sale must have a code and tickets');
      const sold = new Map<string, number>();
      for (const line of first.sale.lines)
        if (line.kind === 'ticket' && line.performanceId)
          sold.set(line.performanceId, (sold.get(line.performanceId) ?? 0) + line.qty);
      const entry = db
        .prepare(
          'SELECT payload, hash, prev_hash AS prevHash, created_at AS createdAt FROM outbox ORDER BY seq DESC LIMIT 1',
        )
        .get() as { payload: string; hash: string; prevHash: string; createdAt: string };
      const writeBare = bareWriter(bare, template, [...sold]);

      let sales = 0;
      const alternate = async () => {
        const ours: number[] = [];
        const theirs: number[] = [];
        for (let i = 0; i < SALES; i++) {
          ours.push((await sell(++sales)).ms);
          const started = performance.now();
          writeBare(entry);
          theirs.push(performance.now() - started);
        }
        const settle = (times: number[]) => times.slice(WARMUP).sort((a, b) => a - b);
        return { checkout: percentile(settle(ours), 50), baseline: percentile(settle(theirs), 50) };
      };
      const { checkout, baseline } = await alternate();
      // Again with fsync off on both sides: what is left is the work in the process, which a busy disk
      // (whose fsync then dwarfs everything) cannot hide.
      for (const store of [db, bare]) store.pragma('synchronous = OFF');
      const unsynced = await alternate();
      const rows = template.inserts.reduce((n, i) => n + i.rows.length, 0) + sold.size + 1;
      const measured = `${SALES - WARMUP} sales alternated`;
      return [
        {
          name: 'sale.commit_vs_bare_ratio',
          value: checkout / baseline,
          unit: 'x',
          target: { op: '<=', value: 1.5 },
          note: `checkout p50 ${checkout.toFixed(3)} ms ÷ bare p50 ${baseline.toFixed(3)} ms, ${measured}`,
        },
        {
          name: 'sale.commit_alternated_p50_ms',
          value: checkout,
          unit: 'ms',
          note: `checkout.complete, ${measured} with the bare transaction`,
        },
        {
          name: 'sale.commit_bare_p50_ms',
          value: baseline,
          unit: 'ms',
          note: `baseline: better-sqlite3 alone, the same ${rows} rows, synchronous=FULL, separate file`,
        },
        {
          name: 'sale.commit_vs_bare_nosync_ratio',
          value: unsynced.checkout / unsynced.baseline,
          unit: 'x',
          note: `synchronous=OFF both: checkout p50 ${unsynced.checkout.toFixed(3)} ms ÷ bare p50 ${unsynced.baseline.toFixed(3)} ms`,
        },
        {
          name: 'sale.commit_nosync_p50_ms',
          value: unsynced.checkout,
          unit: 'ms',
          note: `checkout.complete, synchronous=OFF, ${measured}`,
        },
        {
          name: 'sale.commit_bare_nosync_p50_ms',
          value: unsynced.baseline,
          unit: 'ms',
          note: 'baseline: the same bare transaction, synchronous=OFF',
        },
      ];
    } finally {
      bare?.close();
      await pos.close();
      temp.cleanup();
      bareDir.cleanup();
    }
  },
};
