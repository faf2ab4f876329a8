import type { ChangeEntity } from '../../../shared/sync/protocol';
import type { Queryable } from '../database';
import { codeColumns } from './code-repo';
import { OFFLINE_CUSTOMER_SUBSET, offlineCustomerColumns } from './customer-pull';
import { seatMapColumns } from './seat-map-repo';
import { voucherBalanceColumns } from './voucher-repo';

// Pull reads: every synced table pages by (change_pos, id) on its own index; the service merges the
// tables into one commit-ordered stream. Table and column names come only from this file.

/**
 * What pull pages by position: the changes, and revoked tickets (docs/TICKETS.md), which travel in the
 * response's own `revocations` so that an older terminal, whose change schema lists its entities, is
 * not refused a page.
 */
export type PullEntity = ChangeEntity | 'ticket_revocation' | 'sale_refund' | 'customer' | 'voucher';

interface PullSource {
  entity: PullEntity;
  from: string;
  select: string;
  pos: string;
  where: string;
  textId: boolean;
}

const SOURCES: PullSource[] = (
  [
    {
      // The organisation's receipt header, reason lists and cash rounding travel with each venue (a
      // change to any of them moves the venues).
      entity: 'venue',
      from: 'venues c JOIN organisations o ON o.id = c.org_id',
      select: `c.id, c.name, c.currency, c.timezone, o.receipt_header AS "receiptHeader", o.reasons,
      o.cash_rounding AS "cashRounding"`,
    },
    {
      // With the layout its tickets print in (null: the default), docs/TICKETS.md "Printing tickets".
      entity: 'event',
      from: 'events c',
      select:
        'c.id, c.venue_id AS "venueId", c.name, c.description, c.category, c.ticket_layout AS "ticketLayout"',
    },
    {
      entity: 'performance',
      from: 'performances c',
      // With its overuse cap (docs/CASH.md "Per performance").
      select: `c.id, c.event_id AS "eventId", c.starts_at AS "startsAt", c.capacity, c.status,
      c.seat_map_id AS "seatMapId", c.overuse_cap AS "overuseCap"`,
    },
    { entity: 'price_band', from: 'price_bands c', select: 'c.id, c.event_id AS "eventId", c.name' },
    { entity: 'ticket_type', from: 'ticket_types c', select: 'c.id, c.event_id AS "eventId", c.name' },
    {
      entity: 'ticket_price',
      from: 'ticket_prices c',
      select: `c.id, c.event_id AS "eventId", c.performance_id AS "performanceId", c.ticket_type_id AS "ticketTypeId",
      c.price_band_id AS "priceBandId", c.unit_price AS "unitPrice", c.vat_rate AS "vatRate"`,
    },
    {
      entity: 'product',
      from: 'products c',
      select: `c.id, c.kind, c.name, c.unit_price AS "unitPrice", c.vat_rate AS "vatRate", c.category,
      c.inventory_item_id AS "inventoryItemId", c.event_id AS "eventId", c.voucher_days AS "voucherDays"`,
    },
    {
      entity: 'role',
      from: 'roles c',
      select: `c.id, c.name, c.permissions, c.ceiling_percent AS "ceilingPercent", c.ceiling_amount AS "ceilingAmount",
      c.overuse_cap AS "overuseCap"`,
      textId: true,
    },
    {
      // Every terminal gets every staff row (sales refer to them), but the PIN verifier and the lock
      // state only where the person works: elsewhere the row arrives inactive with no PIN, which also
      // drops a verifier the terminal held before ($6 is the pulling terminal's venue).
      entity: 'staff',
      from: 'staff c LEFT JOIN staff_venues here ON here.staff_id = c.id AND here.venue_id = $6::uuid',
      select: `c.id, c.name, c.role_id AS "roleId",
      CASE WHEN here.staff_id IS NULL OR NOT c.active THEN NULL ELSE c.pin_hash END AS "pinHash",
      c.active AND here.staff_id IS NOT NULL AS active,
      CASE WHEN here.staff_id IS NULL THEN 0 ELSE c.pin_failures END AS "pinFailures",
      CASE WHEN here.staff_id IS NULL THEN NULL ELSE c.pin_locked_until END AS "pinLockedUntil",
      c.training, c.overuse_cap AS "overuseCap"`,
    },
    {
      entity: 'code',
      from: 'codes c LEFT JOIN codes p ON p.id = c.parent_id',
      select: codeColumns('$5'),
      where: 'c.parent_id IS NULL',
    },
    {
      entity: 'code_child',
      from: 'codes c',
      select: 'c.id, c.code, c.parent_id AS "parentId", c.status',
      where: 'c.parent_id IS NOT NULL',
    },
    {
      entity: 'code_usage',
      from: 'codes c',
      select: 'c.id AS "codeId", c.uses, c.item_uses AS "itemUses", c.discount_given AS "discountGiven"',
      pos: 'usage_pos',
      where: 'c.usage_pos IS NOT NULL',
    },
    {
      // Last: a snapshot cursor names its entity by rank, and ranks before it keep their meaning.
      entity: 'ticket_revocation',
      from: 'tickets c',
      select: 'c.status, c.status_changed_at AS "changedAt"',
      where: 'c.change_pos IS NOT NULL',
    },
    {
      // The pulling terminal's sales refunded at another terminal (docs/ORDERS.md), after the tickets.
      entity: 'sale_refund',
      from: 'pos_refunds c',
      select: `c.sale_id AS "saleId", c.terminal_id AS "terminalId", c.kind, c.staff_id AS "staffId", c.amount,
        c.payload->'units' AS units, c.created_at AS "createdAt"`,
      where: 'c.change_pos IS NOT NULL AND c.sale_terminal_id = $7::uuid',
    },
    {
      // The offline subset of the customer store (docs/CUSTOMERS.md "At the terminal"), last.
      entity: 'customer',
      from: 'customers c',
      select: offlineCustomerColumns('$5'),
      where: OFFLINE_CUSTOMER_SUBSET('$5'),
    },
    {
      // Seat maps in use, whole (docs/SEATING.md "Seat maps at the terminal"), after everything else so
      // the ranks before keep their meaning. A map has no position of its own: it stands at the latest
      // position of the performances using it, which attaching it and editing it both move. An unused
      // map is not sent.
      entity: 'seatMap',
      from: `(SELECT m.*, (SELECT max(p.change_pos) FROM performances p WHERE p.seat_map_id = m.id) AS change_pos
        FROM seat_maps m) c`,
      select: seatMapColumns('c'),
      where: 'c.change_pos IS NOT NULL',
    },
    {
      // The organisation's gift vouchers with their balances (docs/CASH.md "Offline"), to every terminal;
      // a spend or refund applied moves the voucher (voucher-repo.ts). Last, after the seat maps.
      entity: 'voucher',
      from: 'vouchers c',
      select: voucherBalanceColumns('c'),
    },
  ] satisfies (Partial<PullSource> & Pick<PullSource, 'entity' | 'from' | 'select'>)[]
).map((s) => ({ pos: 'change_pos', where: 'true', textId: false, ...s }));

/** Dependency order: a full snapshot sends what others refer to first. */
export const SNAPSHOT_ORDER: readonly PullEntity[] = SOURCES.map((s) => s.entity);

export interface PulledRow {
  pos: number;
  entity: PullEntity;
  id: string;
  data: Record<string, unknown>;
}

/** Where to start within one entity: after (pos, id), from pos on (inclusive), or after pos. */
export type Bound = { after: [number, string] } | { from: number } | { above: number };

export async function pullEntity(
  db: Queryable,
  orgId: string,
  entity: PullEntity,
  bound: Bound,
  limit: number,
  now: string,
  venueId: string,
  terminalId: string,
  /** The watermark: rows at or above it are left for a later pull (change-pos.ts). */
  below: number,
): Promise<PulledRow[]> {
  const source = SOURCES.find((s) => s.entity === entity);
  if (!source) return [];
  const pos = `c.${source.pos}`;
  const id = source.textId ? 'c.id COLLATE "C"' : 'c.id';
  let keyset: string;
  let lastId: string | null = null;
  let at: number;
  if ('after' in bound) {
    [at, lastId] = bound.after;
    keyset = `(${pos}, ${id}) > ($2::bigint, $3${source.textId ? '::text' : '::uuid'})`;
  } else if ('from' in bound) {
    at = bound.from;
    keyset = `${pos} >= $2::bigint AND $3::text IS NULL`;
  } else {
    at = bound.above;
    keyset = `${pos} > $2::bigint AND $3::text IS NULL`;
  }
  const rows = await db.query<Record<string, unknown> & { _pos: number; _id: string }>(
    `SELECT ${pos} AS _pos, c.id::text AS _id, ${source.select} FROM ${source.from}
     WHERE c.org_id = $1 AND ${source.where} AND ${keyset} AND ${pos} < $8::bigint AND $5::text IS NOT NULL
       AND $6::uuid IS NOT NULL AND $7::uuid IS NOT NULL
     ORDER BY ${pos}, ${id} LIMIT $4`,
    [orgId, at, lastId, limit, now, venueId, terminalId, below],
  );
  return rows.map(({ _pos, _id, ...data }) => ({ pos: _pos, entity, id: _id, data }));
}

export async function pullTombstones(
  db: Queryable,
  orgId: string,
  after: [number, string, string],
  limit: number,
  /** Entities whose tombstones the pulling terminal does not get (it would not know them). */
  hidden: readonly string[],
  /** The watermark, as for pullEntity. */
  below: number,
): Promise<{ pos: number; entity: ChangeEntity; id: string }[]> {
  return db.query(
    `SELECT change_pos AS pos, entity, id FROM sync_tombstones
     WHERE org_id = $1 AND (change_pos, entity COLLATE "C", id COLLATE "C") > ($2::bigint, $3::text, $4::text)
       AND entity <> ALL($6::text[]) AND change_pos < $7::bigint
     ORDER BY change_pos, entity COLLATE "C", id COLLATE "C" LIMIT $5`,
    [orgId, ...after, limit, hidden, below],
  );
}

/** Every column a change position is written to (server migrations 0005, 0020, 0025, 0027, 0030). */
const POSITIONED: readonly (readonly [string, string])[] = [
  ...[
    'venues',
    'events',
    'performances',
    'price_bands',
    'ticket_types',
    'ticket_prices',
    'products',
    'roles',
    'staff',
    'codes',
    'sync_tombstones',
    'tickets',
    'pos_refunds',
    'customers',
    'performance_seats',
    'vouchers',
  ].map((table) => [table, 'change_pos'] as const),
  ['codes', 'usage_pos'],
];

/**
 * After a restore from a backup: every organisation's positions start a new generation. A terminal's
 * pull cursor may point past what the backup holds, and would skip the changes made after the restore
 * until the positions caught up; with a new generation its next pull is a full snapshot instead
 * (migrations/server/0005_sync.sql). A backup restored into another cluster also restarts transaction
 * ids lower, so the clock's offset moves up to put new positions above every restored one
 * (change-pos.ts). Returns how many organisations were renewed.
 */
export async function renewGenerations(db: Queryable): Promise<number> {
  const highest = POSITIONED.map(([table, column]) => `SELECT max(${column}) AS p FROM ${table}`).join(
    ' UNION ALL ',
  );
  await db.query(
    `UPDATE sync_clock SET xid_offset = greatest(xid_offset,
       (SELECT coalesce(max(p), 0) FROM (${highest}) m) + 1 - pg_current_xact_id()::text::bigint)`,
  );
  const rows = await db.query('UPDATE sync_positions SET generation = gen_random_uuid() RETURNING org_id');
  return rows.length;
}

export async function generationOf(db: Queryable, orgId: string): Promise<string> {
  const [row] = await db.query<{ generation: string }>(
    'SELECT generation FROM sync_positions WHERE org_id = $1',
    [orgId],
  );
  // Every organisation gets its row when it is created (or by migration 0005).
  return row?.generation ?? 'none';
}
