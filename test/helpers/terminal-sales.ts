import { channels as c } from '../../shared/ipc/channels';
import type { SaleRecord } from '../../shared/sync/sale-record';
import type { Db } from '../../src-main/db/connection';
import { appendOutbox } from '../../src-main/db/repos/outbox-repo';
import { insertSale, nextReceiptNo } from '../../src-main/db/repos/sale-repo';
import { newId } from '../../src-main/ids';
import type { TestTerminal } from './terminal';

// A terminal store with many sales, for the start-up check's bench and the backup and damage tests
// (docs/OPERATIONS.md): one real sale through the checkout (two adults for Hamlet on the demo theatre),
// then copies of it with fresh ids, each with its outbox row in the chain, as a long season at one
// window leaves the store. Selling 100,000 through the dispatcher would take many minutes; the
// checkout has its own benches.

const ROWS_PER_TRANSACTION = 5_000;

/** The ids a sale record holds, each replaced by a fresh one in its copies. */
function idsOf(record: SaleRecord): string[] {
  return [
    record.sale.id,
    ...record.lines.map((l) => l.id),
    ...record.payments.map((p) => p.id),
    ...(record.redemption ? [record.redemption.id] : []),
    ...record.tickets.map((t) => t.id),
  ];
}

/** Sells one real sale on a demo terminal with a shift open (signed in as a seller) and returns it. */
export async function sellTemplate(pos: TestTerminal): Promise<SaleRecord> {
  if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 10_000 });
  await pos.must(c.cart.addTicket, {
    performanceId: 'perf-hamlet-1',
    ticketPriceId: 'price-hamlet-adult-stalls',
    qty: 2,
  });
  const cart = await pos.must(c.cart.get);
  return pos.must(c.checkout.complete, {
    cartId: cart.id,
    tenders: [{ tender: 'cash', amount: cart.total }],
  });
}

/** Adds copies of `template` until the store holds `total` sales. */
export function fillTerminalSales(db: Db, template: SaleRecord, terminalId: string, total: number): void {
  const { refunds, ...parts } = template;
  if (refunds.length > 0) throw new Error('the template sale must have no refunds');
  const text = JSON.stringify(parts);
  const ids = idsOf(template);
  const count = () => (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  let have = count();
  while (have < total) {
    const batch = Math.min(ROWS_PER_TRANSACTION, total - have);
    db.transaction(() => {
      for (let i = 0; i < batch; i++) {
        let copy = text;
        for (const id of ids) copy = copy.replaceAll(id, newId());
        const record = JSON.parse(copy) as typeof parts;
        const sale = { ...record, sale: { ...record.sale, receiptNo: nextReceiptNo(db) } };
        insertSale(db, sale);
        appendOutbox(db, {
          mutationId: newId(),
          type: 'sale',
          payload: { terminalId, ...sale },
          createdAt: sale.sale.createdAt,
        });
      }
    })();
    have += batch;
  }
}
