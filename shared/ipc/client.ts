import type { ChannelName } from './channels';
import { channels } from './channels';
import type { IpcResult, PosApi } from './contract';

export type Invoke = (channel: ChannelName, request: unknown) => Promise<IpcResult<unknown>>;

/**
 * Builds `window.pos` from a transport. The preload passes ipcRenderer.invoke, the browser host's
 * client passes an HTTP call: both expose exactly the same functions, derived from the same channel list.
 */
export function createPosApi(invoke: Invoke): PosApi {
  const api: Record<string, Record<string, (request: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const [domain, verbs] of Object.entries(channels)) {
    const fns: Record<string, (request: unknown) => Promise<IpcResult<unknown>>> = {};
    for (const [verb, channel] of Object.entries(verbs) as [string, ChannelName][]) {
      fns[verb] = (request: unknown) => invoke(channel, request ?? {});
    }
    api[domain] = fns;
  }
  return api as unknown as PosApi;
}

export interface PosEvents {
  /** Calls `listener` for every push event; returns the unsubscribe function. */
  subscribe(listener: (event: unknown) => void): () => void;
}
