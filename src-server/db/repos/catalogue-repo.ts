import type { CatalogueEntity } from '../../../shared/catalogue/schemas';
import type { ChangeEntity } from '../../../shared/sync/protocol';
import type { Queryable } from '../database';
import { containsPattern } from '../like';
import { NEXT_POS, positionCte } from './change-pos';

// Every catalogue table has the same shape of access: rows scoped by org_id, a few columns, and
// references to other rows of the same organisation. One description per table keeps the SQL in one
// place; column and table names come only from this file, never from input.

export type EntityName = CatalogueEntity;

export interface EntityTable {
  table: string;
  /** The entity name in sync changes and tombstones. */
  syncEntity: ChangeEntity;
  /** API field → column. */
  columns: Record<string, string>;
  /** API field → the entity it must reference inside the same organisation. */
  refs: Record<string, EntityName>;
  /** List filters accepted as query parameters (a subset of fields). */
  filters: string[];
  /** The column a list's `q` searches (case-insensitive, anywhere in it); none = no search. */
  search?: string;
  order: string;
}

export const ENTITIES: Record<EntityName, EntityTable> = {
  venues: {
    table: 'venues',
    syncEntity: 'venue',
    columns: { name: 'name', currency: 'currency', timezone: 'timezone' },
    refs: {},
    filters: [],
    search: 'name',
    order: 'name, id',
  },
  events: {
    table: 'events',
    syncEntity: 'event',
    columns: { venueId: 'venue_id', name: 'name', description: 'description', category: 'category' },
    refs: { venueId: 'venues' },
    filters: ['venueId', 'category'],
    search: 'name',
    order: 'name, id',
  },
  performances: {
    table: 'performances',
    syncEntity: 'performance',
    // seatMapId is read here and written only by PUT /v1/performances/:id/seat-map (no body carries it).
    columns: {
      eventId: 'event_id',
      startsAt: 'starts_at',
      capacity: 'capacity',
      status: 'status',
      seatMapId: 'seat_map_id',
      overuseCap: 'overuse_cap',
    },
    refs: { eventId: 'events' },
    filters: ['eventId', 'status'],
    order: 'starts_at, id',
  },
  priceBands: {
    table: 'price_bands',
    syncEntity: 'price_band',
    columns: { eventId: 'event_id', name: 'name' },
    refs: { eventId: 'events' },
    filters: ['eventId'],
    search: 'name',
    order: 'name, id',
  },
  ticketTypes: {
    table: 'ticket_types',
    syncEntity: 'ticket_type',
    columns: { eventId: 'event_id', name: 'name' },
    refs: { eventId: 'events' },
    filters: ['eventId'],
    search: 'name',
    order: 'name, id',
  },
  ticketPrices: {
    table: 'ticket_prices',
    syncEntity: 'ticket_price',
    columns: {
      eventId: 'event_id',
      performanceId: 'performance_id',
      ticketTypeId: 'ticket_type_id',
      priceBandId: 'price_band_id',
      unitPrice: 'unit_price',
      vatRate: 'vat_rate',
    },
    refs: {
      eventId: 'events',
      performanceId: 'performances',
      ticketTypeId: 'ticketTypes',
      priceBandId: 'priceBands',
    },
    filters: ['eventId', 'performanceId'],
    order: 'event_id, ticket_type_id, price_band_id, id',
  },
  products: {
    table: 'products',
    syncEntity: 'product',
    columns: {
      kind: 'kind',
      name: 'name',
      unitPrice: 'unit_price',
      vatRate: 'vat_rate',
      category: 'category',
      inventoryItemId: 'inventory_item_id',
      eventId: 'event_id',
      voucherDays: 'voucher_days',
    },
    refs: { eventId: 'events' },
    filters: ['eventId', 'kind', 'category'],
    search: 'name',
    order: 'name, id',
  },
};

function selectList(entity: EntityTable): string {
  return [
    'id',
    ...Object.entries(entity.columns).map(([field, column]) => `${column} AS "${field}"`),
    'version',
  ].join(', ');
}

export async function listEntities(
  db: Queryable,
  name: EntityName,
  orgId: string,
  filters: Record<string, string | undefined>,
  page: { q?: string | undefined; limit: number; offset: number },
): Promise<{ items: Record<string, unknown>[]; total: number }> {
  const entity = ENTITIES[name];
  const params: unknown[] = [orgId];
  const where = ['org_id = $1'];
  for (const field of entity.filters) {
    const value = filters[field];
    if (value === undefined) continue;
    params.push(value);
    where.push(`${entity.columns[field] ?? 'id'} = $${params.length}`);
  }
  if (page.q && entity.search) {
    params.push(containsPattern(page.q));
    where.push(`${entity.search} ILIKE $${params.length}`);
  }
  const from = `FROM ${entity.table} WHERE ${where.join(' AND ')}`;
  const [items, counted] = await Promise.all([
    db.query(
      `SELECT ${selectList(entity)} ${from} ORDER BY ${entity.order}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params),
  ]);
  return { items, total: counted[0]?.n ?? 0 };
}

export async function getEntity(
  db: Queryable,
  name: EntityName,
  orgId: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const entity = ENTITIES[name];
  const rows = await db.query(
    `SELECT ${selectList(entity)} FROM ${entity.table} WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

export async function entityExists(
  db: Queryable,
  name: EntityName,
  orgId: string,
  id: string,
): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM ${ENTITIES[name].table} WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return rows.length === 1;
}

export async function insertEntity(
  db: Queryable,
  name: EntityName,
  orgId: string,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const entity = ENTITIES[name];
  const fields = Object.keys(entity.columns).filter((f) => values[f] !== undefined);
  const columns = ['id', 'org_id', ...fields.map((f) => entity.columns[f] as string), 'change_pos'];
  const params = [id, orgId, ...fields.map((f) => values[f])];
  await db.query(
    `WITH ${positionCte()} INSERT INTO ${entity.table} (${columns.join(', ')})
     VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}, ${NEXT_POS})`,
    params,
  );
}

export async function updateEntity(
  db: Queryable,
  name: EntityName,
  orgId: string,
  id: string,
  values: Record<string, unknown>,
): Promise<boolean> {
  const entity = ENTITIES[name];
  const params: unknown[] = [orgId, id];
  const sets = ['updated_at = now()', 'version = version + 1', `change_pos = ${NEXT_POS}`];
  for (const [field, column] of Object.entries(entity.columns)) {
    if (values[field] === undefined) continue;
    params.push(values[field]);
    sets.push(`${column} = $${params.length}`);
  }
  const rows = await db.query(
    `WITH ${positionCte()}
     UPDATE ${entity.table} SET ${sets.join(', ')} WHERE org_id = $1 AND id = $2 RETURNING id`,
    params,
  );
  return rows.length === 1;
}

export async function deleteEntity(
  db: Queryable,
  name: EntityName,
  orgId: string,
  id: string,
): Promise<boolean> {
  const entity = ENTITIES[name];
  return deleteWithTombstone(db, entity.table, entity.syncEntity, orgId, id);
}

/**
 * Deletes one row of the organisation from `table` (a name from this server's code, never input) and
 * leaves a tombstone that tells terminals to drop it; the tombstone takes a position like any change.
 */
export async function deleteWithTombstone(
  db: Queryable,
  table: string,
  syncEntity: ChangeEntity,
  orgId: string,
  id: string,
): Promise<boolean> {
  const rows = await db.query(
    `WITH ${positionCte()},
       gone AS (DELETE FROM ${table} WHERE org_id = $1 AND id = $2 RETURNING id)
     INSERT INTO sync_tombstones (org_id, entity, id, change_pos)
     SELECT $1, '${syncEntity}', gone.id::text, ${NEXT_POS} FROM gone
     ON CONFLICT (org_id, entity, id) DO UPDATE SET change_pos = excluded.change_pos, deleted_at = now()
     RETURNING id`,
    [orgId, id],
  );
  return rows.length === 1;
}

/** The time zone of the venue an event plays at: a run's local times are read in it. */
export async function eventTimeZone(
  db: Queryable,
  orgId: string,
  eventId: string,
): Promise<string | undefined> {
  const rows = await db.query<{ timezone: string }>(
    `SELECT v.timezone FROM events e JOIN venues v ON v.id = e.venue_id AND v.org_id = e.org_id
      WHERE e.org_id = $1 AND e.id = $2`,
    [orgId, eventId],
  );
  return rows[0]?.timezone;
}
