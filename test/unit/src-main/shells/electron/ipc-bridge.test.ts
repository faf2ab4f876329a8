import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allChannelNames, channels } from '../../../../../shared/ipc/channels';
import { createIpcGuard, registerIpc } from '../../../../../src-main/shells/electron/ipc-bridge';
import { APP_ENTRY_URL } from '../../../../../src-main/security';
import { createTerminal, type Terminal } from '../../../../../src-main/terminal';
import { makeTempDir } from '../../../../helpers/temp-dir';

// The Electron binary cannot run here; the bridge's checks are plain functions over the sender frame,
// exercised against the real core.
const from = (url: string | undefined) => ({ senderFrame: url === undefined ? null : { url } }) as never;

describe('ipc-bridge', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let terminal: Terminal;
  beforeEach(async () => {
    temp = makeTempDir();
    terminal = await createTerminal({ dataDir: temp.path });
  });
  afterEach(async () => {
    await terminal.close();
    temp.cleanup();
  });

  it('answers calls from the app:// page', async () => {
    const guard = createIpcGuard(terminal.dispatch);
    expect(await guard(from(APP_ENTRY_URL), channels.settings.get, {})).toEqual({
      ok: true,
      value: { language: 'en' },
    });
  });

  it('refuses calls from any other origin or a missing frame', async () => {
    const guard = createIpcGuard(terminal.dispatch);
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', undefined]) {
      expect(await guard(from(url), channels.settings.update, { language: 'de' })).toMatchObject({
        ok: false,
        reason: 'FORBIDDEN',
      });
    }
    expect(await guard(from(APP_ENTRY_URL), channels.settings.get, {})).toEqual({
      ok: true,
      value: { language: 'en' },
    });
  });

  it('refuses malformed arguments from a trusted page', async () => {
    const guard = createIpcGuard(terminal.dispatch);
    expect(await guard(from(APP_ENTRY_URL), channels.settings.update, { language: 1 })).toMatchObject({
      reason: 'INVALID_REQUEST',
    });
  });

  it('registers exactly one handler per channel and removes them again', () => {
    const registered = new Map<string, unknown>();
    const ipcMain = {
      handle: (channel: string, listener: unknown) => void registered.set(channel, listener),
      removeHandler: (channel: string) => void registered.delete(channel),
    };
    const unregister = registerIpc(ipcMain, terminal.dispatch);
    expect([...registered.keys()].sort()).toEqual([...allChannelNames].sort());
    unregister();
    expect(registered.size).toBe(0);
  });
});
