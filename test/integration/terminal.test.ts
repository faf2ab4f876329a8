import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/channels';
import type { PosEvent, TerminalSettings, TerminalStatus } from '../../shared/ipc/types';
import { createTerminal, TerminalOpenError, type Terminal } from '../../src-main/terminal';
import { startCentralServer } from '../helpers/central-server';
import { makeTempDir } from '../helpers/temp-dir';

async function call<T>(terminal: Terminal, channel: string, request: unknown = {}): Promise<T> {
  const result = await terminal.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.message}`);
  return result.value as T;
}

describe('createTerminal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const open: Terminal[] = [];
  const start = async (options: Partial<Parameters<typeof createTerminal>[0]> = {}) => {
    const terminal = await createTerminal({ dataDir: temp.path, ...options });
    open.push(terminal);
    return terminal;
  };
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    temp.cleanup();
  });

  it('opens the store with WAL, synchronous=FULL and foreign keys', async () => {
    const terminal = await start();
    expect(terminal.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(terminal.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(terminal.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('reports its status with the schema version and data folder', async () => {
    const terminal = await start();
    const status = await call<TerminalStatus>(terminal, channels.system.status);
    expect(status.dataDir).toBe(temp.path);
    expect(status.schemaVersion).toBe(status.latestSchemaVersion);
    expect(status.schemaVersion).toBeGreaterThan(0);
    expect(status.server).toEqual({ state: 'not_configured', url: null, lastSeenAt: null, revision: 0 });
    expect(status.terminalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('keeps its identity and settings across restarts', async () => {
    const first = await start();
    const { terminalId } = await call<TerminalStatus>(first, channels.system.status);
    await call<TerminalSettings>(first, channels.settings.update, { language: 'de' });
    await first.close();

    const second = await start();
    expect((await call<TerminalStatus>(second, channels.system.status)).terminalId).toBe(terminalId);
    expect(await call<TerminalSettings>(second, channels.settings.get)).toEqual({ language: 'de' });
  });

  it('refuses a data folder written by a newer app and leaves it untouched', async () => {
    const first = await start();
    first.db.pragma('user_version = 999');
    await first.close();
    const failure = await createTerminal({ dataDir: temp.path }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TerminalOpenError);
    expect((failure as TerminalOpenError).reason).toBe('DB_NEWER_THAN_APP');
    expect((failure as TerminalOpenError).message).toMatch(/Install the newer version/);
  });

  it('goes online when the central server answers and offline when it stops', async () => {
    const server = await startCentralServer();
    const events: PosEvent[] = [];
    const terminal = await start({ serverUrl: server.url, connectivity: { intervalMs: 50, timeoutMs: 500 } });
    terminal.events.subscribe((event) => events.push(event));
    await expect
      .poll(async () => (await call<TerminalStatus>(terminal, channels.system.status)).server.state)
      .toBe('online');
    const online = await call<TerminalStatus>(terminal, channels.system.status);
    expect(online.server.url).toBe(server.url);
    expect(online.server.lastSeenAt).not.toBeNull();
    expect(online.server.revision).toBe(1);

    await server.close();
    await expect
      .poll(async () => (await call<TerminalStatus>(terminal, channels.system.status)).server.state)
      .toBe('offline');
    const offline = await call<TerminalStatus>(terminal, channels.system.status);
    // Each change raises the revision, so a renderer can tell a stale read from a newer event.
    expect(offline.server.revision).toBe(2);
    // Offline keeps the last time the server answered: the read above, or a probe after it that got in
    // before the server stopped (probes run every 50 ms here).
    expect(Date.parse(offline.server.lastSeenAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(online.server.lastSeenAt ?? ''),
    );
    const pushed = events.flatMap((e) => (e.type === 'server-status' ? [e.server] : []));
    expect(pushed.at(-1)).toMatchObject({ state: 'offline', revision: 2 });
  });
});
