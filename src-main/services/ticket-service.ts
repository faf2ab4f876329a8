import type { ReprintMode, TicketReprint } from '../../shared/ipc/domains/tickets';
import { ticketSealer, type TicketSigningKey } from '../../shared/node/tickets/secret';
import { ok, type Err, type Result } from '../../shared/result';
import type { TicketReissuePayload } from '../../shared/sync/payloads';
import type { SaleRecord, TicketRow } from '../../shared/sync/sale-record';
import { reissueTicket } from '../../shared/tickets/issue';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { appendOutbox } from '../db/repos/outbox-repo';
import { loadSale } from '../db/repos/sale-repo';
import { insertTickets, markTicketsReissued } from '../db/repos/ticket-repo';
import { newId } from '../ids';
import { fail, type Translate } from '../messages';
import type { PrintService } from './printing/print-service';
import type { Actor } from './staff-service';
import type { SyncService } from './sync/sync-service';

// Reprinting a sale's tickets (docs/TICKETS.md "Reprints"). A lost or damaged ticket is reprinted with a
// new barcode: a new ticket (new id, new secret) replaces the old one, which every door refuses once it
// has pulled the server's revocation. A supervisor may instead print the same barcodes again, marked
// DUPLICATE (the access table holds that to tickets.duplicate): nothing changes but the paper.

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  terminalId: () => string;
  /** The device key; undefined before enrolment, when no new barcode can be signed. */
  ticketSigner: () => TicketSigningKey | undefined;
  printing: Pick<PrintService, 'printTickets' | 'queueReissued' | 'ready' | 'kick'>;
  /** Pushes soon after a reissue. */
  sync: Pick<SyncService, 'afterWrite'>;
}

export interface ReprintInput {
  saleId: string;
  mode: ReprintMode;
  /** Left out: every valid ticket of the sale. */
  ticketIds?: readonly string[] | undefined;
}

/** Thrown inside the reissue's transaction to roll it back with a refusal to answer. */
class Refused extends Error {
  constructor(readonly failure: Err) {
    super(failure.message);
  }
}

export type TicketService = ReturnType<typeof createTicketService>;

export function createTicketService(deps: Deps) {
  const { db, clock, t } = deps;

  /** The tickets to reprint: those named, each valid and of this sale, or every valid one. */
  const pick = (sale: SaleRecord, ids: readonly string[] | undefined): Result<TicketRow[]> => {
    if (!ids) {
      const valid = sale.tickets.filter((x) => x.status === 'valid');
      return valid.length > 0 ? ok(valid) : fail(t, 'NO_VALID_TICKETS');
    }
    const byId = new Map(sale.tickets.map((x) => [x.id.toLowerCase(), x]));
    const picked: TicketRow[] = [];
    for (const id of ids) {
      const ticket = byId.get(id.toLowerCase());
      if (!ticket) return fail(t, 'TICKET_NOT_IN_SALE');
      if (ticket.status !== 'valid') {
        const status = t(ticket.status === 'void' ? 'TICKET_STATUS_VOID' : 'TICKET_STATUS_REISSUED');
        return fail(t, 'TICKET_NOT_VALID', { ticket: ticket.id, status });
      }
      picked.push(ticket);
    }
    return ok(picked);
  };

  /**
   * One transaction: the old tickets reissued, the new ones written, the `ticket.reissue` mutation in the
   * outbox and the print job queued. A crash leaves all of it or none, so a customer never holds a new
   * ticket the server will not hear of, nor loses the old one without a new one printed.
   */
  const reissue = (actor: Actor, sale: SaleRecord, old: TicketRow[]): Result<TicketReprint> => {
    const key = deps.ticketSigner();
    if (!key) return fail(t, 'REPRINT_NEEDS_KEY');
    // Without a printer the new tickets could not be handed over: refuse before anything changes.
    const ready = deps.printing.ready();
    if (!ready.ok) return ready;
    const now = isoNow(clock);
    const seal = ticketSealer(key);
    const fresh = old.map((ticket) => reissueTicket(ticket, { id: newId(), issuedAt: now, seal }));
    const reissueId = newId();
    const payload: TicketReissuePayload = {
      terminalId: deps.terminalId(),
      saleId: sale.sale.id,
      staffId: actor.staffId,
      at: now,
      // The status is the server's to keep, as with a sale's tickets (shared/sync/payloads.ts).
      tickets: fresh.map(({ status: _status, ...ticket }) => ticket),
    };
    let jobs;
    try {
      jobs = db.transaction(() => {
        // Checked again inside the write: a refund since the sale was read may have voided one.
        if (
          markTicketsReissued(
            db,
            old.map((x) => x.id),
          ) !== old.length
        )
          throw new Refused(fail(t, 'NO_VALID_TICKETS'));
        insertTickets(db, fresh);
        appendOutbox(db, { mutationId: reissueId, type: 'ticket.reissue', payload, createdAt: now });
        const queued = deps.printing.queueReissued(
          sale.sale.id,
          fresh.map((x) => x.id),
          reissueId,
        );
        if (!queued.ok) throw new Refused(queued);
        return queued.value;
      })();
    } catch (error) {
      if (error instanceof Refused) return error.failure;
      throw error;
    }
    deps.printing.kick();
    deps.sync.afterWrite();
    return ok({
      sale: loadSale(db, sale.sale.id) as SaleRecord,
      printed: fresh.map((x) => x.id),
      jobs,
    });
  };

  return {
    /** Reprints a sale's tickets with new barcodes, or (a supervisor) the same ones marked DUPLICATE. */
    reprint(actor: Actor, input: ReprintInput): Result<TicketReprint> {
      const sale = loadSale(db, input.saleId);
      if (!sale) return fail(t, 'UNKNOWN_SALE');
      const picked = pick(sale, input.ticketIds);
      if (!picked.ok) return picked;
      // A training sale's tickets carry no barcode to replace (docs/CASH.md "Training mode"): a "new
      // barcode" reprint prints them again, still marked TRAINING, and tells the server nothing.
      const training = sale.sale.training === 1;
      if (input.mode === 'new_secret' && !training) return reissue(actor, sale, picked.value);
      const ids = picked.value.map((x) => x.id);
      const jobs = deps.printing.printTickets(sale.sale.id, !training, ids);
      return jobs.ok ? ok({ sale, printed: ids, jobs: jobs.value }) : jobs;
    },
  };
}
