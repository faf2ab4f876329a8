import type { PosEvents } from '../../shared/ipc/client';
import type { PosApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Put in place by Electron's preload, or by the back office's host (admin-host.ts). */
    pos?: PosApi;
    posEvents?: PosEvents;
  }
}
