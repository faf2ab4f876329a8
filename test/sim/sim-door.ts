import { channels as c } from '../../shared/ipc/channels';
import type { DoorScanView } from '../../shared/ipc/domains/door';
import type { Result } from '../../shared/result';
import type { CheckinResponse, DoorOutcome, DoorOutcomeKind } from '../../shared/tickets/checkins';
import type { Terminal } from '../../src-main/terminal';
import type { Database } from '../../src-server/db/database';
import { nextId } from './sim-ids';
import type { SimServer } from './sim-server';
import type { SimNode } from './sim-terminal';

// The simulation's doors (invariant 12, docs/SYNC.md): scanners that check tickets online through
// POST /v1/checkins, as a third-party scanner would, and the terminals' own Door mode, which asks the
// server when it can reach it and decides alone when it cannot (its entries sync as mutations). They scan
// tickets the terminals printed, sometimes twice, sometimes at the door of another performance, and
// sometimes with one character of the barcode changed. What each answer may be is judged at once; what
// the server kept is judged by `checkAdmissions` once everything has drained.

/**
 * The north door admits every performance; the south door only tonight's, so it also sees tickets for
 * other nights. The stage door only ever sees tonight's tickets: most of its scans get in, or are in.
 */
const DOORS = ['North door', 'South door', 'Stage door'] as const;
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Runs a call at a terminal as a person would: to its end, the network moving meanwhile. */
type AtTill = <T>(fn: (t: Terminal) => Promise<T>) => Promise<T | undefined>;

export interface DoorScanStep {
  door: number;
  pick: number;
  tamper: boolean;
}

export interface PrintedTicket {
  id: string;
  saleId: string;
  performanceId: string;
  secret: string;
}

/** Every ticket with a barcode the running terminals hold, in a stable order for `pick`. */
export function printedTickets(nodes: readonly SimNode[]): PrintedTicket[] {
  const all = new Map<string, PrintedTicket>();
  for (const node of nodes) {
    const rows = node.terminal?.db
      .prepare(
        'SELECT id, sale_id AS saleId, performance_id AS performanceId, secret FROM tickets WHERE secret IS NOT NULL ORDER BY id',
      )
      .all() as PrintedTicket[] | undefined;
    for (const row of rows ?? []) all.set(row.id, row);
  }
  return [...all.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** One character changed to its neighbour in the alphabet: what a damaged or forged barcode reads as. */
export function tampered(secret: string, pick: number): string {
  const at = (pick * 7) % secret.length;
  const next = BASE45[(BASE45.indexOf(secret[at] as string) + 1) % BASE45.length] as string;
  return `${secret.slice(0, at)}${next}${secret.slice(at + 1)}`;
}

export class SimDoors {
  /** What the doors' answers broke, reported with the next check. */
  readonly violations: string[] = [];
  readonly outcomes: Partial<Record<DoorOutcomeKind, number>> = {};
  /** Every ticket a door scanned, with its sale. */
  readonly scanned = new Map<string, string>();

  constructor(
    private readonly server: SimServer,
    private readonly store: Database,
    private readonly orgId: () => string,
    private readonly token: () => string,
    private readonly tonightId: () => string,
  ) {}

  /** The doors' answers by kind, as `door.<kind>`, for the run's totals. */
  counts(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.outcomes).map(([kind, n]) => [`door.${kind}`, n]));
  }

  async scan(step: DoorScanStep, tickets: readonly PrintedTicket[]): Promise<string> {
    const door = DOORS[step.door % DOORS.length] as string;
    const queue = door === DOORS[2] ? tickets.filter((t) => t.performanceId === this.tonightId()) : tickets;
    const ticket = queue[step.pick % Math.max(1, queue.length)];
    if (!ticket || !this.server.up) return 'no ticket to scan';
    // The doors are not what the database faults test: a scan must get an answer.
    this.server.db.clearFault();
    this.scanned.set(ticket.id, ticket.saleId);
    const performanceIds = door === DOORS[0] ? await this.performanceIds() : [this.tonightId()];
    const secret = step.tamper ? tampered(ticket.secret, step.pick) : ticket.secret;
    const reply = await this.server.handle({
      method: 'POST',
      path: '/v1/checkins',
      token: this.token(),
      body: { id: nextId(), secret, door, performanceIds },
    });
    if (reply.status >= 300) {
      this.violations.push(
        `[12 admission] ${door}: a scan of ticket ${ticket.id} answered ${reply.status} ${JSON.stringify(reply.body)}`,
      );
      return `answered ${reply.status}`;
    }
    const { outcome } = reply.body as CheckinResponse;
    this.count(outcome);
    if (outcome.kind === 'valid') await this.judgeAdmission(door, ticket, step.tamper);
    if (outcome.kind === 'already_entered' && !step.tamper && !(await this.admittedOnServer(ticket.id)))
      this.violations.push(
        `[12 admission] ${door}: ticket ${ticket.id} was refused as already entered, but no door admitted it`,
      );
    return `${door}: ${outcome.kind}${step.tamper ? ' (tampered)' : ''}`;
  }

  /**
   * A terminal in Door mode at tonight's door scans a ticket: tonight's on an even pick, any on an odd
   * one. Offline it may admit a ticket another door already let in (that entry must end as a review
   * item), but never one it knows void or reissued.
   */
  async scanAtTerminal(
    node: SimNode,
    step: Omit<DoorScanStep, 'door'>,
    tickets: readonly PrintedTicket[],
    atTill: AtTill,
  ): Promise<string> {
    const db = node.terminal?.db;
    const queue = step.pick % 2 === 0 ? tickets.filter((t) => t.performanceId === this.tonightId()) : tickets;
    const ticket = queue[step.pick % Math.max(1, queue.length)];
    if (!db || !ticket) return 'no ticket to scan';
    this.scanned.set(ticket.id, ticket.saleId);
    const door = `${node.name} door`;
    const opened = await atTill((t) => t.dispatch(c.door.open, { performanceIds: [this.tonightId()], door }));
    if (!opened?.ok) return `${door} did not open: ${opened?.reason ?? 'no answer'}`;
    const secret = step.tamper ? tampered(ticket.secret, step.pick) : ticket.secret;
    const scanned = (await atTill((t) => t.dispatch(c.door.scan, { text: secret }))) as
      Result<DoorScanView> | undefined;
    if (!scanned?.ok) return `${door}: ${scanned?.reason ?? 'no answer'}`;
    const { outcome, decidedBy } = scanned.value;
    this.count(outcome);
    if (outcome.kind === 'valid' && decidedBy === 'server')
      await this.judgeAdmission(door, ticket, step.tamper);
    else if (outcome.kind === 'valid') {
      if (step.tamper)
        this.violations.push(`[12 admission] ${door}: a barcode with a changed character was admitted`);
      const known = db
        .prepare(
          `SELECT (SELECT status FROM tickets WHERE id = ?) AS status,
             (SELECT count(*) FROM ticket_revocations WHERE ticket_id = ?) AS revoked`,
        )
        .get(ticket.id, ticket.id) as { status: string | null; revoked: number };
      if ((known.status !== null && known.status !== 'valid') || known.revoked > 0)
        this.violations.push(
          `[12 admission] ${door}: admitted ticket ${ticket.id} offline although this terminal knew it revoked`,
        );
    }
    return `${door} (${decidedBy}): ${outcome.kind}${step.tamper ? ' (tampered)' : ''}`;
  }

  private count(outcome: DoorOutcome): void {
    this.outcomes[outcome.kind] = (this.outcomes[outcome.kind] ?? 0) + 1;
  }

  /** A valid answer must be for an untouched barcode whose ticket the server does not hold revoked. */
  private async judgeAdmission(door: string, ticket: PrintedTicket, tamper: boolean): Promise<void> {
    if (tamper) {
      this.violations.push(`[12 admission] ${door}: a barcode with a changed character was admitted`);
      return;
    }
    const [row] = await this.store.query<{ status: string }>(
      'SELECT status FROM tickets WHERE org_id = $1 AND id = $2',
      [this.orgId(), ticket.id],
    );
    if (row && row.status !== 'valid')
      this.violations.push(
        `[12 admission] ${door}: ticket ${ticket.id} was admitted online although the server holds it ${row.status}`,
      );
  }

  private async admittedOnServer(ticketId: string): Promise<boolean> {
    const rows = await this.store.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM checkins WHERE org_id = $1 AND ticket_id = $2 AND admitted',
      [this.orgId(), ticketId],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  private async performanceIds(): Promise<string[]> {
    const rows = await this.store.query<{ id: string }>(
      'SELECT id::text FROM performances WHERE org_id = $1 ORDER BY id',
      [this.orgId()],
    );
    return rows.map((r) => r.id);
  }
}
