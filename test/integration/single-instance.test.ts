import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { acquireInstanceLock } from '../../src-main/db/instance-lock';
import { findAppRoot } from '../../src-main/app-info';
import { knock, launchSocketPath, listenForLaunches } from '../../src-main/single-instance';
import { createTerminal, TerminalOpenError } from '../../src-main/terminal';
import { runHost, type HostProcess } from '../helpers/host-process';
import { makeTempDir } from '../helpers/temp-dir';

const appRoot = findAppRoot();
const URL_LINE = /Open: (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/;

async function statusThrough(origin: string, token: string): Promise<{ ok: boolean }> {
  const reply = await fetch(`${origin}/api/${c.system.status}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
    body: '{}',
  });
  return (await reply.json()) as { ok: boolean };
}

describe('one terminal per data folder', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const running: HostProcess[] = [];
  afterEach(async () => {
    for (const host of running.splice(0)) {
      host.child.kill('SIGKILL');
      await host.exited;
    }
    temp.cleanup();
  });

  const host = (dataDir: string) => {
    const started = runHost('src-main/shells/browser/main.ts', { POS_DATA_DIR: dataDir, PORT: '0' });
    running.push(started);
    return started;
  };

  it('sends a second launch to the running terminal, and never opens one store twice', async () => {
    temp = makeTempDir();
    const first = host(temp.path);
    const [, origin = '', token = ''] = await first.waitFor(URL_LINE);
    expect(await statusThrough(origin, token)).toMatchObject({ ok: true });

    const second = host(temp.path);
    await second.waitFor(/already running/);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain(`Open: ${origin}/#token=${token}`);

    // Not even in another process that skips the launch handshake: the store's lock refuses it.
    await expect(createTerminal({ dataDir: temp.path, appRoot })).rejects.toMatchObject({
      name: 'TerminalOpenError',
      reason: 'ALREADY_RUNNING',
    });
    expect(acquireInstanceLock(temp.path, appRoot)).toBeNull();
    // The first is untouched: same address, same token, still answering.
    expect(await statusThrough(origin, token)).toMatchObject({ ok: true });

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    const after = await createTerminal({ dataDir: temp.path, appRoot });
    await after.close();
  });

  it('lets the next launch in after the holder dies without cleaning up', async () => {
    temp = makeTempDir();
    const first = host(temp.path);
    await first.waitFor(URL_LINE);
    first.child.kill('SIGKILL');
    await first.exited;
    // The socket file is left behind; the lock went with the process.
    expect(existsSync(launchSocketPath(temp.path))).toBe(true);
    expect(await knock(temp.path)).toBeNull();
    const next = host(temp.path);
    const [, origin = '', token = ''] = await next.waitFor(URL_LINE);
    expect(await statusThrough(origin, token)).toMatchObject({ ok: true });
  });

  it('refuses a second terminal on the same folder in one process too', async () => {
    temp = makeTempDir();
    const one = await createTerminal({ dataDir: temp.path, appRoot });
    try {
      const error = await createTerminal({ dataDir: temp.path, appRoot }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TerminalOpenError);
      expect((error as TerminalOpenError).message).toContain(temp.path);
    } finally {
      await one.close();
    }
  });

  it('answers a launch through a socket in the temp folder when the data folder path is long', async () => {
    temp = makeTempDir();
    const deep = join(temp.path, 'x'.repeat(120));
    expect(launchSocketPath(deep).startsWith(deep)).toBe(false);
    mkdirSync(deep);
    const listener = await listenForLaunches(deep, () => ({ focused: true }));
    try {
      expect(await knock(deep)).toEqual({ focused: true });
    } finally {
      await listener.close();
    }
  });
});
