import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { decodeEscPos } from '../../helpers/escpos-decoder';
import { startEscPosEmulator, type EscPosEmulator } from '../../helpers/escpos-emulator';
import { FAST_PRINTER, RECEIPTS_ONLY } from '../../helpers/printing';
import { enrolmentCode, sell, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import { startTestTerminal } from '../../helpers/terminal';

describe('sync: what an enrolled terminal prints', () => {
  let world: SyncWorld;
  let printer: EscPosEmulator;
  beforeAll(async () => {
    world = await startSyncWorld();
    printer = await startEscPosEmulator();
  });
  afterAll(async () => {
    await printer.close();
    await world.close();
  });

  it('prints the server’s terminal id on receipts and the Z report once enrolled, without a restart', async () => {
    const pos = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      printer: FAST_PRINTER,
      sync: { autoStart: false },
    });
    try {
      const localId = pos.terminal.terminalId;
      await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
      await pos.must(c.print.settingsUpdate, {
        output: 'network',
        host: printer.host,
        port: printer.port,
        ...RECEIPTS_ONLY,
      });
      await pos.must(c.sync.enrol, {
        enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
        name: 'Box 1',
      });
      const serverId = pos.terminal.terminalId;
      expect(serverId).not.toBe(localId);

      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
      const receipt = decodeEscPos((await printer.waitForPrinted(1))[0]!).text;
      expect(receipt).toContain(`Terminal ${serverId}`);
      expect(receipt).not.toContain(localId);

      await pos.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
      await pos.must(c.shift.close, { countedCash: 10_000 + 4000 });
      const z = decodeEscPos((await printer.waitForPrinted(2))[1]!).text;
      expect(z).toContain(`Terminal ${serverId}`);
      expect(z).not.toContain(localId);

      // The id on paper is the one the server files the sale under.
      expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
      const [row] = await world.server
        .db()
        .query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1', [serverId]);
      expect(row?.n).toBe(1);
    } finally {
      await pos.close();
    }
  });

  it('prints the organisation’s receipt header set in the back office, and a new one after the next pull', async () => {
    const pos = await startTestTerminal({
      serverUrl: world.server.url,
      clock: world.clock,
      printer: FAST_PRINTER,
      sync: { autoStart: false },
    });
    try {
      const header = async (lines: string[]) => {
        const current = await world.org.api.get<{ version: number }>('/v1/organisation');
        const saved = await world.org.api.patch('/v1/organisation', {
          receiptHeader: lines,
          expectedVersion: current.body.version,
        });
        expect(saved.status).toBe(200);
      };
      await header(['Globe Theatre Ltd', 'VAT GB 123 4567 89']);
      await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
      await pos.must(c.print.settingsUpdate, {
        output: 'network',
        host: printer.host,
        port: printer.port,
        ...RECEIPTS_ONLY,
      });
      await pos.must(c.sync.enrol, {
        enrolmentCode: await enrolmentCode(world.org.api, world.catalogue.venueId),
        name: 'Box 2',
      });
      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      const printed = printer.printed().length;
      expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
      const first = decodeEscPos((await printer.waitForPrinted(printed + 1))[printed]!).text;
      expect(first).toContain('Globe Theatre Ltd');
      expect(first).toContain('VAT GB 123 4567 89');

      // A new header reaches the terminal with its next pull, without touching the venue.
      await header(['Globe Theatre Group plc']);
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
      expect(await sell(pos, world.catalogue)).toMatchObject({ ok: true });
      const second = decodeEscPos((await printer.waitForPrinted(printed + 2))[printed + 1]!).text;
      expect(second).toContain('Globe Theatre Group plc');
      expect(second).not.toContain('Globe Theatre Ltd');
    } finally {
      await pos.close();
    }
  });
});
