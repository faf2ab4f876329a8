import type { SaleLineRow, SaleUnitRow, TicketRow } from '../sync/sale-record';

// docs/TICKETS.md: which tickets a sale makes. Pure, so the terminal's checkout and the tests' pushed
// sales (test/helpers/sync-payloads.ts) make them one way; the signing itself is Node's
// (shared/node/tickets/secret.ts) and comes in as a callback.

/** What a ticket's secret says, signed (shared/node/tickets/secret.ts). */
export interface TicketClaims {
  /** A UUID: the ticket's id. */
  ticketId: string;
  performanceId: string;
  ticketTypeId: string;
  /** ISO instant; kept to the second. */
  issuedAt: string;
}

/** Signs claims with the terminal's key: the barcode text and the key's id. */
export type SealTicket = (claims: TicketClaims) => { secret: string; keyId: string };

export interface IssueTicketsInput {
  saleId: string;
  /** The sale's createdAt: every ticket of a sale is issued when it was made. */
  issuedAt: string;
  lines: readonly Pick<
    SaleLineRow,
    'id' | 'kind' | 'itemId' | 'performanceId' | 'priceBandId' | 'ticketTypeId'
  >[];
  units: readonly Pick<SaleUnitRow, 'lineId' | 'unitIndex' | 'total'>[];
  /** A new UUID per ticket (the secret carries it as 16 bytes). */
  ids: () => string;
  /** Undefined before enrolment: the tickets are made all the same, with no secret or key id. */
  seal?: SealTicket | undefined;
}

/**
 * One valid ticket per unit of every ticket line with a performance, in line and unit order, priced at
 * what the unit was charged after the code's and the custom discount. A ticket line without a
 * performance (a voucher-like entry sold with no date) admits to nothing, so it gets no ticket.
 */
export function issueTickets(input: IssueTicketsInput): TicketRow[] {
  const tickets: TicketRow[] = [];
  for (const line of input.lines) {
    const performanceId = line.performanceId;
    if (line.kind !== 'ticket' || !performanceId) continue;
    const ticketTypeId = line.ticketTypeId ?? line.itemId;
    const units = input.units.filter((u) => u.lineId === line.id).sort((a, b) => a.unitIndex - b.unitIndex);
    for (const unit of units) {
      const id = input.ids();
      const sealed = input.seal?.({ ticketId: id, performanceId, ticketTypeId, issuedAt: input.issuedAt });
      tickets.push({
        id,
        saleId: input.saleId,
        lineId: line.id,
        unitIndex: unit.unitIndex,
        performanceId,
        ticketTypeId,
        priceBandId: line.priceBandId,
        pricePaid: unit.total,
        status: 'valid',
        secret: sealed?.secret ?? null,
        keyId: sealed?.keyId ?? null,
        issuedAt: input.issuedAt,
        replaces: null,
      });
    }
  }
  return tickets;
}

/** The most tickets one reprint takes: the reprint request's bound and the pushed reissue's. */
export const MAX_REPRINT_TICKETS = 1000;

export interface ReissueInput {
  /** The new ticket's id: a door refuses the old one by its id, so a new barcode needs a new id. */
  id: string;
  /** Now: the new secret carries the time it was made. */
  issuedAt: string;
  seal: SealTicket;
}

/**
 * The ticket that replaces `old` at a reprint with a new barcode (docs/TICKETS.md "Reprints"): the same
 * sale, unit, performance, type, band and price, a new id and issue time, signed again, pointing at the
 * ticket it replaces. The caller marks `old` reissued in the same transaction.
 */
export function reissueTicket(old: TicketRow, input: ReissueInput): TicketRow & { replaces: string } {
  const sealed = input.seal({
    ticketId: input.id,
    performanceId: old.performanceId,
    ticketTypeId: old.ticketTypeId,
    issuedAt: input.issuedAt,
  });
  return {
    ...old,
    id: input.id,
    status: 'valid',
    secret: sealed.secret,
    keyId: sealed.keyId,
    issuedAt: input.issuedAt,
    replaces: old.id,
  };
}
