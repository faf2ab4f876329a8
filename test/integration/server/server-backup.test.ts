import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { systemClock } from '../../../src-main/clock';
import { startServer, type RunningServer } from '../../../src-server/start';
import { runHost } from '../../helpers/host-process';
import { apiClient, type SeededOrganisation } from '../../helpers/server-api';
import { createPostgresDatabase } from '../../helpers/server-db';
import { createCode, enrolmentCode, seedCatalogue, sell } from '../../helpers/sync-fixture';
import { makeTempDir } from '../../helpers/temp-dir';
import { startTestTerminal } from '../../helpers/terminal';

// `npm run server:backup` and `npm run server:restore` (docs/OPERATIONS.md "Server backups"): data made
// through the real API (first-run set-up, a catalogue, a code and a sale a terminal pushed) is backed
// up, restored into an empty database or folder, and read back through the API of a server started on it.

interface Seeded {
  email: string;
  password: string;
  eventId: string;
  codeId: string;
  saleId: string;
  total: number;
}

async function seedThroughApi(url: string): Promise<Seeded> {
  const email = 'manager@example.test';
  const password = 'a long manager password';
  const setup = await apiClient(url).post<{ organisationId: string; managerId: string }>('/v1/setup', {
    organisationName: 'Globe Theatre',
    managerName: 'Mia Manager',
    email,
    password,
  });
  expect(setup.status).toBe(201);
  const login = await apiClient(url).post<{ token: string }>('/v1/auth/login', { email, password });
  const org: SeededOrganisation = {
    ...setup.body,
    email,
    password,
    token: login.body.token,
    api: apiClient(url, login.body.token),
  };
  const catalogue = await seedCatalogue(org, 100, new Date(Date.now() + 3 * 86_400_000).toISOString());
  const codeId = await createCode(org.api, { code: 'BACKUP10' });

  const pos = await startTestTerminal({ serverUrl: url, clock: systemClock, sync: { autoStart: false } });
  try {
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(org.api, catalogue.venueId),
      name: 'Box 1',
    });
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: '7305' });
    const sold = await sell(pos, catalogue, { qty: 2, code: 'BACKUP10' });
    if (!sold.ok) throw new Error(sold.message);
    expect(await pos.must(c.sync.now)).toMatchObject({ pendingSales: 0 });
    const sale = sold.value as { sale: { id: string; total: number } };
    return {
      email,
      password,
      eventId: catalogue.eventId,
      codeId,
      saleId: sale.sale.id,
      total: sale.sale.total,
    };
  } finally {
    await pos.close();
  }
}

/** The same facts, read through the API of the server on the restored data. */
async function expectReadBack(url: string, seeded: Seeded): Promise<void> {
  const login = await apiClient(url).post<{ token: string }>('/v1/auth/login', {
    email: seeded.email,
    password: seeded.password,
  });
  expect(login.status).toBe(200);
  const api = apiClient(url, login.body.token);
  expect((await api.get(`/v1/events/${seeded.eventId}`)).body).toMatchObject({ name: 'Macbeth' });
  expect((await api.get(`/v1/codes/${seeded.codeId}`)).body).toMatchObject({
    code: 'BACKUP10',
    usage: { uses: 1 },
  });
  const order = await api.get(`/v1/reports/orders/${seeded.saleId}`);
  expect(order.status).toBe(200);
  expect(JSON.stringify(order.body)).toContain(String(seeded.total));
}

/** Each organisation's pull generation: a restore renews it, so terminals' next pull is a full snapshot. */
const generations = async (server: RunningServer) =>
  (await server.context.db.query<{ g: string }>('SELECT generation::text AS g FROM sync_positions')).map(
    (row) => row.g,
  );

const start = (store: { dataDir: string } | { databaseUrl: string }) =>
  startServer({ version: 'test', port: 0, host: '127.0.0.1', ...store });

/** Runs a backup command as `npm run` would; PGlite runs clear a DATABASE_URL the test run may have. */
async function command(
  entry: 'server-backup' | 'server-restore',
  env: Record<string, string>,
  args: string[],
) {
  const run = runHost(`scripts/ops/${entry}.ts`, { DATABASE_URL: '', ...env }, args);
  return { code: await run.exited, output: run.output() };
}

describe('server backup and restore on PGlite', () => {
  const temp = makeTempDir('pos-server-backup-');
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
    temp.cleanup();
  });

  it('backs up a stopped server, restores into a new folder only, and serves the same data', async () => {
    const live = join(temp.path, 'live');
    const restored = join(temp.path, 'restored');
    const file = join(temp.path, 'server.tar.gz');
    const server = await start({ dataDir: live });
    servers.push(server);
    const seeded = await seedThroughApi(server.url);

    const whileRunning = await command('server-backup', { SERVER_DATA_DIR: live }, ['--out', file]);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.output).toContain(`The server is running on ${live}`);

    const before = await generations(server);
    await server.close();
    const backup = await command('server-backup', { SERVER_DATA_DIR: live }, ['--out', file]);
    expect(backup.output).toContain(`Backed up the PGlite data in ${live} to ${file}`);
    expect(backup.code).toBe(0);

    const overLive = await command('server-restore', { SERVER_DATA_DIR: live }, ['--from', file]);
    expect(overLive.code).toBe(1);
    expect(overLive.output).toContain(`The folder ${live} is not empty. Nothing was changed`);

    const restore = await command('server-restore', { SERVER_DATA_DIR: restored }, ['--from', file]);
    expect(restore.output).toContain(`Restored ${file} into the PGlite data folder ${restored}.`);
    expect(restore.code).toBe(0);
    const again = await start({ dataDir: restored });
    servers.push(again);
    await expectReadBack(again.url, seeded);
    expect(before).toHaveLength(1);
    expect(await generations(again)).not.toEqual(before);
    // Three PGlite starts in this process and two in the commands' own: slow on a busy machine.
  }, 180_000);
});

describe.skipIf(!process.env.DATABASE_URL)(
  `server backup and restore on PostgreSQL${process.env.DATABASE_URL ? '' : ' (skipped: DATABASE_URL is not set)'}`,
  () => {
    const temp = makeTempDir('pos-pg-backup-');
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      temp.cleanup();
    });

    it('dumps with pg_dump, restores into an empty database only, and serves the same data', async () => {
      const source = await createPostgresDatabase();
      cleanups.push(() => source.drop());
      const server = await start({ databaseUrl: source.url });
      cleanups.push(() => server.close());
      const seeded = await seedThroughApi(server.url);
      const file = join(temp.path, 'server.dump');

      // PostgreSQL is backed up while the server runs.
      const backup = await command('server-backup', { DATABASE_URL: source.url }, ['--out', file]);
      expect(backup.output).toContain(`to ${file} (`);
      expect(backup.code).toBe(0);
      const name = new URL(source.url).pathname.slice(1);
      const notEmpty = await command('server-restore', { DATABASE_URL: source.url }, ['--from', file]);
      expect(notEmpty.code).toBe(1);
      expect(notEmpty.output).toContain(`The database ${name} is not empty (`);
      expect(notEmpty.output).not.toContain(source.url);
      const before = await generations(server);
      await server.close();

      const target = await createPostgresDatabase();
      cleanups.push(() => target.drop());
      const restore = await command('server-restore', { DATABASE_URL: target.url }, ['--from', file]);
      expect(restore.output).toContain(`Restored ${file} into the PostgreSQL database`);
      expect(restore.code).toBe(0);
      const again = await start({ databaseUrl: target.url });
      cleanups.push(() => again.close());
      await expectReadBack(again.url, seeded);
      expect(before).toHaveLength(1);
      expect(await generations(again)).not.toEqual(before);
    }, 120_000);
  },
);
