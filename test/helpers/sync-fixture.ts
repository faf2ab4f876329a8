import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { Database } from '../../src-server/db/database';
import { startServer, type RunningServer } from '../../src-server/start';
import type { TerminalOptions } from '../../src-main/terminal';
import { systemClock } from '../../src-main/clock';
import { seedOrganisation, type ApiClient, type SeededOrganisation } from './server-api';
import { startTestTerminal, testClock, type TestTerminal } from './terminal';
import { createPostgresDatabase } from './server-db';
import { makeTempDir } from './temp-dir';

/**
 * The real central server on 127.0.0.1 over PGlite kept in a folder, so it can be stopped (the
 * terminals go offline) and started again on the same port with everything it knew. With `postgres`
 * and DATABASE_URL set, over a fresh PostgreSQL database instead, dropped on close.
 */
export interface RestartableServer {
  url: string;
  port: number;
  db(): Database;
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRestartableServer(
  now: () => Date,
  options: { postgres?: boolean } = {},
): Promise<RestartableServer> {
  const folder = makeTempDir('pos-server-');
  const postgres = options.postgres && process.env.DATABASE_URL ? await createPostgresDatabase() : null;
  const store = postgres ? { databaseUrl: postgres.url } : { dataDir: folder.path };
  let running: RunningServer | undefined = await startServer({
    version: 'test',
    port: 0,
    host: '127.0.0.1',
    ...store,
    now,
  });
  const { url, port } = running;
  return {
    url,
    port,
    db: () => {
      if (!running) throw new Error('the server is stopped');
      return running.context.db;
    },
    async stop() {
      await running?.close();
      running = undefined;
    },
    async restart() {
      running = await startServer({ version: 'test', port, host: '127.0.0.1', ...store, now });
    },
    async close() {
      await running?.close();
      running = undefined;
      await postgres?.drop();
      folder.cleanup();
    },
  };
}

export interface Catalogue {
  venueId: string;
  eventId: string;
  performanceId: string;
  ticketPriceId: string;
  sellerId: string;
  supervisorId: string;
  /** A manager with a PIN: may enrol terminals at the terminal. */
  managerId: string;
}

async function created(api: ApiClient, path: string, body: unknown): Promise<string> {
  const reply = await api.post<{ id: string }>(path, body);
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`${path}: ${reply.status} ${reply.text}`);
  return reply.body.id;
}

/** A venue with one performance at 40.00 a seat; a seller (PIN 1234), a supervisor (5678), a manager (9999). */
export async function seedCatalogue(
  org: SeededOrganisation,
  capacity: number,
  startsAt: string,
): Promise<Catalogue> {
  const { api } = org;
  const venueId = await created(api, '/v1/venues', {
    name: 'Globe',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
  });
  const eventId = await created(api, '/v1/events', { venueId, name: 'Macbeth' });
  const performanceId = await created(api, '/v1/performances', { eventId, startsAt, capacity });
  const priceBandId = await created(api, '/v1/price-bands', { eventId, name: 'Stalls' });
  const ticketTypeId = await created(api, '/v1/ticket-types', { eventId, name: 'Adult' });
  const ticketPriceId = await created(api, '/v1/ticket-prices', {
    eventId,
    ticketTypeId,
    priceBandId,
    unitPrice: 4000,
    vatRate: 700,
  });
  const sellerId = await created(api, '/v1/staff', { name: 'Sally Seller', roleId: 'seller', pin: '7305' });
  const supervisorId = await created(api, '/v1/staff', {
    name: 'Sid Supervisor',
    roleId: 'supervisor',
    pin: '8142',
  });
  const managerId = await created(api, '/v1/staff', {
    name: 'Mia Manager',
    roleId: 'manager',
    pin: '907153',
  });
  return { venueId, eventId, performanceId, ticketPriceId, sellerId, supervisorId, managerId };
}

export async function createCode(api: ApiClient, body: Record<string, unknown>): Promise<string> {
  return created(api, '/v1/codes', {
    name: String(body.code),
    benefit: { type: 'percentage', percent: 1000 },
    ...body,
  });
}

export async function enrolmentCode(api: ApiClient, venueId: string): Promise<string> {
  const reply = await api.post<{ enrolmentCode: string }>(`/v1/venues/${venueId}/enrolment-codes`, {});
  if (reply.status !== 201) throw new Error(`enrolment code: ${reply.status} ${reply.text}`);
  return reply.body.enrolmentCode;
}

export interface SyncWorld {
  clock: ReturnType<typeof testClock>;
  server: RestartableServer;
  org: SeededOrganisation;
  catalogue: Catalogue;
  close(): Promise<void>;
}

/** The server, an organisation and its catalogue, on one movable clock shared with the terminals. */
export async function startSyncWorld(
  capacity = 100,
  options: { postgres?: boolean } = {},
): Promise<SyncWorld> {
  const clock = testClock();
  const server = await startRestartableServer(() => new Date(clock.now()), options);
  const org = await seedOrganisation(server.db(), server.url, `Org ${randomUUID().slice(0, 8)}`);
  const startsAt = new Date(clock.now() + 3 * 86_400_000).toISOString();
  const catalogue = await seedCatalogue(org, capacity, startsAt);
  return { clock, server, org, catalogue, close: () => server.close() };
}

/** The demo manager enrols a demo terminal at the venue with a fresh enrolment code. */
export async function enrolTerminal(
  pos: TestTerminal,
  api: ApiClient,
  venueId: string,
  name = 'Box 1',
): Promise<void> {
  await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
  await pos.must(c.sync.enrol, { enrolmentCode: await enrolmentCode(api, venueId), name });
}

/** A demo terminal pointed at the world's server, enrolled by the demo manager, steps driven by hand. */
export async function enrolledTerminal(
  world: SyncWorld,
  dataDir?: string,
  options: Partial<TerminalOptions> = {},
): Promise<TestTerminal> {
  const pos = await startTestTerminal({
    serverUrl: world.server.url,
    clock: world.clock,
    ...(dataDir ? { dataDir } : {}),
    sync: { autoStart: false },
    ...options,
  });
  await enrolTerminal(pos, world.org.api, world.catalogue.venueId);
  return pos;
}

/**
 * A terminal core on the real clock talking to a server in another process (test/helpers/
 * server-process.ts): enrolled at the catalogue's venue, allowed `leaseCapPercent` of each counter, and
 * signed in as the catalogue's seller, ready to sell. Sync steps are driven by hand.
 */
export async function enrolledAtServer(
  serverUrl: string,
  org: SeededOrganisation,
  catalogue: Catalogue,
  options: { name: string; leaseCapPercent: number; sync?: TerminalOptions['sync'] },
): Promise<TestTerminal> {
  const pos = await startTestTerminal({
    serverUrl,
    clock: systemClock,
    sync: options.sync ?? { autoStart: false, timeoutMs: 2_000, prepareTimeoutMs: 2_000 },
  });
  try {
    await enrolTerminal(pos, org.api, catalogue.venueId, options.name);
    const cap = await org.api.put(`/v1/terminals/${pos.terminal.terminalId}/lease-cap`, {
      percent: options.leaseCapPercent,
    });
    if (cap.status !== 200) throw new Error(`lease cap: ${cap.status} ${cap.text}`);
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    return pos;
  } catch (error) {
    await pos.close();
    throw error;
  }
}

/**
 * Opens a shift if none is open, then sells `qty` seats of the catalogue's performance (or
 * `performanceId`, at the same price), with `code` if given, for cash.
 */
export async function sell(
  pos: TestTerminal,
  catalogue: Catalogue,
  options: { qty?: number; code?: string; performanceId?: string } = {},
): Promise<Awaited<ReturnType<TestTerminal['call']>>> {
  if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 10_000 });
  await pos.must(c.cart.clear);
  await pos.must(c.cart.addTicket, {
    performanceId: options.performanceId ?? catalogue.performanceId,
    ticketPriceId: catalogue.ticketPriceId,
    qty: options.qty ?? 1,
  });
  if (options.code) await pos.must(c.cart.applyCode, { input: options.code });
  const cart = await pos.must(c.cart.get);
  return pos.call(c.checkout.complete, {
    cartId: cart.id,
    tenders: [{ tender: 'cash', amount: cart.total }],
  });
}

/** The server's count of a code's uses, from the admin API. */
export async function serverUses(api: ApiClient, codeId: string): Promise<number> {
  const reply = await api.get<{ usage: { uses: number } }>(`/v1/codes/${codeId}`);
  if (reply.status !== 200) throw new Error(`code ${codeId}: ${reply.status} ${reply.text}`);
  return reply.body.usage.uses;
}

/**
 * The hooks of a test file that shares one world: terminals enrolled through `enrolled()` are closed
 * after each test, the world after the file.
 */
export function useSyncWorld(capacity?: number): {
  world: () => SyncWorld;
  enrolled: () => Promise<TestTerminal>;
} {
  let current: SyncWorld | undefined;
  const open: TestTerminal[] = [];
  const world = () => {
    if (!current) throw new Error('the world starts in beforeAll');
    return current;
  };
  // A server, an organisation and a catalogue with several scrypt hashes: slow on a busy machine.
  beforeAll(async () => {
    current = await startSyncWorld(capacity);
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(() => current?.close());
  return {
    world,
    async enrolled() {
      const pos = await enrolledTerminal(world());
      open.push(pos);
      return pos;
    },
  };
}
