import { createPosApi, type PosEvents } from '../../shared/ipc/client';
import type { PosApi } from '../../shared/ipc/contract';
import { createHttpInvoke, createSocketEvents, readLaunchToken } from './http-transport';

// Under Electron the preload has put `window.pos` in place; otherwise we run in the browser host and
// build the very same API over HTTP. Nothing outside this folder knows which.
function pickTransport(): { api: PosApi; events: PosEvents } {
  if (window.pos && window.posEvents) return { api: window.pos, events: window.posEvents };
  const token = readLaunchToken();
  return { api: createPosApi(createHttpInvoke(token)), events: createSocketEvents(token) };
}

const transport = pickTransport();
export const api: PosApi = transport.api;
export const posEvents: PosEvents = transport.events;
