import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { runHost, type HostProcess } from '../helpers/host-process';
import { makeTempDir } from '../helpers/temp-dir';

// `npm start` where Electron cannot be had: the download Electron's own install script makes is
// pointed at a mirror on loopback that has nothing, as a machine without Electron's downloads sees it.
// (Where this machine already has the binary, the script would open Electron: it is hidden from it.)

async function emptyMirror(): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked };
}

describe('npm start without Electron', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let start: HostProcess | undefined;
  let mirror: Awaited<ReturnType<typeof emptyMirror>>;
  afterEach(async () => {
    if (start?.child.exitCode === null) start.child.kill('SIGKILL');
    await start?.exited;
    await new Promise((done) => mirror.server.close(done));
    temp.cleanup();
  });

  it('says why in one line, serves the terminal in the browser host, and stops cleanly on Ctrl+C', async () => {
    temp = makeTempDir();
    mirror = await emptyMirror();
    const dataDir = join(temp.path, 'terminal');
    start = runHost('scripts/start.ts', {
      POS_DATA_DIR: dataDir,
      PORT: '0',
      ELECTRON_MIRROR: mirror.url,
      npm_config_electron_mirror: mirror.url,
      NPM_CONFIG_ELECTRON_MIRROR: mirror.url,
      electron_config_cache: join(temp.path, 'electron-cache'),
      ELECTRON_OVERRIDE_DIST_PATH: join(temp.path, 'no-electron'),
      // A display is named (none is opened: the download fails first), so the download is tried.
      DISPLAY: ':99',
    });
    const [, origin = '', token = ''] = await start.waitFor(
      /Open: (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/,
      60_000,
    );
    const lines = start.output().split('\n');
    const why = lines.filter((line) => line.startsWith('Electron cannot run here'));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/starting the terminal in your browser instead/);
    if (!existsSync(join('node_modules', 'electron', 'path.txt'))) {
      // It really tried to fetch Electron, from where it was told to.
      expect(mirror.asked.some((url) => url.includes('electron-v'))).toBe(true);
      expect(why[0]).toMatch(/download failed: .*404/);
    }

    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const status = await fetch(`${origin}/api/${c.system.status}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await status.json()).toMatchObject({ ok: true, value: { dataDir } });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    // Closed cleanly: the write-ahead log was checkpointed into the store and removed.
    expect(existsSync(join(dataDir, 'terminal.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'terminal.sqlite-wal'))).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'serves the browser host at once on a Linux session without a display',
    async () => {
      temp = makeTempDir();
      mirror = await emptyMirror();
      start = runHost('scripts/start.ts', {
        POS_DATA_DIR: join(temp.path, 'terminal'),
        PORT: '0',
        ELECTRON_MIRROR: mirror.url,
        DISPLAY: '',
        WAYLAND_DISPLAY: '',
      });
      const [, origin = ''] = await start.waitFor(/Open: (http:\/\/127\.0\.0\.1:\d+)\//, 60_000);
      expect(start.output()).toContain(
        'Electron cannot run here (no display: DISPLAY and WAYLAND_DISPLAY are unset)',
      );
      expect(mirror.asked).toEqual([]);
      expect((await fetch(`${origin}/`)).status).toBe(200);
      start.child.kill('SIGINT');
      expect(await start.exited).toBe(0);
    },
  );
});
