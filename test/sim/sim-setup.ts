import { hashSecret, newToken, tokenHash } from '../../src-server/auth/secrets';
import { insertOrganisation } from '../../src-server/db/repos/org-repo';
import { insertSession, insertStaff } from '../../src-server/db/repos/staff-repo';
import { nextId } from './sim-ids';
import type { SimServer } from './sim-server';

export const SUPERVISOR_PIN = '2468';
/**
 * The organisation rounds cash to 0.05 (docs/CASH.md "Cash rounding"), so the simulation's cash parts
 * are rounded and its money checks count the roundings; the prices and codes make odd totals.
 */
export const SIM_CASH_STEP = 5;

/** The codes every run sells with, one per kind of limit the escrow must respect. */
export const SIM_CODES = {
  uses: 'SIMUSES',
  items: 'SIMITEMS',
  budget: 'SIMBUDGET',
  open: 'SIMOPEN',
  customer: 'SIMCUST',
} as const;

export interface SimWorld {
  orgId: string;
  managerId: string;
  managerToken: string;
  venueId: string;
  eventId: string;
  performanceIds: string[];
  ticketTypeIds: string[];
  priceBandId: string;
  supervisorId: string;
  codeIds: Record<keyof typeof SIM_CODES, string>;
  /** An open-amount gift voucher product (docs/CASH.md "Gift vouchers"). */
  voucherProductId: string;
}

/** The share of each voucher every sim terminal holds ahead, so offline windows spend vouchers too. */
export const SIM_VOUCHER_SHARE = 50;

export class AdminError extends Error {}

/** The admin API as a manager uses it, straight into the app (not through the simulated network). */
export function adminClient(server: SimServer, token: () => string) {
  return async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const reply = await server.handle({
      method,
      path,
      body: method === 'GET' ? undefined : (body ?? {}),
      token: token(),
    });
    if (reply.status >= 300) {
      throw new AdminError(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    }
    return reply.body as T;
  };
}

export type Admin = ReturnType<typeof adminClient>;

/**
 * The supervisor's PIN is hashed once per process, not per run, and at a quarter of the production
 * scrypt cost: the simulation signs the supervisor in at every terminal of every run, and what it checks
 * is sync, not what an offline guess costs (docs/SECURITY.md). The hash carries its cost, so the
 * terminals verify it with the same code as any other.
 */
const SIM_PIN_COST = { N: 16384, r: 8, p: 1 };
let supervisorPinHash: Promise<string> | undefined;

/**
 * One organisation per run on the shared store: runs never see each other's rows, and the PGlite
 * instance (seconds to create) is made once per file. The organisation, its manager (with a session
 * instead of a password) and the supervisor are written with the server's own repos: a password
 * login and a PIN hash per run would spend scrypt time on nothing the simulation checks.
 */
/** Tonight's performance starts 90 minutes after the simulation does. */
const TONIGHT_DAYS = 90 / (24 * 60);

export async function seedWorld(server: SimServer, startMs: number, run: number): Promise<SimWorld> {
  supervisorPinHash ??= hashSecret(SUPERVISOR_PIN, SIM_PIN_COST);
  const pinHash = await supervisorPinHash;
  const organisationId = nextId();
  const managerId = nextId();
  const supervisorId = nextId();
  const managerToken = newToken();
  await server.ctx.db.transaction(async (tx) => {
    await insertOrganisation(tx, { id: organisationId, name: `Sim ${run}` });
    for (const [id, name, roleId, hash] of [
      [managerId, 'Sim manager', 'manager', null],
      [supervisorId, 'Sim supervisor', 'supervisor', pinHash],
    ] as const) {
      await insertStaff(tx, {
        id,
        orgId: organisationId,
        name,
        email: null,
        passwordHash: null,
        pinHash: hash,
        pinDigits: hash ? SUPERVISOR_PIN.length : null,
        roleId,
      });
    }
    await insertSession(tx, {
      tokenHash: tokenHash(managerToken),
      staffId: managerId,
      orgId: organisationId,
      expiresAt: new Date(startMs + 365 * 86_400_000).toISOString(),
    });
  });
  const admin = adminClient(server, () => managerToken);
  // Before any terminal enrols: the first pull brings it with the venue.
  await admin('PATCH', '/v1/organisation', { cashRounding: SIM_CASH_STEP });
  const venue = await admin<{ id: string }>('POST', '/v1/venues', {
    name: 'Sim hall',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
  });
  const event = await admin<{ id: string }>('POST', '/v1/events', { venueId: venue.id, name: 'Sim play' });
  // One small house, so capacity leases run dry within a run, and one that rarely sells out.
  const performanceIds: string[] = [];
  // And tonight's, whose doors are already open, so the simulation's doors admit its tickets.
  for (const [days, capacity] of [
    [2, 6],
    [3, 400],
    [TONIGHT_DAYS, 400],
  ] as const) {
    const performance = await admin<{ id: string }>('POST', '/v1/performances', {
      eventId: event.id,
      startsAt: new Date(startMs + days * 86_400_000).toISOString(),
      capacity,
    });
    performanceIds.push(performance.id);
  }
  const band = await admin<{ id: string }>('POST', '/v1/price-bands', { eventId: event.id, name: 'Stalls' });
  const ticketTypeIds: string[] = [];
  for (const [name, unitPrice] of [
    ['Adult', 4500],
    ['Child', 2253],
  ] as const) {
    const type = await admin<{ id: string }>('POST', '/v1/ticket-types', { eventId: event.id, name });
    ticketTypeIds.push(type.id);
    await admin('POST', '/v1/ticket-prices', {
      eventId: event.id,
      ticketTypeId: type.id,
      priceBandId: band.id,
      unitPrice,
      vatRate: 700,
    });
  }
  const percent = (p: number) => ({ type: 'percentage', percent: p });
  const code = (body: Record<string, unknown>) => admin<{ id: string }>('POST', '/v1/codes', body);
  const codeIds = {
    uses: (
      await code({ code: SIM_CODES.uses, name: 'Capped uses', benefit: percent(1000), rules: { maxUses: 3 } })
    ).id,
    items: (
      await code({
        code: SIM_CODES.items,
        name: 'Capped item uses',
        benefit: { type: 'fixed_per_item', amount: 500 },
        rules: { maxItemUses: 5 },
      })
    ).id,
    budget: (
      await code({
        code: SIM_CODES.budget,
        name: 'Capped budget',
        benefit: percent(2000),
        rules: { budget: 30000 },
      })
    ).id,
    open: (await code({ code: SIM_CODES.open, name: 'Uncapped', benefit: percent(500) })).id,
    customer: (
      await code({
        code: SIM_CODES.customer,
        name: 'Once per customer',
        benefit: percent(1500),
        rules: { maxUsesPerCustomer: 1 },
        offlinePolicy: 'best_effort',
      })
    ).id,
  };
  const voucherProduct = await admin<{ id: string }>('POST', '/v1/products', {
    kind: 'voucher',
    name: 'Sim gift voucher',
    unitPrice: 0,
    vatRate: 0,
    voucherDays: 30,
  });
  return {
    orgId: organisationId,
    managerId,
    managerToken,
    venueId: venue.id,
    eventId: event.id,
    performanceIds,
    ticketTypeIds,
    priceBandId: band.id,
    supervisorId,
    codeIds,
    voucherProductId: voucherProduct.id,
  };
}

/** A fresh one-time enrolment code for the sim venue. */
export async function enrolmentCode(admin: Admin, world: SimWorld): Promise<string> {
  const reply = await admin<{ enrolmentCode: string }>('POST', `/v1/venues/${world.venueId}/enrolment-codes`);
  return reply.enrolmentCode;
}
