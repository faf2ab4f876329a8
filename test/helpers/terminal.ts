import type { ChannelName } from '../../shared/ipc/channels';
import type { RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { Clock } from '../../src-main/clock';
import { createTerminal, type Terminal, type TerminalOptions } from '../../src-main/terminal';
import { makeTempDir } from './temp-dir';

/** A clock tests can move. */
export function testClock(
  start = Date.parse('2026-11-21T10:00:00.000Z'),
): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => void (now += ms),
    set: (iso) => void (now = Date.parse(iso)),
  };
}

export interface TestTerminal {
  terminal: Terminal;
  clock: ReturnType<typeof testClock>;
  /** Calls a channel through the real dispatcher and returns the whole result. */
  call<C extends ChannelName>(
    channel: C,
    request?: RequestOf<C>,
  ): Promise<{ ok: true; value: ResponseOf<C> } | { ok: false; reason: string; message: string }>;
  /** Calls a channel and fails the test unless it succeeded. */
  must<C extends ChannelName>(channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): Promise<void>;
}

/** Calls and closes an existing core the way tests do; `close` defaults to closing the core. */
export function testTerminalOf(
  terminal: Terminal,
  clock: ReturnType<typeof testClock>,
  close: () => Promise<void> = () => terminal.close(),
): TestTerminal {
  const call = (async (channel: ChannelName, request: unknown = {}) =>
    terminal.dispatch(channel, request)) as TestTerminal['call'];
  const must = (async (channel: ChannelName, request: unknown = {}) => {
    const result = await terminal.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel} failed: ${result.reason}: ${result.message}`);
    return result.value;
  }) as TestTerminal['must'];
  return { terminal, clock, call, must, close };
}

export async function startTestTerminal(options: Partial<TerminalOptions> = {}): Promise<TestTerminal> {
  const temp = makeTempDir('pos-core-');
  const clock = testClock();
  const terminal = await createTerminal({ dataDir: temp.path, clock, demoData: true, ...options });
  return testTerminalOf(terminal, clock, async () => {
    await terminal.close();
    temp.cleanup();
  });
}
