import { randomUUID } from 'node:crypto';
import type { RouteEntry } from '../../src-server/routes/route-table';
import { seedCatalogue } from './sync-fixture';
import { apiClient, seedOrganisation, signInAs, type ApiClient, type SeededOrganisation } from './server-api';
import type { TestServer } from './server-db';
import { enrol } from './sync-server';

// One organisation with a row of every kind a route's path can name, so the generated authorisation
// matrix and the schema fuzz fill path parameters with real ids (their own and another organisation's).

/** Path segment before a parameter → the kind of row it names. */
export type Resource =
  | 'venues'
  | 'events'
  | 'performances'
  | 'price-bands'
  | 'ticket-types'
  | 'ticket-prices'
  | 'products'
  | 'codes'
  | 'generation-jobs'
  | 'staff'
  | 'roles'
  | 'terminals'
  | 'review-items'
  | 'orders'
  | 'customers'
  | 'seat-maps'
  | 'vouchers';

export interface SeededWorld extends SeededOrganisation {
  ids: Record<Resource, string>;
  /** A signed-in seller: the built-in role with the fewest permissions. */
  seller: ApiClient;
  sellerToken: string;
  sellerId: string;
  terminal: { id: string; epoch: number; deviceToken: string; api: ApiClient };
  /** Field name → a real value of this organisation, to aim generated bodies at real rows. */
  anchors: Record<string, unknown>;
}

async function id(api: ApiClient, path: string, body: unknown): Promise<string> {
  const reply = await api.post<{ id: string }>(path, body);
  if (reply.status !== 201 && reply.status !== 202) throw new Error(`${path}: ${reply.status} ${reply.text}`);
  return reply.body.id;
}

export async function seedWorld(server: TestServer, name: string): Promise<SeededWorld> {
  const org = await seedOrganisation(server.database.db, server.url, name);
  const { api } = org;
  const cat = await seedCatalogue(org, 100, '2030-01-01T19:30:00.000Z');
  const [priceBand] = (await api.get<{ items: { id: string }[] }>(`/v1/price-bands?eventId=${cat.eventId}`))
    .body.items;
  const [ticketType] = (await api.get<{ items: { id: string }[] }>(`/v1/ticket-types?eventId=${cat.eventId}`))
    .body.items;
  const product = await id(api, '/v1/products', {
    kind: 'merch',
    name: 'Mug',
    unitPrice: 800,
    vatRate: 1900,
  });
  const code = await id(api, '/v1/codes', {
    code: `P${randomUUID().slice(0, 8)}`,
    name: 'Parent',
    isParent: true,
    benefit: { type: 'percentage', percent: 1000 },
  });
  const job = await id(api, `/v1/codes/${code}/children`, { count: 2 });
  const standalone = `S${randomUUID().slice(0, 8)}`.toUpperCase();
  await id(api, '/v1/codes', {
    code: standalone,
    name: 'Standalone',
    benefit: { type: 'percentage', percent: 500 },
  });
  // An order of the organisation (the orders report's drill-down): an online use of the standalone code.
  const orderId = randomUUID();
  const order = await api.post('/v1/redemptions', {
    id: randomUUID(),
    orderId,
    code: standalone,
    tickets: 1,
    discount: 100,
    revenue: 900,
    currency: 'EUR',
  });
  if (order.status !== 201) throw new Error(`order: ${order.text}`);
  const roleId = `role-${randomUUID().slice(0, 8)}`;
  const role = await api.post('/v1/roles', {
    id: roleId,
    name: 'Custom',
    permissions: ['sell'],
    customDiscountCeiling: { percent: 0, amount: 0 },
  });
  if (role.status !== 201) throw new Error(`role: ${role.text}`);
  const customer = await id(api, '/v1/customers', { name: 'Ada Customer', email: `${roleId}@example.test` });
  // A seat map of the venue priced in the event's one band, used by no performance.
  const seatMap = await id(api, '/v1/seat-maps/import', {
    venueId: cat.venueId,
    name: 'Main house',
    format: 'csv',
    content: 'section,row,seat,x,y,band\nStalls,A,1,0,0,Stalls\nStalls,A,2,10,0,Stalls\n',
    bands: ['Stalls'],
  });
  const seller = await signInAs(api, server.url, 'seller');
  const reg = await enrol(org, server.url, cat.venueId);
  // A review item is made by sync's edge cases; written directly, as the queue stores it.
  const reviewItem = randomUUID();
  await server.database.db.query(
    `INSERT INTO review_items (id, org_id, kind, terminal_id, summary) VALUES ($1, $2, 'restore_detected', $3, 'seeded')`,
    [reviewItem, org.organisationId, reg.terminalId],
  );
  // A gift voucher a pushed sale issued (docs/CASH.md "Gift vouchers"), written as the push stores it.
  const voucher = randomUUID();
  const voucherSale = randomUUID();
  await server.database.db.query(
    `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
       code_discount, custom_discount, total, payload, status, created_at)
     VALUES ($1, $2, $3, gen_random_uuid(), gen_random_uuid(), $4, 1, 'EUR', 2500, 0, 0, 2500, '{}', 'completed', now())`,
    [voucherSale, org.organisationId, reg.terminalId, org.managerId],
  );
  await server.database.db.query(
    `INSERT INTO vouchers (id, org_id, sale_id, terminal_id, line_id, unit_index, amount, currency, issued_at,
       expires_at, key_id, secret, change_pos)
     VALUES ($1, $2, $3, $4, 'line', 0, 2500, 'EUR', now(), now() + interval '1 year', '0000000000000000', 'seeded', 1)`,
    [voucher, org.organisationId, voucherSale, reg.terminalId],
  );
  const ids: Record<Resource, string> = {
    venues: cat.venueId,
    events: cat.eventId,
    performances: cat.performanceId,
    'price-bands': priceBand?.id ?? '',
    'ticket-types': ticketType?.id ?? '',
    'ticket-prices': cat.ticketPriceId,
    products: product,
    codes: code,
    'generation-jobs': job,
    staff: seller.staffId,
    roles: roleId,
    terminals: reg.terminalId,
    'review-items': reviewItem,
    orders: orderId,
    customers: customer,
    'seat-maps': seatMap,
    vouchers: voucher,
  };
  return {
    ...org,
    ids,
    seller: seller.api,
    sellerToken: seller.token,
    sellerId: seller.staffId,
    terminal: { ...reg, id: reg.terminalId, api: apiClient(server.url, reg.deviceToken) },
    anchors: {
      terminalId: reg.terminalId,
      epoch: reg.epoch,
      venueId: cat.venueId,
      eventId: cat.eventId,
      performanceId: cat.performanceId,
      priceBandId: ids['price-bands'],
      ticketTypeId: ids['ticket-types'],
      ticketPriceId: cat.ticketPriceId,
      codeId: code,
      parentId: code,
      cashierId: cat.sellerId,
      grantedBy: cat.supervisorId,
      roleId: 'seller',
      currency: 'EUR',
      code: standalone,
      counter: `capacity:${cat.performanceId}`,
      seatMapId: seatMap,
    },
  };
}

/** The names of a Fastify path's parameters, in order: `/v1/codes/:id` → ['id']. */
export function paramNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] as string);
}

/**
 * The real id for each parameter of `route`, from the segment before it. A parameter this does not
 * know fails loudly: whoever adds such a route adds its id source here (and a row in seedWorld).
 */
export function pathFor(route: Pick<RouteEntry, 'url'>, world: SeededWorld): string {
  return route.url.replace(/\/([a-z-]+)\/:([A-Za-z_]+)/g, (_, segment: string, param: string) => {
    const known = (world.ids as Record<string, string>)[segment];
    if ((param === 'id' || (segment === 'roles' && param === 'roleId')) && known !== undefined) {
      return `/${segment}/${encodeURIComponent(known)}`;
    }
    // A performance named under another resource (a terminal's seat lease plan, a performance's seats).
    if (param === 'performanceId') return `/${segment}/${encodeURIComponent(world.ids.performances)}`;
    throw new Error(
      `No id source for ${route.url} (:${param} after /${segment}/): add one to test/helpers/route-fixture.ts`,
    );
  });
}

/** Fastify's `/v1/codes/:id` as OpenAPI writes it, `/v1/codes/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, '{$1}');
}
