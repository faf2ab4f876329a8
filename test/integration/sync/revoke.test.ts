import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, seedOrganisation } from '../../helpers/server-api';
import { enrolledTerminal, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { Page } from '../../../shared/server-api/page';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';

describe('revoking a terminal (a lost or stolen till)', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterAll(() => world.close());

  it("stops the device token at once, for the terminal's own organisation only", async () => {
    const pos = await enrolledTerminal(world);
    try {
      const id = pos.terminal.terminalId;
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
      const device = apiClient(
        world.server.url,
        readFileSync(join(pos.terminal.dataDir, 'device-token.secret'), 'utf8'),
      );

      // Neither the terminal itself nor another organisation's manager may revoke it.
      expect((await device.post(`/v1/terminals/${id}/revoke`)).status).toBe(403);
      const other = await seedOrganisation(world.server.db(), world.server.url, 'Another theatre');
      expect((await other.api.post(`/v1/terminals/${id}/revoke`)).status).toBe(404);
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });

      const revoked = await world.org.api.post<{ terminalId: string; revokedAt: string }>(
        `/v1/terminals/${id}/revoke`,
      );
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ terminalId: id, revokedAt: expect.any(String) as string });
      expect((await device.post('/v1/sync/pull', { cursor: null })).status).toBe(401);
      expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: false, reason: 'DEVICE_REVOKED' });

      // Asking again changes nothing; the list shows when it happened.
      world.clock.advance(60_000);
      const again = await world.org.api.post<{ revokedAt: string }>(`/v1/terminals/${id}/revoke`);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
      const list = await world.org.api.get<Page<TerminalRow>>('/v1/terminals');
      expect(list.body.items.find((t) => t.id === id)?.revokedAt).toBe(revoked.body.revokedAt);
    } finally {
      await pos.close();
    }
  });
});
