import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readTicketSecret, ticketKeyring } from '../../../shared/node/tickets/secret';
import { decodeBase45, encodeBase45 } from '../../../shared/tickets/base45';
import type { CheckinResponse } from '../../../shared/tickets/checkins';
import { trustedTicketKeys } from '../../../src-main/db/repos/ticket-trust-repo';
import { decodeEscPos, readQrCodes } from '../../helpers/escpos-decoder';
import { startEscPosEmulator, type EscPosEmulator } from '../../helpers/escpos-emulator';
import { FAST_PRINTER } from '../../helpers/printing';
import { apiClient, type ApiClient } from '../../helpers/server-api';
import { enrolmentCode, sell, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

// docs/TICKETS.md end to end, with nothing standing in: a terminal enrolled with the real server sells
// two seats, the tickets print to the ESC/POS emulator on loopback, the QR codes are read back off the
// printed raster, verified against the key the server published, and checked in at the server's door.

describe('a ticket from the sale to the door', () => {
  let world: SyncWorld;
  let printer: EscPosEmulator;
  let pos: TestTerminal;
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterEach(async () => {
    await pos.close();
    await printer.close();
  });
  afterAll(() => world.close());

  /** Door staff's session, signed in on the day (the manager's from set-up has long expired by then). */
  let door: ApiClient;
  const checkIn = (secret: string, doorName: string) =>
    door.post<CheckinResponse>('/v1/checkins', {
      id: randomUUID(),
      secret,
      door: doorName,
      performanceIds: [world.catalogue.performanceId],
    });

  it('prints codes that verify against the published key, admit once, and refuse a second entry and a flipped byte', async () => {
    printer = await startEscPosEmulator();
    pos = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      printer: FAST_PRINTER,
      sync: { autoStart: false },
    });
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await pos.must(c.print.settingsUpdate, { output: 'network', host: printer.host, port: printer.port });
    await pos.must(c.sync.enrol, {
      enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
      name: 'Box 1',
    });
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });

    const sold = await sell(pos, world.catalogue, { qty: 2 });
    if (!sold.ok) throw new Error(`the sale failed: ${sold.message}`);
    const [, ticketJob] = await printer.waitForPrinted(2);
    const secrets = readQrCodes(decodeEscPos(ticketJob!).images);
    expect(secrets).toHaveLength(2);

    // The key comes from the server's pull, as any door's would: not from the terminal's own store.
    expect((await pos.terminal.sync.pullOnce()).ok).toBe(true);
    const keyring = ticketKeyring(trustedTicketKeys(pos.terminal.db));
    for (const secret of secrets) {
      const read = readTicketSecret(secret);
      expect(read).not.toBeNull();
      expect(keyring.check(read!)).toEqual({ ok: true });
    }
    expect((await pos.terminal.sync.pushOnce()).ok).toBe(true);

    // Doors open two hours before the performance: come back an hour before it.
    const performance = await world.org.api.get<{ startsAt: string }>(
      `/v1/performances/${world.catalogue.performanceId}`,
    );
    world.clock.set(new Date(Date.parse(performance.body.startsAt) - 3_600_000).toISOString());
    const { email, password } = world.org;
    const login = await apiClient(world.server.url).post<{ token: string }>('/v1/auth/login', {
      email,
      password,
    });
    door = apiClient(world.server.url, login.body.token);
    const first = await checkIn(secrets[0]!, 'North');
    expect(first.status).toBe(201);
    expect(first.body.outcome).toMatchObject({
      kind: 'valid',
      ticketId: readTicketSecret(secrets[0]!)!.ticketId,
    });
    const second = await checkIn(secrets[0]!, 'South');
    expect(second.body.outcome).toMatchObject({ kind: 'already_entered', entry: { door: 'North' } });

    const bytes = decodeBase45(secrets[1]!)!;
    bytes[20] = bytes[20]! ^ 0x01;
    const flipped = await checkIn(encodeBase45(bytes), 'North');
    expect(flipped.body.outcome.kind).toBe('forged');
    expect((await checkIn(secrets[1]!, 'North')).body.outcome.kind).toBe('valid');
  });
});
