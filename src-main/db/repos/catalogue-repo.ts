import type {
  EventRecord,
  Performance,
  PriceBand,
  Product,
  TicketPrice,
  TicketType,
  Venue,
} from '../../../shared/catalogue/types';
import { parseReasonLists, type ReasonLists } from '../../../shared/cash/reasons';
import {
  cashRoundingStep,
  parseCashRoundingSetting,
  type CashRoundingSetting,
} from '../../../shared/money/cash-rounding';
import { prepared, type Db } from '../connection';
import { fromRow, toSnake as snake } from '../rows';
import type { TicketOffer } from '../../../shared/ipc/domains/catalogue';
import { storedTicketLayout, type TicketLayout } from '../../../shared/tickets/layout';

interface CatalogueTables {
  venues: Venue;
  events: EventRecord;
  performances: Performance;
  price_bands: PriceBand;
  ticket_types: TicketType;
  ticket_prices: TicketPrice;
  products: Product;
}

/** Inserts or replaces catalogue rows by id; the columns are the record's fields in snake_case. */
export function upsertCatalogue<T extends keyof CatalogueTables>(
  db: Db,
  table: T,
  rows: readonly CatalogueTables[T][],
): void {
  const first = rows[0];
  if (!first) return;
  const keys = Object.keys(first);
  // The SQL depends only on the table and the record's fields, so the cache holds one statement per shape.
  const columns = keys.map(snake);
  const statement = prepared(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  for (const row of rows)
    statement.run(keys.map((k) => (row as unknown as Record<string, unknown>)[k] ?? null));
}

/**
 * The terminal's venue, with the receipt header its organisation prints and the organisation's reason
 * lists (both pulled with the venue).
 */
export interface TerminalVenue extends Venue {
  receiptHeader: string[];
  reasons: ReasonLists;
  /** The organisation's cash rounding setting (shared/money/cash-rounding.ts): null follows the currency. */
  cashRounding: CashRoundingSetting;
}

export function getVenue(db: Db): TerminalVenue | undefined {
  const row = prepared(db, 'SELECT * FROM venues LIMIT 1').get() as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const { receipt_header: header, reasons, cash_rounding: cashRounding, ...rest } = row;
  return {
    ...fromRow<Venue>(rest),
    // Written only by setReceiptHeader (strings), and the column's CHECK keeps it an array.
    receiptHeader: JSON.parse(String(header)) as string[],
    reasons: parseReasonLists(JSON.parse(String(reasons))),
    cashRounding: parseCashRoundingSetting(cashRounding),
  };
}

/** The organisation's cash rounding setting as the venue's pull brought it (docs/CASH.md "Cash rounding"). */
export function setVenueCashRounding(db: Db, venueId: string, setting: CashRoundingSetting): void {
  prepared(db, 'UPDATE venues SET cash_rounding = ? WHERE id = ?').run(setting, venueId);
}

/** The step the venue's cash is rounded to (0: exact), read on every checkout and cash refund. */
export function getVenueCashStep(db: Db): number {
  const row = prepared(db, 'SELECT currency, cash_rounding FROM venues LIMIT 1').get() as
    { currency: string; cash_rounding: unknown } | undefined;
  return row ? cashRoundingStep(row.currency, parseCashRoundingSetting(row.cash_rounding)) : 0;
}

/** The organisation's reason lists as the venue's pull brought them (shared/cash/reasons.ts). */
export function setVenueReasons(db: Db, venueId: string, lists: ReasonLists): void {
  prepared(db, 'UPDATE venues SET reasons = ? WHERE id = ?').run(JSON.stringify(lists), venueId);
}

/** The venue's currency alone (getVenue's), read on every pricing of a cart. */
export function getVenueCurrency(db: Db): string | undefined {
  const row = prepared(db, 'SELECT currency FROM venues LIMIT 1').get() as { currency: string } | undefined;
  return row?.currency;
}

export function setReceiptHeader(db: Db, venueId: string, lines: readonly string[]): void {
  prepared(db, 'UPDATE venues SET receipt_header = ? WHERE id = ?').run(JSON.stringify(lines), venueId);
}

/** The layout an event's tickets print in, as pulled (migration 0017); null: the default. */
export function eventTicketLayout(db: Db, eventId: string): TicketLayout | null {
  const row = prepared(db, 'SELECT layout FROM event_ticket_layouts WHERE event_id = ?').get(eventId) as
    { layout: string } | undefined;
  return row ? storedTicketLayout(JSON.parse(row.layout)) : null;
}

/** Keeps the server's layout for an event; null goes back to the default. */
export function setEventTicketLayout(db: Db, eventId: string, layout: TicketLayout | null): void {
  if (layout === null) prepared(db, 'DELETE FROM event_ticket_layouts WHERE event_id = ?').run(eventId);
  else
    prepared(
      db,
      `INSERT INTO event_ticket_layouts (event_id, layout) VALUES (?, ?)
       ON CONFLICT (event_id) DO UPDATE SET layout = excluded.layout`,
    ).run(eventId, JSON.stringify(layout));
}

export function listEvents(db: Db): EventRecord[] {
  return (prepared(db, 'SELECT * FROM events ORDER BY name').all() as Record<string, unknown>[]).map((r) =>
    fromRow<EventRecord>(r),
  );
}

export function getEvent(db: Db, id: string): EventRecord | undefined {
  const row = prepared(db, 'SELECT * FROM events WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  return row && fromRow<EventRecord>(row);
}

export interface PerformanceWithSales extends Performance {
  sold: number;
}

export function listPerformances(db: Db, eventId?: string): PerformanceWithSales[] {
  const rows = prepared(
    db,
    `SELECT p.*, coalesce(s.sold, 0) AS sold FROM performances p
       LEFT JOIN performance_sold s ON s.performance_id = p.id
       WHERE (@eventId IS NULL OR p.event_id = @eventId) ORDER BY p.starts_at`,
  ).all({ eventId: eventId ?? null }) as Record<string, unknown>[];
  return rows.map((r) => fromRow<PerformanceWithSales>(r));
}

export function getPerformance(db: Db, id: string): PerformanceWithSales | undefined {
  const row = prepared(
    db,
    `SELECT p.*, coalesce(s.sold, 0) AS sold FROM performances p
     LEFT JOIN performance_sold s ON s.performance_id = p.id WHERE p.id = ?`,
  ).get(id) as Record<string, unknown> | undefined;
  return row && fromRow<PerformanceWithSales>(row);
}

/** A performance with an overuse cap (docs/CASH.md "Per performance"), named as the refusal names it. */
export interface CappedPerformance {
  id: string;
  cap: number;
  eventName: string;
  startsAt: string;
}

/** The performances among `ids` that carry an overuse cap, in curtain-up order. */
export function cappedPerformances(db: Db, ids: readonly string[]): CappedPerformance[] {
  if (ids.length === 0) return [];
  return prepared(
    db,
    `SELECT p.id, p.overuse_cap AS cap, e.name AS eventName, p.starts_at AS startsAt
     FROM performances p JOIN events e ON e.id = p.event_id
     WHERE p.overuse_cap IS NOT NULL AND p.id IN (SELECT value FROM json_each(?))
     ORDER BY p.starts_at, p.id`,
  ).all(JSON.stringify(ids)) as CappedPerformance[];
}

/** The cap a pull brought (null: none). */
export function setPerformanceOveruseCap(db: Db, id: string, cap: number | null): void {
  prepared(db, 'UPDATE performances SET overuse_cap = ? WHERE id = ?').run(cap, id);
}

export function listProducts(db: Db, eventId: string | null): Product[] {
  const rows = prepared(
    db,
    'SELECT * FROM products WHERE event_id IS NULL OR event_id = ? ORDER BY kind, name',
  ).all(eventId) as Record<string, unknown>[];
  return rows.map((r) => fromRow<Product>(r));
}

export function getProduct(db: Db, id: string): Product | undefined {
  const row = prepared(db, 'SELECT * FROM products WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  return row && fromRow<Product>(row);
}

export function addSold(db: Db, performanceId: string, delta: number): void {
  // Not an upsert: SQLite checks `sold >= 0` on the row it would insert before it sees the conflict.
  prepared(
    db,
    'INSERT INTO performance_sold (performance_id, sold) VALUES (?, 0) ON CONFLICT DO NOTHING',
  ).run(performanceId);
  prepared(db, 'UPDATE performance_sold SET sold = sold + ? WHERE performance_id = ?').run(
    delta,
    performanceId,
  );
}

const OFFER_SELECT = `SELECT tp.id AS ticketPriceId, e.id AS eventId, e.name AS eventName, e.category AS category,
    p.id AS performanceId, p.starts_at AS startsAt, tt.id AS ticketTypeId, tt.name AS ticketTypeName,
    pb.id AS priceBandId, pb.name AS priceBandName, tp.unit_price AS unitPrice, tp.vat_rate AS vatRate
  FROM performances p
  JOIN events e ON e.id = p.event_id
  JOIN ticket_prices tp ON tp.event_id = e.id AND (tp.performance_id = p.id OR (tp.performance_id IS NULL AND NOT EXISTS (
    SELECT 1 FROM ticket_prices o WHERE o.performance_id = p.id
      AND o.ticket_type_id = tp.ticket_type_id AND o.price_band_id = tp.price_band_id)))
  JOIN ticket_types tt ON tt.id = tp.ticket_type_id
  JOIN price_bands pb ON pb.id = tp.price_band_id`;

/** What a performance sells: each ticket type in each band at its effective price. */
export function listTicketOffers(db: Db, performanceId: string): TicketOffer[] {
  return prepared(db, `${OFFER_SELECT} WHERE p.id = ? ORDER BY pb.rowid, tt.rowid`).all(
    performanceId,
  ) as TicketOffer[];
}

export function getTicketOffer(
  db: Db,
  performanceId: string,
  ticketPriceId: string,
): TicketOffer | undefined {
  return prepared(db, `${OFFER_SELECT} WHERE p.id = ? AND tp.id = ?`).get(performanceId, ticketPriceId) as
    TicketOffer | undefined;
}

/** Performances still to come that are on sale, soonest first: the seats a terminal should hold. */
export function listUpcomingPerformanceIds(db: Db, now: string, limit: number): string[] {
  return (
    prepared(
      db,
      `SELECT id FROM performances WHERE status = 'on_sale' AND starts_at > ? ORDER BY starts_at, id LIMIT ?`,
    ).all(now, limit) as { id: string }[]
  ).map((r) => r.id);
}

/** What a printed ticket names: its performance's event and start, its type and band (null when unknown). */
export function ticketNames(
  db: Db,
  t: { performanceId: string; ticketTypeId: string; priceBandId: string | null },
):
  | { eventName: string; startsAt: string; ticketTypeName: string | null; priceBandName: string | null }
  | undefined {
  return prepared(
    db,
    `SELECT e.name AS eventName, p.starts_at AS startsAt,
       (SELECT name FROM ticket_types WHERE id = @ticketTypeId) AS ticketTypeName,
       (SELECT name FROM price_bands WHERE id = @priceBandId) AS priceBandName
     FROM performances p JOIN events e ON e.id = p.event_id WHERE p.id = @performanceId`,
  ).get(t) as
    | { eventName: string; startsAt: string; ticketTypeName: string | null; priceBandName: string | null }
    | undefined;
}
