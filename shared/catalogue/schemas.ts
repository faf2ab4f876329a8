import { MAX_VOUCHER_DAYS } from '../vouchers/rules';
import { z } from 'zod';
import { overuseCapValue } from '../auth/overuse-cap';
import { text } from '../text';

// One schema per catalogue record, used by the server's routes and by the back office's forms, so a field
// the server would refuse is marked beside the field before anything is sent. Fields and meanings:
// shared/catalogue/types.ts.

export type CatalogueEntity =
  'venues' | 'events' | 'performances' | 'priceBands' | 'ticketTypes' | 'ticketPrices' | 'products';

/** Where each kind of record lives in the admin API: /v1/<path>. */
export const CATALOGUE_PATHS: Record<CatalogueEntity, string> = {
  venues: 'venues',
  events: 'events',
  performances: 'performances',
  priceBands: 'price-bands',
  ticketTypes: 'ticket-types',
  ticketPrices: 'ticket-prices',
  products: 'products',
};

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const vat = z.number().int().min(0).max(10000);
const name = text().trim().min(1).max(200);

/** Each catalogue record as the admin API accepts it and the back office's forms check it as typed. */
export const CATALOGUE_BODIES = {
  venues: z.strictObject({
    name,
    currency: text().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR'),
    timezone: text().min(1).max(64),
  }),
  events: z.strictObject({
    venueId: z.uuid(),
    name,
    description: text().max(5000).default(''),
    category: text().min(1).max(100).nullable().default(null),
  }),
  performances: z.strictObject({
    eventId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    capacity: z.number().int().min(0).max(1_000_000),
    status: z.enum(['on_sale', 'off_sale', 'cancelled']).default('on_sale'),
    /** docs/CASH.md "Per performance": overuses granted on its sales per business day; null: no cap. */
    overuseCap: overuseCapValue.default(null),
  }),
  priceBands: z.strictObject({ eventId: z.uuid(), name }),
  ticketTypes: z.strictObject({ eventId: z.uuid(), name }),
  ticketPrices: z.strictObject({
    eventId: z.uuid(),
    performanceId: z.uuid().nullable().default(null),
    ticketTypeId: z.uuid(),
    priceBandId: z.uuid(),
    unitPrice: minor,
    vatRate: vat,
  }),
  products: z.strictObject({
    kind: z.enum(['addon', 'merch', 'fee', 'voucher']),
    name,
    unitPrice: minor,
    vatRate: vat,
    category: text().min(1).max(100).nullable().default(null),
    inventoryItemId: text().min(1).max(100).nullable().default(null),
    eventId: z.uuid().nullable().default(null),
    /**
     * docs/CASH.md "Selling one": a voucher's validity in days; null: DEFAULT_VOUCHER_DAYS. Only a voucher
     * has one (the server refuses it on another kind, and a voucher's VAT rate other than 0).
     */
    voucherDays: z.number().int().min(1).max(MAX_VOUCHER_DAYS).nullable().default(null),
  }),
} satisfies Record<CatalogueEntity, z.ZodType>;

/**
 * Fields an update may not change: moving a row to another parent would silently re-price or re-scope
 * history. The server's PATCH schemas leave them out; the back office's forms leave them out of updates.
 */
export const CATALOGUE_IMMUTABLE: Partial<Record<CatalogueEntity, readonly string[]>> = {
  events: ['venueId'],
  performances: ['eventId'],
  priceBands: ['eventId'],
  ticketTypes: ['eventId'],
  ticketPrices: ['eventId', 'performanceId', 'ticketTypeId', 'priceBandId'],
};

/** An update's body: the changes minus the fields `entity` may not change. */
export function mutableFields<T extends object>(entity: CatalogueEntity, changes: T): Partial<T> {
  const immutable = CATALOGUE_IMMUTABLE[entity] ?? [];
  return Object.fromEntries(
    Object.entries(changes).filter(([field]) => !immutable.includes(field)),
  ) as Partial<T>;
}
