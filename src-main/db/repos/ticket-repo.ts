import type { TicketRow } from '../../../shared/sync/sale-record';
import { prepared, type Db } from '../connection';
import { insertRow } from '../rows';

// The terminal's own tickets after their sale (migration 0013, docs/TICKETS.md "Reprints"). Checkout
// writes a sale's first tickets with the sale (sale-repo.ts insertSale); refunds void them there too.

/**
 * Marks these valid tickets reissued; returns how many it changed. Call inside the reissue's transaction,
 * before the new tickets are written: a unit holds one valid ticket at a time (tickets_one_valid_per_unit).
 */
export function markTicketsReissued(db: Db, ids: readonly string[]): number {
  const mark = prepared(db, "UPDATE tickets SET status = 'reissued' WHERE id = ? AND status = 'valid'");
  return ids.reduce((n, id) => n + mark.run(id).changes, 0);
}

export function insertTickets(db: Db, tickets: readonly TicketRow[]): void {
  for (const ticket of tickets) insertRow(db, 'tickets', ticket);
}
