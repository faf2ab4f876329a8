import type { ChannelName } from '../../../../shared/ipc/channels';
import { createPosApi, type Invoke } from '../../../../shared/ipc/client';
import type { IpcResult } from '../../../../shared/ipc/contract';
import { startTestTerminal, type TestTerminal } from '../../../helpers/terminal';

// The renderer's api module takes `window.pos` once, when it is first imported, as it does under
// Electron's preload. Importing this module first puts a bridge there (built by the renderer's own
// createPosApi) whose far end each test chooses: a real in-process terminal, or a transport whose
// answers the test releases in the order it wants. The stores themselves run unchanged.

let route: Invoke = () => Promise.reject(new Error('nothing is connected to the bridge'));

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

Object.assign(globalThis, {
  window: {
    pos: createPosApi((channel, request) => route(channel, request)),
    posEvents: { subscribe: () => () => undefined },
  },
  sessionStorage: memoryStorage(),
});

/** The stores' calls go to a real terminal made in this process, through its real dispatcher. */
export async function connectTerminal(): Promise<TestTerminal> {
  const pos = await startTestTerminal();
  route = (channel, request) => pos.terminal.dispatch(channel, request);
  return pos;
}

export interface HeldCall {
  channel: ChannelName;
  request: unknown;
  answer(result: IpcResult<unknown>): void;
}

/**
 * A transport that holds every call until the test answers it: for the order of answers only, where
 * the core's part is just "some answer, later". Calls on channels in `immediate` are answered at once.
 */
export function connectHeld(immediate: Partial<Record<ChannelName, IpcResult<unknown>>> = {}): HeldCall[] {
  const held: HeldCall[] = [];
  route = (channel, request) => {
    const now = immediate[channel];
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => held.push({ channel, request, answer: resolve }));
  };
  return held;
}

/** Answers every call a test left open and lets the store take the answers: its next test starts clean. */
export async function answerLeftovers(held: readonly HeldCall[], result: IpcResult<unknown>): Promise<void> {
  for (const call of held) call.answer(result);
  await settle();
}

/** Lets every pending promise callback run (one turn of the event loop, no timer), so a store finishes what an answer started. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
