import { randomUUID } from 'node:crypto';
import type { BrowserHost, BrowserHostOptions } from '../../../src-main/shells/browser/server';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import {
  createCode,
  enrolmentCode,
  seedCatalogue,
  startRestartableServer,
  type Catalogue,
  type RestartableServer,
} from '../../helpers/sync-fixture';
import { must } from './core-setup';

/** The real central server (restartable on its port) with a theatre, its staff and a code capped at 20 uses. */
export interface SyncServer {
  server: RestartableServer;
  org: SeededOrganisation;
  catalogue: Catalogue;
  code: { id: string; text: string };
  /** A fresh one-time code for enrolling a terminal at the theatre's venue. */
  enrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

export async function startSyncServer(): Promise<SyncServer> {
  const server = await startRestartableServer(() => new Date());
  try {
    const org = await seedOrganisation(server.db(), server.url, `Globe ${randomUUID().slice(0, 8)}`);
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const catalogue = await seedCatalogue(org, 50, startsAt);
    const text = 'FEW20';
    const id = await createCode(org.api, { code: text, rules: { maxUses: 20 } });
    return {
      server,
      org,
      catalogue,
      code: { id, text },
      enrolmentCode: () => enrolmentCode(org.api, catalogue.venueId),
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * A browser host with the demo data enrolled at the server's theatre as `name`, its supervisor signed in
 * with a shift open (100.00 float); sync steps are driven by hand (`pos:sync:now`).
 */
export async function enrolledWindow(
  startHost: (options?: Partial<BrowserHostOptions>) => Promise<BrowserHost>,
  world: SyncServer,
  name: string,
  /** More host options, e.g. a quick connectivity probe for a window that goes offline. */
  options: Partial<BrowserHostOptions> = {},
): Promise<BrowserHost> {
  const host = await startHost({
    serverUrl: world.server.url,
    demoData: true,
    sync: { autoStart: false },
    printer: { enabled: false },
    ...options,
  });
  await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
  await must(host, 'pos:sync:enrol', { enrolmentCode: await world.enrolmentCode(), name });
  await must(host, 'pos:staff:signIn', { staffId: world.catalogue.supervisorId, pin: '8142' });
  await must(host, 'pos:shift:open', { openingFloat: 10_000 });
  return host;
}
