import type { TicketLayout } from '../../../shared/tickets/layout';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

// An event's ticket layout (migration 0022, docs/TICKETS.md "Printing tickets"), and what an order's
// tickets print from: the stored tickets with the catalogue's names and their event's layout.

export interface StoredEventLayout {
  /** As stored: the service parses it. */
  layout: unknown;
  version: number;
}

export async function eventTicketLayout(
  db: Queryable,
  orgId: string,
  eventId: string,
): Promise<StoredEventLayout | undefined> {
  const rows = await db.query<StoredEventLayout>(
    'SELECT ticket_layout AS layout, version FROM events WHERE org_id = $1 AND id = $2',
    [orgId, eventId],
  );
  return rows[0];
}

/** Sets (null: clears) the layout; the event takes a new version and change position, so terminals pull it. */
export async function setEventTicketLayout(
  db: Queryable,
  orgId: string,
  eventId: string,
  layout: TicketLayout | null,
): Promise<boolean> {
  const rows = await db.query(
    `WITH ${positionCte()}
     UPDATE events SET ticket_layout = $3::jsonb, version = version + 1, updated_at = now(), change_pos = ${NEXT_POS}
     WHERE org_id = $1 AND id = $2 RETURNING id`,
    [orgId, eventId, layout === null ? null : JSON.stringify(layout)],
  );
  return rows.length === 1;
}

/** A pushed sale's facts its tickets print: the receipt number, currency, code and its stored lines and units. */
export interface TicketSale {
  receiptNo: number;
  currency: string;
  codeName: string | null;
  /** The sale payload's lines and units as the terminal pushed them (read leniently by the service). */
  lines: unknown;
  units: unknown;
}

export async function ticketSale(
  db: Queryable,
  orgId: string,
  saleId: string,
): Promise<TicketSale | undefined> {
  const rows = await db.query<TicketSale & { receiptNo: number | string }>(
    `SELECT s.receipt_no AS "receiptNo", s.currency, COALESCE(c.name, s.payload->'sale'->>'codeText') AS "codeName",
       s.payload->'lines' AS lines, s.payload->'units' AS units
     FROM pos_sales s LEFT JOIN codes c ON c.org_id = s.org_id AND c.id::text = s.payload->'sale'->>'codeId'
     WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, saleId],
  );
  const row = rows[0];
  return row && { ...row, receiptNo: Number(row.receiptNo) };
}

/** One valid ticket of a sale with the names of what it admits to; a name is null when its row is gone. */
export interface TicketToPrint {
  ticketId: string;
  lineId: string;
  unitIndex: number;
  pricePaid: number;
  secret: string | null;
  ticketTypeId: string;
  startsAt: string | null;
  eventName: string | null;
  ticketLayout: unknown;
  venueName: string | null;
  timezone: string | null;
  ticketTypeName: string | null;
  priceBandName: string | null;
}

export async function validTicketsOfSale(
  db: Queryable,
  orgId: string,
  saleId: string,
): Promise<TicketToPrint[]> {
  // Catalogue ids are stored as pushed (text): compare them as text, so an id that is no UUID matches nothing.
  const rows = await db.query<
    Omit<TicketToPrint, 'pricePaid' | 'startsAt'> & {
      pricePaid: number | string;
      startsAt: Date | string | null;
    }
  >(
    `SELECT t.id AS "ticketId", t.line_id AS "lineId", t.unit_index AS "unitIndex", t.price_paid AS "pricePaid",
       t.secret, t.ticket_type_id AS "ticketTypeId", p.starts_at AS "startsAt", e.name AS "eventName",
       e.ticket_layout AS "ticketLayout", v.name AS "venueName", v.timezone, tt.name AS "ticketTypeName",
       pb.name AS "priceBandName"
     FROM tickets t
     LEFT JOIN performances p ON p.org_id = t.org_id AND p.id::text = t.performance_id
     LEFT JOIN events e ON e.org_id = t.org_id AND e.id = p.event_id
     LEFT JOIN venues v ON v.org_id = t.org_id AND v.id = e.venue_id
     LEFT JOIN ticket_types tt ON tt.org_id = t.org_id AND tt.id::text = t.ticket_type_id
     LEFT JOIN price_bands pb ON pb.org_id = t.org_id AND pb.id::text = t.price_band_id
     WHERE t.org_id = $1 AND t.sale_id = $2 AND t.status = 'valid'
     ORDER BY t.line_id, t.unit_index`,
    [orgId, saleId],
  );
  return rows.map((r) => ({
    ...r,
    pricePaid: Number(r.pricePaid),
    startsAt: r.startsAt === null ? null : new Date(r.startsAt).toISOString(),
  }));
}
