import { channels } from '../../shared/ipc/channels';
import { startBrowserHost } from '../../src-main/shells/browser/server';
import { createTerminal } from '../../src-main/terminal';
import { makeTempDir } from '../helpers/temp-dir';
import { percentile, sample, type BenchSuite } from './harness';

export const terminalSuite: BenchSuite = {
  name: 'terminal',
  async run() {
    const opens = await sample(
      async () => {
        const temp = makeTempDir('pos-bench-');
        const terminal = await createTerminal({ dataDir: temp.path });
        await terminal.close();
        temp.cleanup();
      },
      20,
      2,
    );

    const temp = makeTempDir('pos-bench-');
    const host = await startBrowserHost({ dataDir: temp.path });
    const call = async () => {
      const response = await fetch(`${host.origin}/api/${channels.system.status}`, {
        method: 'POST',
        headers: {
          Origin: host.origin,
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/json',
        },
        body: '{}',
      });
      const result = (await response.json()) as { ok: boolean };
      if (!result.ok) throw new Error('status call failed');
    };
    const roundTrips = await sample(call, 500);
    await host.close();
    temp.cleanup();

    return [
      {
        name: 'terminal.open_fresh_p50_ms',
        value: percentile(opens, 50),
        unit: 'ms',
        note: 'new data folder, all migrations',
      },
      {
        name: 'ipc.browser_roundtrip_p50_ms',
        value: percentile(roundTrips, 50),
        unit: 'ms',
        note: 'HTTP call to the core',
      },
      { name: 'ipc.browser_roundtrip_p99_ms', value: percentile(roundTrips, 99), unit: 'ms' },
    ];
  },
};
