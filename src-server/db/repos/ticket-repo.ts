import type { TicketRow } from '../../../shared/sync/sale-record';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

// Admission tickets as the terminals issued them (migration 0020, docs/TICKETS.md), their status as
// the server keeps it, and what pull publishes so every door can check a ticket offline: the
// organisation's ticket signing keys and the tickets that stopped being valid.

export interface NewTicket {
  id: string;
  orgId: string;
  saleId: string;
  terminalId: string;
  lineId: string;
  unitIndex: number;
  performanceId: string;
  ticketTypeId: string;
  priceBandId: string | null;
  pricePaid: number;
  secret: string | null;
  keyId: string | null;
  issuedAt: string;
  replaces: string | null;
  /** reissued: a ticket of the same push replaced it (a reprint before the sale reached the server). */
  status: 'valid' | 'reissued';
  statusChangedAt: string | null;
}

/** A ticket as a terminal pushed it, with a sale or a reprint: its status is the server's to keep. */
export type PushedTicket = Omit<TicketRow, 'status'>;

/** The row stored for a pushed ticket of `owner`'s organisation and terminal. */
export function storedTicket(
  t: PushedTicket,
  owner: { orgId: string; terminalId: string },
  state: Pick<NewTicket, 'status' | 'statusChangedAt'> = { status: 'valid', statusChangedAt: null },
): NewTicket {
  return {
    id: t.id,
    orgId: owner.orgId,
    saleId: t.saleId,
    terminalId: owner.terminalId,
    lineId: t.lineId,
    unitIndex: t.unitIndex,
    performanceId: t.performanceId,
    ticketTypeId: t.ticketTypeId,
    priceBandId: t.priceBandId,
    pricePaid: t.pricePaid,
    secret: t.secret,
    keyId: t.keyId,
    issuedAt: t.issuedAt,
    replaces: t.replaces,
    ...state,
  };
}

/**
 * Several tickets of one organisation in one statement, for a caller that checked their ids are new
 * (ticketIdsTaken) under the terminal's lock: a clash anyway is an error, never a silent skip. Only a
 * batch with a reissued ticket takes a change position.
 */
export async function insertTickets(db: Queryable, tickets: readonly NewTicket[]): Promise<void> {
  if (tickets.length === 0) return;
  const reissued = tickets.some((t) => t.status !== 'valid');
  await db.query(
    `WITH ${positionCte()}
     INSERT INTO tickets (id, org_id, sale_id, terminal_id, line_id, unit_index, performance_id, ticket_type_id,
       price_band_id, price_paid, secret, key_id, issued_at, replaces, status, status_changed_at, change_pos)
     SELECT t.id, t."orgId", t."saleId", t."terminalId", t."lineId", t."unitIndex", t."performanceId",
       t."ticketTypeId", t."priceBandId", t."pricePaid", t.secret, t."keyId", t."issuedAt", t.replaces, t.status,
       t."statusChangedAt", ${reissued ? `CASE WHEN t.status = 'valid' THEN NULL ELSE ${NEXT_POS} END` : 'NULL::bigint'}
     FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, "orgId" uuid, "saleId" uuid, "terminalId" uuid, "lineId" text,
       "unitIndex" integer, "performanceId" text, "ticketTypeId" text, "priceBandId" text, "pricePaid" bigint,
       secret text, "keyId" text, "issuedAt" timestamptz, replaces uuid, status text, "statusChangedAt" timestamptz)`,
    [JSON.stringify(tickets)],
  );
}

/** Which of these ticket ids the server holds already (lower case). */
export async function ticketIdsTaken(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>('SELECT id FROM tickets WHERE id = ANY($1::uuid[])', [
    [...new Set(ids)],
  ]);
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

/**
 * Voids the sale's valid tickets of these units ("lineId:unitIndex"), or all of them (`units` null: a
 * void), reissues included, under one new change position so the next pull sends them as revocations.
 * Returns how many it voided.
 */
export async function voidTickets(
  db: Queryable,
  v: { orgId: string; saleId: string; units: readonly string[] | null; at: string },
): Promise<number> {
  const rows = await db.query(
    `WITH ${positionCte()}
     UPDATE tickets SET status = 'void', status_changed_at = $3, change_pos = ${NEXT_POS}
     WHERE org_id = $1 AND sale_id = $2 AND status = 'valid'
       AND ($4::text[] IS NULL OR line_id || ':' || unit_index = ANY($4::text[]))
     RETURNING id`,
    [v.orgId, v.saleId, v.at, v.units ? [...v.units] : null],
  );
  return rows.length;
}

export interface TicketKeyRow {
  terminalId: string;
  publicKey: string;
  /** The terminal's revocation: what it signs after this instant is not trusted. */
  revokedAt: string | null;
}

/**
 * Every ticket signing key of the organisation's terminals, one per enrolment epoch, revoked terminals
 * included (tickets they signed before their revocation stay good). At most `limit`, oldest first.
 */
export async function ticketKeys(db: Queryable, orgId: string, limit: number): Promise<TicketKeyRow[]> {
  const rows = await db.query<{ terminalId: string; publicKey: string; revokedAt: Date | string | null }>(
    `SELECT k.terminal_id AS "terminalId", k.public_key AS "publicKey", t.revoked_at AS "revokedAt"
     FROM terminal_signing_keys k JOIN terminals t ON t.id = k.terminal_id
     WHERE t.org_id = $1 ORDER BY k.created_at, k.terminal_id, k.epoch LIMIT $2`,
    [orgId, limit],
  );
  return rows.map((r) => ({
    terminalId: r.terminalId,
    publicKey: r.publicKey,
    revokedAt: r.revokedAt === null ? null : new Date(r.revokedAt).toISOString(),
  }));
}

/** A void or reissued ticket's status; undefined for a valid one or one the server has not seen yet. */
export async function revocationOf(
  db: Queryable,
  orgId: string,
  ticketId: string,
): Promise<'void' | 'reissued' | undefined> {
  const rows = await db.query<{ status: string }>(
    `SELECT status FROM tickets WHERE org_id = $1 AND id = $2 AND status <> 'valid'`,
    [orgId, ticketId],
  );
  const status = rows[0]?.status;
  return status === 'void' || status === 'reissued' ? status : undefined;
}

/** A stored ticket as a reprint checks it (docs/TICKETS.md "Reprints"). */
export interface HeldTicket {
  id: string;
  saleId: string;
  lineId: string;
  unitIndex: number;
  performanceId: string;
  ticketTypeId: string;
  priceBandId: string | null;
  pricePaid: number;
  status: 'valid' | 'void' | 'reissued';
}

/**
 * The organisation's tickets among these ids, by lower-case id, locked until the transaction ends so a
 * refund applied meanwhile cannot void one this reprint is replacing. Another organisation's are absent.
 */
export async function lockTickets(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, HeldTicket>> {
  const rows = await db.query<HeldTicket>(
    `SELECT id, sale_id AS "saleId", line_id AS "lineId", unit_index AS "unitIndex",
       performance_id AS "performanceId", ticket_type_id AS "ticketTypeId", price_band_id AS "priceBandId",
       price_paid AS "pricePaid", status
     FROM tickets WHERE org_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
    [orgId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}

/**
 * Marks these valid tickets reissued under one new change position, so every door's next pull sends
 * them as revocations. Returns how many it changed.
 */
export async function markReissued(
  db: Queryable,
  v: { orgId: string; ids: readonly string[]; at: string },
): Promise<number> {
  const rows = await db.query(
    `WITH ${positionCte()}
     UPDATE tickets SET status = 'reissued', status_changed_at = $3, change_pos = ${NEXT_POS}
     WHERE org_id = $1 AND id = ANY($2::uuid[]) AND status = 'valid'
     RETURNING id`,
    [v.orgId, [...v.ids], v.at],
  );
  return rows.length;
}
