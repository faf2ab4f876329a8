import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL } from '../../shared/ipc/channels';
import { createPosApi, type PosEvents } from '../../shared/ipc/client';
import type { IpcResult } from '../../shared/ipc/contract';

// The only bridge between the sandboxed renderer and main: one function per channel, never ipcRenderer.

const pos = createPosApi(
  (channel, request) => ipcRenderer.invoke(channel, request) as Promise<IpcResult<unknown>>,
);

const posEvents: PosEvents = {
  subscribe(listener) {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('pos', pos);
contextBridge.exposeInMainWorld('posEvents', posEvents);
